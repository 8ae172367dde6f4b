// The quote check's answers as the card shows them: the verdict on each quotation a page sends, with the
// source's quote as a verified passage (the entity view's own QuoteView: its text is re-checked against the
// source), so the card shows nothing as a quote that the source does not hold verbatim.
import type { QuotationToCheck, QuoteVerdictView } from '../messages';
import { createQuoteChecker } from '../quotations/quote-check';
import type { GlossIndex } from '../types';
import { entityView, type EntityView } from './entity-view';

export type QuoteVerdicts = (quotations: readonly QuotationToCheck[]) => (QuoteVerdictView | null)[];

/** Prepares the index's quotes once; the returned function answers a page's quotations. */
export function createQuoteVerdicts(index: GlossIndex): QuoteVerdicts {
  const checker = createQuoteChecker(index.quotes.map((quote) => ({ id: quote.id, speakerId: quote.speaker, text: quote.text })));
  const views = new Map<string, EntityView | undefined>();
  const viewOf = (id: string) => {
    if (!views.has(id)) views.set(id, entityView(index, id));
    return views.get(id);
  };
  return (quotations) =>
    quotations.map(({ text, speakerId }) => {
      const speaker = speakerId ? viewOf(speakerId) : undefined;
      // A speaker the index does not know is no speaker: the check then asks who said it at all.
      const check = checker.check(text, speaker ? speakerId : undefined);
      if (!check) return null;
      const known = viewOf(check.known.speakerId)?.quotes.find((quote) => quote.id === check.known.id);
      if (!known) return null;
      const result: QuoteVerdictView = { verdict: check.verdict, known, knownStart: check.knownStart, knownEnd: check.knownEnd };
      if (check.diff) result.diff = check.diff;
      if (speaker && speakerId) result.pageSpeaker = { id: speakerId, name: speaker.name };
      return result;
    });
}
