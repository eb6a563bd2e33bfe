// The single list of benchmark suites, shared by `npm run bench` (bench/run.js) and `ofl bench`:
// each area module exports its `suite`, this file lists them in run order.
import type { BenchSuite } from './harness.js'
import { suite as openflow } from './openflow.js'
import { suite as controller } from './controller.js'
import { suite as capture } from './capture.js'
import { suite as lacp } from './lacp.js'
import { suite as encode } from './encode.js'

export const suites: readonly BenchSuite[] = [openflow, controller, capture, lacp, encode]
