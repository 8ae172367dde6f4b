// `npm run index`: builds data/index.json and data/matcher.json from seeds/ and data/catalog.json.
// Only parses arguments, reads and writes files, and prints; the work is in utils/indexer.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCatalog } from '../utils/indexer/catalog';
import { buildIndex, shippedMatcherData } from '../utils/indexer/build-index';
import { discoverUncovered } from '../utils/indexer/discover';
import { GlossInputError } from '../utils/indexer/errors';
import { readSeedDirectory } from '../utils/indexer/seed-reader';
import { serializeJson } from '../utils/indexer/serialize';
import { createMatcher, createScanState, findMentions } from '../utils/matcher';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: 'seeds' },
    catalog: { type: 'string', default: 'data/catalog.json' },
    out: { type: 'string', default: 'data/index.json' },
    'matcher-out': { type: 'string' },
    check: { type: 'boolean', default: false },
    discover: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

const display = (path: string) => relative(process.cwd(), resolve(path)) || path;

function main(): number {
  const catalogPath = values.catalog!;
  if (!existsSync(catalogPath)) throw new GlossInputError('catalog file not found', display(catalogPath));
  const parsed = parseCatalog(readFileSync(catalogPath, 'utf8'), display(catalogPath));
  if (!existsSync(values.seeds!)) throw new GlossInputError('seed folder not found', display(values.seeds!));
  const seeds = readSeedDirectory(values.seeds!);
  const { index, matcherData, warnings } = buildIndex(seeds, parsed, display(catalogPath));
  if (!values.quiet) for (const warning of warnings) console.warn(`warning: ${warning}`);

  if (values.discover) {
    const matcher = createMatcher(matcherData);
    const sources = index.sources.map((source) => {
      const state = createScanState();
      const mentions = source.paragraphs.flatMap(([start, end]) =>
        findMentions(matcher, source.text.slice(start, end), state).map((m) => ({ ...m, start: m.start + start, end: m.end + start })),
      );
      return { source, mentions };
    });
    const found = discoverUncovered(sources);
    if (found.length === 0) console.log('discover: every candidate name in the seeds is covered by the catalog');
    for (const d of found) console.log(`discover: ${d.source}@${d.start} ${d.kind}: ${d.text}`);
    return 0;
  }

  const outPath = values.out!;
  const matcherPath = values['matcher-out'] ?? resolve(outPath, '..', 'matcher.json');
  const outputs: [string, string][] = [
    [outPath, serializeJson(index)],
    [matcherPath, serializeJson(shippedMatcherData(matcherData), { compact: true })],
  ];
  if (values.check) {
    const stale = outputs.filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text).map(([path]) => display(path));
    if (stale.length > 0) {
      console.error(`error: ${stale.join(', ')} out of date with the seeds and catalog; run npm run index`);
      return 1;
    }
    console.log('index is up to date');
    return 0;
  }
  for (const [path, text] of outputs) writeFileSync(path, text);
  const quoteCount = index.quotes.length;
  const mentionCount = index.entities.reduce((n, e) => n + e.mentions.length, 0);
  console.log(
    `index: ${index.sources.length} sources, ${index.entities.length} entities, ${mentionCount} mentions, ${quoteCount} quotes → ${display(outPath)}, ${display(matcherPath)}`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof GlossInputError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(`error: ${(error as Error).message}`);
    process.exitCode = 2;
  }
}
