// What the popup's "On this page" list shows, from a content script's gloss:matches answer. Pure.
import { webUrl } from '../web-url';
import type { MatchesResponse } from '../messages';
import type { EntityType, GlossIndex } from '../types';

/** What the popup knows of the page behind it. */
export type PageState =
  | { status: 'loading' }
  /** No content script answered: a browser page, the web store, a tab opened before install. */
  | { status: 'unavailable' }
  | { status: 'ready'; entities: PageEntity[]; complete: boolean };

export interface PageEntity {
  entityId: string;
  name: string;
  type: EntityType;
  count: number;
}

/** Checks an answer from a tab; anything else (no content script, an older one) is undefined. */
export function asMatchesResponse(value: unknown): MatchesResponse | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const response = value as Partial<MatchesResponse>;
  if (typeof response.complete !== 'boolean' || !Array.isArray(response.matches)) return undefined;
  return {
    url: typeof response.url === 'string' ? response.url : '',
    complete: response.complete,
    matches: response.matches.filter(
      (match): match is MatchesResponse['matches'][number] =>
        typeof match === 'object' && match !== null && typeof match.entityId === 'string',
    ),
  };
}

/**
 * Mentions counted per entity, in order of each entity's first mention (the content script lists mentions in
 * document order). Entities the index doesn't know (a stale tab after an update) are left out.
 */
export function pageEntities(index: GlossIndex, response: MatchesResponse): PageEntity[] {
  const byId = new Map(index.entities.map((entity) => [entity.id, entity]));
  const found = new Map<string, PageEntity>();
  for (const match of response.matches) {
    const current = found.get(match.entityId);
    if (current) {
      current.count++;
      continue;
    }
    const entity = byId.get(match.entityId);
    if (entity) found.set(entity.id, { entityId: entity.id, name: entity.name, type: entity.type, count: 1 });
  }
  return [...found.values()];
}

/** The hostname of a web page's URL; '' for anything Gloss doesn't run on (browser pages, files, no URL). */
export function pageHostname(url: string | undefined): string {
  return webUrl(url)?.hostname ?? '';
}
