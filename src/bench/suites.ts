// Side-effect imports: each registers its suites with ./index.js (one line per area).
export {}
import './lacp.js'
