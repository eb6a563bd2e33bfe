// Side-effect imports: each registers its suites with ./index.js (one line per area).
import './openflow.js'
import './controller.js'
import './capture.js'
export {}
import './lacp.js'
import './encode.js'
