#!/usr/bin/env node
// Generate the capture workloads of the whole-process benchmarks (deterministic, seeded) into a cache
// directory (default $OFL_BENCH_DIR or $TMPDIR/ofl-bench-captures); prints their paths. Never commit them.
//   node bench/gen-captures.js [--quick] [--dir DIR] [workload ...]
import { WORKLOADS, defaultWorkloadDir, ensureWorkload } from '../dist/bench/workloads.js'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const di = args.indexOf('--dir')
const dir = di >= 0 ? args[di + 1] : defaultWorkloadDir()
const names = args.filter((a, i) => !a.startsWith('--') && (di < 0 || i !== di + 1))
for (const n of names) if (!WORKLOADS.includes(n)) throw new Error(`unknown workload ${n} (${WORKLOADS.join(', ')})`)
for (const n of names.length ? names : WORKLOADS) console.log(ensureWorkload(dir, n, quick, (s) => console.error(s)))
