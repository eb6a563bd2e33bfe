#!/usr/bin/env node
// `npm run bench`: runs every benchmark case from src/bench (built to dist/bench) and prints a table.
import { runAll } from '../dist/bench/index.js'

await runAll(process.argv.slice(2))
