// One fuzz target in a worker thread (see main.ts): reports progress and its final figures.
import { parentPort, workerData } from 'node:worker_threads'
import { fuzzTarget, type FuzzStats } from './harness.js'
import { loadSeeds } from './seeds.js'
import { makeTargets } from './targets.js'

export interface WorkerIn {
  target: string
  seed: number
  from: number
  budget: number
  slowMs: number
  reproDir: string
  sab: SharedArrayBuffer
}
export type WorkerOut = { kind: 'progress'; stats: FuzzStats } | { kind: 'done'; stats: FuzzStats }

if (parentPort) {
  const w = workerData as WorkerIn
  const t = makeTargets(loadSeeds()).find((x) => x.name === w.target)!
  const heartbeat = { counters: new Int32Array(w.sab, 0, 2), current: new Uint8Array(w.sab, 8) }
  const stats = await fuzzTarget(t, {
    seed: w.seed, from: w.from, budget: w.budget, slowMs: w.slowMs, reproDir: w.reproDir, heartbeat,
    progressEvery: 500_000, onProgress: (s) => parentPort!.postMessage({ kind: 'progress', stats: s } satisfies WorkerOut),
  })
  parentPort.postMessage({ kind: 'done', stats } satisfies WorkerOut)
}
