#!/usr/bin/env node
// `npm run bench`: the whole-process workloads of `ofl lacp decode` with their peers (tcpdump, tshark) in
// one table, written as JSON too; the README's performance section is generated from that JSON
// (bench/readme.js). Workload captures are generated (seeded) into $OFL_BENCH_DIR or $TMPDIR.
//   npm run bench [-- --quick] [--runs N] [--json FILE] [--baseline PATH/bin/run.js] [--only a,b]
//                 [--controller [--controller-runs N] [--controller-duration S]]
// `npm run bench -- SUITE [...]` runs the in-process suites of src/bench instead (openflow, controller,
// capture, lacp, encode; `all` for every one), as before.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAll } from '../dist/bench/index.js'
import { formatWorkloadTable, runWorkloadTable } from '../dist/bench/workload-table.js'
import { defaultWorkloadDir } from '../dist/bench/workloads.js'

const argv = process.argv.slice(2)
const value = (name) => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1]
}
const positional = argv.filter((a, i) => !a.startsWith('-') && !['--runs', '--json', '--baseline', '--only', '--dir', '--controller-runs', '--controller-duration'].includes(argv[i - 1] ?? ''))
if (positional.length) {
  await runAll(positional[0] === 'all' ? argv.filter((a) => a !== 'all') : argv)
} else {
  const dir = value('--dir') ?? defaultWorkloadDir()
  const table = await runWorkloadTable({
    quick: argv.includes('--quick'),
    runs: value('--runs') ? Number(value('--runs')) : undefined,
    dir,
    baseline: value('--baseline'),
    only: value('--only')?.split(','),
    // --controller: the controller cells join the table (short runs unless --controller-runs/--controller-duration)
    controller: argv.includes('--controller')
      ? ['--runs', value('--controller-runs') ?? '1', '--duration', value('--controller-duration') ?? (argv.includes('--quick') ? '2' : '3')]
      : undefined,
    log: (s) => console.error(s),
  })
  const file = value('--json') ?? join(dir, 'bench-all.json')
  writeFileSync(file, JSON.stringify(table, null, 2) + '\n')
  console.log(formatWorkloadTable(table))
  console.log(`\nJSON: ${file}  (README: node bench/readme.js ${file})`)
}
