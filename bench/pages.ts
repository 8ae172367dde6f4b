// Deterministic benchmark pages: article-shaped HTML of a given size, in English or Chinese prose, with the
// real entity names of data/index.json planted at a realistic density. The same seed always gives the same
// bytes (mulberry32), so every run and every machine measures the same pages.
import type { EntityType, GlossIndex, IndexEntity } from '../utils/types';

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Lang = 'en' | 'zh';

export interface PageSpec {
  lang: Lang;
  /** Target size of the HTML file in bytes (UTF-8); the page ends at the first paragraph boundary past it. */
  bytes: number;
  seed: number;
  /** Stop after this many planted mentions instead (the page then has no byte target). */
  mentions?: number;
  /** Planted mentions per 1,000 characters of text (default: en 2.5, zh 6; see DENSITY). */
  density?: number;
}

export interface GeneratedPage {
  html: string;
  /** UTF-8 size of `html`. */
  bytes: number;
  /** Characters of visible prose (approximate: the text of the generated paragraphs and headings). */
  textChars: number;
  /** Mentions deliberately written (Gloss may find a few more: prose words that happen to be names). */
  planted: number;
}

/**
 * Planted mentions per 1,000 characters of text. English: about one name every 400 characters (one every
 * ~70 words), what a news article about the AI industry reads like. Chinese packs about 3× more meaning into
 * a character, and the seed article of data/ has ~40 mentions per 1,000 characters; we take a sober 6.
 */
export const DENSITY: Record<Lang, number> = { en: 2.5, zh: 6 };

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export interface Planting {
  type: EntityType;
  /** Full names for this script: written first. */
  full: string[];
  /** Short forms, written only after a full name of the same entity appeared. */
  short: string[];
  /** An alias that counts only near a context word, with the words (of this script) that give it context. */
  contextual: { text: string; words: string[] }[];
}

/** What can be planted, per entity, from the index: aliases that are mentions on their own in each script. */
export function plantingsFromIndex(index: GlossIndex, lang: Lang): Planting[] {
  const fits = (text: string) => (lang === 'zh' ? true : !CJK.test(text));
  return index.entities
    .map((entity: IndexEntity): Planting => {
      const full = new Set<string>();
      const short: string[] = [];
      const contextual: Planting['contextual'] = [];
      if (lang === 'zh' && entity.names.zh) full.add(entity.names.zh);
      for (const alias of entity.aliases) {
        if (!fits(alias.text)) continue;
        // Chinese prose writes CJK names, and Latin names only where the entity has no Chinese one.
        if (lang === 'zh' && !CJK.test(alias.text) && entity.names.zh && CJK.test(entity.names.zh)) continue;
        if (alias.context?.length) {
          const words = alias.context.filter((w) => (lang === 'zh' ? true : !CJK.test(w)));
          if (words.length) contextual.push({ text: alias.text, words });
        } else if (alias.short) short.push(alias.text);
        else full.add(alias.text);
      }
      return { type: entity.type, full: [...full], short, contextual };
    })
    .filter((p) => p.full.length > 0 || p.contextual.length > 0);
}

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

// ---------------------------------------------------------------------------------------------------------
// English prose: a small grammar over an ordinary vocabulary.
// ---------------------------------------------------------------------------------------------------------

const EN = {
  det: ['the', 'a', 'this', 'that', 'every', 'one', 'another', 'its', 'their', 'our'],
  adj: [
    'new',
    'large',
    'small',
    'early',
    'recent',
    'open',
    'public',
    'private',
    'local',
    'national',
    'global',
    'cheap',
    'expensive',
    'careful',
    'quick',
    'slow',
    'quiet',
    'modest',
    'steady',
    'uncertain',
    'difficult',
    'simple',
    'familiar',
    'strange',
    'common',
    'rare',
    'important',
    'useful',
    'broad',
    'narrow',
    'annual',
    'digital',
    'legal',
    'technical',
    'practical',
    'obvious',
    'second',
    'final',
    'first',
    'wider',
  ],
  noun: [
    'company',
    'market',
    'model',
    'report',
    'question',
    'budget',
    'team',
    'study',
    'product',
    'country',
    'engineer',
    'researcher',
    'customer',
    'investor',
    'government',
    'school',
    'city',
    'result',
    'problem',
    'decision',
    'plan',
    'system',
    'service',
    'price',
    'cost',
    'policy',
    'rule',
    'office',
    'interview',
    'conference',
    'paper',
    'benchmark',
    'chip',
    'server',
    'data',
    'network',
    'startup',
    'factory',
    'partner',
    'deal',
    'license',
    'platform',
    'tool',
    'release',
    'version',
    'answer',
    'argument',
    'risk',
    'reason',
    'week',
    'month',
    'year',
    'quarter',
    'afternoon',
    'morning',
    'analyst',
    'reporter',
    'user',
    'developer',
  ],
  verbPast: [
    'announced',
    'described',
    'released',
    'tested',
    'built',
    'reviewed',
    'explained',
    'questioned',
    'changed',
    'delayed',
    'published',
    'measured',
    'compared',
    'funded',
    'hired',
    'followed',
    'doubted',
    'welcomed',
    'criticised',
    'improved',
    'reduced',
    'raised',
    'shared',
    'copied',
    'ignored',
    'studied',
  ],
  verbSay: ['said', 'argued', 'noted', 'wrote', 'added', 'suggested', 'told reporters', 'warned', 'explained'],
  prep: ['in', 'for', 'with', 'after', 'before', 'during', 'across', 'under', 'about', 'without', 'near'],
  adv: ['quietly', 'quickly', 'again', 'recently', 'already', 'still', 'finally', 'openly', 'slowly', 'mostly'],
  when: [
    'on Monday',
    'last week',
    'this spring',
    'in March',
    'earlier this year',
    'in the autumn',
    'last month',
    'on Thursday',
    'at the time',
    'two years ago',
  ],
  first: ['However', 'Meanwhile', 'In practice', 'Still', 'For now', 'By contrast', 'At first', 'Even so', 'In the end', 'Later'],
};

function enNounPhrase(rng: () => number): string {
  const r = rng();
  if (r < 0.4) return `${pick(rng, EN.det)} ${pick(rng, EN.noun)}`;
  if (r < 0.75) return `${pick(rng, EN.det)} ${pick(rng, EN.adj)} ${pick(rng, EN.noun)}`;
  return `${pick(rng, EN.det)} ${pick(rng, EN.noun)} of ${pick(rng, EN.det)} ${pick(rng, EN.noun)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function enClause(rng: () => number, subject: string): string {
  const r = rng();
  if (r < 0.35) return `${subject} ${pick(rng, EN.verbPast)} ${enNounPhrase(rng)} ${pick(rng, EN.when)}`;
  if (r < 0.6)
    return `${subject} ${pick(rng, EN.adv)} ${pick(rng, EN.verbPast)} ${enNounPhrase(rng)} ${pick(rng, EN.prep)} ${enNounPhrase(rng)}`;
  if (r < 0.8) return `${subject} ${pick(rng, EN.verbSay)} that ${enNounPhrase(rng)} was ${pick(rng, EN.adj)}`;
  return `${subject} ${pick(rng, EN.verbPast)} ${enNounPhrase(rng)}, and ${enNounPhrase(rng)} ${pick(rng, EN.verbPast)} ${enNounPhrase(rng)}`;
}

/** One English sentence; `name` (when given) is written in it as the subject or an object. */
function enSentence(rng: () => number, name?: string): string {
  const lead = rng() < 0.15 ? `${pick(rng, EN.first)}, ` : '';
  if (!name) {
    const s = enClause(rng, enNounPhrase(rng));
    return capitalise(lead + s) + '.';
  }
  const r = rng();
  if (r < 0.45) return capitalise(lead + enClause(rng, name)) + '.';
  if (r < 0.8)
    return capitalise(lead + `${enNounPhrase(rng)} ${pick(rng, EN.prep)} ${name} ${pick(rng, EN.verbPast)} ${enNounPhrase(rng)}`) + '.';
  return capitalise(lead + `${enNounPhrase(rng)} ${pick(rng, EN.verbPast)} by ${name} was ${pick(rng, EN.adj)}`) + '.';
}

// ---------------------------------------------------------------------------------------------------------
// Chinese prose: the same idea with a common vocabulary.
// ---------------------------------------------------------------------------------------------------------

const ZH = {
  noun: [
    '公司',
    '市场',
    '报告',
    '问题',
    '预算',
    '团队',
    '研究',
    '产品',
    '政府',
    '学校',
    '城市',
    '结果',
    '计划',
    '系统',
    '服务',
    '价格',
    '成本',
    '政策',
    '规则',
    '办公室',
    '采访',
    '会议',
    '论文',
    '芯片',
    '服务器',
    '数据',
    '网络',
    '工厂',
    '伙伴',
    '协议',
    '平台',
    '工具',
    '版本',
    '答案',
    '风险',
    '原因',
    '用户',
    '工程师',
    '投资者',
    '记者',
    '行业',
    '资金',
    '能力',
    '消息',
    '方案',
    '客户',
    '人才',
    '经验',
  ],
  verb: [
    '发布',
    '介绍',
    '测试',
    '建立',
    '审查',
    '解释',
    '改变',
    '推迟',
    '公布',
    '比较',
    '资助',
    '关注',
    '讨论',
    '欢迎',
    '批评',
    '改进',
    '降低',
    '提高',
    '分享',
    '研究',
    '支持',
    '调整',
    '扩大',
    '减少',
  ],
  adj: [
    '新的',
    '大型',
    '小型',
    '早期',
    '公开的',
    '本地的',
    '全球',
    '便宜的',
    '昂贵的',
    '谨慎的',
    '快速的',
    '稳定的',
    '重要的',
    '有用的',
    '复杂的',
    '简单的',
    '常见的',
    '少见的',
    '实际的',
    '明显的',
    '第一个',
    '最后的',
  ],
  adv: ['最近', '已经', '仍然', '终于', '公开地', '逐渐', '再次', '主要', '悄悄地', '迅速'],
  when: ['周一', '上周', '今年春天', '三月', '今年早些时候', '去年秋天', '上个月', '周四', '当时', '两年前'],
  say: ['表示', '指出', '认为', '写道', '补充说', '提醒', '解释说', '强调'],
  first: ['然而', '与此同时', '实际上', '不过', '目前', '相比之下', '起初', '即便如此', '最终', '后来'],
};

function zhNounPhrase(rng: () => number): string {
  const r = rng();
  if (r < 0.4) return pick(rng, ZH.noun);
  if (r < 0.75) return pick(rng, ZH.adj) + pick(rng, ZH.noun);
  return `${pick(rng, ZH.noun)}的${pick(rng, ZH.noun)}`;
}

function zhClause(rng: () => number, subject: string): string {
  const r = rng();
  if (r < 0.35) return `${subject}${pick(rng, ZH.when)}${pick(rng, ZH.verb)}了${zhNounPhrase(rng)}`;
  if (r < 0.6) return `${subject}${pick(rng, ZH.adv)}${pick(rng, ZH.verb)}了${zhNounPhrase(rng)}`;
  if (r < 0.8) return `${subject}${pick(rng, ZH.say)}，${zhNounPhrase(rng)}是${pick(rng, ZH.adj)}`;
  return `${subject}${pick(rng, ZH.verb)}了${zhNounPhrase(rng)}，${zhNounPhrase(rng)}也${pick(rng, ZH.verb)}了${zhNounPhrase(rng)}`;
}

/** Chinese text puts a space between a Latin name and the characters around it, as the seed does. */
function zhName(name: string): string {
  return CJK.test(name) ? name : ` ${name} `;
}

function zhSentence(rng: () => number, name?: string): string {
  const lead = rng() < 0.15 ? `${pick(rng, ZH.first)}，` : '';
  if (!name) return lead + zhClause(rng, zhNounPhrase(rng)) + '。';
  const r = rng();
  if (r < 0.5) return lead + zhClause(rng, zhName(name)) + '。';
  if (r < 0.8) return `${lead}${zhNounPhrase(rng)}与${zhName(name)}${pick(rng, ZH.verb)}了${zhNounPhrase(rng)}。`;
  return `${lead}${zhName(name)}${pick(rng, ZH.say)}：“${zhClause(rng, zhNounPhrase(rng))}。”`;
}

// ---------------------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------------------

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Generates one page. `plantings` come from plantingsFromIndex(index, spec.lang). */
export function generatePage(spec: PageSpec, plantings: readonly Planting[]): GeneratedPage {
  const rng = mulberry32(spec.seed);
  const lang = spec.lang;
  const density = spec.density ?? DENSITY[lang];
  const namedInFull = new Set<number>();
  let planted = 0;
  let textChars = 0;
  // Planted mentions so far against what the density asks for: a sentence carries a name when we are behind.
  let charsSinceStart = 0;

  const nextName = (): string | undefined => {
    if (spec.mentions !== undefined && planted >= spec.mentions) return undefined;
    if (planted + 1 > (charsSinceStart * density) / 1000 + rng() * 0.5) return undefined;
    const which = Math.floor(rng() * plantings.length);
    const p = plantings[which];
    let name: string;
    const r = rng();
    if (namedInFull.has(which) && p.short.length > 0 && r < 0.3) name = pick(rng, p.short);
    else if (p.full.length > 0) name = pick(rng, p.full);
    else return undefined; // context-only entities are planted by contextSentence
    namedInFull.add(which);
    planted++;
    return name;
  };
  const contextSentence = (): string | undefined => {
    const candidates = plantings.filter((p) => p.contextual.length > 0);
    if (candidates.length === 0) return undefined;
    const c = pick(rng, pick(rng, candidates).contextual);
    const word = pick(rng, c.words);
    planted++;
    return lang === 'en'
      ? `${c.text} was mentioned next to ${word} in ${enNounPhrase(rng)}.`
      : `${zhName(c.text)}和${zhName(word)}一起出现在${zhNounPhrase(rng)}中。`;
  };

  const sentence = (): string => {
    if (rng() < 0.04) {
      const s = contextSentence();
      if (s) return s;
    }
    const name = nextName();
    return lang === 'en' ? enSentence(rng, name) : zhSentence(rng, name);
  };

  /** A paragraph's inner HTML: sentences, with the odd link or emphasis around a few words. */
  const paragraph = (sentences: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < sentences; i++) {
      const s = sentence();
      charsSinceStart += s.length;
      textChars += s.length + (lang === 'en' ? 1 : 0);
      const r = rng();
      const html = escapeHtml(s);
      if (r < 0.08) parts.push(`<a href="#ref-${Math.floor(rng() * 1000)}">${html}</a>`);
      else if (r < 0.12) parts.push(`<em>${html}</em>`);
      else if (r < 0.14) parts.push(`<strong>${html}</strong>`);
      else parts.push(html);
    }
    return parts.join(lang === 'en' ? ' ' : '');
  };
  const heading = (): string => {
    const s = lang === 'en' ? capitalise(enNounPhrase(rng)) : zhNounPhrase(rng) + '的' + pick(rng, ZH.noun);
    textChars += s.length;
    return escapeHtml(s);
  };

  const title = lang === 'en' ? 'The quiet market for small models' : '小型模型的安静市场';
  const head =
    `<!doctype html>\n<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${title}</title>\n` +
    '<style>body{font:17px/1.55 Georgia,serif;margin:0;color:#222}header,footer{background:#f4f4f4;padding:8px 24px}' +
    'nav ul{list-style:none;margin:0;padding:0;display:flex;gap:16px}main{display:flex;gap:32px;max-width:1100px;margin:auto;padding:0 24px}' +
    'article{flex:3}aside{flex:1;font-size:14px;color:#555}blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:16px}' +
    'figure{margin:24px 0}figcaption{font-size:14px;color:#666}.byline{color:#666}</style>\n</head>\n<body>\n' +
    '<header><nav><ul><li><a href="#">Home</a></li><li><a href="#">World</a></li><li><a href="#">Technology</a></li>' +
    '<li><a href="#">Business</a></li><li><a href="#">Opinion</a></li></ul></nav></header>\n' +
    `<main>\n<article>\n<h1>${title}</h1>\n<p class="byline">${lang === 'en' ? 'By Jane Doe · 18 July 2025' : '作者：张三 · 2025 年 7 月 18 日'}</p>\n`;
  const tail =
    '</article>\n<aside><h2>Related</h2><ul><li><a href="#">More on models</a></li><li><a href="#">Markets this week</a></li></ul></aside>\n' +
    '</main>\n<footer><p>© 2025 Example News. All rights reserved.</p></footer>\n</body>\n</html>\n';

  // A page of a few KB (the fixed-cost page) gets a bare skeleton, or the skeleton alone would exceed it.
  const bare = spec.mentions === undefined && spec.bytes < 4_000;
  const top = bare
    ? `<!doctype html>\n<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<article>\n<h1>${title}</h1>\n`
    : head;
  const bottom = bare ? '</article>\n</body>\n</html>\n' : tail;
  const chunks: string[] = [top];
  let bytes = Buffer.byteLength(top) + Buffer.byteLength(bottom);
  const push = (html: string) => {
    chunks.push(html);
    bytes += Buffer.byteLength(html);
  };
  const done = () => (spec.mentions !== undefined ? planted >= spec.mentions : bytes >= spec.bytes);

  let section = 0;
  while (!done()) {
    if (section > 0 || (!bare && rng() < 0.5)) push(`<h2 id="s${section}">${heading()}</h2>\n`);
    section++;
    const paragraphs = 2 + Math.floor(rng() * 6);
    for (let i = 0; i < paragraphs && !done(); i++) {
      const r = rng();
      if (r < 0.06) push(`<blockquote><p>${paragraph(1 + Math.floor(rng() * 2))}</p></blockquote>\n`);
      else if (r < 0.1) {
        const items = Array.from({ length: 3 }, () => `<li>${paragraph(1)}</li>`).join('');
        push(`<ul>${items}</ul>\n`);
      } else if (r < 0.12)
        push(`<figure><div style="height:120px;background:#ddd"></div><figcaption>${paragraph(1)}</figcaption></figure>\n`);
      else push(`<p>${paragraph(2 + Math.floor(rng() * 5))}</p>\n`);
    }
  }
  push(bottom);
  const html = chunks.join('');
  return { html, bytes: Buffer.byteLength(html), textChars, planted };
}

/** Plain prose (no HTML) of about `chars` characters, for the Node matcher benchmarks. */
export function generateProse(lang: Lang, chars: number, seed: number, names: readonly string[], density = DENSITY[lang]): string {
  const rng = mulberry32(seed);
  const out: string[] = [];
  let length = 0;
  let planted = 0;
  while (length < chars) {
    const name = planted + 1 <= (length * density) / 1000 ? pick(rng, names) : undefined;
    if (name) planted++;
    const s = lang === 'en' ? enSentence(rng, name) : zhSentence(rng, name);
    out.push(s);
    length += s.length + 1;
  }
  return out.join(lang === 'en' ? ' ' : '');
}
