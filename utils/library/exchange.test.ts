import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { textQuoteSelector } from '../anchoring';
import { entityIri, type Annotation, type AnnotationCollection } from '../export-annotations';
import { GlossInputError } from '../indexer/errors';
import type { IndexQuote, Locator, NormalizedAlias, TextQuote } from '../types';
import {
  exportLibrary,
  mergeLibrary,
  readLibraryFile,
  serializeLibrary,
  sourceHash,
  type LibraryDerived,
  type LibraryFile,
} from './exchange';
import { EMPTY_LIBRARY, type LibraryAlias, type LibraryData, type LibraryEntity, type LibrarySource } from './types';

// ---------------------------------------------------------------------------------------------------------
// A realistic library: a Chinese page and an English file (with a character outside the BMP, so code points
// and UTF-16 units differ), the user's entities with summaries at real offsets, and names merged into a
// bundled entity and into one of the user's. Hashes come from node:crypto, not from the code under test.

const FILE = 'gloss-library.json';
const EXPORTED_AT = '2025-06-01T08:00:00.000Z';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `fields` may be another source's: its text, id and hash are replaced. */
function makeSource(
  fields: Omit<LibrarySource, 'id' | 'text' | 'paragraphs' | 'hash'> & Partial<LibrarySource>,
  paragraphs: string[],
): LibrarySource {
  const { id: _id, text: _text, paragraphs: _paragraphs, hash: _hash, ...metadata } = fields;
  const text = paragraphs.join('\n');
  const hash = sha256(text);
  let at = 0;
  const spans = paragraphs.map((paragraph): [number, number] => {
    const span: [number, number] = [at, at + paragraph.length];
    at += paragraph.length + 1;
    return span;
  });
  return { id: `u-${hash.slice(0, 16)}`, ...metadata, text, paragraphs: spans, hash };
}

/** The nth occurrence of `exact` in the source. */
function locate(source: LibrarySource, exact: string, nth = 0): Locator {
  let start = -1;
  for (let n = 0; n <= nth; n++) start = source.text.indexOf(exact, start + 1);
  if (start < 0) throw new Error(`${source.id} lacks ${exact}`);
  return { source: source.id, start, end: start + exact.length };
}

function passage(source: LibrarySource, exact: string, nth = 0): TextQuote {
  const at = locate(source, exact, nth);
  return { ...at, text: exact, ...textQuoteSelector(source.text, at.start, at.end) };
}

const exact = (text: string, extra: Partial<NormalizedAlias> = {}): NormalizedAlias => ({ text, case: 'exact', ...extra });

const ZH = makeSource(
  {
    file: 'https://news.example.cn/tech/2025/galaxy.html',
    origin: 'page',
    title: '星河智能发布长文本模型',
    publisher: '示例科技报',
    date: '2025-05-20',
    lang: 'zh',
    url: 'https://news.example.cn/tech/2025/galaxy.html',
    addedAt: '2025-05-21T10:15:00.000Z',
  },
  [
    '星河智能（Galaxy Intelligence）是一家总部位于杭州的人工智能初创公司，专注于长文本理解。',
    '公司创始人林晓峰在发布会上表示：“长文本是通往通用人工智能的关键一步。”',
    '不少开发者也在使用 DeepSeek AI 发布的开源模型，星河智能的工程师同样如此。',
  ],
);

const EN = makeSource(
  {
    file: 'northwind-profile.md',
    origin: 'file',
    author: 'Maria Santos',
    title: 'Northwind Robotics: a profile',
    lang: 'en',
    addedAt: '2025-05-22T16:40:00.000Z',
  },
  [
    'Northwind Robotics is a Lisbon-based maker of warehouse robots, founded by Inês Duarte in 2019.',
    '📦 "Every robot we ship is tested for a thousand hours," Duarte said in an interview.',
    'Inês Duarte previously led logistics research at a university in Porto.',
    'Customers of Northwind Robotics include several European retailers.',
  ],
);

function entity(
  id: string,
  type: LibraryEntity['type'],
  names: LibraryEntity['names'],
  aliases: NormalizedAlias[],
  summary: TextQuote,
  addedAt: string,
): LibraryEntity {
  return { id, type, names, aliases, summary, acceptedFrom: [summary.source], addedAt };
}

function libraryData(): LibraryData {
  const entities = [
    entity(
      'u-galaxy-intelligence',
      'organization',
      { en: 'Galaxy Intelligence', zh: '星河智能' },
      [exact('Galaxy Intelligence'), exact('星河智能')],
      passage(ZH, '星河智能（Galaxy Intelligence）是一家总部位于杭州的人工智能初创公司，专注于长文本理解。'),
      '2025-05-21T10:16:00.000Z',
    ),
    entity(
      'u-lin-xiaofeng',
      'person',
      { en: '林晓峰', zh: '林晓峰' },
      [exact('林晓峰')],
      passage(ZH, '公司创始人林晓峰在发布会上表示：“长文本是通往通用人工智能的关键一步。”'),
      '2025-05-21T10:17:00.000Z',
    ),
    entity(
      'u-northwind-robotics',
      'organization',
      { en: 'Northwind Robotics' },
      [exact('Northwind Robotics'), exact('Northwind', { short: true })],
      passage(EN, 'Northwind Robotics is a Lisbon-based maker of warehouse robots, founded by Inês Duarte in 2019.'),
      '2025-05-22T16:41:00.000Z',
    ),
    entity(
      'u-ines-duarte',
      'person',
      { en: 'Inês Duarte' },
      [exact('Inês Duarte'), exact('Duarte', { short: true, context: ['robot', 'Northwind'] })],
      passage(EN, 'Inês Duarte previously led logistics research at a university in Porto.'),
      '2025-05-22T16:42:00.000Z',
    ),
  ];
  const aliases: LibraryAlias[] = [
    {
      id: 'deepseek|DeepSeek AI',
      entity: 'deepseek',
      alias: exact('DeepSeek AI'),
      acceptedFrom: [ZH.id],
      addedAt: '2025-05-21T10:18:00.000Z',
    },
    {
      id: 'u-galaxy-intelligence|星河',
      entity: 'u-galaxy-intelligence',
      alias: exact('星河', { short: true, notIn: ['星河大道'] }),
      acceptedFrom: [ZH.id],
      addedAt: '2025-05-21T10:19:00.000Z',
    },
  ];
  return structuredClone({ sources: [ZH, EN], entities, aliases });
}

function derivedData(): LibraryDerived {
  const quote = (id: string, source: LibrarySource, text: string, speaker: string, about: string[] = []): IndexQuote => ({
    id,
    ...passage(source, text),
    speaker,
    about,
  });
  const mention = (entity: string, source: LibrarySource, text: string, nth = 0) => ({ entity, locator: locate(source, text, nth) });
  return {
    quotes: [
      quote('u-q-lin-1', ZH, '长文本是通往通用人工智能的关键一步。', 'u-lin-xiaofeng'),
      quote('u-q-duarte-1', EN, 'Every robot we ship is tested for a thousand hours,', 'u-ines-duarte', ['u-northwind-robotics']),
    ],
    mentions: [
      mention('u-galaxy-intelligence', ZH, '星河智能'),
      mention('u-galaxy-intelligence', ZH, 'Galaxy Intelligence'),
      mention('u-lin-xiaofeng', ZH, '林晓峰'),
      mention('deepseek', ZH, 'DeepSeek AI'),
      mention('u-galaxy-intelligence', ZH, '星河智能', 1),
      mention('u-northwind-robotics', EN, 'Northwind Robotics'),
      mention('u-ines-duarte', EN, 'Inês Duarte'),
      mention('u-ines-duarte', EN, 'Duarte', 1),
      mention('u-ines-duarte', EN, 'Inês Duarte', 1),
      mention('u-northwind-robotics', EN, 'Northwind Robotics', 1),
    ],
  };
}

const RECORDS = 2 + 4 + 2;

function exportedFile(): LibraryFile {
  return exportLibrary(libraryData(), derivedData(), EXPORTED_AT);
}

/** The exported file as text, after `edit` (on a copy). */
function raw(edit: (file: LibraryFile) => void = () => {}): string {
  const file = structuredClone(exportedFile());
  edit(file);
  return serializeLibrary(file);
}

/** 1-based line of the first (or last) occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string, last = false): number {
  const at = last ? text.lastIndexOf(needle) : text.indexOf(needle);
  if (at < 0) throw new Error(`no ${needle}`);
  return text.slice(0, at).split('\n').length;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------

describe('the fixture', () => {
  it('has real hashes and ids, and paragraphs and summaries at their offsets', async () => {
    const data = libraryData();
    for (const source of data.sources) {
      expect(await sourceHash(source.text)).toBe(source.hash);
      expect(source.id).toBe(`u-${source.hash.slice(0, 16)}`);
    }
    for (const e of data.entities) {
      const text = data.sources.find((source) => source.id === e.summary.source)!.text;
      expect(text.slice(e.summary.start, e.summary.end)).toBe(e.summary.text);
    }
    // The English text has a character outside the BMP before most of its passages.
    expect([...EN.text].length).toBeLessThan(EN.text.length);
  });
});

describe('exportLibrary', () => {
  const file = exportedFile();
  const items = file.annotations.first.items;
  const byId = (suffix: string) => items.find((item) => item.id.endsWith(suffix))!;

  it('writes one file: the format, the records as they are, and every quote and mention as an Annotation', () => {
    const data = libraryData();
    const derived = derivedData();
    expect(file).toMatchObject({ format: 'gloss-library', version: 1, exportedAt: EXPORTED_AT });
    expect(file.sources).toStrictEqual(data.sources);
    expect(file.entities).toStrictEqual(data.entities);
    expect(file.aliases).toStrictEqual(data.aliases);
    expect(file.annotations.type).toBe('AnnotationCollection');
    expect(file.annotations.total).toBe(derived.quotes.length + derived.mentions.length);
    expect(items).toHaveLength(derived.quotes.length + derived.mentions.length);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });

  it('makes a mention an identifying Annotation whose SpecificResource body names the entity IRI', () => {
    const deepseek = items.filter((item) =>
      item.body.some((body) => body.type === 'SpecificResource' && body.source === entityIri('deepseek')),
    );
    expect(deepseek).toHaveLength(1);
    expect(deepseek[0].motivation).toBe('identifying');
    expect(deepseek[0].body).toEqual([{ type: 'SpecificResource', purpose: 'identifying', source: entityIri('deepseek') }]);
    expect(deepseek[0].target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: 'DeepSeek AI' });
  });

  it('makes a quote an Annotation naming its speaker, as the index export does', () => {
    const lin = byId('quote/u-q-lin-1');
    expect(lin.body).toContainEqual({ type: 'TextualBody', purpose: 'identifying', value: '林晓峰', format: 'text/plain', language: 'zh' });
    expect(lin.body).toContainEqual({ type: 'SpecificResource', purpose: 'identifying', source: entityIri('u-lin-xiaofeng') });
    const duarte = byId('quote/u-q-duarte-1');
    expect(duarte.body).toContainEqual({ type: 'TextualBody', purpose: 'tagging', value: 'Northwind Robotics', format: 'text/plain' });
    // A name of unknown language is not claimed to be English.
    expect(duarte.body[0]).toEqual({ type: 'TextualBody', purpose: 'identifying', value: 'Inês Duarte', format: 'text/plain' });
  });

  it("targets the source's URL when it has one, else a tag: IRI of its id", () => {
    expect(byId('quote/u-q-lin-1').target.source).toBe(ZH.url);
    expect(byId('quote/u-q-duarte-1').target.source).toBe(`tag:gloss.example,2025:source/${EN.id}`);
  });

  it('selects each passage by quote with its context, and by position in code points', () => {
    const texts = new Map([
      [ZH.url!, ZH.text],
      [`tag:gloss.example,2025:source/${EN.id}`, EN.text],
    ]);
    let shifted = 0;
    for (const item of items) {
      const text = texts.get(item.target.source)!;
      const [quote, position] = item.target.selector;
      expect([...text].slice(position.start, position.end).join(''), item.id).toBe(quote.exact);
      const at = text.indexOf(quote.prefix + quote.exact + quote.suffix);
      expect(at, item.id).toBeGreaterThanOrEqual(0);
      if (at + quote.prefix.length !== position.start) shifted++;
    }
    // Passages after the 📦 stand at different UTF-16 and code point offsets: the test would see UTF-16.
    expect(shifted).toBeGreaterThan(0);
  });

  it('refuses derived data that points outside the library', () => {
    const derived = derivedData();
    derived.mentions.push({ entity: 'u-x', locator: { source: 'u-0000000000000000', start: 0, end: 1 } });
    expect(() => exportLibrary(libraryData(), derived, EXPORTED_AT)).toThrow(/u-0000000000000000/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The W3C Web Annotation test suite's JSON Schemas (web-platform-tests annotation-model/, unmodified copies;
// README.md and MANIFEST.json there). They are draft-04; Ajv 8 reads them after three mechanical changes:
// `id` → `$id`, no draft-04 `$schema`, and a `$ref`'s sibling keywords dropped (draft-04 ignores them).

const W3C_DIR = fileURLToPath(new URL('../../../shared/w3c-annotation-model/', import.meta.url));
const MUST_TESTS = [
  'annotations/annotationMusts.test',
  'bodiesTargets/bodyMusts.test',
  'bodiesTargets/targetMusts.test',
  'specificResource/specificResourceMusts.test',
];
// RFC 3986's characters after a scheme; the suite's `uri` format (ajv-formats is not a dependency).
const URI = /^[a-z][a-z0-9+.-]*:(?:[a-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9a-f]{2})*$/i;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i;

function readW3c(path: string): string {
  const text = readFileSync(join(W3C_DIR, path), 'utf8');
  const manifest = JSON.parse(readFileSync(join(W3C_DIR, 'MANIFEST.json'), 'utf8')) as { path: string; sha256: string }[];
  if (sha256(text) !== manifest.find((entry) => entry.path === path)?.sha256) throw new Error(`${path} differs from MANIFEST.json`);
  return text;
}

function draft04(schema: unknown, root = true): unknown {
  if (Array.isArray(schema)) return schema.map((item) => draft04(item, false));
  if (!schema || typeof schema !== 'object') return schema;
  const record = schema as Record<string, unknown>;
  if (typeof record.$ref === 'string') return { $ref: record.$ref };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === '$schema' && typeof value === 'string') continue;
    out[root && key === 'id' ? '$id' : key] = draft04(value, false);
  }
  return out;
}

interface Assertion {
  path: string;
  expectedResult: 'valid' | 'invalid';
  validate: ValidateFunction;
}

function w3cSuite() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', URI);
  ajv.addFormat('date-time', (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
  for (const name of readdirSync(join(W3C_DIR, 'definitions'))) {
    ajv.addSchema(draft04(JSON.parse(readW3c(`definitions/${name}`))) as object);
  }
  const paths = [...new Set(MUST_TESTS.flatMap((test) => (JSON.parse(readW3c(test)) as { assertions: string[] }).assertions))];
  const assertions: Assertion[] = paths.map((path) => {
    const schema = JSON.parse(readW3c(path)) as { expectedResult: 'valid' | 'invalid' };
    return { path, expectedResult: schema.expectedResult, validate: ajv.compile(draft04(schema) as object) };
  });
  // The suite has no schema for a collection: this one is the model's §5 (AnnotationCollection, AnnotationPage),
  // built on the suite's own definitions.
  const collection = ajv.compile({
    $id: 'gloss-annotation-collection.json',
    type: 'object',
    required: ['@context', 'id', 'type', 'first'],
    properties: {
      '@context': {
        oneOf: [
          { $ref: 'annotations.json#/definitions/contextValueFound' },
          { $ref: 'annotations.json#/definitions/contextValueInArrayFound' },
        ],
      },
      id: { $ref: 'id.json#/definitions/arraySingleStringUri' },
      type: { oneOf: [{ enum: ['AnnotationCollection'] }, { type: 'array', contains: { enum: ['AnnotationCollection'] } }] },
      label: { type: 'string' },
      total: { type: 'integer', minimum: 0 },
      first: {
        type: 'object',
        required: ['id', 'type', 'items'],
        properties: {
          id: { $ref: 'id.json#/definitions/stringUri' },
          type: { enum: ['AnnotationPage'] },
          startIndex: { type: 'integer', minimum: 0 },
          items: { type: 'array' },
        },
      },
    },
    allOf: [{ $ref: 'otherProperties.json#/definitions/generatorValidIfPresent' }],
  });
  /** The MUST assertions an annotation fails, by file. */
  const failures = (annotation: unknown) =>
    assertions.filter(({ validate, expectedResult }) => validate(annotation) !== (expectedResult === 'valid')).map(({ path }) => path);
  return { assertions, collection, failures };
}

describe('the exported annotations and the W3C test suite', () => {
  const suite = w3cSuite();
  const collection: AnnotationCollection = exportedFile().annotations;
  // An embedded Annotation takes the collection's @context (JSON-LD); standing alone it states it.
  const standalone = (item: Annotation): Record<string, unknown> => structuredClone({ '@context': collection['@context'], ...item });

  it('uses every MUST assertion of the suite', () => {
    expect(suite.assertions.length).toBeGreaterThanOrEqual(40);
    expect(suite.assertions.map((assertion) => assertion.path)).toContain('specificResource/4.2.4-textQuoteSelectorValid.json');
  });

  it('passes every MUST assertion, each Annotation of the collection', () => {
    expect(collection.first.items.length).toBeGreaterThan(0);
    for (const item of collection.first.items) expect(suite.failures(standalone(item)), item.id).toEqual([]);
  });

  it('is a conforming AnnotationCollection', () => {
    expect(suite.collection(collection), JSON.stringify(suite.collection.errors)).toBe(true);
    expect(suite.collection({ ...collection, '@context': 'http://example.com/other' })).toBe(false);
    expect(suite.collection({ ...collection, id: 'not a uri' })).toBe(false);
  });

  it('would catch a broken annotation (the check has teeth)', () => {
    const [item] = collection.first.items;
    const broken = (edit: (annotation: Record<string, unknown> & Annotation) => void) => {
      const annotation = standalone(item) as Record<string, unknown> & Annotation;
      edit(annotation);
      return suite.failures(annotation);
    };
    expect(broken((a) => delete a['@context'])).toContain('annotations/3.1-annotationContextValidated.json');
    expect(broken((a) => (a.id = 'quote 1'))).toContain('annotations/3.1-annotationIdValidated.json');
    expect(broken((a) => (a.target.selector[1].start = -1))).toContain('specificResource/4.2-TextDataPositionSelectorValid.json');
    expect(broken((a) => delete (a.target.selector[0] as Partial<Annotation['target']['selector'][0]>).exact)).toContain(
      'specificResource/4.2.4-textQuoteSelectorValid.json',
    );
    expect(broken((a) => Object.assign(a.body[a.body.length - 1], { value: 'x' }))).toContain(
      'bodiesTargets/4-bodySpecificResourceNoValue.json',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('readLibraryFile', () => {
  it('reads back exactly what was exported (lossless round trip)', async () => {
    const text = JSON.stringify(exportLibrary(libraryData(), derivedData(), EXPORTED_AT));
    expect(await readLibraryFile(text, FILE)).toStrictEqual(libraryData());
    expect(await readLibraryFile(serializeLibrary(exportedFile()), FILE)).toStrictEqual(libraryData());
  });

  it('reads an empty library', async () => {
    const text = serializeLibrary(exportLibrary(EMPTY_LIBRARY, { quotes: [], mentions: [] }, EXPORTED_AT));
    expect(await readLibraryFile(text, FILE)).toStrictEqual(EMPTY_LIBRARY);
  });

  it('accepts what W3C allows beyond what Gloss writes in the annotations, and checks nothing else there', async () => {
    const text = raw((file) => {
      Object.assign(file.annotations.first.items[0], { created: '2025-06-01T08:00:00Z', creator: 'someone' });
    });
    expect(await readLibraryFile(text, FILE)).toStrictEqual(libraryData());
  });
});

describe('readLibraryFile rejects a bad or tampered file', () => {
  interface Case {
    name: string;
    text: () => string;
    /** The message after "file:line: ". */
    message: RegExp;
    line: (text: string) => number;
  }
  const cases: Case[] = [
    {
      name: 'bad JSON',
      text: () => raw().replace('"version": 1,', '"version": 1,,'),
      message: /^is not valid JSON \(unexpected ","\)$/,
      line: () => 3,
    },
    {
      name: 'not an object',
      text: () => '[]',
      message: /is not a Gloss library/,
      line: () => 1,
    },
    {
      name: 'another format',
      text: () => raw((file) => Object.assign(file, { format: 'gloss-index' })),
      message: /^format: is "gloss-index": this is not a Gloss library/,
      line: (text) => lineOf(text, '"format"'),
    },
    {
      name: 'another version',
      text: () => raw((file) => Object.assign(file, { version: 2 })),
      message: /^version: is 2: this Gloss reads version 1 library files$/,
      line: (text) => lineOf(text, '"version"'),
    },
    {
      name: 'a text edited after export (hash mismatch)',
      text: () => raw((file) => (file.sources[1].text = file.sources[1].text.replace('a thousand', 'ten thousand'))),
      message: /^sources\[1\]\.hash: is not the SHA-256 of the source's text \([0-9a-f]{64}\): the text was changed/,
      line: (text) => lineOf(text, `"hash": "${EN.hash}"`),
    },
    {
      name: 'a text and hash replaced, the id kept',
      text: () =>
        raw((file) => {
          file.sources[1].text = file.sources[1].text.replace('a thousand', 'ten thousand');
          file.sources[1].hash = sha256(file.sources[1].text);
        }),
      message: /^sources\[1\]\.id: must be "u-[0-9a-f]{16}"/,
      line: (text) => lineOf(text, `"id": "${EN.id}"`),
    },
    {
      name: 'a paragraph outside the text',
      text: () => raw((file) => (file.sources[0].paragraphs[2] = [file.sources[0].paragraphs[2][0], file.sources[0].text.length + 5])),
      message: /^sources\[0\]\.paragraphs\[2\]: \[\d+, \d+\] is not a paragraph of the text/,
      // Pretty-printed, each [start, end] takes four lines after the line of "paragraphs".
      line: (text) => lineOf(text, '"paragraphs"') + 1 + 4 * 2,
    },
    {
      name: 'a summary not verbatim',
      text: () => raw((file) => (file.entities[3].summary.text = 'Inês Duarte previously led robotics research at a university in Porto.')),
      message: /^entities\[3\]\.summary\.text: is not what u-[0-9a-f]{16} says at \[\d+, \d+\]/,
      line: (text) => lineOf(text, 'led robotics research'),
    },
    {
      name: 'a summary moved off its offsets',
      text: () => raw((file) => (file.entities[0].summary.start += 1)),
      message: /^entities\[0\]\.summary\.text: is not what/,
      line: (text) => lineOf(text, `"text": "${libraryData().entities[0].summary.text}"`),
    },
    {
      name: "a summary's prefix that is not the text before it",
      text: () => raw((file) => (file.entities[1].summary.prefix = `X${file.entities[1].summary.prefix.slice(1)}`)),
      message: /^entities\[1\]\.summary\.prefix: is not the text just before/,
      line: (text) => lineOf(text, '"prefix": "X'),
    },
    {
      name: 'a duplicate entity id',
      text: () => raw((file) => file.entities.push(structuredClone(file.entities[0]))),
      message: /^entities\[4\]\.id: "u-galaxy-intelligence" is already entities\[0\]$/,
      line: (text) => lineOf(text, '"id": "u-galaxy-intelligence"', true),
    },
    {
      name: 'a duplicate source',
      text: () => raw((file) => file.sources.push(structuredClone(file.sources[0]))),
      message: /^sources\[2\]\.id: "u-[0-9a-f]{16}" is already sources\[0\]/,
      line: (text) => lineOf(text, `"id": "${ZH.id}"`, true),
    },
    {
      name: 'an entity accepted from a source missing from the file',
      text: () => raw((file) => (file.entities[1].acceptedFrom = ['u-0123456789abcdef'])),
      message: /^entities\[1\]\.acceptedFrom\[0\]: "u-0123456789abcdef" is not a source of this file$/,
      line: (text) => lineOf(text, '"u-0123456789abcdef"'),
    },
    {
      name: "an entity whose summary's source is missing",
      text: () => raw((file) => (file.entities[2].summary.source = 'u-fedcba9876543210')),
      message: /^entities\[2\]\.summary\.source: "u-fedcba9876543210" is not a source of this file$/,
      line: (text) => lineOf(text, '"u-fedcba9876543210"'),
    },
    {
      name: "an entity whose summary is from a source it was not accepted from (it would outlive that source's removal)",
      text: () =>
        raw((file) => {
          const entity = file.entities[0];
          entity.acceptedFrom = file.sources.map((source) => source.id).filter((id) => id !== entity.summary.source);
        }),
      message: /^entities\[0\]\.summary\.source: "u-[0-9a-f]{16}" is not one of the sources the entity was accepted from$/,
      line: (text) => {
        const summary = text.indexOf('"summary"');
        return text.slice(0, text.indexOf('"source"', summary)).split('\n').length;
      },
    },
    {
      name: 'an alias accepted from a missing source',
      text: () => raw((file) => (file.aliases[0].acceptedFrom = [ZH.id, 'u-0123456789abcdef'])),
      message: /^aliases\[0\]\.acceptedFrom\[1\]: "u-0123456789abcdef" is not a source of this file$/,
      line: (text) => lineOf(text, '"u-0123456789abcdef"'),
    },
    {
      name: "a user's entity id without u-",
      text: () => raw((file) => (file.entities[0].id = 'deepseek')),
      message: /^entities\[0\]\.id: must start with "u-"/,
      line: (text) => lineOf(text, '"id": "deepseek"'),
    },
    {
      name: "an alias's id that is not entity|text",
      text: () => raw((file) => (file.aliases[1].id = 'u-galaxy-intelligence|Galaxy')),
      message: /^aliases\[1\]\.id: must be "u-galaxy-intelligence\|星河"/,
      line: (text) => lineOf(text, '"id": "u-galaxy-intelligence|Galaxy"'),
    },
    {
      name: "an alias of a user's entity missing from the file",
      text: () =>
        raw((file) => {
          file.aliases[1].entity = 'u-nobody';
          file.aliases[1].id = 'u-nobody|星河';
        }),
      message: /^aliases\[1\]\.entity: "u-nobody" is not an entity of this file$/,
      line: (text) => lineOf(text, '"entity": "u-nobody"'),
    },
    {
      name: 'a missing field (the line of its record)',
      text: () => raw((file) => delete (file.sources[1] as Partial<LibrarySource>).hash),
      message: /^sources\[1\]\.hash: is missing$/,
      line: (text) => lineOf(text, `"id": "${EN.id}"`) - 1,
    },
    {
      name: 'a field no record has',
      text: () => raw((file) => Object.assign(file.entities[2], { trusted: true })),
      message: /^entities\[2\]\.trusted: is not a field of this record$/,
      line: (text) => lineOf(text, '"trusted"'),
    },
    {
      name: 'a value of the wrong type',
      text: () => raw((file) => Object.assign(file.entities[0].aliases[1], { case: 'sometimes' })),
      message: /^entities\[0\]\.aliases\[1\]\.case: must be \("exact" \| "any"\), not "sometimes"$/,
      line: (text) => lineOf(text, '"sometimes"'),
    },
    {
      name: 'a negative offset',
      text: () => raw((file) => (file.entities[0].summary.start = -3)),
      message: /^entities\[0\]\.summary\.start: must not be negative$/,
      line: (text) => lineOf(text, '"start": -3'),
    },
    {
      name: 'an invalid date',
      text: () => raw((file) => (file.sources[0].date = '2025-02-30')),
      message: /^sources\[0\]\.date: "2025-02-30" is not a valid date/,
      line: (text) => lineOf(text, '"2025-02-30"'),
    },
    {
      name: 'a repeated key (JSON.parse keeps the last, and so does the line)',
      text: () => raw().replace('"date": "2025-05-20",', '"date": "2025-05-20",\n      "date": "2025-02-30",'),
      message: /^sources\[0\]\.date: "2025-02-30" is not a valid date/,
      line: (text) => lineOf(text, '"2025-02-30"'),
    },
    {
      name: 'a URL that is not a web address',
      text: () => raw((file) => (file.sources[0].url = 'javascript:alert(1)')),
      message: /^sources\[0\]\.url: "javascript:alert\(1\)" is not an absolute http\(s\) url$/,
      line: (text) => lineOf(text, '"javascript:'),
    },
    {
      name: 'an annotation without a target',
      text: () => raw((file) => delete (file.annotations.first.items[3] as Partial<Annotation>).target),
      message: /^annotations\.first\.items\[3\]\.target: is missing$/,
      line: (text) => lineOf(text, `"id": "${exportedFile().annotations.first.items[3].id}"`) - 1,
    },
    {
      name: 'an annotation count that is not the count',
      text: () => raw((file) => (file.annotations.total = 99)),
      message: /^annotations\.total: is 99 but the collection holds 12 annotations$/,
      line: (text) => lineOf(text, '"total": 99'),
    },
  ];

  it.each(cases)('$name', async ({ text: makeText, message, line }) => {
    const text = makeText();
    const current = deepFreeze(libraryData());
    let reachedMerge = false;
    // As the options page would import: read, then merge. A rejected file never gets to the merge.
    const outcome = await readLibraryFile(text, FILE).then(
      (data) => {
        reachedMerge = true;
        return mergeLibrary(current, data);
      },
      (error: unknown) => error,
    );
    expect(reachedMerge).toBe(false);
    expect(outcome).toBeInstanceOf(GlossInputError);
    const error = outcome as GlossInputError;
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(line(text));
    expect(error.message.startsWith(`${FILE}:${line(text)}: `)).toBe(true);
    expect(error.reason).toMatch(message);
    expect(current).toStrictEqual(libraryData());
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('mergeLibrary', () => {
  /** Every record of `current` is in `next` with everything it had. */
  function expectKeeps(current: LibraryData, next: LibraryData) {
    for (const source of current.sources) expect(next.sources).toContainEqual(source);
    for (const e of current.entities) {
      const kept = next.entities.find((candidate) => candidate.id === e.id)!;
      expect(kept, e.id).toMatchObject({ type: e.type, names: e.names, summary: e.summary, addedAt: e.addedAt });
      expect(kept.acceptedFrom.slice(0, e.acceptedFrom.length)).toEqual(e.acceptedFrom);
      expect(kept.aliases.slice(0, e.aliases.length)).toEqual(e.aliases);
    }
    for (const alias of current.aliases) {
      const kept = next.aliases.find((candidate) => candidate.id === alias.id)!;
      expect(kept.acceptedFrom.slice(0, alias.acceptedFrom.length)).toEqual(alias.acceptedFrom);
    }
  }

  it('imports a read file into an empty library as it was', async () => {
    const incoming = await readLibraryFile(serializeLibrary(exportedFile()), FILE);
    const { next, added, merged } = mergeLibrary(EMPTY_LIBRARY, incoming);
    expect(next).toStrictEqual(libraryData());
    expect({ added, merged }).toEqual({ added: RECORDS, merged: 0 });
  });

  it('imports the same file twice without a duplicate: everything merged, nothing added', async () => {
    const incoming = await readLibraryFile(serializeLibrary(exportedFile()), FILE);
    const once = mergeLibrary(EMPTY_LIBRARY, incoming).next;
    const twice = mergeLibrary(deepFreeze(once), deepFreeze(incoming));
    expect(twice.next).toStrictEqual(libraryData());
    expect({ added: twice.added, merged: twice.merged }).toEqual({ added: 0, merged: RECORDS });
  });

  it('keeps both versions of a page whose text changed (same URL, new hash)', () => {
    const current = deepFreeze(libraryData());
    const newer = makeSource({ ...ZH, addedAt: '2025-06-02T09:00:00.000Z' }, [
      '星河智能（Galaxy Intelligence）是一家总部位于杭州的人工智能初创公司，专注于长文本理解与检索。',
    ]);
    const { next, added, merged } = mergeLibrary(current, { sources: [newer], entities: [], aliases: [] });
    expect(next.sources.map((source) => source.id)).toEqual([ZH.id, EN.id, newer.id]);
    expect(next.sources.filter((source) => source.url === ZH.url)).toHaveLength(2);
    expect({ added, merged }).toEqual({ added: 1, merged: 0 });
    expectKeeps(current, next);
  });

  it('merges an entity with the same id: its sources and aliases join the existing', () => {
    const current = deepFreeze(libraryData());
    const newer = makeSource({ ...EN, addedAt: '2025-06-02T09:00:00.000Z' }, ['Northwind Robotics (NWR) opened a depot in Porto.']);
    const incomingEntity: LibraryEntity = {
      ...current.entities[2],
      aliases: [exact('Northwind Robotics'), exact('NWR')],
      summary: passage(newer, 'Northwind Robotics (NWR) opened a depot in Porto.'),
      acceptedFrom: [newer.id],
      addedAt: '2025-06-02T09:01:00.000Z',
    };
    const { next, added, merged } = mergeLibrary(current, { sources: [newer], entities: [incomingEntity], aliases: [] });
    const northwind = next.entities.find((e) => e.id === 'u-northwind-robotics')!;
    expect(northwind.acceptedFrom).toEqual([EN.id, newer.id]);
    expect(northwind.aliases.map((alias) => alias.text)).toEqual(['Northwind Robotics', 'Northwind', 'NWR']);
    expect(northwind.summary).toEqual(current.entities[2].summary);
    expect(next.entities).toHaveLength(4);
    expect({ added, merged }).toEqual({ added: 1, merged: 1 });
    expectKeeps(current, next);
  });

  it('merges an entity by its folded name, keeping the existing id, summary and names, and re-points its aliases', () => {
    const current = deepFreeze(libraryData());
    const newer = makeSource({ ...EN, file: 'nwr-news.txt', addedAt: '2025-06-03T09:00:00.000Z' }, [
      'NORTHWIND ROBOTICS (also NWR) hired 200 engineers.',
    ]);
    const incomingEntity: LibraryEntity = {
      id: 'u-northwind-robotics-2',
      type: 'organization',
      names: { en: 'NORTHWIND ROBOTICS' },
      aliases: [exact('NORTHWIND ROBOTICS')],
      summary: passage(newer, 'NORTHWIND ROBOTICS (also NWR) hired 200 engineers.'),
      acceptedFrom: [newer.id],
      addedAt: '2025-06-03T09:01:00.000Z',
    };
    const incomingAlias: LibraryAlias = {
      id: 'u-northwind-robotics-2|NWR',
      entity: 'u-northwind-robotics-2',
      alias: exact('NWR'),
      acceptedFrom: [newer.id],
      addedAt: '2025-06-03T09:02:00.000Z',
    };
    const { next, added, merged } = mergeLibrary(current, { sources: [newer], entities: [incomingEntity], aliases: [incomingAlias] });
    expect(next.entities.map((e) => e.id)).toEqual(current.entities.map((e) => e.id));
    const northwind = next.entities.find((e) => e.id === 'u-northwind-robotics')!;
    expect(northwind.names).toEqual({ en: 'Northwind Robotics' });
    expect(northwind.summary).toEqual(current.entities[2].summary);
    expect(northwind.acceptedFrom).toEqual([EN.id, newer.id]);
    expect(northwind.aliases.map((alias) => alias.text)).toEqual(['Northwind Robotics', 'Northwind', 'NORTHWIND ROBOTICS']);
    expect(next.aliases.at(-1)).toEqual({ ...incomingAlias, id: 'u-northwind-robotics|NWR', entity: 'u-northwind-robotics' });
    expect({ added, merged }).toEqual({ added: 2, merged: 1 });
    expectKeeps(current, next);
  });

  it('merges an alias by id: its sources join the existing', () => {
    const current = deepFreeze(libraryData());
    const newer = makeSource({ ...ZH, addedAt: '2025-06-04T09:00:00.000Z' }, ['DeepSeek AI 又发布了新模型。']);
    const alias: LibraryAlias = { ...current.aliases[0], acceptedFrom: [newer.id], addedAt: '2025-06-04T09:01:00.000Z' };
    const { next, added, merged } = mergeLibrary(current, { sources: [newer], entities: [], aliases: [alias] });
    expect(next.aliases).toHaveLength(2);
    expect(next.aliases[0]).toEqual({ ...current.aliases[0], acceptedFrom: [ZH.id, newer.id] });
    expect({ added, merged }).toEqual({ added: 1, merged: 1 });
    expectKeeps(current, next);
  });

  it("re-points incoming records to a merged source's id when the ids differ", () => {
    // Hash-derived ids make this impossible for files readLibraryFile accepts; the merge does not rely on it.
    const current = deepFreeze(libraryData());
    const sameText: LibrarySource = { ...EN, id: 'u-elsewhere', addedAt: '2025-06-05T09:00:00.000Z' };
    const incomingEntity: LibraryEntity = {
      id: 'u-porto',
      type: 'place',
      names: { en: 'Porto' },
      aliases: [exact('Porto')],
      summary: { ...passage(EN, 'Inês Duarte previously led logistics research at a university in Porto.'), source: 'u-elsewhere' },
      acceptedFrom: ['u-elsewhere'],
      addedAt: '2025-06-05T09:01:00.000Z',
    };
    const incomingAlias: LibraryAlias = {
      id: 'u-porto|Oporto',
      entity: 'u-porto',
      alias: exact('Oporto'),
      acceptedFrom: ['u-elsewhere'],
      addedAt: '2025-06-05T09:02:00.000Z',
    };
    const { next, added, merged } = mergeLibrary(current, { sources: [sameText], entities: [incomingEntity], aliases: [incomingAlias] });
    expect(next.sources).toStrictEqual(current.sources);
    const porto = next.entities.find((e) => e.id === 'u-porto')!;
    expect(porto.acceptedFrom).toEqual([EN.id]);
    expect(porto.summary.source).toBe(EN.id);
    expect(next.aliases.find((alias) => alias.id === 'u-porto|Oporto')!.acceptedFrom).toEqual([EN.id]);
    expect({ added, merged }).toEqual({ added: 2, merged: 1 });
    expectKeeps(current, next);
  });
});
