// Recall and precision of the matcher on real documents judged by reading (e2e/fixtures/judged/README.md).
// Each document is read as a tab reads it (Markdown rendered by marked, then the content script's own
// walkRuns over jsdom, findMentions run by run with one ScanState), and what is found is compared with the
// judgments: a found mention counts as right only if a true entry has the same entity and the same span.
//   npx tsx scripts/judged-set.ts [--details] [--out FILE]   (exit 1 below the floors or on a bad judgment file)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { marked } from 'marked';
import { createMatcher, createScanState, findMentions, type Matcher } from '../utils/matcher';
import { walkRuns } from '../utils/page/text-runs';
import type { MatcherData } from '../utils/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const JUDGED = join(ROOT, 'e2e/fixtures/judged');
export const RECALL_FLOOR = 0.9;
export const PRECISION_FLOOR = 0.98;

export interface Judgment {
  entity: string;
  exact: string;
  prefix: string;
  suffix: string;
  mention: boolean;
  occurrence?: number;
  why?: string;
}

/** A span of the document's runs: run index, offsets in that run's text. */
export interface Span {
  run: number;
  start: number;
  end: number;
  entity: string;
}

export interface Score {
  truePositives: Span[];
  /** Found, and judged not a mention (an explicit trap). */
  traps: Span[];
  /** Found, and not judged at all (counted as wrong until someone judges it). */
  unjudged: Span[];
  /** Judged a mention, not found. */
  missed: Span[];
}

/** The runs a tab reads in an HTML document. */
export function readRuns(html: string): string[] {
  const { window } = new JSDOM(html);
  return [...walkRuns(window.document.body)].map((run) => run.text);
}

/** Where a judgment stands in the runs: the `occurrence`-th (default: only) match of prefix + exact + suffix. */
export function locate(runs: readonly string[], judgment: Judgment): Span {
  const pattern = judgment.prefix + judgment.exact + judgment.suffix;
  const hits: Span[] = [];
  runs.forEach((text, run) => {
    for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
      const start = at + judgment.prefix.length;
      hits.push({ run, start, end: start + judgment.exact.length, entity: judgment.entity });
    }
  });
  const wanted = judgment.occurrence ?? 1;
  if (hits.length === 0 || (judgment.occurrence === undefined && hits.length > 1) || !hits[wanted - 1]) {
    throw new Error(`${JSON.stringify(pattern)} matches ${hits.length} times in the runs (occurrence ${judgment.occurrence ?? '—'})`);
  }
  return hits[wanted - 1];
}

/** What the matcher finds in the runs, as a tab runs it: in order, one scan state for the document. */
export function findSpans(matcher: Matcher, runs: readonly string[]): Span[] {
  const state = createScanState();
  return runs.flatMap((text, run) =>
    findMentions(matcher, text, state).map((mention) => ({
      run,
      start: mention.start,
      end: mention.end,
      entity: matcher.data.entities[mention.entity].id,
    })),
  );
}

const keyOf = (span: Span) => `${span.run}:${span.start}:${span.end}:${span.entity}`;

export function score(found: readonly Span[], judged: readonly { span: Span; mention: boolean }[]): Score {
  const verdicts = new Map(judged.map(({ span, mention }) => [keyOf(span), mention]));
  const foundKeys = new Set(found.map(keyOf));
  const result: Score = { truePositives: [], traps: [], unjudged: [], missed: [] };
  for (const span of found) {
    const verdict = verdicts.get(keyOf(span));
    (verdict === true ? result.truePositives : verdict === false ? result.traps : result.unjudged).push(span);
  }
  for (const { span, mention } of judged) if (mention && !foundKeys.has(keyOf(span))) result.missed.push(span);
  return result;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

function describe(runs: readonly string[], span: Span): string {
  const text = runs[span.run];
  const around = (from: number, to: number) => text.slice(Math.max(0, from), to).replace(/\s+/g, ' ');
  return `${span.entity.padEnd(22)} …${around(span.start - 20, span.start)}[${text.slice(span.start, span.end)}]${around(span.end, span.end + 20)}…`;
}

function main(argv: string[]): number {
  const details = argv.includes('--details');
  const outAt = argv.indexOf('--out');
  const matcher = createMatcher(JSON.parse(readFileSync(join(ROOT, 'data/matcher.json'), 'utf8')) as MatcherData);
  const totals = { truePositives: 0, found: 0, mentions: 0 };
  const lines: string[] = [];
  for (const name of readdirSync(JUDGED).filter((file) => file.endsWith('.judged.json'))) {
    const judgedFile = join(JUDGED, name);
    const { file, mentions } = JSON.parse(readFileSync(judgedFile, 'utf8')) as { file: string; mentions: Judgment[] };
    const source = readFileSync(join(JUDGED, file), 'utf8');
    const runs = readRuns(file.endsWith('.md') ? `<body>${marked.parse(source, { async: false })}</body>` : source);
    let judged: { span: Span; mention: boolean }[];
    try {
      judged = mentions.map((judgment) => ({ span: locate(runs, judgment), mention: judgment.mention }));
    } catch (error) {
      console.error(`${judgedFile}: ${(error as Error).message}`);
      return 1;
    }
    const result = score(findSpans(matcher, runs), judged);
    const found = result.truePositives.length + result.traps.length + result.unjudged.length;
    const trueMentions = judged.filter((entry) => entry.mention).length;
    totals.truePositives += result.truePositives.length;
    totals.found += found;
    totals.mentions += trueMentions;
    lines.push(
      `  ${file.padEnd(40)} recall ${ratio(result.truePositives.length, trueMentions).toFixed(3)} (${result.truePositives.length}/${trueMentions})` +
        `  precision ${ratio(result.truePositives.length, found).toFixed(3)} (${result.truePositives.length}/${found})`,
    );
    if (details) {
      for (const span of result.missed) lines.push(`      missed   ${describe(runs, span)}`);
      for (const span of result.traps) lines.push(`      WRONG    ${describe(runs, span)}`);
      for (const span of result.unjudged) lines.push(`      unjudged ${describe(runs, span)}`);
    }
  }
  const recall = ratio(totals.truePositives, totals.mentions);
  const precision = ratio(totals.truePositives, totals.found);
  const summary = `judged set: recall ${recall.toFixed(3)} (${totals.truePositives}/${totals.mentions}, floor ${RECALL_FLOOR}), precision ${precision.toFixed(3)} (${totals.truePositives}/${totals.found}, floor ${PRECISION_FLOOR})`;
  console.log([...lines, summary].join('\n'));
  if (outAt >= 0 && argv[outAt + 1]) writeFileSync(argv[outAt + 1], `${summary}\n`);
  return recall >= RECALL_FLOOR && precision >= PRECISION_FLOOR ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
