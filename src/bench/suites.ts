// Side-effect imports: each registers its suites with ./registry.js (one line per area).
import './openflow.js'
import './controller.js'
import './capture.js'
export {}
import './lacp.js'
import './encode.js'
