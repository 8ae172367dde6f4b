import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GlossIndex } from '../types';
import { createQuoteVerdicts } from './quote-verdict';

const index = JSON.parse(readFileSync(new URL('../../data/index.json', import.meta.url), 'utf8')) as GlossIndex;
const verdicts = createQuoteVerdicts(index);

describe('createQuoteVerdicts', () => {
  it('gives each verdict with the source’s quote as a verified passage', () => {
    const [verbatim, shortened, otherSpeaker] = verdicts([
      { text: '自 DeepSeek 加入并贡献于 AI 联盟以来，我们看到对开源的兴趣有所增加。', speakerId: 'anthony-annunziata' },
      { text: '我们采取务实的态度来看这些模型……对于许多企业来说，使用起来仍不容易。', speakerId: 'anita-huang' },
      { text: '开发人员和用户现在仅需投入极少成本，就能获得与 OpenAI o1 相当的能力。', speakerId: 'larry-li' },
    ]);
    expect(verbatim).toMatchObject({ verdict: 'verbatim', known: { speaker: { id: 'anthony-annunziata' } } });
    expect(shortened).toMatchObject({ verdict: 'shortened', known: { speaker: { id: 'anita-huang' } } });
    expect(otherSpeaker).toMatchObject({
      verdict: 'other-speaker',
      known: { speaker: { id: 'abraham-daniels', name: 'Abraham Daniels' } },
      pageSpeaker: { id: 'larry-li', name: 'Larry Li' },
    });
    // The known quote is the source's text at its locator, and the matched part lies inside it.
    for (const result of [verbatim, shortened, otherSpeaker]) {
      const source = index.sources.find((s) => s.id === result!.known.locator.source)!;
      expect(source.text.slice(result!.known.locator.start, result!.known.locator.end)).toBe(result!.known.text);
      expect(0 <= result!.knownStart && result!.knownStart < result!.knownEnd && result!.knownEnd <= result!.known.text.length).toBe(true);
    }
  });

  it('treats a speaker the index does not know as none', () => {
    const [result] = verdicts([{ text: '人们意识到创新可能来自意想不到的地方', speakerId: 'nobody-we-know' }]);
    expect(result).toMatchObject({ verdict: 'verbatim', known: { speaker: { id: 'anthony-annunziata' } } });
    expect(result).not.toHaveProperty('pageSpeaker');
  });
});
