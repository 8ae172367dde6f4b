// Fuzzing the index builder with random and malformed seeds and catalogs. Deterministic: every case comes from
// a seeded PRNG, and a failure names its case number (FUZZ_CASE=n reruns one case). The rule under test:
// every failure is a GlossInputError whose message starts "file:line: " (or "file: " when no line applies)
// naming one of the input files; nothing else escapes (a TypeError, a RangeError, an "index verification
// failed" Error would be a crash: exit code 2 in the CLI). Most cases call the pure functions in the order the
// CLI does (parseCatalog, readSeedDirectory, buildIndex); a handful run the CLI itself as a child process and
// check the exit code (0 or 1, never 2) and that stderr holds one "error: file:line: …" line and no stack.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCatalog } from './catalog';
import { ENTITY_TYPES, RELATION_TYPES } from '../types';
import { buildIndex } from './build-index';
import { GlossInputError } from './errors';
import { readSeedDirectory } from './seed-reader';
import { serializeJson } from './serialize';

// --- A small deterministic PRNG (mulberry32) ------------------------------------------------------------

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

// --- Text material --------------------------------------------------------------------------------------

const NAMES = ['Ada Li', 'Li', 'Bram Oyelaran', 'Oyelaran', 'Northwind Labs', 'Northwind', 'Q-9', '李艾达', '北风实验室', 'Kestrel'];
const WORDS = [
  'the',
  'model',
  'said',
  'reported',
  'open',
  'source',
  'lab',
  'released',
  'weights',
  'in',
  'Paris',
  'and',
  'a',
  'new',
  '研究',
  '模型',
  '发布',
  '表示',
  '说',
  '他',
  '她',
  '开源',
  '公司',
  '。',
  '，',
  '：',
  '；',
  '.',
  ',',
  ':',
  ';',
  '!',
  '?',
  '—',
  '-',
  '(',
  ')',
  '“',
  '”',
  '「',
  '」',
  '"',
  "'",
  '‘',
  '’',
  '《',
  '》',
  '\u00a0',
  '\u3000',
  '\u200b',
  '\u202e',
  '\u0301',
  'é',
  '🙂',
  '\ud83d',
  '\udc00',
  '\u0007',
  '\u001b',
  '\ufeff',
  '\ufffd',
  '<b>',
  '</p>',
  '&amp;',
  '&#0;',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '${x}',
  '\\',
  '%s',
  '$&',
  '__proto__',
  'constructor',
];
const QUOTE_PAIRS = [
  ['“', '”'],
  ['"', '"'],
  ['「', '」'],
  ['‘', '’'],
  ["'", "'"],
  ['«', '»'],
];

function sentence(rng: Rng): string {
  const parts: string[] = [];
  const length = 1 + rng.int(18);
  for (let i = 0; i < length; i++) parts.push(rng.chance(0.25) ? rng.pick(NAMES) : rng.pick(WORDS));
  let text = parts.join(rng.chance(0.3) ? '' : ' ');
  if (rng.chance(0.35)) {
    const [open, close] = rng.pick(QUOTE_PAIRS);
    const speaker = rng.pick(NAMES);
    const quoted = Array.from({ length: 3 + rng.int(12) }, () => rng.pick(WORDS)).join(' ');
    text = rng.chance(0.5)
      ? `${speaker} said: ${open}${quoted}${rng.chance(0.8) ? close : ''}`
      : `${open}${quoted}${close}${speaker}表示。`;
  }
  return text;
}

function paragraphs(rng: Rng, count = 1 + rng.int(6)): string[] {
  return Array.from({ length: count }, () => Array.from({ length: 1 + rng.int(4) }, () => sentence(rng)).join(rng.pick([' ', '', '  '])));
}

// --- Seeds -----------------------------------------------------------------------------------------------

type SeedFiles = Record<string, string | Uint8Array>;

const BAD_DATES = ['2025-13-45', '2025-02-30', '0000-00-00', '99999-1-1', '2025/07/18', '18.07.2025', 'yesterday', ''];

function randomBytes(rng: Rng, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => rng.int(256));
}

function textSeed(rng: Rng): string {
  const date = rng.chance(0.6) ? `date ${rng.chance(0.7) ? '2025-07-18' : rng.pick(BAD_DATES)} ` : '';
  return date + paragraphs(rng).join(rng.pick(['\n', '\r\n', '\r', '\n\n', '\n \n']));
}

function markdownSeed(rng: Rng): string {
  const front: string[] = [];
  if (rng.chance(0.6)) {
    front.push('---');
    const keys = ['title', 'date', 'lang', 'url', 'publisher', 'author', 'tags', '', '__proto__'];
    for (let i = rng.int(5); i > 0; i--) {
      const key = rng.pick(keys);
      const value = rng.pick([
        'A title',
        '2025-07-18',
        rng.pick(BAD_DATES),
        'zh',
        'en-GB',
        'not a tag!',
        'https://example.com/a',
        'ftp://x',
        'javascript:alert(1)',
        '"quoted"',
        '',
      ]);
      front.push(`${key}: ${value}`);
    }
    if (rng.chance(0.85)) front.push('---');
  }
  const body = paragraphs(rng).map((p) =>
    rng.pick([
      p,
      `# ${p}`,
      `- ${p}`,
      `> ${p}`,
      `1. ${p}`,
      '```\n' + p + '\n```',
      `**${p}**`,
      `[${p}](http://x)`,
      `![${p}](x.png)`,
      '---',
      '~~~',
    ]),
  );
  return [...front, ...body].join(rng.pick(['\n\n', '\n']));
}

function htmlSeed(rng: Rng): string {
  const tags = [
    'p',
    'div',
    'span',
    'b',
    'i',
    'h1',
    'h2',
    'li',
    'ul',
    'table',
    'td',
    'tr',
    'br',
    'script',
    'style',
    'noscript',
    'template',
    'svg',
    'iframe',
    'article',
    'main',
    'pre',
  ];
  const head = rng.chance(0.7)
    ? `<head><title>${rng.pick(['A title', '', sentence(rng)])}</title>` +
      (rng.chance(0.4)
        ? `<meta property="article:published_time" content="${rng.pick(['2025-07-18T10:00:00Z', '2025-13-45T00:00', 'soon', ''])}">`
        : '') +
      (rng.chance(0.3)
        ? `<link rel="canonical" href="${rng.pick(['https://example.com/x', 'javascript:alert(1)', '/relative', ''])}">`
        : '') +
      '</head>'
    : '';
  const lang = rng.chance(0.5) ? ` lang="${rng.pick(['en', 'zh-CN', 'xx yy', '', '12'])}"` : '';
  let body = '';
  for (const paragraph of paragraphs(rng)) {
    const tag = rng.pick(tags);
    body += rng.chance(0.85) ? `<${tag}>${paragraph}</${tag}>` : `<${tag}>${paragraph}`;
  }
  if (rng.chance(0.1)) body = '<div>'.repeat(600) + body; // deeper than any browser nests: an input error
  return rng.chance(0.8) ? `<!doctype html><html${lang}>${head}<body>${body}</body></html>` : body;
}

function metaFile(rng: Rng): string {
  const choices = [
    () => JSON.stringify({ title: 'T', date: '2025-07-18', lang: 'en' }),
    () => JSON.stringify({ date: rng.pick(BAD_DATES) }),
    () => JSON.stringify({ url: rng.pick(['https://example.com', 'javascript:alert(1)', 'example.com', '']) }),
    () => JSON.stringify({ lang: rng.pick(['zh', 'english', '']) }),
    () => JSON.stringify({ title: 42 }),
    () => JSON.stringify({ colour: 'red' }),
    () => '{"__proto__": {"title": "x"}}',
    () => JSON.stringify(['title']),
    () => 'null',
    () => '{ "title": "unterminated',
    () => '{\n  "title": "a",\n  "date": "2025-07-18",\n}',
    () => '',
  ];
  return rng.pick(choices)();
}

function randomSeeds(rng: Rng, wellFormed: boolean): SeedFiles {
  const files: SeedFiles = {};
  const count = rng.int(4); // zero seeds is fine too: an index of nothing
  for (let i = 0; i < count; i++) {
    const kind = wellFormed ? rng.pick([0, 4, 6]) : rng.int(12);
    const id = rng.pick(['a', 'b', 'seed-1', '000_x', 'x.y', '中文', 'UPPER', ' space']);
    let name: string;
    let content: string | Uint8Array;
    if (kind < 4) [name, content] = [`${id}.txt`, textSeed(rng)];
    else if (kind < 6) [name, content] = [`${id}.${rng.pick(['md', 'markdown'])}`, markdownSeed(rng)];
    else if (kind < 8) [name, content] = [`${id}.${rng.pick(['html', 'htm'])}`, htmlSeed(rng)];
    else if (kind === 8) [name, content] = [`${id}.${rng.pick(['txt', 'md', 'html'])}`, randomBytes(rng, 1 + rng.int(200))];
    else if (kind === 9) {
      const bad = rng.pick([
        Uint8Array.from([0xff, 0xfe, 0x41, 0x00]),
        Uint8Array.from([0x41, 0xc3, 0x28, 0x0a]),
        Uint8Array.from([0xed, 0xa0, 0x80]),
        new Uint8Array(0),
        new TextEncoder().encode('   \n\t\n'),
        new TextEncoder().encode('\ufeffdate 2025-07-18 BOM first'),
      ]);
      [name, content] = [`${id}.txt`, bad];
    } else if (kind === 10) [name, content] = [`${id}${rng.pick(['.pdf', '', '.TXT', '.txt.bak', '.json'])}`, textSeed(rng)];
    else [name, content] = [`${id}.txt`, textSeed(rng)];
    files[name] = content;
    if (wellFormed) continue;
    if (rng.chance(0.25)) files[`${name.replace(/\.[^.]*$/, '')}.meta.json`] = metaFile(rng);
  }
  if (!wellFormed && rng.chance(0.05)) files['orphan.meta.json'] = metaFile(rng);
  return files;
}

// --- Catalogs --------------------------------------------------------------------------------------------

const WRONG_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  NaN,
  true,
  '',
  ' ',
  'x',
  'Not Kebab',
  '__proto__',
  'constructor',
  [],
  [null],
  [{}],
  [1, 2],
  {},
  { text: 1 },
  { text: '' },
  { text: 'zzz never in any seed zzz' },
  { text: 'Ada Li', source: 3 },
  'a'.repeat(5000),
];

function validCatalog(rng: Rng, seedTexts: string[], wellFormed: boolean): Record<string, unknown> {
  const verbatim = () => {
    const text = seedTexts.length ? rng.pick(seedTexts) : '';
    const start = rng.int(Math.max(1, text.length - 8));
    return text.slice(start, start + 3 + rng.int(20)).trim() || 'Ada Li';
  };
  const entities: Record<string, unknown>[] = [
    { id: 'ada-li', type: 'person', names: { en: 'Ada Li', zh: '李艾达' }, aliases: [{ text: 'Li', short: true }] },
    { id: 'bram-oyelaran', type: 'person', names: { en: 'Bram Oyelaran' }, aliases: ['Oyelaran'] },
    {
      id: 'northwind-labs',
      type: 'organization',
      names: { en: 'Northwind Labs', zh: '北风实验室' },
      aliases: [{ text: 'Northwind', notIn: ['Northwind Traders'] }],
    },
    { id: 'q-9', type: 'model', names: { en: 'Q-9' }, aliases: [{ text: 'Kestrel', context: ['model', '模型'] }] },
  ];
  if (wellFormed) return { entities };
  if (rng.chance(0.5)) entities[0].facts = [{ text: verbatim() }];
  if (rng.chance(0.3)) entities[2].summary = { text: verbatim() };
  if (rng.chance(0.4))
    entities[0].relations = [{ type: rng.pick(RELATION_TYPES), target: 'northwind-labs', evidence: { text: verbatim() } }];
  return { entities };
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  if (value === undefined) delete node[path[path.length - 1]];
  else node[path[path.length - 1]] = value;
}

const ENTITY_PATHS = [
  ['id'],
  ['type'],
  ['names'],
  ['names', 'en'],
  ['names', 'zh'],
  ['aliases'],
  ['aliases', '0'],
  ['aliases', '0', 'text'],
  ['aliases', '0', 'case'],
  ['aliases', '0', 'short'],
  ['aliases', '0', 'context'],
  ['aliases', '0', 'notIn'],
  ['facts'],
  ['facts', '0'],
  ['facts', '0', 'text'],
  ['facts', '0', 'source'],
  ['summary'],
  ['summary', 'text'],
  ['relations'],
  ['relations', '0'],
  ['relations', '0', 'type'],
  ['relations', '0', 'target'],
  ['relations', '0', 'evidence'],
];

function corruptCatalogText(rng: Rng, text: string): string {
  switch (rng.int(7)) {
    case 0:
      return text.slice(0, rng.int(text.length)); // truncated
    case 1: {
      const at = rng.int(text.length);
      return text.slice(0, at) + rng.pick(['{', '}', ',', '"', '\\', '\u0000', ']', 'x', '\n']) + text.slice(at);
    }
    case 2:
      return '\ufeff' + text;
    case 3:
      return '[' + '['.repeat(rng.int(20_000)) + ']'.repeat(rng.int(20_000)); // nesting, balanced or not
    case 4:
      return String.fromCharCode(...randomBytes(rng, 50));
    case 5:
      return rng.pick([
        '',
        'null',
        '[]',
        '{}',
        '{"entities": {}}',
        '{"entities": null}',
        '"entities"',
        '{"entities": [1]}',
        '{"entities": [[]]}',
      ]);
    default:
      return text.replace(/"/g, rng.chance(0.5) ? "'" : '');
  }
}

function randomCatalog(rng: Rng, seedTexts: string[], wellFormed: boolean): string {
  const catalog = validCatalog(rng, seedTexts, wellFormed);
  const entities = catalog.entities as Record<string, unknown>[];
  for (let i = wellFormed ? 0 : rng.int(4); i > 0; i--) {
    const entity = rng.pick(entities);
    switch (rng.int(6)) {
      case 0:
        setPath(entity, rng.pick(ENTITY_PATHS), rng.pick(WRONG_VALUES));
        break;
      case 1:
        setPath(entity, rng.pick(ENTITY_PATHS), undefined);
        break;
      case 2:
        entities.push(structuredClone(entity)); // duplicate id
        break;
      case 3:
        entities.push({ id: `e-${rng.int(100)}`, type: rng.pick([...ENTITY_TYPES, 'planet']), names: { en: rng.pick(NAMES) } }); // alias claims
        break;
      case 4:
        setPath(
          entity,
          ['relations'],
          [
            {
              type: rng.pick([...RELATION_TYPES, 'hates']),
              target: rng.pick(['ada-li', 'nobody', '']),
              evidence: { text: rng.pick(['Ada Li', 'never said']) },
            },
          ],
        );
        break;
      default:
        setPath(
          entity,
          ['aliases'],
          [
            rng.pick([
              { text: 'Ada', notIn: ['Ada Lovelace', 'Bob'] },
              { text: 'Li', context: [] },
              { text: 'Li', case: 'ANY' },
              '',
              '  ',
              42,
            ]),
          ],
        );
    }
  }
  const text = JSON.stringify(catalog, null, rng.pick([0, 2, '\t']));
  return !wellFormed && rng.chance(0.25) ? corruptCatalogText(rng, text) : text;
}

// --- Running a case --------------------------------------------------------------------------------------

const CATALOG_FILE = 'data/catalog.json';
const work = mkdtempSync(join(tmpdir(), 'gloss-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Case {
  dir: string;
  seedsDir: string;
  catalogPath: string;
  seeds: SeedFiles;
}

function makeCase(n: number): Case {
  const rng = new Rng(0x9e3779b9 ^ n);
  // A third of the cases keep to well-formed input (seeds of every format, a valid catalog): the builder must
  // then build; the rest is chaos.
  const wellFormed = rng.chance(1 / 3);
  const seeds = randomSeeds(rng, wellFormed);
  const dir = join(work, `case-${n}`);
  const seedsDir = join(dir, 'seeds');
  mkdirSync(seedsDir, { recursive: true });
  for (const [name, content] of Object.entries(seeds)) writeFileSync(join(seedsDir, name), content);
  const seedTexts = Object.values(seeds).filter((c): c is string => typeof c === 'string');
  const catalogPath = join(dir, 'catalog.json');
  writeFileSync(catalogPath, randomCatalog(rng, seedTexts, wellFormed));
  return { dir, seedsDir, catalogPath, seeds };
}

/** The input files a message may name: the catalog, the seed folder, each seed and meta file. */
function inputNames(c: Case): string[] {
  return [CATALOG_FILE, 'seeds', ...Object.keys(c.seeds).map((name) => `seeds/${name}`)];
}

/** "file:line: reason" or "file: reason", the file one of the inputs. */
function namesAnInput(message: string, c: Case): boolean {
  return inputNames(c).some((file) => message.startsWith(`${file}: `) || new RegExp(`^${escape(file)}:\\d+: \\S`).test(message));
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Outcome = { ok: true; entities: number } | { ok: false; message: string };

/** What the CLI does, in its order, in-process: any error but GlossInputError propagates. */
function runPure(c: Case): Outcome {
  try {
    const parsed = parseCatalog(readFileSync(c.catalogPath, 'utf8'), CATALOG_FILE);
    const seeds = readSeedDirectory(c.seedsDir, 'seeds');
    const { index, matcherData } = buildIndex(seeds, parsed, CATALOG_FILE);
    serializeJson(index);
    serializeJson(matcherData);
    return { ok: true, entities: index.entities.length };
  } catch (error) {
    if (error instanceof GlossInputError) return { ok: false, message: error.message };
    throw error;
  }
}

const ONLY = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
// FUZZ_CASES=n runs more (a longer hunt); the default keeps the unit suite quick.
const CASES = Number(process.env.FUZZ_CASES ?? 400);

describe('index builder fuzz (pure functions)', () => {
  it(`${CASES} random cases: a valid index, or a GlossInputError naming an input file and line`, () => {
    const outcomes = { ok: 0, inputErrors: 0 };
    const reasons = new Map<string, number>();
    for (let n = 0; n < CASES; n++) {
      if (ONLY !== undefined && n !== ONLY) continue;
      const c = makeCase(n);
      let outcome: Outcome;
      try {
        outcome = runPure(c);
      } catch (error) {
        throw new Error(`fuzz case ${n} (FUZZ_CASE=${n}; inputs in ${c.dir}) crashed: ${(error as Error).stack}`, { cause: error });
      }
      if (outcome.ok) outcomes.ok++;
      else {
        outcomes.inputErrors++;
        expect(namesAnInput(outcome.message, c), `case ${n}: "${outcome.message}" names an input file`).toBe(true);
        const reason = outcome.message
          .replace(/^[^:]+(:\d+)?: /, '')
          .replace(/"[^"]*"/g, '"…"')
          .slice(0, 60);
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
      rmSync(c.dir, { recursive: true, force: true });
    }
    if (process.env.FUZZ_REPORT)
      console.log(
        outcomes,
        [...reasons].sort((a, b) => b[1] - a[1]),
      );
    if (ONLY === undefined) {
      // The generator must reach both ends: valid indexes and many kinds of input error.
      expect(outcomes.ok, 'cases that built an index').toBeGreaterThan(CASES / 10);
      expect(outcomes.inputErrors, 'cases that were input errors').toBeGreaterThan(CASES / 4);
      expect(reasons.size, 'distinct kinds of input error').toBeGreaterThan(15);
    }
  }, 240_000);
});

describe('index builder fuzz (the CLI)', () => {
  const TSX = join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const CLI = join(process.cwd(), 'scripts', 'build-index.ts');
  // Cases chosen to cover the outcomes: a valid build, catalog errors, seed errors (bytes, deep HTML).
  const cliCases: { n: number; files?: (c: Case) => void; outcome?: RegExp | 'ok' }[] = [
    {
      n: 1000,
      files: (c) => {
        writeFileSync(
          join(c.seedsDir, 'zz.md'),
          '---\ntitle: T\ndate: 2025-07-18\n---\n\nAda Li said: “Northwind Labs released Q-9 today.”\n',
        );
        writeFileSync(c.catalogPath, JSON.stringify(validCatalog(new Rng(1), [], true), null, 2));
      },
      outcome: 'ok',
    },
    { n: 1001 },
    { n: 1002 },
    {
      n: 1003,
      files: (c) => writeFileSync(c.catalogPath, '{\n  "entities": [\n    { "id": "x", }\n  ]\n}'),
      outcome: /^catalog\.json:3: is not valid JSON/,
    },
    {
      n: 1004,
      files: (c) =>
        writeFileSync(
          c.catalogPath,
          JSON.stringify({ entities: [{ id: 'a-b', type: 'person', names: { en: 'A B' }, facts: 'not a list' }] }, null, 2),
        ),
      outcome: /^catalog\.json:3: entity #1 "a-b": "facts" must be an array$/,
    },
    {
      n: 1005,
      files: (c) => writeFileSync(join(c.seedsDir, 'zz.txt'), Uint8Array.from([0x41, 0x0a, 0xc3, 0x28, 0x0a])),
      outcome: /^seeds\/zz\.txt:2: is not valid UTF-8$/,
    },
    {
      n: 1006,
      files: (c) => writeFileSync(join(c.seedsDir, 'zz.html'), '<p>x</p>\n' + '<div>'.repeat(700) + 'deep' + '</div>'.repeat(700)),
      outcome: /^seeds\/zz\.html:2: elements are nested more than 512 deep/,
    },
  ];

  it.each(cliCases)(
    'case $n: exit 0 or 1 with one "error: file:line: …" line, never a crash (exit 2) or a stack',
    ({ n, files, outcome }) => {
      const c = makeCase(n);
      if (files) {
        // Only the given files: a case of its own, not the random one.
        rmSync(c.seedsDir, { recursive: true });
        mkdirSync(c.seedsDir);
        c.seeds = {};
        files(c);
        for (const name of readdirSync(c.seedsDir)) c.seeds[name] = readFileSync(join(c.seedsDir, name));
      }
      const expected = (() => {
        try {
          return runPure(c);
        } catch (error) {
          return { ok: false as const, message: `CRASH ${(error as Error).message}` };
        }
      })();
      const out = join(c.dir, 'out', 'index.json');
      mkdirSync(join(c.dir, 'out'));
      const run = spawnSync(process.execPath, [TSX, CLI, '--seeds', c.seedsDir, '--catalog', c.catalogPath, '--out', out, '--quiet'], {
        cwd: c.dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, `exit code; stderr: ${run.stderr}`).not.toBe(2);
      expect(run.stderr, 'no stack trace').not.toMatch(/^\s+at /m);
      if (outcome === 'ok') expect(expected.ok, JSON.stringify(expected)).toBe(true);
      else if (outcome) expect(run.stderr.trim().replace('error: ', '')).toMatch(outcome);
      if (expected.ok) {
        expect(run.status, run.stderr).toBe(0);
        expect(JSON.parse(readFileSync(out, 'utf8')).entities).toHaveLength(expected.entities);
      } else {
        expect(run.status).toBe(1);
        // The CLI names files relative to its working directory: the same names as in-process.
        const lines = run.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^error: \S+?(:\d+)?: \S/);
        expect(lines[0].replace('error: ', '').replace(/^catalog\.json/, CATALOG_FILE)).toBe(expected.message);
      }
      rmSync(c.dir, { recursive: true, force: true });
    },
    90_000,
  );
});

describe('regressions found by this fuzzer', () => {
  it('"facts" that is not a list is an input error, not a TypeError', () => {
    for (const facts of ['not a list', { text: 'x' }, 7, true]) {
      const raw = JSON.stringify({ entities: [{ id: 'a-b', type: 'person', names: { en: 'A B' }, facts }] }, null, 2);
      expect(() => parseCatalog(raw, CATALOG_FILE)).toThrow(
        new GlossInputError('entity #1 "a-b": "facts" must be an array', CATALOG_FILE, 3),
      );
    }
  });

  it('an HTML seed nested deeper than browsers nest is an input error naming the line, not a stack overflow or a hang', () => {
    const dir = join(work, 'deep');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'deep.html'), '<!doctype html>\n<p>Ada Li</p>\n' + '<div>'.repeat(600) + 'deep' + '</div>'.repeat(600));
    expect(() => readSeedDirectory(dir, 'seeds')).toThrow(/^seeds\/deep\.html:3: elements are nested more than 512 deep/);
    // Deep but browser-like nesting is still read.
    writeFileSync(join(dir, 'deep.html'), '<!doctype html>\n<p>Ada Li</p>\n' + '<div>'.repeat(200) + 'deep' + '</div>'.repeat(200));
    expect(readSeedDirectory(dir, 'seeds')[0].text).toContain('deep');
  }, 60_000);
});
