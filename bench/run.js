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
import { defaultWorkloadDir, WORKLOAD_NAMES } from '../dist/bench/workloads.js'

const argv = process.argv.slice(2)
const USAGE = `Usage: npm run bench [-- OPTIONS]          whole-process workloads with their peers, one table + JSON
       npm run bench -- SUITE [SUITE OPTIONS]    in-process suites: openflow, controller, capture, lacp, encode, all

Workload table (ofl lacp decode on generated captures vs tcpdump, tshark and a C loop):
  --runs N                 interleaved runs per command, medians reported (default 3)
  --quick                  files of a tenth of the size
  --only a,b               workloads: ${WORKLOAD_NAMES.join(', ')}
  --dir DIR                where the generated captures live (default $OFL_BENCH_DIR or $TMPDIR/ofl-bench-captures)
  --json FILE              write the table as JSON (default DIR/bench-all.json); README: node bench/readme.js FILE
  --baseline PATH          another build's bin/run.js, run side by side as "baseline"
  --controller             add the controller rows (ofl controller vs ovs-testcontroller, os_ken if installed)
  --controller-runs N      runs per controller cell (default 1)
  --controller-duration S  measured seconds per controller run (default 3)

Controller suite (npm run bench -- controller):
  --runs N --duration S --warmup S --peers ofl,ovs,osken --no-buffered --json FILE

Examples:
  npm run bench -- --runs 3 --controller --json /tmp/bench.json && node bench/readme.js /tmp/bench.json
  npm run bench -- --quick --only lacp-cyclic,lacp-varied
  npm run bench -- controller --runs 3 --duration 3 --peers ofl,ovs`
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE)
  process.exit(0)
}
const KNOWN = ['--runs', '--quick', '--only', '--dir', '--json', '--baseline', '--controller', '--controller-runs', '--controller-duration']
const value = (name) => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1]
}
const positional = argv.filter((a, i) => !a.startsWith('-') && !['--runs', '--json', '--baseline', '--only', '--dir', '--controller-runs', '--controller-duration'].includes(argv[i - 1] ?? ''))
const unknown = positional.length ? undefined : argv.find((a) => a.startsWith('-') && !KNOWN.includes(a.split('=')[0]))
if (unknown !== undefined) {
  console.error(`bench: unknown option ${unknown}\n\n${USAGE}`)
  process.exit(2)
}
const badOnly = value('--only')?.split(',').find((w) => !WORKLOAD_NAMES.includes(w))
if (badOnly !== undefined) {
  console.error(`bench: unknown workload ${badOnly} (known: ${WORKLOAD_NAMES.join(', ')})`)
  process.exit(2)
}
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
