import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { colorOverrideCss, createHighlightPainter, highlightStylesheet, highlightRules } from './painter';

class FakeHighlight extends Set<Range> {
  priority = 0;
}

function setup() {
  const registry = new Map<string, FakeHighlight>();
  const painter = createHighlightPainter({
    registry: { set: (name, h) => registry.set(name, h as unknown as FakeHighlight), delete: (name) => registry.delete(name) },
    create: () => new FakeHighlight() as unknown as Highlight,
  });
  return { registry, painter };
}
const mention = (type: 'person' | 'place') => ({ entityId: 'x', type, range: {} as Range, block: {} as Element });

describe('createHighlightPainter', () => {
  it('registers one highlight per type, and switches style and visibility by name', () => {
    const { registry, painter } = setup();
    const person = mention('person');
    painter.add(person);
    painter.add(mention('place'));
    expect([...registry.keys()].sort()).toEqual(['gloss-active', 'gloss-person', 'gloss-place']);
    painter.setStyle('underline');
    expect([...registry.keys()].sort()).toEqual(['gloss-active', 'gloss-person-u', 'gloss-place-u']);
    painter.setTypeVisible('place', false);
    expect([...registry.keys()].sort()).toEqual(['gloss-active', 'gloss-person-u']);
    expect(painter.size).toBe(2);
    painter.remove(person);
    expect(painter.size).toBe(1);
    painter.repaint([]);
    expect(painter.size).toBe(0);
    painter.clear();
    expect(registry.size).toBe(0);
  });
});

describe('highlight stylesheets', () => {
  it('keeps the manifest stylesheet in step with the type palette (npm run highlight-css)', () => {
    expect(readFileSync('entrypoints/content/highlights.css', 'utf8')).toBe(highlightStylesheet());
  });

  it('accepts only #rrggbb user colours', () => {
    expect(highlightRules({ person: '#ff0000', place: 'red; } body { display:none' as string })).toBe(
      '::highlight(gloss-person) { background-color: rgba(255, 0, 0, 0.3); }\n::highlight(gloss-person-u) { text-decoration: underline 2px #ff0000; text-underline-offset: 3px; }',
    );
  });

  it('gives user colours a higher specificity than the manifest rules (Firefox cascades those after the page)', () => {
    expect(colorOverrideCss({ person: '#ff0000' })).toBe(
      ':is(:root, *)::highlight(gloss-person) { background-color: rgba(255, 0, 0, 0.3); }\n:is(:root, *)::highlight(gloss-person-u) { text-decoration: underline 2px #ff0000; text-underline-offset: 3px; }',
    );
  });
});
