// The shape of bench/results.json: raw samples and their summaries, so the report (and a later run) can be
// recomputed from it.
import type { BundleEntry } from './bundle';
import type { LibraryBench, QuoteBench, ScalingRow, SearchRow } from './node';
import type { Summary } from './stats';

export interface SideSamples {
  /** Main-thread time of the document (thread CPU time), navigation → quiet, ms, per run. */
  taskMs: number[];
  /** Main-thread time from the load event to quiet, ms (less noisy: the page's own parsing is left out). */
  afterLoadTaskMs: number[];
  /** Runs in which Gloss had set up before the load-time reading (its work then straddles it). */
  startedBeforeLoadReading: number;
  scriptMs: number[];
  /** Navigation start → quiet (with Gloss: → Gloss complete), ms. */
  wallMs: number[];
  loadEndMs: number[];
  /** Long tasks that started after DOMContentLoaded. */
  longestTaskMs: number[];
  tbtMs: number[];
  longTasks: number[];
  /** Longest long-animation-frame after DOMContentLoaded, ms (0 when none). */
  longestFrameMs: number[];
  /** V8 heap after GC (Runtime.getHeapUsage usedSize), bytes. */
  heapUsed: number[];
  /** cppgc (Blink objects on the V8 heap), bytes. */
  embedderHeap: number[];
}

export interface ReferenceSamples {
  /** Main-thread time the script adds (thread CPU time), ms, per run. */
  taskMs: number[];
  /** Its own duration in the page (wall), ms. */
  inPageMs: number[];
  /** Runs that did not finish in the time allowed (the figure is then a lower bound). */
  unfinished?: number;
  detail?: Record<string, number>;
}

export interface PageResult {
  id: string;
  label: string;
  lang: 'en' | 'zh' | 'real';
  /** Nominal size (bytes of HTML), for the chart's x axis. */
  nominalBytes: number;
  bytes: number;
  textChars: number;
  planted: number;
  runs: number;
  with: SideSamples;
  without: SideSamples;
  /** with − without, paired by run, ms. */
  glossTaskMs: Summary;
  /** with − without of main-thread time after the load event, paired by run, ms. */
  glossAfterLoadTaskMs: Summary;
  /**
   * Small pages only: what an extension with an empty content script (and nothing else) adds, same page,
   * same way (its browser − the one without), paired by run, ms: the share of the fixed cost no extension avoids.
   */
  emptyExtensionTaskMs?: Summary;
  glossWallMs: Summary;
  /** Gloss's heap: with − without (V8 heap, and Blink objects), bytes. */
  glossHeap: Summary;
  glossEmbedderHeap: Summary;
  matches: number;
  painted: number;
  complete: boolean;
  floor?: ReferenceSamples;
  /**
   * One TreeWalker read of the page from an isolated world, on the tab without Gloss (browser.ts
   * isolatedWorldRead): what it keeps in memory, bytes, and its time in the page, ms — the floor under any
   * content script's heap and reading time.
   */
  isolatedRead?: { heap: Summary; embedderHeap: Summary; inPageMs: Summary };
  /** mark.js markRegExp with one regular expression of every alias (its fastest form for many terms). */
  markRegExp?: ReferenceSamples;
  /** mark.js mark(aliases) (the documented keyword-array form: one pass per alias); small pages only. */
  markArray?: ReferenceSamples;
  /**
   * Generated pages: from one traced load per run (after the measured ones), the longest main-thread task
   * after DOMContentLoaded in which script — Gloss's, on these pages — ran, ms (browser.ts scriptTasksAfterDcl).
   */
  glossLongestScriptTaskMs?: number[];
  /** The same loads: the CPU time of all those tasks, ms — Gloss's own main-thread work, without the page's. */
  glossScriptCpuMs?: number[];
}

export interface ScrollResult {
  bytes: number;
  planted: number;
  painted: number;
  runs: number;
  frames: number;
  with: ScrollSide;
  without: ScrollSide;
  /** Mutations per run of pageDomWorkMs (each side's `domWorkMs`), when measured. */
  domOps?: number;
}

export interface ScrollSide {
  frameMs: number[];
  p95Ms: number[];
  taskMsPerFrame: number[];
  /** The page's own DOM work after the scroll, in-page ms per run (browser.ts pageDomWorkMs); older runs lack it. */
  domWorkMs?: number[];
}

export interface Results {
  meta: {
    date: string;
    label: string;
    chromium: string;
    node: string;
    cpus: string;
    cores: number;
    loadAverage: { start: number[]; end: number[] };
    durationS: number;
    buildDir: string;
    contentScriptHash: string;
    realPage?: string;
    notes: string[];
  };
  pages: PageResult[];
  scroll?: ScrollResult;
  scaling?: ScalingRow[];
  scalingError?: string;
  search?: SearchRow[];
  quotes?: QuoteBench;
  library?: LibraryBench;
  bundles?: BundleEntry[];
}
