// Quotations on a page, with the speaker the page gives each: the indexer's own rules (quotation-marks.ts,
// sentences.ts, speakers.ts) applied to one run of page text, so a page is read as a seed is. The previous
// run stands in for the paragraph before (a pronoun may name the person of the paragraph before it).
import { closingMarkIndex, findQuotations, isSpeechQuote, type Quotation } from './quotation-marks';
import { splitSentences } from './sentences';
import { attributeSpeakers, hasPronoun, type PersonMention } from './speakers';

/** Any opening mark findQuotations reads: a run without one costs this one test. */
const OPENING_MARK = /[“"「『«‘]/;

export interface PageQuotationSpan {
  /** The quoted words, without the marks: offsets in the run's text. */
  start: number;
  end: number;
  /** Where the verdict mark goes: the closing mark, or the last character of a quotation left unclosed. */
  markStart: number;
  markEnd: number;
  /** The person the page gives the quotation to, if it says. */
  speakerId?: string;
}

export interface RunPeople {
  text: string;
  /** Person mentions of the run (offsets in its text; inside quotations too: the rules skip those). */
  people: PersonMention[];
}

/** Speech quotations of `current` (not scare-quoted terms), in order, with their speakers. */
export function findPageQuotations(current: RunPeople, before?: RunPeople): PageQuotationSpan[] {
  if (!OPENING_MARK.test(current.text)) return [];
  const paragraph: [number, number] = [0, current.text.length];
  const quotations = findQuotations(current.text, paragraph).filter((quotation) => isSpeechQuote(current.text, quotation));
  if (quotations.length === 0) return [];

  // The previous run first, then this one, as two paragraphs of one text; only a pronoun needs it. With no
  // person named and no pronoun, nobody can be given the words: the sentences need not be read at all.
  const pronoun = hasPronoun(current.text);
  const previous = before && pronoun ? before : undefined;
  if (current.people.length === 0 && !(pronoun && previous?.people.length))
    return quotations.map((quotation) => spanOf(current.text, quotation));
  const offset = previous ? previous.text.length + 1 : 0;
  const text = previous ? `${previous.text}\n${current.text}` : current.text;
  const shift = <T extends { start: number; end: number }>(span: T): T => ({ ...span, start: span.start + offset, end: span.end + offset });
  const paragraphs: [number, number][] = previous
    ? [
        [0, previous.text.length],
        [offset, text.length],
      ]
    : [paragraph];
  const speakers = new Map(
    attributeSpeakers({
      text,
      paragraphs,
      sentences: paragraphs.flatMap((span) => splitSentences(text, span)),
      quotations: quotations.map((quotation) => ({ ...shift(quotation), open: quotation.open + offset, close: quotation.close + offset })),
      people: [...(previous?.people ?? []), ...current.people.map(shift)],
    }).map((attributed) => [attributed.start - offset, attributed.speaker]),
  );

  return quotations.map((quotation) => spanOf(current.text, quotation, speakers.get(quotation.start)));
}

function spanOf(text: string, quotation: Quotation, speakerId?: string): PageQuotationSpan {
  const mark = closingMarkIndex(text, quotation);
  const span: PageQuotationSpan = {
    start: quotation.start,
    end: quotation.end,
    markStart: mark >= 0 ? mark : quotation.end - 1,
    markEnd: mark >= 0 ? mark + 1 : quotation.end,
  };
  if (speakerId) span.speakerId = speakerId;
  return span;
}
