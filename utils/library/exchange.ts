// The user's library as one file, out and back in. A file may come from anywhere (another browser, an editor,
// someone else), so an import trusts nothing: its shape is checked by a schema and every record against its own
// text (hash, id, offsets, verbatim passages) before any of it can reach the library. The stored inputs travel
// verbatim; the quotes and mentions derived from them ride along as W3C Web Annotations for other tools, and
// are re-derived rather than read back.
import * as v from 'valibot';
import { GLOSS_IRI, annotationCollection, ANNO_CONTEXT, mentionAnnotation, passageTargets, quoteAnnotation } from '../export-annotations';
import type { AnnotatedNames, Annotation, AnnotationCollection, PassageTarget } from '../export-annotations';
import { textQuoteSelector } from '../anchoring';
import { GlossInputError, lineOfOffset } from '../indexer/errors';
import { parseJsonInput } from '../indexer/json-input';
import { metadataProblem } from '../indexer/seed-metadata';
import { foldText } from '../matcher/fold';
import { ENTITY_TYPES, type IndexQuote, type Locator, type NormalizedAlias, type TextQuote } from '../types';
import type { LibraryAlias, LibraryData, LibraryEntity, LibrarySource } from './types';

export const LIBRARY_FORMAT = 'gloss-library';
export const LIBRARY_VERSION = 1;
export const LIBRARY_FILE_NAME = 'gloss-library.json';
export const LIBRARY_MIME = 'application/json';

export interface LibraryFile {
  format: typeof LIBRARY_FORMAT;
  version: typeof LIBRARY_VERSION;
  exportedAt: string;
  sources: LibrarySource[];
  entities: LibraryEntity[];
  aliases: LibraryAlias[];
  /** Every quote and mention in the user's sources as W3C Web Annotations (TextQuoteSelector + TextPositionSelector). */
  annotations: AnnotationCollection;
}

/** What the pipeline derived from the library's sources. */
export interface LibraryDerived {
  quotes: IndexQuote[];
  mentions: { entity: string; locator: Locator }[];
}

// ---------------------------------------------------------------------------------------------------------
// Export

/** The library as a file: its records as they are, and its quotes and mentions as one AnnotationCollection. */
export function exportLibrary(data: LibraryData, derived: LibraryDerived, exportedAt: string): LibraryFile {
  const sources = new Map(data.sources.map((source) => [source.id, source]));
  const targets = new Map<string, PassageTarget>();
  const targetOf = (at: Locator, what: string) => {
    const source = sources.get(at.source);
    // Derived data comes from these very sources; anything else is a bug upstream, not something to export.
    if (!source) throw new Error(`exportLibrary: ${what} points into "${at.source}", which is not a source of the library`);
    let target = targets.get(source.id);
    if (!target) targets.set(source.id, (target = passageTargets(source, source.id)));
    return { source, target };
  };
  const names = new Map<string, AnnotatedNames>(data.entities.map((entity) => [entity.id, libraryEntityNames(entity)]));
  const namesOf = (id: string) => names.get(id);

  const items: Annotation[] = [];
  for (const quote of derived.quotes) items.push(quoteAnnotation(quote, targetOf(quote, `quote ${quote.id}`).target(quote), namesOf));
  for (const { entity, locator } of derived.mentions) {
    const { source, target } = targetOf(locator, `a mention of ${entity}`);
    const passage = {
      ...locator,
      text: source.text.slice(locator.start, locator.end),
      ...textQuoteSelector(source.text, locator.start, locator.end),
    };
    items.push(mentionAnnotation(entity, locator, target(passage)));
  }
  return {
    format: LIBRARY_FORMAT,
    version: LIBRARY_VERSION,
    exportedAt,
    sources: data.sources,
    entities: data.entities,
    aliases: data.aliases,
    annotations: annotationCollection(`${GLOSS_IRI}library/annotations`, 'Gloss: quotes and mentions in my library', items),
  };
}

/** `names.en` is the name as accepted, in whatever script: only a name that is also `zh` has a known language. */
function libraryEntityNames(entity: LibraryEntity): AnnotatedNames {
  const { en, zh } = entity.names;
  if (zh === en) return { name: en, language: 'zh' };
  return { name: en, ...(zh ? { zh } : {}) };
}

/** The file content: pretty-printed (so an import error's line means something), with a final newline. */
export function serializeLibrary(file: LibraryFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// The rules a stored record keeps, shared by import and whoever adds to the library

/** SHA-256 of a source's text (its UTF-8 bytes), lower-case hex. */
export async function sourceHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A source's id: "u-" and the first 16 hex digits of its hash. */
export const sourceIdOf = (hash: string) => `u-${hash.slice(0, 16)}`;

/** A merged alias's id. */
export const libraryAliasId = (entity: string, text: string) => `${entity}|${text}`;

// ---------------------------------------------------------------------------------------------------------
// Import: the shape

const string = v.string();
const nonEmpty = v.pipe(v.string(), v.nonEmpty('must not be empty'));
const offset = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'));
const timestamp = v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 time like "2025-05-01T12:00:00.000Z"'));
const metadata = (key: 'author' | 'publisher' | 'date' | 'lang' | 'url') =>
  v.pipe(
    v.string(),
    v.check(
      (value) => metadataProblem(key, value) === undefined,
      (issue) => metadataProblem(key, issue.input) ?? 'is not valid',
    ),
  );
const accepted = v.pipe(v.array(nonEmpty), v.minLength(1, 'must name at least one source: a name lives as long as one of its sources'));

const aliasSchema = v.strictObject({
  text: nonEmpty,
  case: v.picklist(['exact', 'any']),
  short: v.optional(v.boolean()),
  context: v.optional(v.array(nonEmpty)),
  notIn: v.optional(v.array(nonEmpty)),
});

const textQuoteSchema = v.strictObject({ source: nonEmpty, start: offset, end: offset, text: nonEmpty, prefix: string, suffix: string });

const sourceSchema = v.strictObject({
  id: nonEmpty,
  file: nonEmpty,
  origin: v.picklist(['page', 'file']),
  author: v.optional(metadata('author')),
  title: string,
  publisher: v.optional(metadata('publisher')),
  date: v.optional(metadata('date')),
  lang: metadata('lang'),
  url: v.optional(metadata('url')),
  text: string,
  paragraphs: v.array(v.strictTuple([offset, offset])),
  hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in 64 lower-case hex digits')),
  addedAt: timestamp,
});

const entitySchema = v.strictObject({
  id: v.pipe(v.string(), v.startsWith('u-', 'must start with "u-": the library never holds a bundled entity')),
  type: v.picklist(ENTITY_TYPES),
  names: v.strictObject({ en: nonEmpty, zh: v.optional(nonEmpty) }),
  aliases: v.array(aliasSchema),
  summary: textQuoteSchema,
  acceptedFrom: accepted,
  addedAt: timestamp,
});

const libraryAliasSchema = v.strictObject({
  id: nonEmpty,
  entity: nonEmpty,
  alias: aliasSchema,
  acceptedFrom: accepted,
  addedAt: timestamp,
});

// The annotations are re-derived after import, so only their form is checked; W3C allows more than Gloss writes.
const annotationSchema = v.looseObject({
  id: nonEmpty,
  type: v.literal('Annotation'),
  motivation: v.literal('identifying'),
  body: v.array(
    v.variant('type', [
      v.looseObject({ type: v.literal('TextualBody'), value: string }),
      v.looseObject({ type: v.literal('SpecificResource'), source: nonEmpty }),
    ]),
  ),
  target: v.looseObject({
    source: nonEmpty,
    selector: v.strictTuple([
      v.looseObject({ type: v.literal('TextQuoteSelector'), exact: nonEmpty, prefix: string, suffix: string }),
      v.looseObject({ type: v.literal('TextPositionSelector'), start: offset, end: offset }),
    ]),
  }),
});

const collectionSchema = v.looseObject({
  '@context': v.literal(ANNO_CONTEXT),
  id: nonEmpty,
  type: v.literal('AnnotationCollection'),
  total: offset,
  first: v.looseObject({ id: nonEmpty, type: v.literal('AnnotationPage'), items: v.array(annotationSchema) }),
});

const fileSchema = v.strictObject({
  format: v.literal(LIBRARY_FORMAT),
  version: v.literal(LIBRARY_VERSION),
  exportedAt: timestamp,
  sources: v.array(sourceSchema),
  entities: v.array(entitySchema),
  aliases: v.array(libraryAliasSchema),
  annotations: collectionSchema,
});

type Path = (string | number)[];

// ---------------------------------------------------------------------------------------------------------
// Import: reading and verifying

/**
 * The library in a file written by exportLibrary, checked through: JSON syntax, shape, and every record
 * against its own text. Anything wrong is a GlossInputError "file:line: path: what is wrong" (the line of
 * the offending value, or of the record that lacks it), and nothing is returned.
 */
export async function readLibraryFile(raw: string, file: string): Promise<LibraryData> {
  const json = parseJsonInput(raw, file);
  const fail = (path: Path, reason: string): never => {
    throw new GlossInputError(path.length ? `${pathText(path)}: ${reason}` : reason, file, lineOfOffset(raw, offsetOfPath(raw, path)));
  };

  // Format and version first: a different file or a newer Gloss deserves that answer, not a field-by-field one.
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail([], 'is not a Gloss library (expected a JSON object)');
  const head = json as { format?: unknown; version?: unknown };
  if (head.format !== LIBRARY_FORMAT) {
    fail(['format'], `is ${JSON.stringify(head.format) ?? 'missing'}: this is not a Gloss library (expected "${LIBRARY_FORMAT}")`);
  }
  if (head.version !== LIBRARY_VERSION) {
    fail(['version'], `is ${JSON.stringify(head.version) ?? 'missing'}: this Gloss reads version ${LIBRARY_VERSION} library files`);
  }

  const parsed = v.safeParse(fileSchema, json, { abortEarly: true });
  if (!parsed.success) {
    const { path, reason } = describeIssue(parsed.issues[0]);
    fail(path, reason);
  }
  const { sources, entities, aliases, annotations } = parsed.output as v.InferOutput<typeof fileSchema>;
  const data: LibraryData = { sources, entities, aliases };

  const hashes = await Promise.all(sources.map((source) => sourceHash(source.text)));
  verifyRecords(data, hashes, fail);
  if (annotations.total !== annotations.first.items.length) {
    fail(['annotations', 'total'], `is ${annotations.total} but the collection holds ${annotations.first.items.length} annotations`);
  }
  return data;
}

function verifyRecords(data: LibraryData, hashes: string[], fail: (path: Path, reason: string) => never): void {
  const sourceAt = new Map<string, number>();
  data.sources.forEach((source, i) => {
    if (hashes[i] !== source.hash) {
      fail(['sources', i, 'hash'], `is not the SHA-256 of the source's text (${hashes[i]}): the text was changed after it was added`);
    }
    if (source.id !== sourceIdOf(source.hash)) {
      fail(['sources', i, 'id'], `must be "${sourceIdOf(source.hash)}" ("u-" and the hash's first 16 digits)`);
    }
    const earlier = sourceAt.get(source.id);
    if (earlier !== undefined) fail(['sources', i, 'id'], `"${source.id}" is already sources[${earlier}]: the same text twice`);
    sourceAt.set(source.id, i);
    let previousEnd = 0;
    source.paragraphs.forEach(([start, end], k) => {
      if (start < previousEnd || end < start || end > source.text.length) {
        fail(
          ['sources', i, 'paragraphs', k],
          `[${start}, ${end}] is not a paragraph of the text (${source.text.length} units, after ${previousEnd})`,
        );
      }
      previousEnd = end;
    });
  });

  const sourceOf = (path: Path, id: string) => {
    const at = sourceAt.get(id);
    if (at === undefined) fail(path, `"${id}" is not a source of this file`);
    return data.sources[at!];
  };
  const checkAccepted = (path: Path, acceptedFrom: string[]) => acceptedFrom.forEach((id, k) => sourceOf([...path, k], id));

  const entityAt = new Map<string, number>();
  data.entities.forEach((entity, i) => {
    const earlier = entityAt.get(entity.id);
    if (earlier !== undefined) fail(['entities', i, 'id'], `"${entity.id}" is already entities[${earlier}]`);
    entityAt.set(entity.id, i);
    checkAccepted(['entities', i, 'acceptedFrom'], entity.acceptedFrom);
    const path = ['entities', i, 'summary'];
    verifyPassage(path, entity.summary, sourceOf([...path, 'source'], entity.summary.source), fail);
    // Removing a source removes what came only from it: a summary from a source the entity was not accepted
    // from would outlive that source.
    if (!entity.acceptedFrom.includes(entity.summary.source)) {
      fail([...path, 'source'], `"${entity.summary.source}" is not one of the sources the entity was accepted from`);
    }
  });

  const aliasAt = new Map<string, number>();
  data.aliases.forEach((alias, i) => {
    const id = libraryAliasId(alias.entity, alias.alias.text);
    if (alias.id !== id) fail(['aliases', i, 'id'], `must be ${JSON.stringify(id)} (the entity, "|" and the alias)`);
    const earlier = aliasAt.get(alias.id);
    if (earlier !== undefined) fail(['aliases', i, 'id'], `"${alias.id}" is already aliases[${earlier}]`);
    aliasAt.set(alias.id, i);
    // Bundled ids never start with "u-" (LibraryEntity.id), so a "u-" entity must travel in the same file.
    if (alias.entity.startsWith('u-') && !entityAt.has(alias.entity)) {
      fail(['aliases', i, 'entity'], `"${alias.entity}" is not an entity of this file`);
    }
    checkAccepted(['aliases', i, 'acceptedFrom'], alias.acceptedFrom);
  });
}

/** A TextQuote stands verbatim at its offsets, with its prefix and suffix right against it. */
function verifyPassage(path: Path, quote: TextQuote, source: LibrarySource, fail: (path: Path, reason: string) => never): void {
  const { text } = source;
  if (quote.end < quote.start || quote.end > text.length) {
    fail([...path, 'end'], `[${quote.start}, ${quote.end}] is not inside the text of ${source.id} (${text.length} units)`);
  }
  if (text.slice(quote.start, quote.end) !== quote.text) {
    fail(
      [...path, 'text'],
      `is not what ${source.id} says at [${quote.start}, ${quote.end}] (${JSON.stringify(clip(text.slice(quote.start, quote.end)))})`,
    );
  }
  if (quote.prefix.length > quote.start || text.slice(quote.start - quote.prefix.length, quote.start) !== quote.prefix) {
    fail([...path, 'prefix'], `is not the text just before the passage in ${source.id}`);
  }
  if (text.slice(quote.end, quote.end + quote.suffix.length) !== quote.suffix) {
    fail([...path, 'suffix'], `is not the text just after the passage in ${source.id}`);
  }
}

/** Enough of a passage to recognise it in a message. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** A schema issue as a path and words for a person. */
function describeIssue(issue: v.BaseIssue<unknown>): { path: Path; reason: string } {
  const items = issue.path ?? [];
  const path = items.map((item) => (typeof item.key === 'number' ? item.key : String(item.key)));
  const last = items[items.length - 1];
  if (last?.origin === 'key') {
    // valibot reports an unknown key as expecting "never", a missing one as received undefined.
    return { path, reason: issue.expected === 'never' ? 'is not a field of this record' : 'is missing' };
  }
  if (issue.kind === 'schema') return { path, reason: `must be ${issue.expected}, not ${issue.received}` };
  return { path, reason: issue.message };
}

/** `entities[3].summary.text`; keys that are not identifiers in brackets: `annotations["@context"]`. */
function pathText(path: Path): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

// Finding a path's line in the raw text (already known to be valid JSON): a skip over values, no second parse.

/** Where the value at `path` starts in `raw`; when part of the path is missing, where its deepest present ancestor starts. */
function offsetOfPath(raw: string, path: Path): number {
  let at = skipSpace(raw, 0);
  for (const key of path) {
    const child = childOffset(raw, at, key);
    if (child === undefined) break;
    at = child;
  }
  return at;
}

function childOffset(raw: string, at: number, key: string | number): number | undefined {
  const open = raw[at];
  if (open !== '{' && open !== '[') return undefined;
  let i = skipSpace(raw, at + 1);
  if (raw[i] === (open === '{' ? '}' : ']')) return undefined;
  let found: number | undefined;
  for (let index = 0; ; index++) {
    let name: string | undefined;
    if (open === '{') {
      const end = stringEnd(raw, i);
      name = JSON.parse(raw.slice(i, end)) as string;
      i = skipSpace(raw, skipSpace(raw, end) + 1); // past the colon
    }
    if (open === '[' ? index === key : name === key) {
      if (open === '[') return i;
      found = i; // a repeated key: JSON.parse keeps the last, so does this
    }
    i = skipSpace(raw, valueEnd(raw, i));
    if (raw[i] !== ',') return found;
    i = skipSpace(raw, i + 1);
  }
}

function skipSpace(raw: string, i: number): number {
  while (i < raw.length && ' \t\n\r'.includes(raw[i])) i++;
  return i;
}

/** Just past the string that starts at `i`. */
function stringEnd(raw: string, i: number): number {
  i++;
  while (i < raw.length && raw[i] !== '"') i += raw[i] === '\\' ? 2 : 1;
  return i + 1;
}

function valueEnd(raw: string, i: number): number {
  if (raw[i] === '"') return stringEnd(raw, i);
  if (raw[i] !== '{' && raw[i] !== '[') {
    while (i < raw.length && !',}] \t\n\r'.includes(raw[i])) i++;
    return i;
  }
  let depth = 0;
  while (i < raw.length) {
    const char = raw[i];
    if (char === '"') {
      i = stringEnd(raw, i);
      continue;
    }
    if (char === '{' || char === '[') depth++;
    else if ((char === '}' || char === ']') && --depth === 0) return i + 1;
    i++;
  }
  return i;
}

// ---------------------------------------------------------------------------------------------------------
// Merge

/**
 * `incoming` folded into `current`, which loses nothing (its records keep their ids, fields and order; new
 * records follow). Inputs are not modified.
 *
 * - Sources are one by content: an incoming source whose hash is already there is that source (merged; the
 *   existing record and its metadata stay). A new hash is added, even when its URL is already there: a page
 *   whose text changed is a newer version, and both are kept, since names and summaries point into each.
 * - Entities: the same id, or else the same name (`names.en` folded as the matcher reads text), is the same
 *   entity (merged): its acceptedFrom and aliases gain the incoming ones; id, names, type, summary and addedAt
 *   stay the existing's. Otherwise added.
 * - Aliases: by id (`entity|text`, the entity taken after the entity merge): acceptedFrom gains the incoming
 *   ones (merged); otherwise added.
 * - Source and entity ids in incoming records are rewritten to the records they merged into.
 *
 * `added` counts incoming sources, entities and aliases that became new records; `merged` those that matched
 * an existing record, whether or not that changed it. Together they are the number of incoming records.
 */
export function mergeLibrary(current: LibraryData, incoming: LibraryData): { next: LibraryData; added: number; merged: number } {
  let added = 0;
  let merged = 0;

  const sources = [...current.sources];
  const byHash = new Map(sources.map((source) => [source.hash, source.id]));
  const sourceIds = new Set(sources.map((source) => source.id));
  const sourceId = new Map<string, string>();
  for (const source of incoming.sources) {
    const same = byHash.get(source.hash);
    if (same !== undefined) {
      sourceId.set(source.id, same);
      merged++;
      continue;
    }
    // Two texts whose hashes share 64 bits: never silently one of them.
    if (sourceIds.has(source.id)) throw new Error(`mergeLibrary: source id ${source.id} names two different texts`);
    sources.push(source);
    byHash.set(source.hash, source.id);
    sourceIds.add(source.id);
    added++;
  }
  const toSource = (id: string) => sourceId.get(id) ?? id;

  const entities = [...current.entities];
  const entityById = new Map(entities.map((entity, i) => [entity.id, i]));
  const entityByName = new Map<string, number>();
  const nameKey = (entity: LibraryEntity) => foldText(entity.names.en);
  const indexName = (i: number) => {
    const key = nameKey(entities[i]);
    if (key && !entityByName.has(key)) entityByName.set(key, i);
  };
  entities.forEach((_, i) => indexName(i));
  const entityId = new Map<string, string>();
  for (const entity of incoming.entities) {
    const acceptedFrom = entity.acceptedFrom.map(toSource);
    const key = nameKey(entity);
    const at = entityById.get(entity.id) ?? (key ? entityByName.get(key) : undefined);
    if (at !== undefined) {
      const existing = entities[at];
      entities[at] = {
        ...existing,
        aliases: unionAliases(existing.aliases, entity.aliases),
        acceptedFrom: union(existing.acceptedFrom, acceptedFrom),
      };
      entityId.set(entity.id, existing.id);
      merged++;
      continue;
    }
    entities.push({
      ...entity,
      acceptedFrom: union([], acceptedFrom),
      summary: { ...entity.summary, source: toSource(entity.summary.source) },
    });
    entityById.set(entity.id, entities.length - 1);
    indexName(entities.length - 1);
    added++;
  }

  const aliases = [...current.aliases];
  const aliasById = new Map(aliases.map((alias, i) => [alias.id, i]));
  for (const alias of incoming.aliases) {
    const entity = entityId.get(alias.entity) ?? alias.entity;
    const id = libraryAliasId(entity, alias.alias.text);
    const acceptedFrom = alias.acceptedFrom.map(toSource);
    const at = aliasById.get(id);
    if (at !== undefined) {
      aliases[at] = { ...aliases[at], acceptedFrom: union(aliases[at].acceptedFrom, acceptedFrom) };
      merged++;
      continue;
    }
    aliases.push({ ...alias, id, entity, acceptedFrom: union([], acceptedFrom) });
    aliasById.set(id, aliases.length - 1);
    added++;
  }

  return { next: { sources, entities, aliases }, added, merged };
}

/** `first`, then what `second` adds, each once. */
function union(first: string[], second: string[]): string[] {
  return [...new Set([...first, ...second])];
}

/** `first`, then the aliases of `second` whose text it lacks (an alias's rules stay the first's). */
function unionAliases(first: NormalizedAlias[], second: NormalizedAlias[]): NormalizedAlias[] {
  const texts = new Set(first.map((alias) => alias.text));
  const result = [...first];
  for (const alias of second) {
    if (texts.has(alias.text)) continue;
    texts.add(alias.text);
    result.push(alias);
  }
  return result;
}
