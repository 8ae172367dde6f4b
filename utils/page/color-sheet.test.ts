import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { createColorSheet } from './color-sheet';

const rulesOf = (sheets: readonly CSSStyleSheet[]) => sheets.map((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText));

describe('createColorSheet', () => {
  it('adds one sheet on the first colour, replaces its rules after, and keeps the page’s own sheets', () => {
    const window = new Window();
    const doc = window.document as unknown as Document;
    const pageSheet = new window.CSSStyleSheet() as unknown as CSSStyleSheet;
    pageSheet.replaceSync('p { color: red; }');
    doc.adoptedStyleSheets = [pageSheet];
    const colors = createColorSheet(doc);

    colors.set('');
    expect(doc.adoptedStyleSheets).toHaveLength(1);
    colors.set('a { color: blue; }');
    colors.set('b { color: green; }');
    expect(doc.adoptedStyleSheets).toHaveLength(2);
    expect(doc.adoptedStyleSheets[0]).toBe(pageSheet);
    expect(rulesOf(doc.adoptedStyleSheets)[1].join('')).toMatch(/^b \{ color: green; \}$/);

    colors.remove();
    expect(doc.adoptedStyleSheets).toEqual([pageSheet]);
  });

  it('uses the page’s own view where the content script sees no adoptedStyleSheets (Firefox ≤ 140)', () => {
    const window = new Window();
    const page = window.document as unknown as Document;
    // The content script's view of the document: no adoptedStyleSheets, the page's view behind wrappedJSObject.
    const xray = { adoptedStyleSheets: undefined, defaultView: window, wrappedJSObject: page } as unknown as Document;
    const colors = createColorSheet(xray);
    colors.set('i { color: blue; }');
    expect(rulesOf(page.adoptedStyleSheets)).toHaveLength(1);
    colors.remove();
    expect(page.adoptedStyleSheets).toHaveLength(0);
  });
});
