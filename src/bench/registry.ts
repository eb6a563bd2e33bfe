// The benchmark suites register here (each suite module on import); ./suites.ts imports them all and
// ./index.ts runs them. Kept apart from index.ts so that no suite imports the module that imports it.
import type { BenchCase } from './harness.js'

export interface BenchSuite {
  name: string
  description: string
  cases?: () => BenchCase[] | Promise<BenchCase[]>
  /** Whole-process or peer comparisons; returns printable text. */
  run?: (args: string[]) => Promise<string>
}

export const suites: BenchSuite[] = []

export function registerSuite(s: BenchSuite): void {
  suites.push(s)
}
