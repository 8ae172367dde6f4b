// The user's highlight colours as one constructed stylesheet adopted by the document: manifest CSS cannot
// change at run time, and an adopted sheet adds no node to the page.

/** What a content script may see of a document's adopted sheets (Firefox's waived view included). */
interface SheetHost {
  create(): CSSStyleSheet;
  sheets: CSSStyleSheet[];
}

type Waived<T> = T & { wrappedJSObject?: T };

/**
 * Firefox up to ESR 140 gives a content script no Xray view of `document.adoptedStyleSheets` (an
 * ObservableArray): it reads as `undefined` and assigning to it does nothing. There the page's own view
 * (`wrappedJSObject`) is used, with a sheet made by the page's constructor so the array accepts it.
 */
function sheetHost(doc: Document): SheetHost | null {
  const own = doc.adoptedStyleSheets as CSSStyleSheet[] | undefined;
  const view = doc.defaultView;
  if (own && typeof own.indexOf === 'function' && view) return { create: () => new view.CSSStyleSheet(), sheets: own };
  const waived = (doc as Waived<Document>).wrappedJSObject;
  const pageView = waived?.defaultView;
  if (waived?.adoptedStyleSheets && pageView) return { create: () => new pageView.CSSStyleSheet(), sheets: waived.adoptedStyleSheets };
  return null;
}

export interface ColorSheet {
  /** Replace the sheet's rules; an empty text with no sheet yet adds nothing. */
  set(css: string): void;
  /** Take the sheet off the document. */
  remove(): void;
}

export function createColorSheet(doc: Document): ColorSheet {
  let sheet: CSSStyleSheet | null = null;
  return {
    set(css) {
      if (!css && !sheet) return;
      const host = sheetHost(doc);
      if (!host) return;
      sheet ??= host.create();
      sheet.replaceSync(css);
      // ObservableArray methods mutate in place: no new array to carry across compartments.
      if (host.sheets.indexOf(sheet) === -1) host.sheets.push(sheet);
    },
    remove() {
      if (!sheet) return;
      const host = sheetHost(doc);
      const at = host ? host.sheets.indexOf(sheet) : -1;
      if (host && at !== -1) host.sheets.splice(at, 1);
      sheet = null;
    },
  };
}
