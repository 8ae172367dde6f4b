// Browser measurements in Debian's Chromium: one browser with the built extension and one without, driven by
// Playwright, measured through the DevTools protocol. Every load gets a fresh tab, so each document's
// Performance.getMetrics counters start at its own navigation.
import type { CDPSession, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchChromium, sendToTab, type ChromiumSession } from '../e2e/support/chromium';
import type { MatchesResponse } from '../utils/messages';

export { launchChromium, type ChromiumSession };

const require = createRequire(import.meta.url);
export const MARK_JS_PATH = require.resolve('mark.js/dist/mark.min.js');

export interface Metrics {
  /** Main-thread time in tasks (thread CPU time: Performance.enable with timeDomain threadTicks), ms. */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  jsHeapUsed: number;
}

export async function readMetrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const m = new Map(metrics.map((x) => [x.name, x.value]));
  return {
    taskMs: (m.get('TaskDuration') ?? NaN) * 1000,
    scriptMs: (m.get('ScriptDuration') ?? NaN) * 1000,
    layoutMs: (m.get('LayoutDuration') ?? NaN) * 1000,
    styleMs: (m.get('RecalcStyleDuration') ?? NaN) * 1000,
    jsHeapUsed: m.get('JSHeapUsedSize') ?? NaN,
  };
}

export function diffMetrics(after: Metrics, before: Metrics): Metrics {
  return {
    taskMs: after.taskMs - before.taskMs,
    scriptMs: after.scriptMs - before.scriptMs,
    layoutMs: after.layoutMs - before.layoutMs,
    styleMs: after.styleMs - before.styleMs,
    jsHeapUsed: after.jsHeapUsed - before.jsHeapUsed,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Settled {
  metrics: Metrics;
  /** Date.now() of the last poll at which main-thread time had still grown. */
  lastBusyAt: number;
}

/**
 * Polls main-thread time until it stops growing: `quietPolls` polls in a row, `pollMs` apart, each with less
 * than `thresholdMs` of new task time. Gloss works in back-to-back slices, so while it works the counter grows
 * by about the poll interval every poll.
 */
export async function waitQuiet(
  cdp: CDPSession,
  options: { pollMs?: number; quietPolls?: number; thresholdMs?: number; timeoutMs?: number } = {},
): Promise<Settled> {
  const pollMs = options.pollMs ?? 25;
  const quietPolls = options.quietPolls ?? 6;
  const thresholdMs = options.thresholdMs ?? 1;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  let last = await readMetrics(cdp);
  let lastBusyAt = Date.now();
  let quiet = 0;
  while (quiet < quietPolls) {
    if (Date.now() > deadline) throw new Error('page never went quiet');
    await sleep(pollMs);
    const now = await readMetrics(cdp);
    if (now.taskMs - last.taskMs < thresholdMs) quiet++;
    else {
      quiet = 0;
      lastBusyAt = Date.now();
    }
    last = now;
  }
  return { metrics: last, lastBusyAt };
}

/** Registered in the page world at document start: long tasks and long animation frames, buffered. */
export const OBSERVER_INIT_SCRIPT = `(() => {
  const store = (window.__bench = { longtasks: [], loaf: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) store.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        store.loaf.push({
          start: e.startTime,
          duration: e.duration,
          scripts: (e.scripts || []).map((s) => ({ url: s.sourceURL || '', invoker: s.invoker || '', duration: s.duration })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
})();`;

export interface PageTimeline {
  /** performance.timeOrigin (epoch ms). */
  timeOrigin: number;
  domContentLoadedEnd: number;
  loadEnd: number;
  longtasks: { start: number; duration: number }[];
  loaf: { start: number; duration: number; scripts: { url: string; invoker: string; duration: number }[] }[];
  /** Ranges registered in Gloss's type highlights (the page world can read the registry). */
  painted: number;
}

export async function readTimeline(page: Page): Promise<PageTimeline> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const store = (window as unknown as { __bench?: { longtasks: PageTimeline['longtasks']; loaf: PageTimeline['loaf'] } }).__bench;
    let painted = 0;
    const registry = (CSS as unknown as { highlights?: Map<string, Set<unknown>> }).highlights;
    registry?.forEach((highlight, name) => {
      if (name.startsWith('gloss-') && name !== 'gloss-active') painted += highlight.size;
    });
    return {
      timeOrigin: performance.timeOrigin,
      domContentLoadedEnd: nav?.domContentLoadedEventEnd ?? NaN,
      loadEnd: nav?.loadEventEnd ?? NaN,
      longtasks: store?.longtasks ?? [],
      loaf: store?.loaf ?? [],
      painted,
    };
  });
}

export interface HeapUsage {
  /** Runtime.getHeapUsage usedSize after two forced collections (V8 heap of the tab's isolate, all worlds). */
  usedSize: number;
  /** Blink objects on the V8-managed (cppgc) heap, when Chromium reports them. */
  embedderHeapUsedSize: number;
  /** Performance.getMetrics JSHeapUsedSize after the same collections. */
  jsHeapUsedSize: number;
}

export async function readHeap(cdp: CDPSession): Promise<HeapUsage> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number; embedderHeapUsedSize?: number };
  const metrics = await readMetrics(cdp);
  return { usedSize: usage.usedSize, embedderHeapUsedSize: usage.embedderHeapUsedSize ?? NaN, jsHeapUsedSize: metrics.jsHeapUsed };
}

export interface LoadSample {
  url: string;
  withExtension: boolean;
  /** Main-thread time of the whole document, from navigation to quiet (Gloss done, when loaded). */
  metrics: Metrics;
  /** The same, read as soon as the load event had fired. */
  metricsAtLoad: Metrics;
  glossStartedAtLoad: boolean;
  /** Navigation start → the last busy poll before quiet, ms (±poll interval). */
  wallMs: number;
  loadEndMs: number;
  timeline: PageTimeline;
  heap?: HeapUsage;
  /** What the content script answered (extension only). */
  matches?: number;
  complete?: boolean;
}

export interface OpenPage {
  page: Page;
  cdp: CDPSession;
  sample: LoadSample;
}

/** Loads `url` in a fresh tab and waits until its main thread is quiet (and, with Gloss, until Gloss says complete). */
export async function loadAndSettle(
  session: ChromiumSession,
  url: string,
  options: { withExtension: boolean; timeoutMs?: number; heap?: boolean },
): Promise<OpenPage> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  const page = await session.context.newPage();
  await page.addInitScript(OBSERVER_INIT_SCRIPT);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  const atLoad = await readMetrics(cdp);
  // Whether Gloss had already set up (its painter registers this highlight) when that was read.
  const glossStartedAtLoad = await page.evaluate(
    () => (CSS as unknown as { highlights?: Map<string, unknown> }).highlights?.has('gloss-active') ?? false,
  );
  let settled = await waitQuiet(cdp, { timeoutMs });
  let matches: number | undefined;
  let complete: boolean | undefined;
  if (options.withExtension) {
    const done = await waitGlossComplete(session, page, cdp, settled, timeoutMs);
    settled = done.settled;
    matches = done.response?.matches.length;
    complete = done.response !== undefined;
  }
  const timeline = await readTimeline(page);
  const heap = options.heap ? await readHeap(cdp) : undefined;
  return {
    page,
    cdp,
    sample: {
      url,
      withExtension: options.withExtension,
      metrics: settled.metrics,
      metricsAtLoad: atLoad,
      glossStartedAtLoad,
      wallMs: settled.lastBusyAt - timeline.timeOrigin,
      loadEndMs: timeline.loadEnd,
      timeline,
      heap,
      matches,
      complete,
    },
  };
}

/**
 * Asks the tab's content script for its matches until it says complete (or `timeoutMs` passes), waiting for the
 * main thread to go quiet between asks: what is read then includes the answers. The response is undefined when
 * it never completed.
 */
async function waitGlossComplete(
  session: ChromiumSession,
  page: Page,
  cdp: CDPSession,
  settled: Settled,
  timeoutMs: number,
): Promise<{ settled: Settled; response?: MatchesResponse }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await sendToTab(session.context, page, { type: 'gloss:matches' });
    const response = answer.ok ? (answer.value as MatchesResponse | undefined) : undefined;
    if (response?.complete) return { settled, response };
    if (Date.now() > deadline) return { settled };
    // Not injected yet, or still working.
    await sleep(100);
    settled = await waitQuiet(cdp, { timeoutMs });
  }
}

export async function closePage(open: OpenPage): Promise<void> {
  await open.cdp.detach().catch(() => undefined);
  await open.page.close().catch(() => undefined);
}

export interface ScriptCost {
  /** Main-thread time from just before the script to quiet after it (rendering it caused included), ms. */
  taskMs: number;
  /** The script's own duration measured in the page, ms. */
  inPageMs: number;
  detail: Record<string, number>;
}

/**
 * The floor: one TreeWalker pass over every text node of the body, reading every UTF-16 unit (a running hash, so
 * that nothing is optimised away). Runs as a page script.
 */
export async function runFloor(open: OpenPage): Promise<ScriptCost> {
  const before = (await waitQuiet(open.cdp, { quietPolls: 3 })).metrics;
  const result = await open.page.evaluate(() => {
    const t = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let hash = 0;
    let nodes = 0;
    let chars = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const data = (node as Text).data;
      for (let i = 0; i < data.length; i++) hash = (Math.imul(hash, 31) + data.charCodeAt(i)) | 0;
      nodes++;
      chars += data.length;
    }
    return { ms: performance.now() - t, hash, nodes, chars };
  });
  const after = (await waitQuiet(open.cdp, { quietPolls: 3 })).metrics;
  return { taskMs: after.taskMs - before.taskMs, inPageMs: result.ms, detail: { nodes: result.nodes, chars: result.chars } };
}

/** One read of the page from an isolated world: what the heap kept, bytes (after GC, as readHeap), and its time. */
export interface IsolatedRead {
  heap: number;
  embedderHeap: number;
  /** The walk's own duration in the page (wall), ms. */
  inPageMs: number;
}

/**
 * What merely reading a page from a content script's world costs in memory: a TreeWalker pass over every element
 * and text node of the body (what Gloss's reader visits), reading each text, run in an isolated world made for
 * it, then what the heap kept after garbage collection. Every node the walk returns gets a wrapper in that world,
 * and Blink keeps an isolated world's wrappers of live nodes (in a table of its own, where the page's world keeps
 * them inline): the floor under any content script that reads the whole page. The walk is timed too: the page's
 * world (the floor) is cheaper to read from than any content script's.
 */
export async function isolatedWorldRead(open: OpenPage): Promise<IsolatedRead> {
  const { frameTree } = (await open.cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const { executionContextId } = (await open.cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'gloss-bench-read',
  })) as { executionContextId: number };
  const before = await readHeap(open.cdp);
  const { result } = (await open.cdp.send('Runtime.evaluate', {
    contextId: executionContextId,
    returnByValue: true,
    expression: `(() => {
      const t = performance.now();
      const walker = document.createTreeWalker(document.body, 0x1 | 0x4);
      let chars = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.nodeType === 3) chars += node.data.length;
      return performance.now() - t;
    })()`,
  })) as { result: { value: number } };
  const after = await readHeap(open.cdp);
  return {
    heap: after.usedSize - before.usedSize,
    embedderHeap: after.embedderHeapUsedSize - before.embedderHeapUsedSize,
    inPageMs: result.value,
  };
}

/**
 * The page's own DOM work, timed in the page: `ops` times, append a paragraph at the end of the body and remove
 * it again, then the same number of moves of an element inside the page's text. The browser updates every live
 * Range of the document at each mutation, inside the page's own call: whatever the page does is slowed by the
 * Ranges an extension keeps there (Gloss keeps StaticRanges, which cost nothing here). Gloss's own response (its
 * mutation observer) runs after the loop and is not counted.
 */
export async function pageDomWorkMs(open: OpenPage, ops = 2_000): Promise<number> {
  return open.page.evaluate((count) => {
    const t = performance.now();
    for (let i = 0; i < count; i++) {
      const added = document.createElement('p');
      added.textContent = 'x';
      document.body.append(added);
      added.remove();
    }
    const moved = document.querySelector('p b, p em, p a');
    const parent = moved?.parentNode;
    if (moved && parent) for (let i = 0; i < count; i++) parent.insertBefore(moved, parent.firstChild);
    return performance.now() - t;
  }, ops);
}

/** How mark.js is asked to highlight the aliases. */
export type MarkJob =
  /** mark(keywords): the documented form for a list of terms; mark.js walks the document once per term. */
  | { kind: 'array'; keywords: readonly string[] }
  /** markRegExp(one alternation of every alias): a single walk; the fastest way to give mark.js many terms. */
  | { kind: 'regexp'; source: string; flags: string };

/** mark.js highlighting the aliases in the body (wrapping each match in <mark>), then the relayout it causes. */
export async function runMarkJs(open: OpenPage, job: MarkJob, timeoutMs = 300_000): Promise<ScriptCost | null> {
  await open.page.addScriptTag({ content: readFileSync(MARK_JS_PATH, 'utf8') });
  const before = (await waitQuiet(open.cdp, { quietPolls: 3 })).metrics;
  const options = `{
      separateWordSearch: false, diacritics: false, acrossElements: false, caseSensitive: false,
      // The marks are in the DOM; let the browser lay them out before the clock stops.
      done: (count) => requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - t, count }), 0)),
    }`;
  const call =
    job.kind === 'array'
      ? `new Mark(document.body).mark(${JSON.stringify(job.keywords)}, ${options})`
      : `new Mark(document.body).markRegExp(new RegExp(${JSON.stringify(job.source)}, ${JSON.stringify(job.flags)}), ${options})`;
  // A string, not a function: the page must run exactly this text (no transpiler helpers).
  const script = `new Promise((resolve) => { const t = performance.now(); ${call}; })`;
  const result = await Promise.race([
    open.page.evaluate(script) as Promise<{ ms: number; count: number }>,
    sleep(timeoutMs).then(() => null),
  ]);
  if (!result) return null;
  const after = (await waitQuiet(open.cdp, { quietPolls: 3, timeoutMs })).metrics;
  return { taskMs: after.taskMs - before.taskMs, inPageMs: result.ms, detail: { marks: result.count } };
}

/** The aliases of data/matcher.json as one regular expression: Latin names on word boundaries, CJK names anywhere. */
export function aliasRegExp(aliases: readonly string[]): { source: string; flags: string } {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const byLength = [...new Set(aliases)].sort((a, b) => b.length - a.length);
  const cjk = /[\u3400-\u9fff\uf900-\ufaff]/;
  const latin = byLength.filter((a) => !cjk.test(a)).map(escape);
  const han = byLength.filter((a) => cjk.test(a)).map(escape);
  const source = `(?<![\\p{L}\\p{N}_])(?:${latin.join('|')})(?![\\p{L}\\p{N}_])` + (han.length ? `|(?:${han.join('|')})` : '');
  return { source, flags: 'giu' };
}

export interface ScrollSample {
  frames: number;
  /** requestAnimationFrame deltas, ms. */
  deltas: number[];
  /** Main-thread time over the whole scroll, per frame, ms. */
  taskMsPerFrame: number;
  painted: number;
}

/** Scrolls the page programmatically by `step` px each animation frame and records the frame deltas. */
export async function scrollFrames(open: OpenPage, frames: number, step = 40): Promise<ScrollSample> {
  await open.page.evaluate(() => window.scrollTo(0, 0));
  const before = (await waitQuiet(open.cdp, { quietPolls: 3 })).metrics;
  const deltas = (await open.page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = -1;
    let n = 0;
    const tick = (now) => {
      if (last >= 0) out.push(now - last);
      last = now;
      if (n++ >= ${frames}) return resolve(out);
      window.scrollBy(0, ${step});
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`)) as number[];
  const after = (await waitQuiet(open.cdp, { quietPolls: 3 })).metrics;
  const painted = (await readTimeline(open.page)).painted;
  return { frames: deltas.length, deltas, taskMsPerFrame: (after.taskMs - before.taskMs) / Math.max(1, deltas.length), painted };
}

/** Long tasks that started after DOMContentLoaded: the window in which Gloss works (it starts at document_idle). */
export function blockingAfterDcl(timeline: PageTimeline): { longest: number; tbt: number; count: number } {
  const tasks = timeline.longtasks.filter((t) => t.start >= timeline.domContentLoadedEnd);
  return {
    longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
    tbt: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    count: tasks.length,
  };
}

/** What one traced load says about the main-thread tasks in which script ran after DOMContentLoaded. */
export interface ScriptTasks {
  /** Their durations, ms, longest first (wall time of the task: what the page waits for). */
  durations: number[];
  /** Their main-thread CPU time together, ms (thread time: what they cost, whatever else the machine ran). */
  cpuMs: number;
}

// Trace events that mean script ran in a task (a content script's evaluation, a callback, a promise continuation).
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'v8.run',
  'v8.callFunction',
  'RunMicrotasks',
  'TimerFire',
  'FireAnimationFrame',
]);

/**
 * Loads `url` in a fresh tab under a Chromium trace, until quiet and Gloss complete, and returns the main-thread
 * tasks after DOMContentLoaded that ran any script. The generated pages run no script of their own, and the
 * observer init script runs at document start, so on them these are Gloss's tasks (with whatever style and
 * layout its script forced). A long task the page has anyway (its own first layout) has no script in it and is
 * not counted — which the page-world long-task observer cannot tell apart. The harness's own `gloss:matches`
 * polls (one answer every 100 ms or more) are Gloss's script too, and counted: a few small tasks.
 */
export async function scriptTasksAfterDcl(session: ChromiumSession, url: string, timeoutMs = 180_000): Promise<ScriptTasks> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  try {
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['devtools.timeline', 'v8.execute', 'toplevel', 'disabled-by-default-devtools.timeline'] },
    } as never);
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    await waitGlossComplete(session, page, cdp, await waitQuiet(cdp, { timeoutMs }), timeoutMs);
    await cdp.send('Tracing.end');
    await done;
    return scriptTasksOf(events);
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close().catch(() => undefined);
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { isMainFrame?: boolean } };
}

/** Tasks on the renderer's main thread after the main frame's DOMContentLoaded that contain a script event. */
export function scriptTasksOf(events: readonly TraceEvent[]): ScriptTasks {
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const dcl = events.find((e) => e.name === 'MarkDOMContent' && e.args?.data?.isMainFrame !== false);
  // Without the main frame's DOMContentLoaded nothing can be told apart: no task is counted rather than all.
  if (!dcl) return { durations: [], cpuMs: 0 };
  const durations: number[] = [];
  let cpuMs = 0;
  // Each renderer's main thread on its own: a task counts only for script run on its thread.
  for (const thread of main) {
    const onThread = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === thread).sort((a, b) => a.ts - b.ts);
    const tasks = onThread.filter((e) => e.name === 'RunTask' && e.ts >= dcl.ts);
    const scripts = onThread.filter((e) => SCRIPT_EVENTS.has(e.name));
    let k = 0;
    for (const task of tasks) {
      const end = task.ts + (task.dur ?? 0);
      while (k < scripts.length && scripts[k].ts < task.ts) k++;
      if (k < scripts.length && scripts[k].ts <= end) {
        durations.push((task.dur ?? 0) / 1000);
        cpuMs += (task.tdur ?? task.dur ?? 0) / 1000;
      }
    }
  }
  return { durations: durations.sort((a, b) => b - a), cpuMs };
}
