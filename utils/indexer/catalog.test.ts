import { describe, expect, it } from 'vitest';
import { normalizedAliases, parseCatalog, toMatcherData } from './catalog';
import { GlossInputError } from './errors';

const raw = (entities: unknown[]) => JSON.stringify({ entities }, null, 2);
const person = (extra: object = {}) => ({ id: 'larry-li', type: 'person', names: { en: 'Larry Li' }, ...extra });

function errorOf(text: string): GlossInputError {
  try {
    parseCatalog(text, 'data/catalog.json');
  } catch (error) {
    if (error instanceof GlossInputError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('parseCatalog', () => {
  it('accepts a valid catalog', () => {
    const { catalog } = parseCatalog(raw([person({ aliases: ['Li Larry', { text: 'Li', short: true }] })]), 'c.json');
    expect(catalog.entities).toHaveLength(1);
  });

  it('names the file and line of invalid JSON', () => {
    const error = errorOf('{\n  "entities": [\n    { "id": "x", }\n  ]\n}');
    expect(error.message).toMatch(/^data\/catalog\.json:3: is not valid JSON \(unexpected/);
  });

  it('names the entry and line of a missing field', () => {
    const error = errorOf(raw([person(), { id: 'ibm', names: { en: 'IBM' } }]));
    expect(error.message).toBe(
      'data/catalog.json:10: entity #2 "ibm": "type" must be one of person, organization, model, product, publication, law, place, concept, event, is missing',
    );
    expect(errorOf(raw([{ id: 'ibm', type: 'organization', names: {} }])).message).toMatch(/:3: .*"names\.en" is missing/);
    expect(errorOf(raw([{ type: 'organization', names: { en: 'IBM' } }])).message).toMatch(/:3: entity #1: "id" must be kebab-case/);
  });

  it('rejects a duplicate id, naming both lines', () => {
    const error = errorOf(raw([person(), person()]));
    expect(error.message).toMatch(/^data\/catalog\.json:10: entity #2 "larry-li": duplicate id \(first at line 3\)/);
  });

  it('rejects an alias two entities claim with nothing to tell them apart', () => {
    const error = errorOf(raw([person({ aliases: ['Li'] }), { id: 'li-wei', type: 'person', names: { en: 'Li Wei' }, aliases: ['Li'] }]));
    expect(error.message).toMatch(/alias "Li" of "li-wei" is also an alias of "larry-li" \(line 3\), and no context words tell them apart/);
  });

  it('accepts a shared alias when context words tell the entities apart', () => {
    const podcast = {
      id: 'moe-podcast',
      type: 'publication',
      names: { en: 'Mixture of Experts' },
      aliases: [{ text: 'Mixture of Experts', context: ['podcast'] }],
    };
    const concept = {
      id: 'moe',
      type: 'concept',
      names: { en: 'Mixture of experts' },
      aliases: [{ text: 'mixture of experts', case: 'any' }],
    };
    expect(() => parseCatalog(raw([podcast, concept]), 'c.json')).not.toThrow();
  });

  it('rejects bad alias rules and relations to unknown entities', () => {
    expect(errorOf(raw([person({ aliases: [{ text: 'Li', case: 'upper' }] })])).message).toMatch(/"case" must be "exact" or "any"/);
    expect(errorOf(raw([person({ aliases: [{ text: 'Li', context: [] }] })])).message).toMatch(/"context" must be a non-empty list/);
    expect(errorOf(raw([person({ aliases: [{ text: 'Li', notIn: ['Wei'] }] })])).message).toMatch(/"notIn" must list longer names/);
    expect(errorOf(raw([person({ relations: [{ type: 'founded', target: 'nobody', evidence: { text: 'x' } }] })])).message).toMatch(
      /:3: entity "larry-li": relations\[0\]\.target "nobody" is no entity/,
    );
    expect(errorOf(raw([person({ relations: [{ type: 'likes', target: 'larry-li', evidence: { text: 'x' } }] })])).message).toMatch(
      /relations\[0\]\.type must be one of/,
    );
    expect(errorOf(raw([person({ summary: 'just a string' })])).message).toMatch(/summary must be an object with "text"/);
  });
});

describe('normalizedAliases and toMatcherData', () => {
  it('makes names aliases, lets a listed alias override a name of the same text, and adds blockers', () => {
    const entity = {
      id: 'meta',
      type: 'organization' as const,
      names: { en: 'Meta', zh: 'Meta' },
      aliases: [{ text: 'Meta', context: ['Facebook'], notIn: ['Meta-analysis'] }],
    };
    expect(normalizedAliases(entity)).toEqual([{ text: 'Meta', case: 'exact', context: ['Facebook'], notIn: ['Meta-analysis'] }]);
    const data = toMatcherData({ entities: [entity] });
    expect(data.aliases).toEqual([
      { text: 'Meta', entity: 0, case: 'exact', context: ['Facebook'] },
      { text: 'Meta-analysis', entity: 0, case: 'any', block: true },
    ]);
  });
});
