// The real index, built from seeds/ and data/catalog.json: the facts of the seed it must hold, and the
// guarantees of the build (verified offsets, determinism, a committed index that is not stale).
import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from './catalog';
import type { GlossIndex } from '../types';
import { buildIndex, shippedMatcherData } from './build-index';
import { discoverUncovered } from './discover';
import { GlossInputError } from './errors';
import { readSeedDirectory } from './seed-reader';
import { serializeJson } from './serialize';
import { createMatcher, findMentions } from '../matcher';

const CATALOG = 'data/catalog.json';
const build = () => buildIndex(readSeedDirectory('seeds'), parseCatalog(readFileSync(CATALOG, 'utf8'), CATALOG), CATALOG);
const { index, matcherData } = build();
const entity = (id: string) => index.entities.find((e) => e.id === id)!;
const text = index.sources[0].text;

describe('the seed index', () => {
  it('reads the seed: date metadata off, text verbatim', () => {
    const [source] = index.sources;
    expect(source).toMatchObject({ id: '000_bbac0297650de592', date: '2025-07-18', lang: 'zh' });
    expect(text.startsWith('当 DeepSeek-R1 于 1 月 20 日发布时')).toBe(true);
    expect(text).not.toContain('date 2025');
    const raw = readFileSync('seeds/000_bbac0297650de592.txt', 'utf8');
    for (const [start, end] of source.paragraphs) expect(raw).toContain(text.slice(start, end));
  });

  it('attributes every quote of the seed to the person who said it, and to no one else', () => {
    const bySpeaker = new Map<string, string[]>();
    for (const quote of index.quotes) bySpeaker.set(quote.speaker, [...(bySpeaker.get(quote.speaker) ?? []), quote.text]);
    const expectQuotes = (id: string, openings: string[]) => {
      const said = bySpeaker.get(id) ?? [];
      expect(
        said.map((q, i) => q.slice(0, openings[i]?.length ?? 0)),
        id,
      ).toEqual(openings);
    };
    expectQuotes('larry-li', ['这记警钟敲响了', '但没人预料到它', 'AI 正朝着这个方向']);
    expectQuotes('matthieu-soule', ['这正在打破‘美国']);
    expectQuotes('kaoutar-el-maghraoui', ['专家混合、强化学习', '这主要是对现有技术', '各国政府正在积极', '实际上，企业采用率']);
    expectQuotes('abraham-daniels', ['开发人员和用户现在', 'DeepSeek 开启了']);
    expectQuotes('anthony-annunziata', ['自 DeepSeek 加入', '在欧洲、越南、印度', '人们意识到创新', '开源公司在开源领域']);
    expectQuotes('daisuke-okanohara', ['虽然整体性能不及']);
    expectQuotes('anita-huang', ['我们采取务实的态度']);
    expectQuotes('chris-hay', ['运行代理时，你希望']);
    expect([...bySpeaker.keys()].sort()).toEqual([
      'abraham-daniels',
      'anita-huang',
      'anthony-annunziata',
      'chris-hay',
      'daisuke-okanohara',
      'kaoutar-el-maghraoui',
      'larry-li',
      'matthieu-soule',
    ]);
    // Scare quotes are nobody's words.
    expect(index.quotes.some((q) => q.text === '逆向工程' || q.text === '护城河' || q.text === '架构效率')).toBe(false);
  });

  it('holds the quote Chris Hay gave on the Mixture of Experts podcast', () => {
    const hay = entity('chris-hay');
    expect(index.quotes.filter((q) => q.speaker === 'chris-hay').map((q) => q.text)).toEqual(['运行代理时，你希望模型小巧、快速且高效。']);
    const sentence = hay.contexts[0].text;
    expect(sentence).toContain('《Mixture of Experts》');
    expect(entity('mixture-of-experts-podcast').mentions).toHaveLength(1);
    expect(hay.related.some((r) => r.target === 'mixture-of-experts-podcast')).toBe(true);
  });

  it('sources the relation: Preferred Networks released PLaMo', () => {
    const released = entity('preferred-networks').related.find((r) => r.type === 'released' && r.target === 'plamo');
    expect(released).toBeDefined();
    expect(released!.evidence.text).toContain('PLaMo');
    expect(text.slice(released!.evidence.start, released!.evidence.end)).toBe(released!.evidence.text);
  });

  it('knows every entity by an English and a Chinese name, and finds each in the seed', () => {
    for (const e of index.entities) {
      expect(e.names.en, e.id).toBeTruthy();
      expect(e.names.zh, e.id).toBeTruthy();
      expect(e.mentions.length, e.id).toBeGreaterThan(0);
    }
    expect(entity('mitsubishi-electric').names).toEqual({ en: 'Mitsubishi Electric', zh: '三菱电机' });
    expect(entity('kai-fu-lee').names).toEqual({ en: 'Kai-Fu Lee', zh: '李开复' });
    expect(entity('01-ai').names).toEqual({ en: '01.AI', zh: '零一万物' });
  });

  it('finds short forms and the misspelling the catalog lists', () => {
    const mentionTexts = (id: string) => entity(id).mentions.map((m) => text.slice(m.start, m.end));
    expect(mentionTexts('larry-li')).toEqual(['Larry Li', 'Li']);
    expect(mentionTexts('kaoutar-el-maghraoui')).toEqual(['Kaoutar El Maghraoui', 'El Maghroui', 'El Maghraoui']);
    expect(mentionTexts('kai-fu-lee')).toEqual(['Kai-Fu Lee', 'Lee']);
  });

  it('gives every quote a W3C TextQuoteSelector that picks it out', () => {
    for (const quote of index.quotes) {
      const at = text.indexOf(quote.prefix + quote.text + quote.suffix);
      expect(at + quote.prefix.length, quote.id).toBe(quote.start);
      expect(quote.prefix.length).toBeLessThanOrEqual(32);
    }
  });

  it('matches its JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync('data/index.schema.json', 'utf8')));
    expect(validate(index), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is deterministic, and the committed index and matcher data are up to date', () => {
    const again = build();
    expect(serializeJson(again.index)).toBe(serializeJson(index));
    expect(readFileSync('data/index.json', 'utf8'), 'data/index.json is stale: run npm run index').toBe(serializeJson(index));
    expect(readFileSync('data/matcher.json', 'utf8'), 'data/matcher.json is stale: run npm run index').toBe(
      serializeJson(shippedMatcherData(matcherData), { compact: true }),
    );
  });

  it('discovers nothing uncovered in the seed, and does find names a catalog lacks', () => {
    const matcher = createMatcher(matcherData);
    const mentionsOf = (t: string) => findMentions(matcher, t);
    expect(discoverUncovered([{ source: index.sources[0], mentions: mentionsOf(text) }])).toEqual([]);
    const other = { ...index.sources[0], id: 'other', text: 'Jane Doe 表示：“好。”张三丰表示同意。《新书》出版了，IBM 也在。' };
    const found = discoverUncovered([{ source: other, mentions: mentionsOf(other.text) }]).map((d) => `${d.kind}:${d.text}`);
    expect(found).toEqual(['latin-name:Jane Doe', 'speaker:张三丰', 'title:新书']);
  });
});

describe('buildIndex errors', () => {
  const seeds = readSeedDirectory('seeds');
  const catalogWith = (entities: object[]) => JSON.stringify({ entities }, null, 2);
  const person = { id: 'larry-li', type: 'person', names: { en: 'Larry Li' } };

  it('names the catalog file and line of a fact that is not verbatim', () => {
    const raw = catalogWith([
      person,
      { id: 'amino', type: 'organization', names: { en: 'AMINO Capital' }, summary: { text: '一家位于硅谷的投资公司' } },
    ]);
    const run = () => buildIndex(seeds, parseCatalog(raw, 'c.json'), 'c.json');
    expect(run).toThrow(GlossInputError);
    expect(run).toThrow(/^c\.json:10: entity "amino": summary is not verbatim in any seed: "一家位于硅谷的投资公司"/);
  });

  it('names a relation evidence that is not verbatim, and a source that does not exist', () => {
    const bad = { ...person, relations: [{ type: 'founded', target: 'larry-li', evidence: { text: 'Larry Li 创立了' } }] };
    expect(() => buildIndex(seeds, parseCatalog(catalogWith([bad]), 'c.json'), 'c.json')).toThrow(
      /relations\[0\]\.evidence is not verbatim/,
    );
    const noSource = { ...person, summary: { text: 'Larry Li', source: 'nope' } };
    expect(() => buildIndex(seeds, parseCatalog(catalogWith([noSource]), 'c.json'), 'c.json')).toThrow(
      /names source "nope", which is no seed/,
    );
  });

  it('warns of an entity no seed mentions, without failing', () => {
    const { warnings } = buildIndex(
      seeds,
      parseCatalog(catalogWith([{ id: 'nobody', type: 'person', names: { en: 'Nobody Here' } }]), 'c.json'),
      'c.json',
    );
    expect(warnings.some((w) => w.startsWith('c.json:3: entity "nobody": no seed mentions it'))).toBe(true);
  });

  it('keeps the shape of GlossIndex', () => {
    const result: GlossIndex = index;
    expect(result.version).toBe(1);
  });
});
