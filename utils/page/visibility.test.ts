import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES, type EntityType } from '../types';
import { visibleMentions } from './visibility';

const all = Object.fromEntries(ENTITY_TYPES.map((t) => [t, true])) as Record<EntityType, boolean>;
const m = (entityId: string, type: EntityType) => ({ entityId, type });
const mentions = [m('ibm', 'organization'), m('japan', 'place'), m('ibm', 'organization'), m('li', 'person')];

describe('visibleMentions', () => {
  it('keeps every mention of the types shown, in order', () => {
    expect(visibleMentions(mentions, { types: { ...all, place: false }, mentions: 'all' })).toEqual([
      mentions[0],
      mentions[2],
      mentions[3],
    ]);
  });

  it('keeps only the first mention of each entity when asked', () => {
    expect(visibleMentions(mentions, { types: all, mentions: 'first' })).toEqual([mentions[0], mentions[1], mentions[3]]);
  });
});
