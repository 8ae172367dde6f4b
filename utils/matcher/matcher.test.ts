import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import bundledMatcher from '../../data/matcher.json';
import type { MatcherAlias, MatcherData } from '../types';
import { foldText, foldUnit, foldUnitKeepCase, SKIP } from './fold';
import { createMatcher, createScanState, findMentions } from './matcher';
import { writtenForms } from './written-forms';

const entities = [
  { id: 'deepseek', type: 'organization' },
  { id: 'deepseek-r1', type: 'model' },
  { id: 'kai-fu-lee', type: 'person' },
  { id: 'meta', type: 'organization' },
  { id: 'ibm', type: 'organization' },
  { id: 'ibm-think', type: 'publication' },
  { id: 'panasonic', type: 'organization' },
  { id: 'mitsubishi-electric', type: 'organization' },
  { id: 'allegro', type: 'model' },
  { id: 'openai', type: 'organization' },
  { id: 'openai-o1', type: 'model' },
  { id: 'moe-podcast', type: 'publication' },
  { id: 'mixture-of-experts', type: 'concept' },
  { id: 'soule', type: 'person' },
  { id: '01-ai', type: 'organization' },
  { id: 'india', type: 'place' },
  { id: 'palo-alto', type: 'place' },
  { id: 'qwen', type: 'model' },
  { id: 'plamo', type: 'model' },
  { id: 'gpt-4o-mini', type: 'model' },
  { id: 'hugging-face', type: 'organization' },
  { id: 'ai-alliance', type: 'organization' },
  { id: 'china', type: 'place' },
] as const satisfies MatcherData['entities'];

const entityIndex = (id: string) => entities.findIndex((e) => e.id === id);
const alias = (id: string, text: string, rule: Partial<MatcherAlias> = {}): MatcherAlias => ({
  text,
  entity: entityIndex(id),
  case: 'exact',
  ...rule,
});

const data: MatcherData = {
  entities: [...entities],
  aliases: [
    alias('deepseek', 'DeepSeek'),
    alias('deepseek-r1', 'DeepSeek-R1', { case: 'any' }),
    alias('kai-fu-lee', 'Kai-Fu Lee'),
    alias('kai-fu-lee', '李开复'),
    alias('kai-fu-lee', 'Lee', { short: true }),
    alias('meta', 'Meta', { context: ['Facebook', 'AI', '公司'] }),
    alias('ibm', 'IBM'),
    alias('ibm-think', 'IBM Think'),
    alias('panasonic', '松下'),
    alias('panasonic', 'Panasonic'),
    alias('mitsubishi-electric', '三菱电机'),
    alias('allegro', 'Allegro', { context: ['Rhymes', 'video', '视频'] }),
    alias('openai', 'OpenAI'),
    alias('openai-o1', 'OpenAI o1'),
    alias('moe-podcast', 'Mixture of Experts', { context: ['podcast', '一集'] }),
    alias('mixture-of-experts', 'mixture of experts', { case: 'any' }),
    alias('soule', 'Matthieu Soulé'),
    alias('01-ai', '01.AI'),
    alias('india', '印度'),
    alias('india', '印度尼西亚', { block: true }),
    alias('palo-alto', 'Palo Alto'),
    alias('palo-alto', 'Palo Alto Networks', { block: true, case: 'any' }),
    alias('qwen', 'Qwen', { case: 'any' }),
    alias('qwen', '通义千问'),
    alias('plamo', 'PLaMo'),
    alias('gpt-4o-mini', 'GPT-4o mini', { case: 'any' }),
    alias('hugging-face', 'Hugging Face'),
    alias('ai-alliance', 'AI 联盟'),
    alias('china', 'China'),
  ],
};
const matcher = createMatcher(data);

function found(text: string, state = createScanState()) {
  return findMentions(matcher, text, state).map((m) => [entities[m.entity].id, text.slice(m.start, m.end)]);
}

describe('findMentions: Latin word boundaries', () => {
  it('matches whole words only', () => {
    expect(found('Meta and AI')).toEqual([['meta', 'Meta']]);
    expect(found('The metadata of AI')).toEqual([]);
    expect(found('A Meta-analysis of AI')).toEqual([]);
    expect(found('Every IBMer knows')).toEqual([]);
    expect(found('see ibm.com or IBM.')).toEqual([['ibm', 'IBM']]);
  });

  it('matches names glued to Chinese characters', () => {
    expect(found('这是DeepSeek-R1模型')).toEqual([['deepseek-r1', 'DeepSeek-R1']]);
    expect(found('由Kai-Fu Lee创立')).toEqual([['kai-fu-lee', 'Kai-Fu Lee']]);
  });

  it('treats accented letters as letters and reads accents loosely', () => {
    expect(found('Matthieu Soulé said')).toEqual([['soule', 'Matthieu Soulé']]);
    expect(found('Matthieu Soule said')).toEqual([['soule', 'Matthieu Soule']]);
    expect(found('Matthieu Soulée said')).toEqual([]);
    expect(found('éDeepSeek')).toEqual([]);
  });

  it('keeps dotted names whole', () => {
    expect(found('01.AI launched')).toEqual([['01-ai', '01.AI']]);
    expect(found('101.AI launched')).toEqual([]);
  });
});

describe('findMentions: longest match wins', () => {
  it('prefers the longer alias at the same place', () => {
    expect(found('DeepSeek-R1 and DeepSeek')).toEqual([
      ['deepseek-r1', 'DeepSeek-R1'],
      ['deepseek', 'DeepSeek'],
    ]);
    expect(found('OpenAI o1 beat OpenAI')).toEqual([
      ['openai-o1', 'OpenAI o1'],
      ['openai', 'OpenAI'],
    ]);
    expect(found('told IBM Think')).toEqual([['ibm-think', 'IBM Think']]);
  });

  it('falls back to a shorter alias when the longer one is not a word', () => {
    expect(found('IBM Thinking')).toEqual([['ibm', 'IBM']]);
  });
});

describe('findMentions: case rules', () => {
  it('honours exact case and all-capital headlines of multi-word names', () => {
    expect(found('deepseek')).toEqual([]);
    expect(found('deepseek-r1 is out')).toEqual([['deepseek-r1', 'deepseek-r1']]);
    expect(found('KAI-FU LEE SPEAKS')).toEqual([['kai-fu-lee', 'KAI-FU LEE']]);
    expect(found('kai-fu lee')).toEqual([]);
    expect(found('META AI')).toEqual([]);
  });
});

describe('findMentions: context words', () => {
  it('needs a context word near an ambiguous alias', () => {
    expect(found('The second movement is marked Allegro.')).toEqual([]);
    expect(found('Rhymes released Allegro, a video model.')).toEqual([['allegro', 'Allegro']]);
    expect(found('I think Allegro is fast')).toEqual([]);
  });

  it('matches context words as whole words', () => {
    expect(found('Allegro videos')).toEqual([]);
    expect(found('Allegro video')).toEqual([['allegro', 'Allegro']]);
  });

  it('needs them no more in a short text of a document where they confirmed the entity', () => {
    const state = createScanState();
    expect(found('Allegro', state)).toEqual([]);
    expect(found('Rhymes released Allegro, a video model.', state)).toEqual([['allegro', 'Allegro']]);
    expect(found('Allegro', state)).toEqual([['allegro', 'Allegro']]);
    expect(found('Download Allegro here', state)).toEqual([['allegro', 'Allegro']]);
    expect(found('Allegro')).toEqual([]);
    // Prose still needs them: the tempo on a page that also named the model.
    const prose = 'At the concert, the orchestra played a slow andante before the finale, marked Allegro con brio, which was fast.';
    expect(found(prose, state)).toEqual([]);
  });

  it('keeps needing them where another entity reads the same', () => {
    const state = createScanState();
    expect(found('In an episode of the Mixture of Experts podcast', state)).toEqual([['moe-podcast', 'Mixture of Experts']]);
    expect(found('A Mixture of Experts layer', state)).toEqual([['mixture-of-experts', 'Mixture of Experts']]);
  });

  it('picks the reading whose context is present', () => {
    expect(found('In an episode of the Mixture of Experts podcast')).toEqual([['moe-podcast', 'Mixture of Experts']]);
    expect(found('DeepSeek uses a Mixture of Experts design')).toEqual([
      ['deepseek', 'DeepSeek'],
      ['mixture-of-experts', 'Mixture of Experts'],
    ]);
  });
});

describe('findMentions: short forms', () => {
  it('counts a short form only after the full name in the same document', () => {
    expect(found('Lee said. Then Kai-Fu Lee came. Lee left.')).toEqual([
      ['kai-fu-lee', 'Kai-Fu Lee'],
      ['kai-fu-lee', 'Lee'],
    ]);
  });

  it('carries the state across texts of one document', () => {
    const state = createScanState();
    expect(found('Kai-Fu Lee founded 01.AI.', state)).toHaveLength(2);
    expect(found('Lee said so.', state)).toEqual([['kai-fu-lee', 'Lee']]);
    expect(found('Lee said so.')).toEqual([]);
  });
});

describe('findMentions: Chinese word boundaries', () => {
  it('rejects a name that straddles words', () => {
    expect(found('我们放松下来')).toEqual([]);
    expect(found('包括三菱电机与松下')).toEqual([
      ['mitsubishi-electric', '三菱电机'],
      ['panasonic', '松下'],
    ]);
    expect(found('松下电器')).toEqual([['panasonic', '松下']]);
    expect(found('李开复表示')).toEqual([['kai-fu-lee', '李开复']]);
  });
});

describe('findMentions: text the page splits oddly', () => {
  it('reads runs of white space, non-breaking hyphens and soft hyphens as the name', () => {
    expect(found('Kai-Fu\n   Lee')).toEqual([['kai-fu-lee', 'Kai-Fu\n   Lee']]);
    expect(found('Kai\u2011Fu\u00a0Lee')).toEqual([['kai-fu-lee', 'Kai\u2011Fu\u00a0Lee']]);
    expect(found('Deep\u00adSeek')).toEqual([['deepseek', 'Deep\u00adSeek']]);
    expect(found('ＤｅｅｐＳｅｅｋ')).toEqual([['deepseek', 'ＤｅｅｐＳｅｅｋ']]);
  });

  it('reports offsets of the original text around astral characters', () => {
    const text = '😀😀 DeepSeek 😀';
    const [mention] = findMentions(matcher, text);
    expect(text.slice(mention.start, mention.end)).toBe('DeepSeek');
  });
});

describe('findMentions: longer names that mean something else', () => {
  it('does not find an alias inside a blocked longer name', () => {
    expect(found('印度和印度尼西亚')).toEqual([['india', '印度']]);
    expect(found('Palo Alto Networks, based in Palo Alto')).toEqual([['palo-alto', 'Palo Alto']]);
  });
});

describe('findMentions: a name at the head of a product name', () => {
  it('finds a model family in its versioned products, painting the name only', () => {
    for (const text of ['Qwen1.5', 'Qwen2.5-Math', 'Qwen-7B-Chat', 'Qwen-1_8B', 'Qwen-VL', 'Qwen-Instruct', 'Qwen_7B (Int4)']) {
      expect(found(`We used ${text} here.`), text).toEqual([['qwen', 'Qwen']]);
    }
    expect(found('PLaMo-100B is out')).toEqual([['plamo', 'PLaMo']]);
    expect(found('Rhymes shipped Allegro-TI2V, a video model')).toEqual([['allegro', 'Allegro']]);
  });

  it('finds the brand and the family inside a distilled model’s name', () => {
    expect(found('DeepSeek-R1-Distill-Qwen-32B')).toEqual([
      ['deepseek', 'DeepSeek'],
      ['qwen', 'Qwen'],
    ]);
  });

  it('lets a name that is a version take dates and sizes, but not another product’s word', () => {
    expect(found('DeepSeek-R1-0528 is new')).toEqual([['deepseek-r1', 'DeepSeek-R1']]);
    expect(found('gpt-4o-mini-2024-07-18')).toEqual([['gpt-4o-mini', 'gpt-4o-mini']]);
    expect(found('OpenAI-o1-mini is cheaper')).toEqual([['openai', 'OpenAI']]);
    expect(found('OpenAI-o1-preview came first')).toEqual([['openai', 'OpenAI']]);
    expect(found('GPT-4o is not the small one')).toEqual([]);
    expect(found('DeepSeek-R12')).toEqual([['deepseek', 'DeepSeek']]);
  });

  it('keeps a word that merely starts with a name out', () => {
    expect(found('Qwenlong and Qwen-ish and Qwen-abc')).toEqual([]);
    expect(found('Meta-Llama-3 by Facebook AI')).toEqual([]);
    expect(found('A Meta-analysis of AI')).toEqual([]);
    expect(found('see Qwen/Qwen2-7B and x-Qwen')).toEqual([]);
    expect(found('Kai-Fu Lee-2 and Lee2')).toEqual([]);
  });

  it('finds a concept in its plural or past form, painting the name', () => {
    expect(found('two mixture of experts models and mixtures of experts')).toEqual([['mixture-of-experts', 'mixture of experts']]);
    const openSource = createMatcher({
      entities: [{ id: 'open-source', type: 'concept' }],
      aliases: [{ text: 'open source', entity: 0, case: 'any' }],
    });
    const spans = (text: string) => findMentions(openSource, text).map((m) => text.slice(m.start, m.end));
    expect(spans('We open-sourced it; it is open sourced.')).toEqual(['open-source', 'open source']);
    expect(spans('open sourcedness, open sourcer')).toEqual([]);
  });

  it('finds the name at the head of a compound adjective, for any entity', () => {
    expect(found('an OpenAI-compatible API from a China-based lab')).toEqual([
      ['openai', 'OpenAI'],
      ['china', 'China'],
    ]);
    expect(found('a China-2 plan')).toEqual([]);
  });
});

describe('findMentions: hyphen, space and no-space variants', () => {
  it('reads a hyphen as a space between the words of a name', () => {
    expect(found('OpenAI-o1 is a model')).toEqual([['openai-o1', 'OpenAI-o1']]);
    expect(found('Kai Fu Lee and Kai-Fu-Lee')).toEqual([
      ['kai-fu-lee', 'Kai Fu Lee'],
      ['kai-fu-lee', 'Kai-Fu-Lee'],
    ]);
    expect(found('GPT 4o mini')).toEqual([['gpt-4o-mini', 'GPT 4o mini']]);
  });

  it('lets a page drop a name’s separators', () => {
    expect(found('HuggingFace hosts it')).toEqual([['hugging-face', 'HuggingFace']]);
    expect(found('KaiFu Lee and KaiFuLee')).toEqual([
      ['kai-fu-lee', 'KaiFu Lee'],
      ['kai-fu-lee', 'KaiFuLee'],
    ]);
    expect(found('01AI launched')).toEqual([['01-ai', '01AI']]);
    expect(found('加入AI联盟')).toEqual([['ai-alliance', 'AI联盟']]);
  });

  it('does not read separators a name does not have, nor an em dash', () => {
    const openAi = createMatcher({
      entities: [{ id: 'openai', type: 'organization' }],
      aliases: [{ text: 'OpenAI', entity: 0, case: 'any' }],
    });
    expect(findMentions(openAi, 'open AI models and Open. AI is')).toEqual([]);
    expect(found('Kai—Fu Lee')).toEqual([]);
    expect(found('Hugging face')).toEqual([]);
  });
});

describe('findMentions: Traditional Chinese', () => {
  it('reads Traditional characters as the Simplified names', () => {
    expect(found('李開復表示')).toEqual([['kai-fu-lee', '李開復']]);
    expect(found('包括三菱電機')).toEqual([['mitsubishi-electric', '三菱電機']]);
    expect(found('通義千問2.5')).toEqual([['qwen', '通義千問']]);
  });

  it('keeps the Chinese word boundaries and blockers in Traditional text', () => {
    expect(found('我們放鬆下來')).toEqual([]);
    expect(found('印度和印度尼西亞')).toEqual([['india', '印度']]);
  });
});

describe('createMatcher', () => {
  it('makes a form’s case spellings only when the case rule first reads them', () => {
    const fresh = createMatcher(data);
    const kaiFu = fresh.forms.find((form) => form.text === 'Kai-Fu Lee')!;
    const r1 = fresh.forms.find((form) => form.text === 'DeepSeek-R1')!;
    expect([kaiFu.exact, r1.exact]).toEqual([null, null]);
    expect(findMentions(fresh, 'KAI-FU LEE SPEAKS, deepseek-r1 too')).toHaveLength(2);
    expect([kaiFu.exact, kaiFu.headline]).toEqual(['Kai Fu Lee', 'KAI FU LEE']);
    expect(r1.exact).toBeNull(); // its case is 'any'
  });

  it('counts a form’s length as the automaton reads it: folded with case kept, it skips and collapses the same units', () => {
    const differ: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      const [lower, kept] = [foldUnit(unit), foldUnitKeepCase(unit)];
      if ((lower === SKIP) !== (kept === SKIP) || (lower === 0x20) !== (kept === 0x20)) differ.push(unit);
    }
    expect(differ).toEqual([]);
  });

  it('builds its forms and groups as a direct computation does, on a synthetic catalog', () => {
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    const words = ['Ka', 'ron', 'Sta', 'i', 'Lee', 'AI', '联盟', '松下', 'x'];
    const texts: string[] = [];
    const catalog: MatcherData = { entities: Array.from({ length: 400 }, (_, i) => ({ id: `e${i}`, type: 'organization' })), aliases: [] };
    for (let i = 0; i < 1500; i++) {
      // Some texts come again, for the same or another entity, and some differ only in case or separators.
      const earlier = texts.length > 0 && next() < 0.2 ? pick(texts) : null;
      const text = earlier
        ? pick([earlier, earlier.toUpperCase(), earlier.replace(/ /g, '-')])
        : Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(words)).join(pick([' ', '', '-']));
      texts.push(text);
      catalog.aliases.push({
        text,
        entity: Math.floor(next() * 400),
        case: next() < 0.5 ? 'any' : 'exact',
        ...(next() < 0.2 ? { context: ['podcast'] } : {}),
      });
    }
    const built = createMatcher(catalog);

    const expectedForms = catalog.aliases.flatMap((alias, index) => writtenForms(alias.text).map((text) => ({ alias: index, text })));
    expect(built.forms.map(({ alias, text }) => ({ alias, text }))).toEqual(expectedForms);
    // Forms folded alike are one group, those with context words first, then in index order.
    const alike = new Map<string, number[]>();
    expectedForms.forEach(({ text }, index) => {
      const folded = foldText(text);
      if (folded !== '') alike.set(folded, [...(alike.get(folded) ?? []), index]);
    });
    const contextLast = (form: number) => Number(!catalog.aliases[expectedForms[form].alias].context);
    const expectedGroups = [...alike.values()].map((group) => [...group].sort((a, b) => contextLast(a) - contextLast(b) || a - b));
    const key = (groups: number[][]) => groups.map((group) => group.join(',')).sort();
    expect(key(built.automaton.groups)).toEqual(key(expectedGroups));
    // A form carries its context when it has more than two units and no other entity reads the same.
    const entityOf = (form: number) => catalog.aliases[expectedForms[form].alias].entity;
    for (const group of expectedGroups) {
      const sole = group.every((form) => entityOf(form) === entityOf(group[0]));
      for (const form of group) {
        expect(built.forms[form].carriesContext, expectedForms[form].text).toBe(
          sole && foldText(expectedForms[form].text, true).length > 2,
        );
      }
    }
  });
});

describe('createMatcher with the names the index build compiled (data/matcher.json)', () => {
  const stored = bundledMatcher as unknown as MatcherData;
  const bare: MatcherData = { entities: stored.entities, aliases: stored.aliases };

  it('the shipped data carries its names compiled, and laying them out gives the matcher building gives', () => {
    expect(stored.compiled?.forms).toEqual(stored.aliases.flatMap((alias) => writtenForms(alias.text)));
    const laidOut = createMatcher(stored);
    const built = createMatcher(bare);
    expect(laidOut.automaton).toEqual(built.automaton);
    expect(laidOut.forms).toEqual(built.forms);
    const text = readFileSync(new URL('../../seeds/000_bbac0297650de592.txt', import.meta.url), 'utf8');
    const found = findMentions(laidOut, text, createScanState());
    expect(found.length).toBeGreaterThan(50);
    expect(found).toEqual(findMentions(built, text, createScanState()));
  });

  it('names compiled for other aliases are not used', () => {
    const other: MatcherData = { ...bare, aliases: bare.aliases.slice(1), compiled: stored.compiled };
    expect(createMatcher(other).automaton).toEqual(createMatcher({ ...other, compiled: undefined }).automaton);
  });

  it('names compiled with counts that do not add up are not used', () => {
    const compiled = stored.compiled!;
    const skewed: MatcherData = { ...stored, compiled: { ...compiled, forms: compiled.forms.slice(1) } };
    expect(createMatcher(skewed).forms.map((form) => form.text)).toEqual(createMatcher(bare).forms.map((form) => form.text));
    const otherTrie: MatcherData = { ...stored, compiled: { ...compiled, trie: { ...compiled.trie, patterns: 3 } } };
    expect(createMatcher(otherTrie).automaton).toEqual(createMatcher(bare).automaton);
  });

  it('laying out leaves the stored data as it was (a second matcher from it is the same)', () => {
    const before = JSON.stringify(stored.compiled);
    const first = createMatcher(stored);
    first.automaton.groups.forEach((group) => group.reverse());
    first.forms.length = 0;
    expect(JSON.stringify(stored.compiled)).toBe(before);
    expect(createMatcher(stored).automaton).toEqual(createMatcher(bare).automaton);
  });
});
