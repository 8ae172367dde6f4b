// Who said a quotation. Only words standing between quotation marks and attributed by
// the sentence itself (a name or pronoun and a speech verb) become quotes: a quote shown next to a person's
// name must be theirs verbatim, so an unattributable quotation is dropped rather than guessed.
//
// Known limits: genders are not modelled ("她" may resolve to the last man named), plural subjects
// ("他们", "they") and organisations are never speakers, and a verb's subject is found by position, not by
// parsing, so "Li 的同事说：“…”" credits Li.

import { isSpeechQuote, type Quotation } from './quotation-marks';

/** A person found in the text by the matcher. */
export interface PersonMention {
  start: number;
  end: number;
  entity: string;
}

export interface AttributedQuote {
  start: number;
  end: number;
  /** Entity id of the speaker. */
  speaker: string;
}

interface Token {
  start: number;
  end: number;
}

// Longer verbs first so "回忆道" is not read as "回忆" plus a stray "道".
const SPEECH_VERB =
  /回忆道|说道|所言|写道|表示|指出|回忆|认为|告诉|强调|补充|解释|称|说|\b(?:said|says|say|told|tells|added|noted|explained|recalled|wrote|argued)\b|\baccording to\b/giu;
// Words that contain 说 or 称 but say nothing about anyone speaking: 小说, 据说, 说法, 名称, 称为…
const NOT_A_VERB_BEFORE = /[小传据听学游名简俗对堪相匀]$/;
const NOT_A_VERB_AFTER: Record<string, RegExp> = {
  说: /^[法明服]/,
  称: /^[为作号呼谓]/,
};
// Verbs after which the speaker follows rather than precedes ("according to Li").
const SPEAKER_FOLLOWS = /^according to$/i;

// 他/她 alone are people; in 其他 ("other"), 他人, 他国… the character is not a pronoun.
const PRONOUN = /(?<![其吉利排])(?:他们|她们|他|她)(?![人国乡处])|\b(?:he|she|they)\b/giu;
const PLURAL_PRONOUN = /^(?:他们|她们|they)$/i;

/** Whether `text` has a pronoun that could name a speaker (then the paragraph before may say whom). */
export function hasPronoun(text: string): boolean {
  PRONOUN.lastIndex = 0;
  const found = PRONOUN.test(text);
  PRONOUN.lastIndex = 0;
  return found;
}

// A speaker written after a verb stands close to it, with no clause break between ("said IBM's Li").
const MAX_GAP_VERB_TO_FOLLOWING_SPEAKER = 40;
const CLAUSE_BREAK = /[，。！？；：,;:!?]/;
// A subject and its verb share a clause: "Li 来了，大家都认为" is not Li speaking. An ASCII comma is allowed
// for English appositions ("Li, the founder, said").
const SUBJECT_VERB_BREAK = /[，。！？；：;:!?]/;
// A sentence that only says who spoke ("他说。", "Li said.", "他说，“…”") is short before any quoted words,
// though a speaker's full title can take some room: "IBM 及 AI 联盟的 AI 开放战略总监 Anthony Annunziata 表示。"
// is 44 units.
const MAX_ATTRIBUTION_SENTENCE = 60;
const MAX_ENGLISH_ATTRIBUTION_TAIL = 30;
const ONLY_PUNCTUATION_OR_SPACE = /^[\s\p{P}]*$/u;
const PUNCTUATION_OR_SPACE = /[\s\p{P}]/u;

interface Subject extends Token {
  /** Entity id for a person mention; undefined for a pronoun. */
  entity?: string;
  plural: boolean;
}

function indexOfSpan(spans: [number, number][], position: number): number {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = spans[middle];
    if (position < start) high = middle - 1;
    else if (position >= end) low = middle + 1;
    else return middle;
  }
  return -1;
}

function findSpeechVerbs(text: string, outside: (position: number) => boolean): Token[] {
  const verbs: Token[] = [];
  for (const match of text.matchAll(SPEECH_VERB)) {
    const start = match.index!;
    const end = start + match[0].length;
    if (!outside(start)) continue;
    const after = NOT_A_VERB_AFTER[match[0]];
    if (after && (after.test(text.slice(end, end + 1)) || NOT_A_VERB_BEFORE.test(text.slice(Math.max(0, start - 1), start)))) continue;
    verbs.push({ start, end });
  }
  return verbs;
}

/**
 * Speakers of the speech quotations (see isSpeechQuote); quotations without a speaker the text states are
 * left out. Patterns, tried in order for each quotation:
 *  1. a speech verb before it in its sentence, its subject the nearest person or pronoun before the verb
 *     ("X 表示：“…”", "正如 X 在…中所言：“…”", 'Li said: "…"'), or right after it ("according to Li");
 *  2. a speech verb after it in its sentence, the subject between the quotation and the verb
 *     ("“…，”X 表示。", '"…," Li said.') or right after the verb ('"…," said Li.');
 *  3. a quotation ending its sentence, followed by a short sentence that attributes it ("“…。”他说。",
 *     "“…。”他说，“…”");
 *  4. a sentence of quotations alone continues the last speaker of its paragraph ("他说，…。“…。”").
 * A pronoun is the most recent person named before it in its paragraph or the one before. Person mentions
 * inside quotations never speak: they are what the quote is about.
 */
export function attributeSpeakers(input: {
  text: string;
  paragraphs: [number, number][];
  sentences: [number, number][];
  quotations: Quotation[];
  people: PersonMention[];
}): AttributedQuote[] {
  const { text, paragraphs } = input;
  const quotations = [...input.quotations].sort((a, b) => a.open - b.open);
  const sentences = [...input.sentences].sort((a, b) => a[0] - b[0]);
  // Whether a position is inside some quotation, by binary search: asked for every character a check walks,
  // so a scan of all quotations each time made a long source (a book, a 1 MB page the user adds) quadratic.
  const reach: number[] = [];
  for (const q of quotations) reach.push(Math.max(q.close, reach.at(-1) ?? -1));
  const insideQuotation = (position: number) => {
    let low = 0;
    let high = quotations.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (quotations[mid].open <= position) low = mid + 1;
      else high = mid;
    }
    return low > 0 && reach[low - 1] > position;
  };
  const outside = (position: number) => !insideQuotation(position);
  const isOnlyQuotations = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (!insideQuotation(i) && !PUNCTUATION_OR_SPACE.test(text[i])) return false;
    return true;
  };

  const people = input.people.filter((p) => outside(p.start)).sort((a, b) => a.start - b.start);
  const subjects: Subject[] = [
    ...people.map((p) => ({ start: p.start, end: p.end, entity: p.entity, plural: false })),
    ...[...text.matchAll(PRONOUN)]
      .filter((m) => outside(m.index!))
      // A pronoun inside a person's name ("He Jun") is part of the name.
      .filter((m) => !people.some((p) => p.start <= m.index! && m.index! < p.end))
      .map((m) => ({ start: m.index!, end: m.index! + m[0].length, plural: PLURAL_PRONOUN.test(m[0]) })),
  ].sort((a, b) => a.start - b.start);
  const verbs = findSpeechVerbs(text, outside);
  const speech = quotations.filter((q) => isSpeechQuote(text, q));

  const resolve = (subject: Subject): string | null => {
    if (subject.entity !== undefined) return subject.entity;
    if (subject.plural) return null;
    return antecedent(paragraphs, people, subject.start);
  };
  /** The verb's subject: the nearest person or pronoun before it, from `from` on, in the same clause. */
  const subjectBefore = (verb: Token, from: number): Subject | undefined => {
    for (let i = subjects.length - 1; i >= 0; i--) {
      const subject = subjects[i];
      if (subject.start < from) return undefined;
      if (subject.end <= verb.start) return SUBJECT_VERB_BREAK.test(text.slice(subject.end, verb.start)) ? undefined : subject;
    }
    return undefined;
  };
  const subjectFollowing = (verb: Token, limit: number): Subject | undefined => {
    const subject = subjects.find((s) => s.start >= verb.end && s.end <= limit);
    if (!subject) return undefined;
    const gap = text.slice(verb.end, subject.start);
    return gap.length <= MAX_GAP_VERB_TO_FOLLOWING_SPEAKER && !CLAUSE_BREAK.test(gap) ? subject : undefined;
  };

  const results: AttributedQuote[] = [];
  const attributedAt: { position: number; speaker: string }[] = [];

  for (const quotation of speech) {
    const paragraphIndex = indexOfSpan(paragraphs, quotation.open);
    const paragraph = paragraphs[paragraphIndex] ?? [quotation.open, quotation.close];
    const sentenceIndex = indexOfSpan(sentences, quotation.open);
    const sentence = sentences[sentenceIndex] ?? paragraph;
    const previousSpeech = speech.filter((q) => q.close <= quotation.open && q.open >= sentence[0]).at(-1);
    const nextSpeech = speech.find((q) => q.open >= quotation.close && q.open < sentence[1]);

    // undefined: the pattern does not apply; null: it applies but names no one we can resolve.
    const verbBefore = (): string | null | undefined => {
      const from = previousSpeech ? previousSpeech.close : sentence[0];
      const verb = verbs.filter((v) => v.start >= from && v.end <= quotation.open).at(-1);
      if (!verb) return undefined;
      const isFollowedBySpeaker = SPEAKER_FOLLOWS.test(text.slice(verb.start, verb.end));
      const subject = isFollowedBySpeaker ? subjectFollowing(verb, quotation.open) : subjectBefore(verb, from);
      return subject ? resolve(subject) : undefined;
    };

    const verbAfter = (): string | null | undefined => {
      const to = nextSpeech ? nextSpeech.open : sentence[1];
      const verb = verbs.find((v) => v.start >= quotation.close && v.end <= to);
      if (!verb) return undefined;
      // The attribution follows the quotation directly ("“…，”X 表示", "“…”，X 说"), not after another clause.
      const attribution = text.slice(quotation.close, verb.start).replace(/^[\s\p{P}]+/u, '');
      if (CLAUSE_BREAK.test(attribution)) return undefined;
      const subject = subjectBefore(verb, quotation.close) ?? (attribution === '' ? subjectFollowing(verb, to) : undefined);
      return subject ? resolve(subject) : undefined;
    };

    const attributionSentenceAfter = (): string | null | undefined => {
      if (sentenceIndex < 0 || !ONLY_PUNCTUATION_OR_SPACE.test(text.slice(quotation.close, sentence[1]))) return undefined;
      const next = sentences[sentenceIndex + 1];
      if (!next || next[1] > paragraph[1]) return undefined;
      // The attribution may lead on to more quoted words: "“…。”他说，“…。”".
      const attributionEnd = quotations.find((q) => q.open >= next[0] && q.open < next[1])?.open ?? next[1];
      if (attributionEnd - next[0] > MAX_ATTRIBUTION_SENTENCE) return undefined;
      const verb = verbs.filter((v) => v.start >= next[0] && v.end <= attributionEnd).at(-1);
      if (!verb || !isAttributionTail(text.slice(verb.end, attributionEnd))) return undefined;
      const subject = subjectBefore(verb, next[0]) ?? subjectFollowing(verb, attributionEnd);
      return subject ? resolve(subject) : undefined;
    };

    const continuedSpeaker = (): string | null | undefined => {
      if (!isOnlyQuotations(sentence[0], sentence[1])) return undefined;
      // The last act of speaking before it in the paragraph: an attributed quote or a "subject + verb".
      let latest: { position: number; speaker: string | null } | undefined;
      for (const quote of attributedAt) {
        if (quote.position >= paragraph[0] && quote.position < quotation.open)
          latest = { position: quote.position, speaker: quote.speaker };
      }
      for (const verb of verbs) {
        if (verb.start < paragraph[0] || verb.end > quotation.open || (latest && verb.start < latest.position)) continue;
        const verbSentence = sentences[indexOfSpan(sentences, verb.start)] ?? paragraph;
        const subject = subjectBefore(verb, Math.max(verbSentence[0], paragraph[0]));
        if (subject) latest = { position: verb.start, speaker: resolve(subject) };
      }
      return latest?.speaker;
    };

    let speaker: string | null | undefined;
    for (const pattern of [verbBefore, verbAfter, attributionSentenceAfter, continuedSpeaker]) {
      speaker = pattern();
      if (speaker !== undefined) break;
    }
    if (speaker) {
      results.push({ start: quotation.start, end: quotation.end, speaker });
      attributedAt.push({ position: quotation.open, speaker });
    }
  }
  return results;
}

/**
 * What may follow the verb of a sentence that only attributes a quotation: nothing but punctuation in
 * Chinese ("他说。", not "他说了很多别的事情。"), a short phrase in English ("Li said in an interview.").
 */
function isAttributionTail(tail: string): boolean {
  return ONLY_PUNCTUATION_OR_SPACE.test(tail) || (tail.length <= MAX_ENGLISH_ATTRIBUTION_TAIL && !/\p{Script=Han}/u.test(tail));
}

/** The most recent person named before `position`, in its paragraph or the one before; null if none. */
function antecedent(paragraphs: [number, number][], people: PersonMention[], position: number): string | null {
  const paragraphIndex = indexOfSpan(paragraphs, position);
  if (paragraphIndex < 0) return null;
  const floor = paragraphs[Math.max(0, paragraphIndex - 1)][0];
  for (let i = people.length - 1; i >= 0; i--) {
    const person = people[i];
    if (person.end <= position && person.start >= floor) return person.entity;
  }
  return null;
}
