// Every timer and frame callback of a page session, so that one call stops them all when the extension
// context goes. WXT's ctx.setTimeout / ctx.requestAnimationFrame each add a listener to the context's abort
// signal and never take it off (WXT 0.20): one per pointer frame and per page change, hundreds of thousands
// over a long session. Plain timers, tracked here, instead.

/** What a page session needs from a window's timers (a real window, or a fake one in tests). */
export interface TimerHost {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  requestAnimationFrame(fn: () => void): number;
  cancelAnimationFrame(id: number): void;
}

export interface Scheduler {
  /** Runs `fn` after `ms` unless cancelled or disposed first. */
  later(fn: () => void, ms: number): number;
  cancel(id: number): void;
  /** Runs `fn` before the next frame; one pending frame at a time per caller is the caller's business. */
  frame(fn: () => void): number;
  /** Lets the page run before the next slice of work: scheduler.yield where the browser has it. */
  yieldToPage(): Promise<void>;
  /** Stops every pending timer and frame; nothing scheduled runs after this. */
  dispose(): void;
  readonly disposed: boolean;
}

export function createScheduler(host: TimerHost, yieldHost: { scheduler?: { yield?: () => Promise<void> } } = {}): Scheduler {
  const timers = new Set<number>();
  const frames = new Set<number>();
  let disposed = false;
  const later = (fn: () => void, ms: number): number => {
    if (disposed) return 0;
    const id = host.setTimeout(() => {
      timers.delete(id);
      if (!disposed) fn();
    }, ms);
    timers.add(id);
    return id;
  };
  return {
    later,
    cancel(id) {
      host.clearTimeout(id);
      timers.delete(id);
    },
    frame(fn) {
      if (disposed) return 0;
      const id = host.requestAnimationFrame(() => {
        frames.delete(id);
        if (!disposed) fn();
      });
      frames.add(id);
      return id;
    },
    yieldToPage() {
      const native = yieldHost.scheduler?.yield;
      if (native) return native.call(yieldHost.scheduler);
      return new Promise<void>((resolve) => {
        // Resolved even when disposed, so that a read waiting on it ends (the annotator checks for stop).
        const id = host.setTimeout(() => {
          timers.delete(id);
          resolve();
        }, 0);
        timers.add(id);
      });
    },
    dispose() {
      disposed = true;
      for (const id of timers) host.clearTimeout(id);
      for (const id of frames) host.cancelAnimationFrame(id);
      timers.clear();
      frames.clear();
    },
    get disposed() {
      return disposed;
    },
  };
}
