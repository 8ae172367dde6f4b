// The user's names as matcher data: what a tab adds to the bundled aliases. Small and pure, because every tab
// loads it (the background derives it; a tab only combines it with the bundled data).
import * as v from 'valibot';
import { createMatcher, type Matcher } from '../matcher';
import { ENTITY_TYPES, type IndexEntity, type MatcherAlias, type MatcherData } from '../types';
import type { LibraryData } from './types';

/** The user's entities and merged names as matcher data of their own; merged names point at their entity's id. */
export function libraryMatcherData(library: LibraryData, types: ReadonlyMap<string, IndexEntity['type']>): MatcherData {
  const entities: MatcherData['entities'] = [];
  const slot = new Map<string, number>();
  const entityIndex = (id: string, type: IndexEntity['type']) => {
    let at = slot.get(id);
    if (at === undefined) {
      at = entities.push({ id, type }) - 1;
      slot.set(id, at);
    }
    return at;
  };
  const aliases: MatcherAlias[] = [];
  const ownTypes = new Map(library.entities.map((entity) => [entity.id, entity.type]));
  for (const entity of library.entities) {
    const at = entityIndex(entity.id, entity.type);
    for (const alias of entity.aliases) aliases.push({ ...alias, entity: at });
  }
  for (const { entity, alias } of library.aliases) {
    const type = types.get(entity) ?? ownTypes.get(entity);
    // A name merged into an entity that is gone (a bundled one renamed by an update) matches nothing.
    if (type) aliases.push({ ...alias, entity: entityIndex(entity, type) });
  }
  return { entities, aliases };
}

/** Two matcher datas as one: entities by id (the first's order kept), every alias pointing into the union. */
export function combineMatcherData(base: MatcherData, extra: MatcherData): MatcherData {
  if (extra.aliases.length === 0) return base;
  const entities = [...base.entities];
  const slot = new Map(entities.map((entity, i) => [entity.id, i]));
  const remap = extra.entities.map((entity) => {
    let at = slot.get(entity.id);
    if (at === undefined) {
      at = entities.push(entity) - 1;
      slot.set(entity.id, at);
    }
    return at;
  });
  return { entities, aliases: [...base.aliases, ...extra.aliases.map((alias) => ({ ...alias, entity: remap[alias.entity] }))] };
}

const AliasSchema = v.object({
  text: v.pipe(v.string(), v.minLength(1)),
  case: v.picklist(['exact', 'any']),
  entity: v.pipe(v.number(), v.integer(), v.minValue(0)),
  short: v.optional(v.boolean()),
  context: v.optional(v.array(v.string())),
  block: v.optional(v.literal(true)),
});
const MatcherDataSchema = v.object({
  entities: v.array(v.object({ id: v.pipe(v.string(), v.minLength(1)), type: v.picklist(ENTITY_TYPES) })),
  aliases: v.array(AliasSchema),
});

/** The stored names, or null when there are none or what is stored is not matcher data (never trusted blindly). */
export function validLibraryNames(value: unknown): MatcherData | null {
  if (value === null || value === undefined) return null; // no library: most tabs, and nothing to check
  const parsed = v.safeParse(MatcherDataSchema, value);
  if (!parsed.success) return null;
  const data = parsed.output as MatcherData;
  return data.aliases.every((alias) => alias.entity < data.entities.length) && data.aliases.length > 0 ? data : null;
}

/** A tab's matcher: the bundled names, and the user's when what is stored is valid. */
export function tabMatcher(bundled: MatcherData, stored: unknown): Matcher {
  const names = validLibraryNames(stored);
  return createMatcher(names ? combineMatcherData(bundled, names) : bundled);
}
