// The benchmarks that need no browser: how the matcher scales with the size of the catalog, and how long a
// popup search keystroke takes. Both run the project's own pure modules in this Node process.
import { performance } from 'node:perf_hooks';
import { createMatcher, createScanState, findMentions, type Matcher } from '../utils/matcher';
import { prepareSearch, runSearch } from '../utils/search';
import type { Automaton } from '../utils/matcher/automaton';
import { findPageQuotations, type RunPeople } from '../utils/quotations/page-quotations';
import type { GlossIndex, MatcherData } from '../utils/types';
import { createQuoteVerdicts } from '../utils/view/quote-verdict';
import { syntheticIndex, syntheticMatcherData, syntheticNames } from './catalog';
import { generateProse, type Lang } from './pages';
import { createLibraryService } from '../utils/library/service';
import { createLibraryDeriver } from '../utils/library/derive';
import { assembleSeed } from '../utils/indexer/seed-assembly';
import { tabMatcher } from '../utils/library/matcher-data';
import { summarize, type Summary } from './stats';

export interface ScalingRow {
  aliases: number;
  /** Automaton states. */
  states: number;
  /** createMatcher (automaton compile + per-alias rule forms), ms. */
  buildMs: Summary;
  /** The automaton's arrays as they would be serialised (typed arrays' bytes + groups as JSON). */
  automatonBytes: number;
  /** The catalog as a tab loads it (MatcherData JSON, UTF-8). */
  matcherJsonBytes: number;
  /** findMentions over prose with this catalog's names, MB (UTF-8) per second, per pass. */
  throughputEn: Summary;
  throughputZh: Summary;
  mentionsEn: number;
  mentionsZh: number;
  textBytesEn: number;
  textBytesZh: number;
}

export function automatonBytes(automaton: Automaton): number {
  let bytes = 0;
  for (const value of Object.values(automaton)) {
    if (ArrayBuffer.isView(value)) bytes += value.byteLength;
  }
  return bytes + Buffer.byteLength(JSON.stringify(automaton.groups));
}

/** Splits prose into page-like runs (paragraphs of 300–900 characters) at sentence ends. */
export function splitRuns(text: string, seed = 3): string[] {
  const runs: string[] = [];
  let at = 0;
  let n = seed;
  while (at < text.length) {
    n = (n * 1103515245 + 12345) >>> 0;
    let end = Math.min(text.length, at + 300 + (n % 600));
    const stop = Math.max(text.indexOf('. ', end), text.indexOf('。', end));
    end = stop < 0 ? text.length : Math.min(text.length, stop + 1);
    runs.push(text.slice(at, end));
    at = end;
  }
  return runs;
}

function scanAll(matcher: Matcher, runs: readonly string[]): number {
  const state = createScanState();
  let found = 0;
  for (const run of runs) found += findMentions(matcher, run, state).length;
  return found;
}

function throughput(matcher: Matcher, runs: readonly string[], passes: number): { mbps: Summary; mentions: number; bytes: number } {
  const bytes = runs.reduce((sum, run) => sum + Buffer.byteLength(run), 0);
  let mentions = scanAll(matcher, runs); // warm-up pass: the tab's first page pays the JIT; see the browser figures for that
  const rates: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const t = performance.now();
    mentions = scanAll(matcher, runs);
    rates.push(bytes / 1e6 / ((performance.now() - t) / 1000));
  }
  return { mbps: summarize(rates), mentions, bytes };
}

export interface ScalingOptions {
  sizes?: number[];
  /** Characters of English prose (Chinese gets a third: a Chinese character carries about 3× more). */
  chars?: number;
  passes?: number;
  log?: (line: string) => void;
}

export function runScaling(options: ScalingOptions = {}): ScalingRow[] {
  const sizes = options.sizes ?? [100, 1_000, 10_000, 100_000];
  const chars = options.chars ?? 1_000_000;
  const passes = options.passes ?? 5;
  const log = options.log ?? (() => undefined);
  const rows: ScalingRow[] = [];
  for (const size of sizes) {
    const data = syntheticMatcherData(size);
    const builds: number[] = [];
    let matcher: Matcher | null = null;
    const buildRuns = size >= 100_000 ? 3 : 5;
    for (let i = 0; i < buildRuns; i++) {
      const t = performance.now();
      matcher = createMatcher(data);
      builds.push(performance.now() - t);
    }
    const m = matcher!;
    // The same prose for every catalog (same seed), with names of this catalog planted at the same density.
    const names = syntheticNames(size);
    const latin = names.filter((n) => !n.cjk).map((n) => n.text);
    const cjk = names.filter((n) => n.cjk).map((n) => n.text);
    const en = splitRuns(generateProse('en', chars, 11, latin.length ? latin : ['Nobody']));
    const zh = splitRuns(generateProse('zh', Math.round(chars / 3), 12, cjk.length ? cjk : ['无名']));
    const resultEn = throughput(m, en, passes);
    const resultZh = throughput(m, zh, passes);
    const row: ScalingRow = {
      aliases: size,
      states: m.automaton.depth.length,
      buildMs: summarize(builds),
      automatonBytes: automatonBytes(m.automaton),
      matcherJsonBytes: Buffer.byteLength(JSON.stringify(data)),
      throughputEn: resultEn.mbps,
      throughputZh: resultZh.mbps,
      mentionsEn: resultEn.mentions,
      mentionsZh: resultZh.mentions,
      textBytesEn: resultEn.bytes,
      textBytesZh: resultZh.bytes,
    };
    log(
      `  ${size} aliases: build ${row.buildMs.median.toFixed(1)} ms, ${(row.automatonBytes / 1024).toFixed(0)} KB, ` +
        `en ${row.throughputEn.median.toFixed(1)} MB/s (${row.mentionsEn} mentions), zh ${row.throughputZh.median.toFixed(1)} MB/s (${row.mentionsZh})`,
    );
    rows.push(row);
  }
  return rows;
}

export interface SearchRow {
  index: string;
  entities: number;
  prepareMs: Summary;
  /** Every keystroke of every query, warm passes. */
  keystrokeMs: Summary;
  p95Ms: number;
  /** The first pass (a popup just opened: code not yet optimised). */
  coldKeystrokeMs: Summary;
  keystrokes: number;
  queries: string[];
}

function typeQueries(prepared: ReturnType<typeof prepareSearch>, queries: readonly string[]): number[] {
  const times: number[] = [];
  for (const query of queries) {
    const chars = [...query];
    for (let k = 1; k <= chars.length; k++) {
      const prefix = chars.slice(0, k).join('');
      const t = performance.now();
      runSearch(prepared, prefix);
      times.push(performance.now() - t);
    }
  }
  return times;
}

export function searchBenchmark(name: string, index: GlossIndex, queries: string[], passes = 5): SearchRow {
  const prepares: number[] = [];
  let prepared = prepareSearch(index);
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    prepared = prepareSearch(index);
    prepares.push(performance.now() - t);
  }
  const cold = typeQueries(prepared, queries);
  const warm: number[] = [];
  for (let pass = 1; pass < passes; pass++) warm.push(...typeQueries(prepared, queries));
  const sorted = [...warm].sort((a, b) => a - b);
  return {
    index: name,
    entities: index.entities.length,
    prepareMs: summarize(prepares),
    keystrokeMs: summarize(warm),
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
    coldKeystrokeMs: summarize(cold),
    keystrokes: cold.length,
    queries,
  };
}

export function runSearchBenchmarks(seedIndex: GlossIndex, log: (line: string) => void = () => undefined): SearchRow[] {
  // Real names, a Chinese name, words of summaries, a typo, and a query that matches nothing.
  const seedQueries = ['deepseek', 'kai-fu lee', '李开复', 'reasoning model', 'open source', 'antropic', 'zqxj'];
  const synthetic = syntheticIndex(10_000);
  const someone = synthetic.entities[4321];
  const chinese = synthetic.entities.find((e) => e.names.zh)?.names.zh ?? '华';
  const typo = someone.name.slice(0, 3) + someone.name.slice(4);
  const syntheticQueries = [someone.name.toLowerCase(), chinese, 'laboratory', 'reasoning training', typo.toLowerCase(), 'zqxj'];
  const rows = [
    searchBenchmark('seed index', seedIndex, seedQueries),
    searchBenchmark('synthetic 10,000 entities', synthetic, syntheticQueries),
  ];
  for (const row of rows) {
    log(
      `  ${row.index}: prepare ${row.prepareMs.median.toFixed(1)} ms; keystroke median ${row.keystrokeMs.median.toFixed(2)} ms, p95 ${row.p95Ms.toFixed(2)}, max ${row.keystrokeMs.max.toFixed(2)} (cold max ${row.coldKeystrokeMs.max.toFixed(2)})`,
    );
  }
  return rows;
}

export interface QuoteBench {
  /** Reading a page's runs for quotations (findPageQuotations), ms per MB of text, and matching the same runs. */
  readEn: { noMarksMsPerMb: Summary; withQuotationsMsPerMb: Summary; matchingMsPerMb: Summary; quotations: number };
  readZh: { noMarksMsPerMb: Summary; withQuotationsMsPerMb: Summary; matchingMsPerMb: Summary; quotations: number };
  /** The background's side: preparing the checker, then one quotation checked. */
  libraries: { name: string; quotes: number; prepareMs: Summary; checkMs: Summary; p95Ms: number }[];
}

// Page text with a speech quotation in every third run: "X said: “…”" with a sentence of the prose inside.
function withQuotations(runs: readonly string[], lang: Lang): string[] {
  return runs.map((run, i) => {
    if (i % 3 !== 0) return run;
    const inner = run.slice(0, Math.min(run.length, lang === 'en' ? 160 : 60));
    return lang === 'en' ? `Larry Li said: “${inner}” ${run}` : `李开复表示：“${inner}”${run}`;
  });
}

function msPerMb(runs: readonly string[], work: (runs: readonly string[]) => void, passes: number): Summary {
  const bytes = runs.reduce((sum, run) => sum + Buffer.byteLength(run), 0);
  work(runs); // warm-up
  const samples: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const t = performance.now();
    work(runs);
    samples.push((performance.now() - t) / (bytes / 1e6));
  }
  return summarize(samples);
}

/** The quote check's costs: on the page (finding quotations in the same read as mentions) and in the background. */
export function runQuoteBenchmarks(
  seedIndex: GlossIndex,
  seedMatcher: MatcherData,
  log: (line: string) => void = () => undefined,
  passes = 5,
): QuoteBench {
  const matcher = createMatcher(seedMatcher);
  const read = (lang: Lang) => {
    // The generated Chinese prose quotes terms ("…称之为“…”"): the plain page has every opening mark taken out.
    const prose = splitRuns(generateProse(lang, lang === 'en' ? 1_000_000 : 330_000, 21, ['IBM', 'DeepSeek', 'Larry Li', '李开复']));
    const plain = prose.map((run) => run.replace(/[“"「『«‘]/g, ' '));
    const quoted = withQuotations(prose, lang);
    let quotations = 0;
    const readQuotations = (runs: readonly string[]) => {
      quotations = 0;
      let previous: RunPeople | undefined;
      for (const text of runs) {
        const current = { text, people: [] };
        quotations += findPageQuotations(current, previous).length;
        previous = current;
      }
    };
    const noMarksMsPerMb = msPerMb(plain, readQuotations, passes);
    const withQuotationsMsPerMb = msPerMb(quoted, readQuotations, passes);
    const matchingMsPerMb = msPerMb(quoted, (runs) => scanAll(matcher, runs), passes);
    return { noMarksMsPerMb, withQuotationsMsPerMb, matchingMsPerMb, quotations };
  };
  const readEn = read('en');
  const readZh = read('zh');
  for (const [lang, r] of [
    ['en', readEn],
    ['zh', readZh],
  ] as const) {
    log(
      `  read ${lang}: no marks ${r.noMarksMsPerMb.median.toFixed(1)} ms/MB, with ${r.quotations} quotations ${r.withQuotationsMsPerMb.median.toFixed(1)} ms/MB; matching ${r.matchingMsPerMb.median.toFixed(1)} ms/MB`,
    );
  }

  // Quotations to check: the seed's own quotes (verbatim), each with a character changed (altered), and prose
  // sentences no source holds (no verdict, the common case).
  const seedQuotes = seedIndex.quotes.map((quote) => quote.text);
  const asked = [
    ...seedQuotes.map((text) => ({ text })),
    ...seedQuotes.map((text) => ({ text: text.slice(0, 3) + '大' + text.slice(4) })),
    ...splitRuns(generateProse('zh', 4_000, 5, []))
      .slice(0, 10)
      .map((text) => ({ text: text.slice(0, 60) })),
    ...splitRuns(generateProse('en', 8_000, 6, []))
      .slice(0, 10)
      .map((text) => ({ text: text.slice(0, 160) })),
  ];
  const library = (name: string, index: GlossIndex) => {
    const prepares: number[] = [];
    let verdicts = createQuoteVerdicts(index);
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      verdicts = createQuoteVerdicts(index);
      verdicts([asked[0]]); // the checker is made on first use
      prepares.push(performance.now() - t);
    }
    const times: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
      for (const quotation of asked) {
        const t = performance.now();
        verdicts([quotation]);
        times.push(performance.now() - t);
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    const row = {
      name,
      quotes: index.quotes.length,
      prepareMs: summarize(prepares),
      checkMs: summarize(times),
      p95Ms: sorted[Math.floor(sorted.length * 0.95)],
    };
    log(
      `  ${name} (${row.quotes} quotes): prepare ${row.prepareMs.median.toFixed(1)} ms; check median ${row.checkMs.median.toFixed(3)} ms, p95 ${row.p95Ms.toFixed(3)}, max ${row.checkMs.max.toFixed(2)}`,
    );
    return row;
  };
  const synthetic = syntheticIndex(10_000);
  const libraries = [library('seed index', seedIndex), library('synthetic index', synthetic)];
  return { readEn, readZh, libraries };
}

export interface LibraryBench {
  /** Adding one document to the library in the background: read by the pipeline, verified, names proposed. */
  addSource: { lang: Lang; chars: number; ms: Summary; candidates: number }[];
  /** A tab's start with the user's names: parse the stored names, combine with the bundled ones, build the matcher. */
  tabStart: { userEntities: number; aliases: number; storedKb: number; ms: Summary }[];
  /** The background reading a library it holds (its start, or Chrome waking its service worker): derive everything. */
  wake: { sources: number; chars: number; ms: Summary }[];
}

/** The user's library: adding a 1 MB source (background), and a tab's start with 0–10,000 user entities. */
export async function runLibraryBenchmarks(
  seedIndex: GlossIndex,
  seedMatcher: MatcherData,
  log: (line: string) => void = () => undefined,
  passes = 3,
): Promise<LibraryBench> {
  const addSource: LibraryBench['addSource'] = [];
  for (const lang of ['en', 'zh'] as const) {
    const chars = lang === 'en' ? 1_000_000 : 350_000; // about 1 MB of UTF-8 either way
    const names =
      lang === 'en' ? ['IBM', 'DeepSeek', 'Larry Li', 'Mistral Forge', 'Elodie Marchand'] : ['李开复', '深度求索', '华为', '腾讯'];
    const text = generateProse(lang, chars, 31, names);
    const paragraphs = text.split('\n').filter((line) => line.trim() !== '');
    const samples: number[] = [];
    let candidates = 0;
    for (let pass = 0; pass < passes + 1; pass++) {
      // A fresh service each pass (an empty library), so each pass reads the source from scratch.
      const service = createLibraryService({
        store: {
          read: async () => ({ sources: [], entities: [], aliases: [] }),
          write: async () => undefined,
          replace: async () => undefined,
        },
        bundled: seedIndex,
        bundledMatcher: seedMatcher,
        publish: async () => undefined,
        now: () => '2026-01-01T00:00:00.000Z',
      });
      const started = performance.now();
      const added = await service.addDocument({
        parsed: { paragraphs, metadata: { title: 'Bench' }, warnings: [] },
        file: `bench-${lang}.txt`,
        origin: 'file',
      });
      if (pass > 0) samples.push(performance.now() - started);
      candidates = added.candidates.length;
    }
    addSource.push({ lang, chars, ms: summarize(samples), candidates });
  }

  const tabStart: LibraryBench['tabStart'] = [];
  const bundledJson = JSON.stringify(seedMatcher);
  for (const userEntities of [0, 1_000, 10_000]) {
    const user = syntheticMatcherData(userEntities, 7);
    user.entities = user.entities.map((entity, i) => ({ ...entity, id: `u-${i}` }));
    const stored = userEntities ? JSON.stringify(user) : 'null';
    const samples: number[] = [];
    for (let pass = 0; pass < passes + 1; pass++) {
      const started = performance.now();
      const matcher = tabMatcher(JSON.parse(bundledJson) as MatcherData, JSON.parse(stored));
      findMentions(matcher, 'DeepSeek met Larry Li in Hangzhou.', createScanState());
      if (pass > 0) samples.push(performance.now() - started);
    }
    tabStart.push({ userEntities, aliases: user.aliases.length, storedKb: stored.length / 1024, ms: summarize(samples) });
  }
  const wake: LibraryBench['wake'] = [];
  for (const count of [10, 100]) {
    const sources = Array.from({ length: count }, (_, i) => {
      const lang = i % 2 ? 'zh' : 'en';
      const text = generateProse(lang, lang === 'zh' ? 7_000 : 20_000, 100 + i, ['IBM', 'DeepSeek', 'Larry Li', '李开复']);
      // Assembled as any source is (paragraph spans, title, language), then filed as the user's.
      const seed = assembleSeed({ paragraphs: text.split('\n'), metadata: { lang }, warnings: [] }, 'bench', `s${i}.txt`);
      const addedAt = `2026-01-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`;
      const id = `u-${String(i).padStart(16, '0')}`;
      return {
        id,
        file: seed.file,
        origin: 'file' as const,
        title: `Source ${i}`,
        lang,
        text: seed.text,
        paragraphs: seed.paragraphs,
        hash: '0'.repeat(64),
        addedAt,
      };
    });
    const chars = sources.reduce((n, source) => n + source.text.length, 0);
    const samples: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
      const derive = createLibraryDeriver(seedIndex, seedMatcher);
      const started = performance.now();
      derive({ sources, entities: [], aliases: [] });
      samples.push(performance.now() - started);
    }
    wake.push({ sources: count, chars, ms: summarize(samples) });
  }
  for (const row of wake)
    log(`  background start with ${row.sources} sources (${row.chars.toLocaleString('en-US')} chars): ${row.ms.median.toFixed(0)} ms`);
  for (const row of addSource)
    log(
      `  add a ${row.lang} source of ${row.chars.toLocaleString('en-US')} chars: ${row.ms.median.toFixed(0)} ms, ${row.candidates} names proposed`,
    );
  for (const row of tabStart)
    log(`  tab start with ${row.userEntities} user entities (${row.storedKb.toFixed(0)} KB stored): ${row.ms.median.toFixed(1)} ms`);
  return { addSource, tabStart, wake };
}
