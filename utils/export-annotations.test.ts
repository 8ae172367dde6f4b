import { describe, expect, it } from 'vitest';
import { ANNO_CONTEXT, codePointOffset, entityIri, serializeAnnotations, sourceIri, toWebAnnotations } from './export-annotations';
import { FIXTURE_SOURCE_ID, FIXTURE_TEXT, fixtureIndex } from './testing/fixture-index';

describe('toWebAnnotations', () => {
  const index = fixtureIndex();
  const collection = toWebAnnotations(index);

  it('is an AnnotationCollection with one Annotation per quote', () => {
    expect(collection['@context']).toBe(ANNO_CONTEXT);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(index.quotes.length);
    expect(collection.first.type).toBe('AnnotationPage');
    expect(collection.first.items).toHaveLength(index.quotes.length);
    const ids = collection.first.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [collection.id, ...ids]) expect(id).toMatch(/^tag:gloss\.example,2025:/);
  });

  it('names the speaker in the body and points at the quoted passage', () => {
    const anita = collection.first.items.find((item) => item.id.endsWith('quote/q-anita-1'))!;
    expect(anita.type).toBe('Annotation');
    expect(anita.body).toContainEqual({
      type: 'TextualBody',
      purpose: 'identifying',
      value: 'Anita Huang',
      format: 'text/plain',
      language: 'en',
    });
    expect(anita.body).toContainEqual({ type: 'SpecificResource', purpose: 'identifying', source: entityIri('anita-huang') });
    const [quote, position] = anita.target.selector;
    const original = index.quotes.find((candidate) => candidate.id === 'q-anita-1')!;
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: original.text, prefix: original.prefix, suffix: original.suffix });
    expect(position.type).toBe('TextPositionSelector');
    expect([...FIXTURE_TEXT].slice(position.start, position.end).join('')).toBe(original.text);
  });

  it('adds the Chinese name when there is one', () => {
    const okanohara = collection.first.items.find((item) => item.id.endsWith('quote/q-okanohara-1'))!;
    expect(okanohara.body).toContainEqual(expect.objectContaining({ purpose: 'identifying', value: '冈原大辅', language: 'zh' }));
  });

  it('targets the source URL only when it is absolute, else an IRI from the source id', () => {
    expect(collection.first.items[0].target.source).toBe(`tag:gloss.example,2025:source/${FIXTURE_SOURCE_ID}`);
    expect(sourceIri({ id: 's', url: 'https://example.com/a' }, 's')).toBe('https://example.com/a');
    expect(sourceIri(undefined, 'a b')).toBe('tag:gloss.example,2025:source/a%20b');
  });

  it('counts positions in code points', () => {
    expect(codePointOffset('a😀b', 3)).toBe(2);
    expect(codePointOffset('a😀b', 4)).toBe(3);
    const text = '😀😀 他说：“你好”';
    const index = fixtureIndex();
    index.sources[0] = { ...index.sources[0], text };
    const start = text.indexOf('你好');
    index.quotes = [{ ...index.quotes[0], text: '你好', start, end: start + 2 }];
    const [, position] = toWebAnnotations(index).first.items[0].target.selector;
    expect(position).toEqual({ type: 'TextPositionSelector', start: start - 2, end: start });
  });

  it('serializes to JSON that parses back to the same collection', () => {
    const text = serializeAnnotations(index);
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(collection);
  });
});
