// cbench-style controller benchmark: emulated switches (switch.ts), wire templates and response peek
// (frames.ts), latency histogram, and the run/report (run.ts).
export { benchController, formatBenchReport, parseTarget, parseOfVersion } from './run.js'
export type { BenchControllerOptions, BenchControllerReport, BenchMode } from './run.js'
export { EmulatedSwitch, SwitchCounters } from './switch.js'
export { LatencyHistogram } from './histogram.js'
export { peekResponse, ResponsePeek, packetInTemplate, writePacketIn, dataFrame, learnFrame } from './frames.js'
