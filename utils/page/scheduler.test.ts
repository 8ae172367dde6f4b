import { describe, expect, it } from 'vitest';
import { createScheduler, type TimerHost } from './scheduler';

function recordingHost() {
  let next = 0;
  const live = new Map<number, () => void>();
  const host: TimerHost = {
    setTimeout: (fn) => (live.set(++next, fn), next),
    clearTimeout: (id) => void live.delete(id),
    requestAnimationFrame: (fn) => (live.set(++next, fn), next),
    cancelAnimationFrame: (id) => void live.delete(id),
  };
  const runAll = () => {
    for (const [id, fn] of [...live]) {
      live.delete(id);
      fn();
    }
  };
  return { host, live, runAll };
}

describe('createScheduler', () => {
  it('runs timers and frames, and cancels a timer', () => {
    const { host, runAll } = recordingHost();
    const scheduler = createScheduler(host);
    const ran: string[] = [];
    scheduler.later(() => ran.push('timer'), 10);
    const cancelled = scheduler.later(() => ran.push('cancelled'), 10);
    scheduler.frame(() => ran.push('frame'));
    scheduler.cancel(cancelled);
    runAll();
    expect(ran).toEqual(['timer', 'frame']);
  });

  it('dispose clears every pending timer and frame at the host, and schedules nothing after', () => {
    const { host, live } = recordingHost();
    const scheduler = createScheduler(host);
    scheduler.later(() => undefined, 10);
    scheduler.frame(() => undefined);
    expect(live.size).toBe(2);
    scheduler.dispose();
    expect(live.size).toBe(0);
    expect(scheduler.disposed).toBe(true);
    expect(scheduler.later(() => undefined, 1)).toBe(0);
    expect(live.size).toBe(0);
  });

  it('yields with scheduler.yield where there is one, else with a zero timeout', async () => {
    const { host, live, runAll } = recordingHost();
    let yielded = 0;
    await createScheduler(host, { scheduler: { yield: async () => void yielded++ } }).yieldToPage();
    expect(yielded).toBe(1);
    const fallback = createScheduler(host).yieldToPage();
    expect(live.size).toBe(1);
    runAll();
    await fallback;
  });
});
