// Shared base for every ofl command: maps library errors (OflError and its `code`) to a clear
// one-line message and a non-zero exit code, also under --json.
import { Command, Errors } from '@oclif/core'
import { isOflError } from '../wire/errors.js'

/** Exit codes: 1 bad input (a typed OflError), 2 usage (oclif's own), 3 runtime failure (I/O, network). */
export const EXIT_BAD_INPUT = 1
export const EXIT_RUNTIME = 3

export abstract class OflCommand extends Command {
  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    if (isOflError(err)) {
      return super.catch(new Errors.CLIError(`${err.code}: ${err.message}`, { exit: EXIT_BAD_INPUT, code: err.code }))
    }
    const sys = err as NodeJS.ErrnoException
    if (typeof sys.code === 'string' && typeof sys.syscall === 'string') {
      const path = sys.path ? ` ${sys.path}` : ''
      return super.catch(new Errors.CLIError(`${sys.code}: cannot ${sys.syscall}${path}: ${sys.message}`, { exit: EXIT_RUNTIME, code: sys.code }))
    }
    return super.catch(err)
  }
}
