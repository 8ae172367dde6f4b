// The hand-curated catalog: parsing with errors that name the file and line, validation of every rule a
// curator can break, and the compact alias list (MatcherData) a tab loads.
import { foldText } from '../matcher/fold';
import { GlossInputError } from './errors';
import { parseJsonInput } from './json-input';
import {
  ENTITY_TYPES,
  RELATION_TYPES,
  type AliasRule,
  type Catalog,
  type CatalogEntity,
  type CatalogPassage,
  type MatcherAlias,
  type MatcherData,
  type NormalizedAlias,
} from '../types';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** 1-based line of each object directly inside the top-level "entities" array, in order. */
function entryLines(raw: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth++;
      if (c === '{' && depth === 3) lines.push(line);
    } else if (c === '}' || c === ']') depth--;
  }
  return lines;
}

function describeValue(value: unknown): string {
  return value === undefined ? 'missing' : `${JSON.stringify(value)?.slice(0, 40)}`;
}

export interface ParsedCatalog {
  catalog: Catalog;
  /** Line of each entity's entry in the catalog file, for messages. */
  lineOf: (entityIndex: number) => number | undefined;
}

/** Parses and validates catalog JSON; every problem is a GlossInputError naming `file` and the line. */
export function parseCatalog(raw: string, file: string): ParsedCatalog {
  const parsed = parseJsonInput(raw, file);
  const lines = entryLines(raw);
  const lineOf = (index: number) => lines[index];
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as Catalog).entities)) {
    throw new GlossInputError('expected an object with an "entities" array', file, 1);
  }
  const entities = (parsed as Catalog).entities;
  const ids = new Map<string, number>();

  entities.forEach((entity, index) => {
    const fail = (what: string): never => {
      const name = typeof entity?.id === 'string' ? ` "${entity.id}"` : '';
      throw new GlossInputError(`entity #${index + 1}${name}: ${what}`, file, lineOf(index));
    };
    if (typeof entity !== 'object' || entity === null || Array.isArray(entity)) fail('is not an object');
    if (typeof entity.id !== 'string' || !ID_PATTERN.test(entity.id)) fail(`"id" must be kebab-case ASCII, is ${describeValue(entity.id)}`);
    if (ids.has(entity.id)) fail(`duplicate id (first at line ${lineOf(ids.get(entity.id)!)})`);
    ids.set(entity.id, index);
    if (!ENTITY_TYPES.includes(entity.type)) fail(`"type" must be one of ${ENTITY_TYPES.join(', ')}, is ${describeValue(entity.type)}`);
    if (typeof entity.names !== 'object' || entity.names === null) fail('"names" is missing');
    if (typeof entity.names.en !== 'string' || !entity.names.en.trim()) fail('"names.en" is missing');
    if (entity.names.zh !== undefined && (typeof entity.names.zh !== 'string' || !entity.names.zh.trim()))
      fail('"names.zh" must be a non-empty string');
    if (entity.aliases !== undefined && !Array.isArray(entity.aliases)) fail('"aliases" must be an array');
    for (const alias of entity.aliases ?? []) validateAlias(alias, fail);
    if (entity.facts !== undefined && !Array.isArray(entity.facts)) fail('"facts" must be an array');
    const passages: [string, unknown][] = [
      ['summary', entity.summary],
      ...(entity.facts ?? []).map((f, i): [string, unknown] => [`facts[${i}]`, f]),
    ];
    for (const [what, passage] of passages) if (passage !== undefined) validatePassage(passage, what, fail);
    if (entity.relations !== undefined && !Array.isArray(entity.relations)) fail('"relations" must be an array');
    (entity.relations ?? []).forEach((relation, i) => {
      if (typeof relation !== 'object' || relation === null) fail(`relations[${i}] is not an object`);
      if (!RELATION_TYPES.includes(relation.type))
        fail(`relations[${i}].type must be one of ${RELATION_TYPES.join(', ')}, is ${describeValue(relation.type)}`);
      if (typeof relation.target !== 'string') fail(`relations[${i}].target is missing`);
      validatePassage(relation.evidence, `relations[${i}].evidence`, fail);
    });
  });

  entities.forEach((entity, index) => {
    (entity.relations ?? []).forEach((relation, i) => {
      if (!ids.has(relation.target)) {
        throw new GlossInputError(
          `entity "${entity.id}": relations[${i}].target "${relation.target}" is no entity of the catalog`,
          file,
          lineOf(index),
        );
      }
    });
  });

  checkAliasClaims(entities, file, lineOf);
  return { catalog: parsed as Catalog, lineOf };
}

function validateAlias(alias: unknown, fail: (what: string) => never): void {
  if (typeof alias === 'string') {
    if (!foldText(alias)) fail('an alias is empty');
    return;
  }
  if (typeof alias !== 'object' || alias === null) return fail(`alias ${describeValue(alias)} must be a string or an object`);
  const rule = alias as AliasRule;
  if (typeof rule.text !== 'string' || !foldText(rule.text)) fail(`alias ${describeValue(alias)} has no "text"`);
  if (rule.case !== undefined && rule.case !== 'exact' && rule.case !== 'any')
    fail(`alias "${rule.text}": "case" must be "exact" or "any"`);
  if (
    rule.notIn !== undefined &&
    (!Array.isArray(rule.notIn) || rule.notIn.some((p) => typeof p !== 'string' || !foldText(p).includes(foldText(rule.text))))
  ) {
    fail(`alias "${rule.text}": "notIn" must list longer names that contain the alias`);
  }
  if (rule.short !== undefined && typeof rule.short !== 'boolean') fail(`alias "${rule.text}": "short" must be true or false`);
  if (
    rule.context !== undefined &&
    (!Array.isArray(rule.context) || rule.context.length === 0 || rule.context.some((w) => typeof w !== 'string' || !foldText(w)))
  ) {
    fail(`alias "${rule.text}": "context" must be a non-empty list of words`);
  }
}

function validatePassage(passage: unknown, what: string, fail: (what: string) => never): void {
  if (typeof passage !== 'object' || passage === null) fail(`${what} must be an object with "text"`);
  const { text, source } = passage as CatalogPassage;
  if (typeof text !== 'string' || !text.trim()) fail(`${what}.text is missing`);
  if (source !== undefined && typeof source !== 'string') fail(`${what}.source must be a source id`);
}

/** The entity's aliases with defaults filled in: its names first, then its listed aliases. */
export function normalizedAliases(entity: CatalogEntity): NormalizedAlias[] {
  const listed: NormalizedAlias[] = (entity.aliases ?? []).map((alias) =>
    typeof alias === 'string' ? { text: alias, case: 'exact' } : { ...alias, case: alias.case ?? 'exact' },
  );
  const byText = new Map<string, NormalizedAlias>();
  // A listed alias overrides a name of the same text: the podcast "Mixture of Experts" needs its context rule.
  for (const name of [entity.names.en, entity.names.zh]) {
    if (name) byText.set(foldText(name, true), { text: name, case: 'exact' });
  }
  for (const alias of listed) byText.set(foldText(alias.text, true), alias);
  return [...byText.values()];
}

function checkAliasClaims(entities: CatalogEntity[], file: string, lineOf: (index: number) => number | undefined): void {
  const claims = new Map<string, { entity: number; alias: NormalizedAlias }[]>();
  entities.forEach((entity, index) => {
    for (const alias of normalizedAliases(entity)) {
      const key = foldText(alias.text);
      const list = claims.get(key) ?? [];
      list.push({ entity: index, alias });
      claims.set(key, list);
    }
  });
  for (const list of claims.values()) {
    // Two entities may share an alias only if context words (or exact case) tell which one a page means.
    const unqualified = list.filter((claim) => !claim.alias.context);
    for (let i = 0; i < unqualified.length; i++) {
      for (let j = i + 1; j < unqualified.length; j++) {
        const [first, second] = [unqualified[i], unqualified[j]];
        if (first.entity === second.entity || !sameWrittenForm(first.alias, second.alias)) continue;
        throw new GlossInputError(
          `alias "${second.alias.text}" of "${entities[second.entity].id}" is also an alias of "${entities[first.entity].id}" (line ${lineOf(first.entity)}), and no context words tell them apart`,
          file,
          lineOf(second.entity),
        );
      }
    }
  }
}

function sameWrittenForm(a: NormalizedAlias, b: NormalizedAlias): boolean {
  return a.case === 'any' || b.case === 'any' || foldText(a.text, true) === foldText(b.text, true);
}

/** The compact alias list a tab needs to find mentions. */
export function toMatcherData(catalog: Catalog): MatcherData {
  const aliases: MatcherAlias[] = [];
  catalog.entities.forEach((entity, index) => {
    for (const alias of normalizedAliases(entity)) {
      const entry: MatcherAlias = { text: alias.text, entity: index, case: alias.case };
      if (alias.short) entry.short = true;
      if (alias.context) entry.context = [...alias.context];
      aliases.push(entry);
      for (const phrase of alias.notIn ?? []) aliases.push({ text: phrase, entity: index, case: 'any', block: true });
    }
  });
  return { entities: catalog.entities.map(({ id, type }) => ({ id, type })), aliases };
}
