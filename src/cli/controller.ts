// Asking a running `ofl controller` over its control socket, with the message a person needs when
// there is none: "no ofl controller is running on port 6653".
import { controlSocketPath, queryController, type ControllerStatus } from '../controller/index.js'
import { runtimeError } from './base.js'

export async function askController(port: number, socket: string | undefined, command: string): Promise<ControllerStatus> {
  const path = socket ?? controlSocketPath(port)
  try {
    return await queryController(path, command)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ENOTSOCK') {
      throw runtimeError('NO_CONTROLLER', socket
        ? `no ofl controller is listening on ${path} (${code === 'ENOENT' ? 'no such socket' : 'connection refused'})`
        : `no ofl controller is running on port ${port} (no control socket at ${path}); start one with \`ofl controller --port ${port} --bond DPID:PORT,PORT\`, or give --port/--socket`)
    }
    throw e
  }
}
