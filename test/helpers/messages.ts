// Narrow a decoded message to the (version, type) a test expects, failing the test otherwise.
import { isMessage, type MessageOf } from '../../src/openflow/codec.js'
import type { KnownVersion } from '../../src/openflow/messages.js'
import type { OfMessageBase } from '../../src/openflow/header.js'

export function expectMessage<V extends KnownVersion, T extends number>(m: OfMessageBase, version: V, type: T): MessageOf<V, T> {
  if (!isMessage(m, version, type)) throw new Error(`expected an OpenFlow message of version ${version} type ${type}, got version ${m.version} type ${m.type}`)
  return m
}
