// Injected time for the controller's state machines (OVS `lacp_run` + timers; `tests/lacp.at`
// uses `time/warp`). Production code gets `systemClock`; tests get a FakeClock they advance by hand.

export interface TimerHandle {
  cancel(): void
}

export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number
  /** Run `fn` once after `ms` milliseconds. */
  setTimer(ms: number, fn: () => void): TimerHandle
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms)
    t.unref?.()
    return { cancel: () => clearTimeout(t) }
  },
}

interface FakeTimer {
  at: number
  seq: number
  fn: () => void
  live: boolean
}

/** A manual clock: `advance(ms)` fires due timers in time order. */
export class FakeClock implements Clock {
  private t: number
  private seq = 0
  private timers: FakeTimer[] = []

  constructor(start = 0) {
    this.t = start
  }

  now(): number {
    return this.t
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const timer: FakeTimer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn, live: true }
    this.timers.push(timer)
    return { cancel: () => void (timer.live = false) }
  }

  /** Number of timers still pending. */
  get pending(): number {
    return this.timers.filter((x) => x.live).length
  }

  advance(ms: number): void {
    const end = this.t + ms
    for (;;) {
      let next: FakeTimer | undefined
      for (const x of this.timers) if (x.live && x.at <= end && (!next || x.at < next.at || (x.at === next.at && x.seq < next.seq))) next = x
      if (!next) break
      this.t = next.at
      next.live = false
      next.fn()
    }
    this.timers = this.timers.filter((x) => x.live)
    this.t = end
  }
}
