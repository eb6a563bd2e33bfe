// A mastership candidate in its own process, so a test can SIGKILL it (no lease revoke, no goodbye).
// argv: ENDPOINT NAME PREFIX TTL DPID... ; prints one JSON line per role change on stdout.
// Uses the built library (dist/), like the CLI tests.
import { Mastership } from '../../dist/controller/ha/mastership.js'

const [endpoint, name, prefix, ttl, ...dpids] = process.argv.slice(2)
const m = new Mastership({ endpoints: [endpoint], name, prefix, ttlSeconds: Number(ttl), log: (l) => process.stderr.write(l + '\n') })
m.on('change', (c) => process.stdout.write(JSON.stringify({ ...c, dpid: String(c.dpid), generationId: c.generationId === undefined ? null : String(c.generationId), t: Date.now() }) + '\n'))
await m.start()
for (const d of dpids) m.join(BigInt(d))
process.on('SIGTERM', () => void m.close().then(() => process.exit(0)))
