import { describe, expect, it } from 'vitest';
import { scriptTasksOf } from './browser';

const main = { pid: 1, tid: 10 };
const other = { pid: 1, tid: 11 };
const second = { pid: 2, tid: 20 };
const x = (name: string, ts: number, dur: number, thread = main) => ({ name, ph: 'X', ts, dur, tdur: dur / 2, ...thread });

describe('scriptTasksOf', () => {
  it('the main thread’s tasks after DOMContentLoaded that ran script: longest first, and their CPU time', () => {
    const events = [
      { name: 'thread_name', ph: 'M', ts: 0, ...main, args: { name: 'CrRendererMain' } },
      { name: 'thread_name', ph: 'M', ts: 0, ...other, args: { name: 'Compositor' } },
      x('RunTask', 100, 80_000), // before DCL, with script: the page's own start
      x('EvaluateScript', 200, 1_000),
      { name: 'MarkDOMContent', ph: 'I', ts: 90_000, ...main, args: { data: { isMainFrame: true } } },
      x('RunTask', 100_000, 12_000), // Gloss's evaluation
      x('EvaluateScript', 100_500, 9_000),
      x('RunTask', 120_000, 160_000), // the page's own layout: no script in it
      x('Layout', 120_100, 150_000),
      x('RunTask', 300_000, 30_000), // a slice: a promise continuation
      x('RunMicrotasks', 300_100, 29_000),
      x('RunTask', 400_000, 70_000, other), // another thread
      x('FunctionCall', 400_100, 60_000, other),
      { name: 'thread_name', ph: 'M', ts: 0, ...second, args: { name: 'CrRendererMain' } },
      x('FunctionCall', 500_100, 50, second), // script in another renderer, during a layout-only task here
      x('RunTask', 500_000, 50_000),
      x('Layout', 500_050, 49_000),
    ];
    expect(scriptTasksOf(events)).toEqual({ durations: [30, 12], cpuMs: 21 });
  });

  it('counts nothing when the trace has no DOMContentLoaded of the main frame', () => {
    const events = [
      { name: 'thread_name', ph: 'M', ts: 0, ...main, args: { name: 'CrRendererMain' } },
      x('RunTask', 100, 80_000),
      x('EvaluateScript', 200, 1_000),
    ];
    expect(scriptTasksOf(events)).toEqual({ durations: [], cpuMs: 0 });
  });
});
