// Find the `ofl controller --workers N` worker processes under a process this test started: its
// descendants (through /proc/PID/task/TID/children) whose environment carries OFL_WORKER=i.
import { readFileSync, readdirSync } from 'node:fs'

function children(pid: number): number[] {
  const out: number[] = []
  let tasks: string[]
  try {
    tasks = readdirSync(`/proc/${pid}/task`)
  } catch {
    return out
  }
  for (const task of tasks) {
    try {
      out.push(...readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number))
    } catch {
      /* the task ended */
    }
  }
  return out
}

/** Worker number (OFL_WORKER) → PID, among the descendants of `root`. */
export function workerPids(root: number): Map<number, number> {
  const out = new Map<number, number>()
  const todo = children(root)
  while (todo.length) {
    const pid = todo.shift()!
    let env: string
    try {
      env = readFileSync(`/proc/${pid}/environ`, 'utf8')
    } catch {
      continue
    }
    const w = env.split('\0').find((e) => e.startsWith('OFL_WORKER='))
    if (w) out.set(Number(w.slice('OFL_WORKER='.length)), pid)
    else todo.push(...children(pid))
  }
  return out
}
