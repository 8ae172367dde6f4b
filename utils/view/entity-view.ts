// The view-model of one entity that the hover card, the popup and the source view all show. Built from the
// index alone, without browser APIs. Every passage is re-checked against its source text here, so whatever
// a view shows as verbatim is verbatim: a passage whose offsets drifted is re-anchored by its exact text,
// and one whose text is nowhere in its source is dropped rather than shown unsourced.
import { anchorPassage } from '../anchoring';
import { RELATION_TYPES } from '../types';
import type { EntityType, GlossIndex, IndexEntity, IndexQuote, IndexRelation, IndexSource, Locator, RelationType } from '../types';

export interface SourceRef {
  id: string;
  title: string;
  publisher?: string;
  date?: string;
  lang: string;
  /** Where the source was published, when known. */
  url?: string;
}

export interface Passage {
  /** Verbatim: equal to the source's text between the locator's offsets. */
  text: string;
  source: SourceRef;
  locator: Locator;
}

export interface QuoteView extends Passage {
  id: string;
  speaker: { id: string; name: string };
  /** Ids of the entities the quote mentions. */
  about: string[];
}

/** A relation label: the relation type read from this entity's side, e.g. `founded` or `founded-by`. */
export type RelationLabel = RelationType | (typeof REVERSE_LABELS)[RelationType];

export interface RelatedView {
  type: RelationType;
  /** `out`: this entity is the relation's subject; `in`: the other entity is. */
  direction: 'out' | 'in';
  label: RelationLabel;
  /** The UI message key of `label`. */
  labelKey: string;
  entity: { id: string; name: string; type: EntityType };
  evidence: Passage;
}

export interface EntityView {
  id: string;
  type: EntityType;
  name: string;
  names: { en: string; zh?: string };
  summary?: Passage;
  facts: Passage[];
  quotes: QuoteView[];
  contexts: Passage[];
  related: RelatedView[];
}

/** How a relation reads from its target's side. */
export const REVERSE_LABELS = {
  'affiliated-with': 'affiliate',
  founded: 'founded-by',
  'co-founded': 'co-founded-by',
  released: 'released-by',
  developed: 'developed-by',
  uses: 'used-by',
  banned: 'banned-by',
  'member-of': 'member',
  'invested-in': 'investor',
  'subsidiary-of': 'subsidiary',
  'appeared-on': 'featured',
  enacted: 'enacted-by',
  'licensed-under': 'license-of',
  'located-in': 'location-of',
} as const satisfies Record<RelationType, string>;

/** Every relation label, forward ones first: what the UI needs strings for. */
export const RELATION_LABELS: readonly RelationLabel[] = [...RELATION_TYPES, ...RELATION_TYPES.map((type) => REVERSE_LABELS[type])];

/** The message key of a relation label (message names allow no hyphens). */
export function relationLabelKey(label: RelationLabel): string {
  return `entity_rel_${label.replace(/-/g, '_')}`;
}

interface Lookup {
  entities: Map<string, IndexEntity>;
  sources: Map<string, { source: IndexSource; ref: SourceRef; order: number }>;
  /** Relations stored on other entities, by their target. */
  incoming: Map<string, { from: IndexEntity; relation: IndexRelation }[]>;
  quotesBySpeaker: Map<string, IndexQuote[]>;
  quotesAbout: Map<string, IndexQuote[]>;
}

// Built once per index object: hovering walks many entities, and scanning every relation and quote of the
// index for each one would be quadratic. An index is treated as immutable once a view was built from it.
const lookups = new WeakMap<GlossIndex, Lookup>();

function lookup(index: GlossIndex): Lookup {
  let found = lookups.get(index);
  if (found) return found;
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  found = { entities: new Map(), sources: new Map(), incoming: new Map(), quotesBySpeaker: new Map(), quotesAbout: new Map() };
  index.sources.forEach((source, order) => {
    const ref: SourceRef = { id: source.id, title: source.title, lang: source.lang };
    if (source.publisher) ref.publisher = source.publisher;
    if (source.date) ref.date = source.date;
    if (source.url) ref.url = source.url;
    found!.sources.set(source.id, { source, ref, order });
  });
  for (const entity of index.entities) {
    found.entities.set(entity.id, entity);
    for (const relation of entity.related) push(found.incoming, relation.target, { from: entity, relation });
  }
  for (const quote of index.quotes) {
    push(found.quotesBySpeaker, quote.speaker, quote);
    for (const id of new Set(quote.about)) push(found.quotesAbout, id, quote);
  }
  lookups.set(index, found);
  return found;
}

type Stored = Locator & { text: string; prefix?: string; suffix?: string };

function passageOf(look: Lookup, stored: Stored): Passage | undefined {
  const entry = look.sources.get(stored.source);
  if (!entry || typeof stored.text !== 'string') return undefined;
  const range = anchorPassage(entry.source.text, {
    start: stored.start,
    end: stored.end,
    exact: stored.text,
    prefix: stored.prefix,
    suffix: stored.suffix,
  });
  if (!range) return undefined;
  return { text: stored.text, source: entry.ref, locator: { source: stored.source, start: range.start, end: range.end } };
}

function locatorKey(locator: Locator): string {
  return `${locator.source}\u0000${locator.start}\u0000${locator.end}`;
}

function documentOrder(look: Lookup) {
  return (a: Passage, b: Passage) =>
    (look.sources.get(a.locator.source)?.order ?? 0) - (look.sources.get(b.locator.source)?.order ?? 0) ||
    a.locator.start - b.locator.start ||
    a.locator.end - b.locator.end;
}

function overlaps(a: Locator, b: Locator): boolean {
  return a.source === b.source && a.start < b.end && b.start < a.end;
}

function within(inner: Locator, outer: Locator): boolean {
  return inner.source === outer.source && inner.start >= outer.start && inner.end <= outer.end;
}

/** Everything the UI shows about one entity, or undefined when the index has no such entity. */
export function entityView(index: GlossIndex, entityId: string): EntityView | undefined {
  const look = lookup(index);
  const entity = look.entities.get(entityId);
  if (!entity) return undefined;
  const byDocument = documentOrder(look);
  const nameOf = (id: string) => look.entities.get(id)?.name ?? id;

  const summary = entity.summary ? passageOf(look, entity.summary) : undefined;
  const facts = dedupe((entity.facts ?? []).map((fact) => passageOf(look, fact)));

  // A person's quotes are what they said; anything else's are what was said about it.
  const candidates: { stored: Stored; id: string; speaker: string; about: string[] }[] = [];
  const said = look.quotesBySpeaker.get(entity.id) ?? [];
  const aboutIt = entity.type === 'person' ? [] : (look.quotesAbout.get(entity.id) ?? []);
  for (const quote of [...said, ...aboutIt]) {
    candidates.push({ stored: quote, id: quote.id, speaker: quote.speaker, about: quote.about });
  }
  const quotes: QuoteView[] = [];
  const seenQuotes = new Set<string>();
  for (const candidate of candidates) {
    const passage = passageOf(look, candidate.stored);
    if (!passage || seenQuotes.has(locatorKey(passage.locator))) continue;
    seenQuotes.add(locatorKey(passage.locator));
    quotes.push({
      ...passage,
      id: candidate.id,
      speaker: { id: candidate.speaker, name: nameOf(candidate.speaker) },
      about: [...candidate.about],
    });
  }
  quotes.sort(byDocument);

  // A sentence adds little when it holds (part of) a quote shown with it, and nothing when it lies inside
  // the summary or a fact. One that merely contains a short summary phrase ("IBM 首席研究科学家 X") still tells more.
  const shown = [...(summary ? [summary] : []), ...facts];
  const contexts = dedupe(
    (entity.contexts ?? [])
      .map((context) => passageOf(look, context))
      .filter((passage): passage is Passage => passage !== undefined)
      .sort(byDocument),
  ).filter(
    (context) =>
      !quotes.some((quote) => overlaps(context.locator, quote.locator)) &&
      !shown.some((passage) => within(context.locator, passage.locator)),
  );

  return {
    id: entity.id,
    type: entity.type,
    name: entity.name,
    names: entity.names.zh ? { en: entity.names.en, zh: entity.names.zh } : { en: entity.names.en },
    ...(summary ? { summary } : {}),
    facts,
    quotes,
    contexts,
    related: relatedOf(look, entity, byDocument),
  };
}

/** Drops missing passages and repeats (the same place, or the same words in a later place). */
function dedupe(passages: (Passage | undefined)[]): Passage[] {
  const places = new Set<string>();
  const texts = new Set<string>();
  const kept: Passage[] = [];
  for (const passage of passages) {
    if (!passage) continue;
    const text = passage.text.replace(/\s+/g, ' ').trim();
    if (places.has(locatorKey(passage.locator)) || texts.has(text)) continue;
    places.add(locatorKey(passage.locator));
    texts.add(text);
    kept.push(passage);
  }
  return kept;
}

function relatedOf(look: Lookup, entity: IndexEntity, byDocument: (a: Passage, b: Passage) => number): RelatedView[] {
  const found: RelatedView[] = [];
  const add = (type: RelationType, direction: 'out' | 'in', other: IndexEntity | undefined, evidence: Stored) => {
    if (!other) return;
    const passage = passageOf(look, evidence);
    if (!passage) return;
    const label: RelationLabel = direction === 'out' ? type : REVERSE_LABELS[type];
    found.push({
      type,
      direction,
      label,
      labelKey: relationLabelKey(label),
      entity: { id: other.id, name: other.name, type: other.type },
      evidence: passage,
    });
  };
  for (const relation of entity.related ?? []) add(relation.type, 'out', look.entities.get(relation.target), relation.evidence);
  for (const { from, relation } of look.incoming.get(entity.id) ?? []) {
    // A relation of the entity to itself was already listed as outgoing.
    if (from.id !== entity.id) add(relation.type, 'in', from, relation.evidence);
  }

  const typeOrder = (type: RelationType) => RELATION_TYPES.indexOf(type);
  found.sort(
    (a, b) =>
      typeOrder(a.type) - typeOrder(b.type) ||
      (a.direction === b.direction ? 0 : a.direction === 'out' ? -1 : 1) ||
      byDocument(a.evidence, b.evidence) ||
      (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0),
  );
  // The same relation stated twice (or stored on both entities) is shown once, with its first evidence.
  const seen = new Set<string>();
  return found.filter((related) => {
    const key = `${related.label}\u0000${related.entity.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface SourceParams {
  source?: string;
  start?: number;
  end?: number;
  /** TextQuoteSelector fallback, for when the offsets do not fit the text. */
  exact?: string;
  prefix?: string;
  suffix?: string;
  /** An entity whose details the source view opens. */
  entity?: string;
}

/** The path of the source view page, relative to the extension's root. */
export const SOURCE_PAGE = '/source.html';

/**
 * The extension-relative URL of the source view at a passage: `/source.html?source=…&start=…&end=…`.
 * Extra parameters (an entity to open, a TextQuoteSelector) are appended when given.
 */
export function sourceLink(locator: Locator, extra: Omit<SourceParams, 'source' | 'start' | 'end'> = {}): string {
  const params: [string, string][] = [
    ['source', locator.source],
    ['start', String(locator.start)],
    ['end', String(locator.end)],
  ];
  for (const key of ['exact', 'prefix', 'suffix', 'entity'] as const) {
    const value = extra[key];
    if (value !== undefined && value !== '') params.push([key, value]);
  }
  return `${SOURCE_PAGE}?${params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;
}

// Query values are attacker-influenced (any page can link to an extension page that is web-accessible),
// so each is checked and bounded rather than trusted.
const MAX_PARAM_LENGTH = 4000;

/** Reads a source view query string (`?source=…`); malformed values are left out. */
export function parseSourceParams(search: string): SourceParams {
  const query = new URLSearchParams(search);
  const params: SourceParams = {};
  const text = (key: keyof SourceParams) => {
    const value = query.get(key);
    return value !== null && value !== '' && value.length <= MAX_PARAM_LENGTH ? value : undefined;
  };
  const offset = (key: 'start' | 'end') => {
    const value = query.get(key);
    return value !== null && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
  };
  for (const key of ['source', 'exact', 'prefix', 'suffix', 'entity'] as const) {
    const value = text(key);
    if (value !== undefined) params[key] = value;
  }
  const start = offset('start');
  const end = offset('end');
  if (start !== undefined && end !== undefined && start <= end) {
    params.start = start;
    params.end = end;
  }
  return params;
}

/** A link to the source view at the entity's first passage, with the entity's full details open. */
export function entityLink(view: EntityView): string | undefined {
  const passage = view.summary ?? view.facts[0] ?? view.quotes[0] ?? view.contexts[0] ?? view.related[0]?.evidence;
  return passage ? sourceLink(passage.locator, { entity: view.id }) : undefined;
}

export interface CardLimits {
  facts: number;
  quotes: number;
  contexts: number;
  related: number;
}

export const CARD_LIMITS: CardLimits = { facts: 2, quotes: 3, contexts: 2, related: 4 };

/** A view capped to what a small card shows, with how many of each list were left out. */
export function cardSummary(view: EntityView, limits: Partial<CardLimits> = {}): { view: EntityView; more: CardLimits } {
  const cap = { ...CARD_LIMITS, ...limits };
  const more = (list: unknown[], limit: number) => Math.max(0, list.length - Math.max(0, limit));
  return {
    view: {
      ...view,
      facts: view.facts.slice(0, Math.max(0, cap.facts)),
      quotes: view.quotes.slice(0, Math.max(0, cap.quotes)),
      contexts: view.contexts.slice(0, Math.max(0, cap.contexts)),
      related: view.related.slice(0, Math.max(0, cap.related)),
    },
    more: {
      facts: more(view.facts, cap.facts),
      quotes: more(view.quotes, cap.quotes),
      contexts: more(view.contexts, cap.contexts),
      related: more(view.related, cap.related),
    },
  };
}

/** Every passage a view shows. */
export function viewPassages(view: EntityView): Passage[] {
  return [...(view.summary ? [view.summary] : []), ...view.facts, ...view.quotes, ...view.contexts, ...view.related.map((r) => r.evidence)];
}

const SHORT_LABEL_LENGTH = 28;

/** A source in a few words, for a link beside one of its passages: who published it (or its site, or title) and its date. */
export function shortSourceLabel(source: SourceRef): string {
  let host: string;
  try {
    host = source.url ? new URL(source.url).hostname.replace(/^www\./, '') : '';
  } catch {
    host = '';
  }
  const who = source.publisher || host || source.title;
  const short =
    Array.from(who).length > SHORT_LABEL_LENGTH
      ? `${Array.from(who)
          .slice(0, SHORT_LABEL_LENGTH - 1)
          .join('')}…`
      : who;
  return source.date ? `${short} · ${source.date}` : short;
}
