// `npm run bench`: measures Gloss in Debian's headless Chromium and in Node, writes bench/results.json and
// BENCHMARKS.md (with bench/cost-vs-size.svg). Not part of `npm test`.
//
//   npm run bench                      everything (about 8–10 minutes on 2 cores)
//   npm run bench -- --quick           fewer runs, no 10 MB pages (a couple of minutes)
//   npm run bench -- --only=pages,scroll,scaling,search,quotes,library,bundle   a subset (others are kept from results.json)
//   npm run bench -- --pages=en-1000000,zh-1000,real   only these pages (with --only=pages)
//   npm run bench -- --report          rewrite BENCHMARKS.md from bench/results.json only
//   npm run bench -- --build           run `wxt build` first (default: measure .output/chrome-mv3 as built)
//   npm run bench -- --label=before --out=bench/baseline.json   keep a run to compare against (the report
//                                      shows bench/baseline.json, when present, next to the new figures)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type StaticServer } from '../e2e/support/server';
import type { GlossIndex, MatcherData } from '../utils/types';
import {
  aliasRegExp,
  blockingAfterDcl,
  closePage,
  isolatedWorldRead,
  launchChromium,
  loadAndSettle,
  pageDomWorkMs,
  runFloor,
  runMarkJs,
  scriptTasksAfterDcl,
  scrollFrames,
  type ChromiumSession,
  type LoadSample,
  type MarkJob,
} from './browser';
import { bundleSizes } from './bundle';
import { runLibraryBenchmarks, runQuoteBenchmarks, runScaling, runSearchBenchmarks } from './node';
import { generatePage, plantingsFromIndex, type Lang } from './pages';
import { writeReport } from './report';
import { pairedDifferences, quantile, summarize } from './stats';
import type { PageResult, ReferenceSamples, Results, ScrollResult, SideSamples } from './types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = path.join(ROOT, 'bench', 'tmp', 'pages');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'real-pages');
/** The long real-world article: Wikipedia's "New Zealand" (about 0.5 MB of text), read from the corpus at run time. */
const REAL_PAGE = 'wikipedia-2.html';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key, value ?? 'true'] as const;
  }),
);
const quick = args.has('quick');
const only = args.get('only')?.split(',');
const wants = (part: string) => !only || only.includes(part);
const pageFilter = args.get('pages')?.split(',');
const outFile = path.resolve(ROOT, args.get('out') ?? 'bench/results.json');
const buildDir = path.resolve(ROOT, args.get('ext') ?? '.output/chrome-mv3');
const log = (line: string) => console.log(line);

interface PagePlan {
  id: string;
  label: string;
  lang: Lang | 'real';
  nominalBytes: number;
  runs: number;
  /** Runs with the floor and mark.js (markRegExp) on the extension-free tab. */
  referenceRuns: number;
  /** Runs of mark.js mark(keywords) (one pass per alias: far too slow beyond 100 KB). */
  markArrayRuns: number;
  timeoutMs: number;
}

const SIZES: { label: string; bytes: number; runs: number; referenceRuns: number; markArrayRuns: number }[] = [
  { label: '1 KB', bytes: 1_000, runs: 7, referenceRuns: 3, markArrayRuns: 1 },
  { label: '10 KB', bytes: 10_000, runs: 7, referenceRuns: 3, markArrayRuns: 1 },
  { label: '100 KB', bytes: 100_000, runs: 5, referenceRuns: 3, markArrayRuns: 1 },
  { label: '1 MB', bytes: 1_000_000, runs: 5, referenceRuns: 3, markArrayRuns: 0 },
  { label: '10 MB', bytes: 10_000_000, runs: 2, referenceRuns: 1, markArrayRuns: 0 },
];

function plans(): PagePlan[] {
  const list: PagePlan[] = [];
  for (const lang of ['en', 'zh'] as const) {
    for (const size of SIZES) {
      if (quick && size.bytes > 1_000_000) continue;
      if (pageFilter && !pageFilter.includes(`${lang}-${size.bytes}`)) continue;
      list.push({
        id: `${lang}-${size.bytes}`,
        label: `${lang === 'en' ? 'English' : 'Chinese'} ${size.label}`,
        lang,
        nominalBytes: size.bytes,
        runs: quick ? Math.min(3, size.runs) : size.runs,
        referenceRuns: quick ? 1 : size.referenceRuns,
        markArrayRuns: size.markArrayRuns,
        timeoutMs: size.bytes >= 10_000_000 ? 300_000 : 120_000,
      });
    }
  }
  if (existsSync(path.join(CORPUS, REAL_PAGE)) && (!pageFilter || pageFilter.includes('real'))) {
    list.push({
      id: 'real',
      label: 'Real article (Wikipedia, New Zealand)',
      lang: 'real',
      nominalBytes: 0,
      runs: quick ? 2 : 5,
      referenceRuns: quick ? 1 : 3,
      markArrayRuns: 0,
      timeoutMs: 120_000,
    });
  }
  return list;
}

/**
 * The reference for the fixed cost: an MV3 extension whose content script (same matches, same run_at) does
 * nothing but touch the DOM once, with an empty service worker. What it adds, any extension adds.
 */
function writeEmptyExtension(): string {
  const dir = path.join(ROOT, 'bench', 'tmp', 'empty-extension');
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'empty',
    version: '1',
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['<all_urls>'], js: ['content.js'], run_at: 'document_idle', all_frames: true }],
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(path.join(dir, 'background.js'), '');
  writeFileSync(path.join(dir, 'content.js'), 'void document.documentElement;\n');
  return dir;
}

function emptySide(): SideSamples {
  return {
    taskMs: [],
    afterLoadTaskMs: [],
    startedBeforeLoadReading: 0,
    scriptMs: [],
    wallMs: [],
    loadEndMs: [],
    longestTaskMs: [],
    tbtMs: [],
    longTasks: [],
    longestFrameMs: [],
    heapUsed: [],
    embedderHeap: [],
  };
}

function record(side: SideSamples, sample: LoadSample): void {
  side.taskMs.push(sample.metrics.taskMs);
  side.afterLoadTaskMs.push(sample.metrics.taskMs - sample.metricsAtLoad.taskMs);
  if (sample.glossStartedAtLoad) side.startedBeforeLoadReading++;
  side.scriptMs.push(sample.metrics.scriptMs);
  side.wallMs.push(sample.wallMs);
  side.loadEndMs.push(sample.loadEndMs);
  const blocking = blockingAfterDcl(sample.timeline);
  side.longestTaskMs.push(blocking.longest);
  side.tbtMs.push(blocking.tbt);
  side.longTasks.push(blocking.count);
  const frames = sample.timeline.loaf.filter((f) => f.start >= sample.timeline.domContentLoadedEnd);
  side.longestFrameMs.push(frames.reduce((m, f) => Math.max(m, f.duration), 0));
  if (sample.heap) {
    side.heapUsed.push(sample.heap.usedSize);
    side.embedderHeap.push(sample.heap.embedderHeapUsedSize);
  }
}

function addReference(
  target: ReferenceSamples | undefined,
  cost: { taskMs: number; inPageMs: number; detail: Record<string, number> } | null,
): ReferenceSamples {
  const ref = target ?? { taskMs: [], inPageMs: [], unfinished: 0 };
  if (cost) {
    ref.taskMs.push(cost.taskMs);
    ref.inPageMs.push(cost.inPageMs);
    ref.detail = cost.detail;
  } else {
    ref.unfinished = (ref.unfinished ?? 0) + 1;
  }
  return ref;
}

async function measurePage(
  plan: PagePlan,
  url: string,
  meta: { bytes: number; textChars: number; planted: number },
  sessions: { ext: ChromiumSession; none: ChromiumSession; empty: ChromiumSession },
  aliases: string[],
): Promise<PageResult> {
  const withExt = emptySide();
  const without = emptySide();
  const emptyExt = emptySide();
  const measureEmpty = plan.nominalBytes > 0 && plan.nominalBytes <= 1_000;
  let matches = 0;
  let painted = 0;
  let complete = true;
  let floor: ReferenceSamples | undefined;
  let markRegExp: ReferenceSamples | undefined;
  let markArray: ReferenceSamples | undefined;
  const isolatedRead: { heap: number[]; embedderHeap: number[]; inPageMs: number[] } = { heap: [], embedderHeap: [], inPageMs: [] };
  const regexp = aliasRegExp(aliases);
  for (let run = 0; run < plan.runs; run++) {
    // Alternate which browser goes first, so that drift in the machine's load falls on both alike.
    const order = run % 2 === 0 ? (['ext', 'none', 'empty'] as const) : (['none', 'ext', 'empty'] as const);
    for (const side of order) {
      if (side === 'empty') {
        if (!measureEmpty) continue;
        const open = await loadAndSettle(sessions.empty, url, { withExtension: false, timeoutMs: plan.timeoutMs });
        record(emptyExt, open.sample);
        await closePage(open);
        continue;
      }
      if (side === 'ext') {
        const open = await loadAndSettle(sessions.ext, url, { withExtension: true, heap: true, timeoutMs: plan.timeoutMs });
        record(withExt, open.sample);
        matches = open.sample.matches ?? 0;
        painted = open.sample.timeline.painted;
        complete &&= open.sample.complete === true;
        await closePage(open);
      } else {
        const open = await loadAndSettle(sessions.none, url, { withExtension: false, heap: true, timeoutMs: plan.timeoutMs });
        record(without, open.sample);
        if (run < plan.referenceRuns) {
          floor = addReference(floor, await runFloor(open));
          // After the floor (which it must not warm up), before mark.js changes the DOM. The page's texts were
          // read once already: if anything, this walk is the cheaper for it.
          const read = await isolatedWorldRead(open);
          isolatedRead.heap.push(read.heap);
          isolatedRead.embedderHeap.push(read.embedderHeap);
          isolatedRead.inPageMs.push(read.inPageMs);
          markRegExp = addReference(markRegExp, await runMarkJs(open, { kind: 'regexp', ...regexp } satisfies MarkJob, plan.timeoutMs));
        }
        await closePage(open);
        if (run < plan.markArrayRuns) {
          const fresh = await loadAndSettle(sessions.none, url, { withExtension: false, timeoutMs: plan.timeoutMs });
          markArray = addReference(markArray, await runMarkJs(fresh, { kind: 'array', keywords: aliases }, plan.timeoutMs));
          await closePage(fresh);
        }
      }
    }
  }
  // Traced loads apart from the measured ones (tracing slows what it watches): which long tasks are Gloss's.
  const glossLongestScriptTaskMs: number[] = [];
  const glossScriptCpuMs: number[] = [];
  if (plan.lang !== 'real') {
    for (let run = 0; run < Math.min(plan.runs, 3); run++) {
      const tasks = await scriptTasksAfterDcl(sessions.ext, url, plan.timeoutMs);
      glossLongestScriptTaskMs.push(tasks.durations[0] ?? 0);
      glossScriptCpuMs.push(tasks.cpuMs);
    }
  }
  const result: PageResult = {
    id: plan.id,
    label: plan.label,
    lang: plan.lang,
    nominalBytes: plan.nominalBytes || meta.bytes,
    ...meta,
    runs: plan.runs,
    with: withExt,
    without,
    glossTaskMs: summarize(pairedDifferences(withExt.taskMs, without.taskMs)),
    glossAfterLoadTaskMs: summarize(pairedDifferences(withExt.afterLoadTaskMs, without.afterLoadTaskMs)),
    emptyExtensionTaskMs: measureEmpty ? summarize(pairedDifferences(emptyExt.taskMs, without.taskMs)) : undefined,
    glossWallMs: summarize(pairedDifferences(withExt.wallMs, without.wallMs)),
    glossHeap: summarize(pairedDifferences(withExt.heapUsed, without.heapUsed)),
    glossEmbedderHeap: summarize(pairedDifferences(withExt.embedderHeap, without.embedderHeap)),
    matches,
    painted,
    complete,
    floor,
    ...(isolatedRead.heap.length
      ? {
          isolatedRead: {
            heap: summarize(isolatedRead.heap),
            embedderHeap: summarize(isolatedRead.embedderHeap),
            inPageMs: summarize(isolatedRead.inPageMs),
          },
        }
      : {}),
    markRegExp,
    markArray,
    ...(glossLongestScriptTaskMs.length ? { glossLongestScriptTaskMs, glossScriptCpuMs } : {}),
  };
  const med = (values: number[]) => quantile(values, 0.5).toFixed(0);
  log(
    `  ${plan.label}: Gloss +${result.glossTaskMs.median.toFixed(1)} ms main thread (${result.glossTaskMs.min.toFixed(0)}–${result.glossTaskMs.max.toFixed(0)}), ` +
      `after load +${result.glossAfterLoadTaskMs.median.toFixed(1)} (${result.glossAfterLoadTaskMs.min.toFixed(0)}–${result.glossAfterLoadTaskMs.max.toFixed(0)}; started before reading ${withExt.startedBeforeLoadReading}/${plan.runs}), ` +
      `wall ${med(withExt.wallMs)} ms vs ${med(without.wallMs)}, longest task ${med(withExt.longestTaskMs)} vs ${med(without.longestTaskMs)} ms (Gloss's own ${glossLongestScriptTaskMs.length ? med(glossLongestScriptTaskMs) : '–'}; its tasks' CPU ${glossScriptCpuMs.length ? med(glossScriptCpuMs) : '–'} ms), ` +
      `heap +${(result.glossHeap.median / 1024).toFixed(0)} KB, ${matches} matches, ${painted} painted; ` +
      `floor ${floor ? med(floor.taskMs) : '–'} ms, mark.js regexp ${markRegExp?.taskMs.length ? med(markRegExp.taskMs) : '–'} ms` +
      (markArray ? `, mark.js array ${markArray.taskMs.length ? med(markArray.taskMs) : 'unfinished'} ms` : '') +
      (result.emptyExtensionTaskMs ? `; an empty extension +${result.emptyExtensionTaskMs.median.toFixed(1)} ms` : ''),
  );
  return result;
}

// Mutations of the page's own DOM work (pageDomWorkMs) on the scroll page, per run.
const DOM_OPS = 2_000;

async function measureScroll(
  server: StaticServer,
  sessions: { ext: ChromiumSession; none: ChromiumSession },
  index: GlossIndex,
): Promise<ScrollResult> {
  // Places are not painted by default; plant only painted types so that ~5,000 mentions are ~5,000 highlights.
  const plantings = plantingsFromIndex(index, 'en').filter((p) => p.type !== 'place');
  const page = generatePage({ lang: 'en', bytes: 0, seed: 99, mentions: 5_000 }, plantings);
  writeFileSync(path.join(TMP, 'scroll.html'), page.html);
  const runs = quick ? 2 : 3;
  const frames = 300;
  const result: ScrollResult = {
    bytes: page.bytes,
    planted: page.planted,
    painted: 0,
    runs,
    frames,
    with: { frameMs: [], p95Ms: [], taskMsPerFrame: [], domWorkMs: [] },
    without: { frameMs: [], p95Ms: [], taskMsPerFrame: [], domWorkMs: [] },
    domOps: DOM_OPS,
  };
  for (let run = 0; run < runs; run++) {
    for (const side of ['ext', 'none'] as const) {
      const open = await loadAndSettle(sessions[side], server.url('scroll.html'), { withExtension: side === 'ext' });
      const sample = await scrollFrames(open, frames);
      const target = side === 'ext' ? result.with : result.without;
      target.frameMs.push(sample.deltas.reduce((a, b) => a + b, 0) / sample.deltas.length);
      target.p95Ms.push(quantile(sample.deltas, 0.95));
      target.taskMsPerFrame.push(sample.taskMsPerFrame);
      target.domWorkMs!.push(await pageDomWorkMs(open, DOM_OPS));
      if (side === 'ext') result.painted = sample.painted;
      await closePage(open);
    }
  }
  log(
    `  scroll: ${result.painted} painted; mean frame ${quantile(result.with.frameMs, 0.5).toFixed(2)} vs ${quantile(result.without.frameMs, 0.5).toFixed(2)} ms; ` +
      `main thread per frame ${quantile(result.with.taskMsPerFrame, 0.5).toFixed(2)} vs ${quantile(result.without.taskMsPerFrame, 0.5).toFixed(2)} ms; ` +
      `the page's own DOM work ${quantile(result.with.domWorkMs!, 0.5).toFixed(1)} vs ${quantile(result.without.domWorkMs!, 0.5).toFixed(1)} ms`,
  );
  return result;
}

async function chromiumVersion(session: ChromiumSession): Promise<string> {
  const page = await session.context.newPage();
  try {
    const cdp = await session.context.newCDPSession(page);
    const version = (await cdp.send('Browser.getVersion')) as { product: string };
    return version.product;
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const previous: Results | null = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as Results) : null;
  if (args.has('report')) {
    if (!previous) throw new Error(`no ${outFile} to report`);
    writeReport(previous, ROOT);
    return;
  }
  if (args.has('build')) execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const contentJs = path.join(buildDir, 'content-scripts', 'content.js');
  if (!existsSync(contentJs)) throw new Error(`No build at ${buildDir}: run \`npx wxt build\` (or pass --build).`);
  const newestSource = ['utils/matcher', 'utils/page', 'entrypoints/content', 'entrypoints/content-page'].reduce((newest, dir) => {
    const full = path.join(ROOT, dir);
    return Math.max(
      newest,
      ...execFileSync('find', [full, '-name', '*.ts', '-newer', contentJs])
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((f) => statSync(f).mtimeMs),
    );
  }, 0);
  const notes: string[] = [];
  if (newestSource > 0) {
    const warning = 'Sources under utils/matcher, utils/page or entrypoints/content are newer than the build measured: pass --build.';
    log(`WARNING: ${warning}`);
    notes.push(warning);
  }

  const started = Date.now();
  const loadStart = os.loadavg();
  const index = JSON.parse(readFileSync(path.join(ROOT, 'data', 'index.json'), 'utf8')) as GlossIndex;
  const matcherData = JSON.parse(readFileSync(path.join(ROOT, 'data', 'matcher.json'), 'utf8')) as MatcherData;
  const aliases = matcherData.aliases.filter((a) => !a.block).map((a) => a.text);

  const results: Results = {
    meta: {
      date: new Date().toISOString(),
      label: args.get('label') ?? 'current',
      chromium: '',
      node: process.version,
      cpus: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      loadAverage: { start: loadStart, end: [] },
      durationS: 0,
      buildDir: path.relative(ROOT, buildDir),
      // The content script and, in Chromium, the page script it imports at every start.
      contentScriptHash: [contentJs, path.join(buildDir, 'content-page.js')]
        .filter((file) => existsSync(file))
        .reduce((hash, file) => hash.update(readFileSync(file)), createHash('sha256'))
        .digest('hex')
        .slice(0, 12),
      realPage: existsSync(path.join(CORPUS, REAL_PAGE)) ? `../shared/corpus/real-pages/${REAL_PAGE}` : undefined,
      notes,
    },
    // A partial run (--only) keeps the other parts of the previous results.
    pages: previous && only ? previous.pages : [],
    scroll: previous && only ? previous.scroll : undefined,
    scaling: previous && only ? previous.scaling : undefined,
    scalingError: previous && only ? previous.scalingError : undefined,
    search: previous && only ? previous.search : undefined,
    quotes: previous && only ? previous.quotes : undefined,
    library: previous && only ? previous.library : undefined,
    bundles: previous && only ? previous.bundles : undefined,
  };

  if (wants('bundle')) {
    log('Bundle sizes');
    results.bundles = bundleSizes(buildDir);
    for (const b of results.bundles) log(`  ${b.name}: ${b.raw} B, ${b.gzip} B gzipped`);
  }

  if (wants('pages') || wants('scroll')) {
    mkdirSync(TMP, { recursive: true });
    const server = await startServer({ root: TMP });
    const corpusServer = existsSync(CORPUS) ? await startServer({ root: CORPUS, charset: null }) : null;
    const sessions = {
      ext: await launchChromium({ extension: true, extensionPath: buildDir }),
      none: await launchChromium({ extension: false }),
      empty: await launchChromium({ extension: true, extensionPath: writeEmptyExtension() }),
    };
    try {
      results.meta.chromium = await chromiumVersion(sessions.none);
      // Warm both browsers up (first tab, service worker start) on a small page; not recorded.
      const warm = generatePage({ lang: 'en', bytes: 1_000, seed: 5 }, plantingsFromIndex(index, 'en'));
      writeFileSync(path.join(TMP, 'warm.html'), warm.html);
      for (const side of ['ext', 'none', 'empty'] as const) {
        for (let i = 0; i < 2; i++)
          await closePage(await loadAndSettle(sessions[side], server.url('warm.html'), { withExtension: side === 'ext' }));
      }

      if (wants('pages')) {
        log('Annotation cost, blocking and memory (with Gloss vs without, same Chromium)');
        results.pages = [];
        for (const plan of plans()) {
          let url: string;
          let meta: { bytes: number; textChars: number; planted: number };
          if (plan.lang === 'real') {
            const bytes = statSync(path.join(CORPUS, REAL_PAGE)).size;
            url = corpusServer!.url(REAL_PAGE);
            meta = { bytes, textChars: 0, planted: 0 };
          } else {
            const page = generatePage(
              { lang: plan.lang, bytes: plan.nominalBytes, seed: plan.nominalBytes + (plan.lang === 'en' ? 1 : 2) },
              plantingsFromIndex(index, plan.lang),
            );
            writeFileSync(path.join(TMP, `${plan.id}.html`), page.html);
            url = server.url(`${plan.id}.html`);
            meta = { bytes: page.bytes, textChars: page.textChars, planted: page.planted };
          }
          const result = await measurePage(plan, url, meta, sessions, aliases);
          if (plan.lang === 'real' && result.floor?.detail) result.textChars = result.floor.detail.chars;
          results.pages.push(result);
        }
      }
      if (wants('scroll')) {
        log('Scrolling a page with ~5,000 highlights');
        results.scroll = await measureScroll(server, sessions, index);
      }
    } finally {
      await sessions.ext.close();
      await sessions.none.close();
      await sessions.empty.close();
      await server.close();
      await corpusServer?.close();
    }
  }

  if (wants('scaling')) {
    log('Scaling with the catalog (Node, pure matcher)');
    try {
      results.scaling = runScaling({ log, passes: quick ? 3 : 5, sizes: quick ? [100, 1_000, 10_000] : undefined });
      results.scalingError = undefined;
    } catch (error) {
      results.scalingError = String((error as Error)?.stack ?? error)
        .split('\n')
        .slice(0, 3)
        .join(' ');
      log(`  failed: ${results.scalingError}`);
    }
  }
  if (wants('search')) {
    log('Popup search latency per keystroke (Node)');
    results.search = runSearchBenchmarks(index, log);
  }
  if (wants('quotes')) {
    log('Quote check: reading quotations on a page, checking them in the background (Node)');
    results.quotes = runQuoteBenchmarks(index, matcherData, log, quick ? 3 : 5);
  }
  if (wants('library')) {
    log("The user's library: adding a 1 MB source (background), a tab's start with 0–10,000 user entities (Node)");
    results.library = await runLibraryBenchmarks(index, matcherData, log, quick ? 2 : 5);
  }

  results.meta.loadAverage.end = os.loadavg();
  results.meta.durationS = Math.round((Date.now() - started) / 1000);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(results, null, 1) + '\n');
  log(`Wrote ${path.relative(ROOT, outFile)} (${results.meta.durationS} s)`);
  if (outFile === path.join(ROOT, 'bench', 'results.json')) writeReport(results, ROOT);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
