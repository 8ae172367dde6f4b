// Names a document has that no known entity covers, proposed so a user adding the document (proposeNames) or
// a curator adding a seed (discoverUncovered) can accept them as new entities. Pure: runs in a tab too.
//
// A name is proposed only where the text itself marks it as one, because a wrong highlight is worse than a
// missed one:
// - Latin: capitalised runs ("Hugging Face", "GPT-4o", "C.Lab", "Bank of America"), split at function words,
//   roles and known names; not a plain word only ever capitalised at a sentence start, nor a two-letter acronym;
// - 《titles》 (publications);
// - Chinese organisations: a run ending in 公司/集团/大学/银行/… from the nearest stop on its left, or standing
//   before a leader's title (月之暗面创始人); "比亚迪股份有限公司" is "比亚迪" when the text says that often;
// - Chinese people: a surname-shaped or transliterated name after a title (董事长王传福) or before a speech
//   verb (雷军表示), a dotted transliteration (山姆·奥特曼);
// - list items (、和与及或) beside a known name, a covered mention or another candidate (像阿里巴巴、腾讯和华为等);
// - a run standing where a name stands but without a name's shape (，小鹏称) only when the text has it thrice;
// - katakana names before 社/after 株式会社, or before 氏/さん.
// Never proposed: a known name, an occurrence overlapping a covered mention or a known name, a generic word
// (a short list, endings like 性/化/业, a determiner before any occurrence: "该公司", "这些模型").
//
// Chinese has no spaces and no dictionary is bundled: where a Chinese name starts and ends comes from stop
// characters and from Intl.Segmenter on a small window, asked only where a rule fires (ICU segments ~3 µs a
// character, and much slower on long strings), within a budget per call.
//
// Known limits: a Chinese name is counted as a substring (no segmentation per occurrence); a list's first or
// last item with no stop character beside it is ambiguous ("华为全面…", "字节跳动旗下…") and then needs three
// occurrences; a long legal name ("宁德时代新能源科技股份有限公司") is skipped; an organisation head ending
// in a generic word ("…技术有限公司") is skipped; generic words are a short list, not a dictionary.
import { hasCjk } from '../cjk';
import { foldText, type Mention } from '../matcher';
import { compileAutomaton, scanAutomaton } from '../matcher/automaton';
import { isOnBoundaries, needsSegmentation } from '../matcher/boundaries';
import { splitSentences } from '../quotations/sentences';
import type { EntityType, IndexSource } from '../types';

export interface NameCandidate {
  /** Verbatim as the text writes it (its most frequent written form). */
  name: string;
  /** How many times the text has it (not inside a covered mention). */
  count: number;
  /** A guess when a rule gives one ('person' for a speaker, 'organization' for 公司/Inc…). */
  type?: EntityType;
  /** [start, end) of one sentence of the text containing it (the first), UTF-16 offsets into `text`. */
  sentence: [number, number];
  /** Offset of the first occurrence. */
  start: number;
}

export interface ProposeNamesInput {
  text: string;
  paragraphs: [number, number][];
  /** Mentions the matcher already found: candidates overlapping them are not proposed. */
  covered: { start: number; end: number }[];
  /** Folded names/aliases of every known entity (foldText): a candidate equal to one is not proposed. */
  known?: Set<string>;
  lang?: string;
}

type Rule = 'latin' | 'title' | 'organization' | 'person' | 'list' | 'katakana';

interface Hit {
  name: string;
  start: number;
  rule: Rule;
  type?: EntityType;
  /** Shape alone does not make it a name: proposed only if the text has it MIN_WEAK_COUNT times. */
  weak?: boolean;
  /** A Latin single word at the start of a Latin sentence, where every word is capitalised. */
  sentenceInitial?: boolean;
  /** For "X公司"-like names: X, which replaces the name when X is proposed too. */
  head?: string;
}

const MIN_WEAK_COUNT = 3;
// What one call may spend on segmentation, in characters plus SEGMENT_CALL_COST a call (ICU takes ~2 µs a
// character and ~40 µs a call): ~0.2 s at most, so a megabyte stays well under a second. Past it, rules that
// need the segmenter decline (a missed name, not a wrong one).
const SEGMENT_BUDGET = 100_000;
const SEGMENT_CALL_COST = 16;

// ---------------------------------------------------------------------------------------------------------
// Characters and words

// One UTF-16 unit at a time, Han only (utils/cjk.ts answers for all CJK scripts and whole characters).
function isHanUnit(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || code === 0x3005;
}
const isHanAt = (text: string, i: number) => i >= 0 && i < text.length && isHanUnit(text.charCodeAt(i));
// The dot inside transliterated names: 马克·扎克伯格.
const NAME_DOT = /[·・•]/;

// Characters a Chinese name does not contain, where one ends: particles, adverbs, prepositions, conjunctions.
const HARD_STOP = new Set(
  '的了是在都也均等将已把被对从而并但就还又才所则即却仍不没未着过及与和或地得们很更最再让给由据当这那该此些其'.split(''),
);
// Words that introduce a name without being part of it (像阿里巴巴, 包括三菱电机, 收购旷视科技).
const LEAD_WORDS =
  /^(?:尤其是|特别是|比如说|包括|包含|例如|比如|诸如|譬如|其中|还有|以及|来自|位于|旗下|加入|成立|创立|创办|收购|入股|起诉|支持|选择|击败|超过|超越|像|如)/;
// Words that are not names, though they stand where names stand (subjects of 表示, items of lists, heads of 公司).
const GENERIC = new Set(
  (
    '我们 你们 他们 她们 它们 大家 人们 自己 对方 双方 各方 官方 有人 别人 众人 外界 各界 ' +
    '公司 企业 集团 机构 组织 政府 部门 团队 行业 产业 业界 学界 市场 领域 社区 平台 系统 服务 产品 技术 科技 ' +
    '模型 数据 工具 应用 方案 能力 成本 资源 资金 资本 投资 研究 研发 开发 开源 创新 发展 经济 社会 文化 安全 ' +
    '隐私 网络 互联网 软件 硬件 软硬件 芯片 算力 算法 计算 人工智能 智能 用户 客户 员工 专家 学者 分析 分析师 ' +
    '分析人士 业内人士 消息人士 知情人士 人士 官员 当局 媒体 记者 报道 报告 声明 文章 消息 新闻 网友 投资者 ' +
    '投资人 创业者 企业家 开发者 开发人员 研究人员 研究者 科学家 工程师 教授 博士 老师 学生 作者 读者 观众 消费者 ' +
    '股东 董事会 管理层 高层 领导 领导层 负责人 发言人 创始人 国家 地区 地方 城市 全球 世界 国际 国内 海外 本地 ' +
    '当地 中央 今天 昨天 明天 今年 去年 明年 目前 此前 近日 日前 最近 未来 过去 现在 当时 同时 随后 之后 此后 ' +
    '大型 小型 中型 新型 主流 传统 领先 知名 著名 私营 国有 民营 上市 初创 新兴 问题 情况 方面 方式 方法 结果 ' +
    '原因 目标 任务 项目 计划 战略 政策 法律 规则 标准 合作 竞争 需求 价格 规模 效率 性能 质量 调查 研究显示 ' +
    '一致 普遍 纷纷 均 此外 另外 然而 因此 所以 但是 不过 总之 其实 例如 比如 包括 层面 表面 全面 这边 那边 身边 ' +
    '周边 北方 南方 西方 东方 前方 后方'
  ).split(' '),
);
const DETERMINER_START = /^(?:这|那|该|此|其|各|每|某|另|哪|众多|许多|很多|诸多|多家|多个|所有|一些|部分|大多数|大部分|不少|少数|个别)/;
const QUANTITY_START = /^[一二两三四五六七八九十几多数百千万\d]+[家个款种位名类项批些所座条件只]/;
// Endings of common nouns and adjectives (制造业, 合规性, 现代化, 学术界, 研究者, 专家们, 大型) and places in them (…中).
const GENERIC_END = /[们性化度率者界感类式型业中里内]$/;

function endsWithGenericWord(s: string): boolean {
  for (let n = Math.min(4, s.length - 1); n >= 2; n--) if (GENERIC.has(s.slice(-n))) return true;
  return false;
}

function hasHardStop(s: string): boolean {
  for (const ch of s) if (HARD_STOP.has(ch)) return true;
  return false;
}

/** A Han string that is a common noun or phrase rather than a name. */
function isGenericHan(s: string): boolean {
  return (
    GENERIC.has(s) || DETERMINER_START.test(s) || QUANTITY_START.test(s) || GENERIC_END.test(s) || hasHardStop(s) || endsWithGenericWord(s)
  );
}

// The same words inside a run (one character is too often part of a word there): "合作伙伴包括宁德时代".
const INNER_LEAD_WORDS = new RegExp(LEAD_WORDS.source.slice(1).replace('|像|如', ''), 'g');

/** `s` after the words that introduce a name: "包括三菱电机" → 三菱电机, "合作伙伴包括宁德时代" → 宁德时代. */
function stripLeadWords(s: string): string {
  let after = -1;
  for (const m of s.matchAll(INNER_LEAD_WORDS)) if (s.length - m.index - m[0].length >= 2) after = m.index + m[0].length;
  if (after > 0) s = s.slice(after);
  for (let i = 0; i < 2; i++) {
    const m = LEAD_WORDS.exec(s);
    if (!m || s.length - m[0].length < 2) break;
    s = s.slice(m[0].length);
  }
  return s;
}

// Common Chinese surnames (the characters that are also everyday words — 和, 时, 全, 于, 向… — left out).
const SURNAMES = new Set(
  (
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪' +
    '范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施文牛樊葛邢齐易乔伍庞颜倪' +
    '庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍喻祁蒲滕屈饶牟艾尤阳' +
    '穆卓古吉缪简车芦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁荣巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝'
  ).split(''),
);
const COMPOUND_SURNAME = /^(?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|令狐|长孙|慕容|宇文|司徒|端木|夏侯|轩辕|南宫|西门|独孤)/;
// Characters of transliterated foreign names (奥特曼, 纳德拉, 帕洛阿尔托); three or more in a row are a name.
const TRANSLITERATION = new Set(
  (
    '阿埃艾安奥巴拜班邦贝本比彼毕波伯博布查达戴丹道德迪蒂丁杜多厄恩尔法菲费芬丰弗福富盖冈戈格贡古哈海汉豪赫亨胡华霍基吉加贾杰金' +
    '卡凯坎康柯科克肯库夸奎拉莱赖兰朗劳勒雷里利林琳隆卢鲁路伦罗洛吕马玛迈麦曼梅门蒙米明莫默姆穆纳奈南内尼纽诺欧帕派潘佩蓬皮珀普' +
    '齐奇乔切琼丘萨塞赛桑瑟森沙莎尚舍什施史斯苏索塔泰坦汤唐特腾提廷通图托瓦万威韦维温沃乌伍西希锡夏谢辛休雅亚扬耶叶伊因英尤约扎' +
    '泽詹兹祖佐山·・'
  ).split(''),
);
// Characters that make a run before a speech verb an ordinary phrase ("最近", "一般来说"), not a name.
const NOT_IN_NAMES = /[在这那最时中们他她它也都还就其该此等人认为采访近正并而又再来话是以如般句么样的了所]/u;

function isTransliterated(s: string): boolean {
  if (s.replace(NAME_DOT, '').length < 3) return false;
  for (const ch of s) if (!TRANSLITERATION.has(ch)) return false;
  return true;
}

// "王女士", "李先生", "张某": a person the text does not name.
const UNNAMED = /女士|先生|小姐|老师|师傅|同学|某/;

/** Whether a Han string has the shape of a person's name: surname and given name, or a transliteration. */
function isPersonShaped(s: string): boolean {
  if (NOT_IN_NAMES.test(s.replace(NAME_DOT, '')) || UNNAMED.test(s)) return false;
  if (isTransliterated(s)) return true;
  if (COMPOUND_SURNAME.test(s)) return s.length >= 3 && s.length <= 4;
  return SURNAMES.has(s[0]) && s.length >= 2 && s.length <= 3;
}

// Longer verbs first so "回忆道" is not "回忆" plus a stray "道" (the list of utils/quotations/speakers.ts,
// which does not export it, in Chinese, with a few more).
const SPEECH_VERB = /回忆道|补充道|说道|写道|表示|指出|认为|强调|透露|坦言|称|说/g;
const HAS_SPEECH_VERB = new RegExp(SPEECH_VERB.source);
const NOT_A_VERB_BEFORE = /[小传据听学游名简俗对堪相匀所]$/;
const NOT_A_VERB_AFTER: Record<string, RegExp> = { 说: /^[法明服]/, 称: /^[为作号呼谓]/ };
// What may stand between a speaker and the verb: "在接受采访时", "也".
const ADVERB = new Set('也还曾则亦又更都均就'.split(''));

/** Where a speaker's name ends before the verb at `verb`: "X也表示", "X在接受采访时表示". */
function speakerEnd(text: string, verb: number): number {
  let end = verb;
  if (ADVERB.has(text[end - 1])) end--;
  if (/[时中上后]/.test(text[end - 1] ?? '')) {
    const at = text.lastIndexOf('在', end - 2);
    if (at >= 0 && end - at <= 26 && !/[，。；：！？、“”"\n]/.test(text.slice(at, end))) end = at;
  }
  return end;
}
const TITLE_WORD =
  /联合创始人|创始合伙人|管理合伙人|创始人|创办人|首席执行官|首席技术官|首席科学家|首席运营官|首席财务官|副董事长|董事长|副总裁|总裁|总经理|CEO|CTO|CFO|COO|总监|主任|院长|校长|副教授|教授|研究员|院士|部长|主席|总统|总理|首相|国务卿|大使|参议员|议员|市长|省长|州长|发言人|负责人|合伙人|分析师|工程师|科学家|总编辑|主编|记者/g;
// Suffixes of organisation names, longest first; a name with one of the detachable ones is also called
// without it (比亚迪股份有限公司 is 比亚迪).
const ORG_SUFFIX =
  /股份有限公司|有限责任公司|有限公司|集团公司|公司|集团|科技|大学|学院|研究院|研究所|研究中心|实验室|银行|基金会|委员会|协会|学会|医院|电视台|报社|出版社|通讯社|杂志社|事务所|交易所/g;
const HAS_TITLE_WORD = new RegExp(TITLE_WORD.source);
// Titles of those who run an organisation: the run before one names it ("月之暗面创始人", "小米集团董事长").
const LEADER_TITLE = /^(?:联合创始人|创始人|创办人|副?董事长|副?总裁|总经理|首席执行官|首席技术官|CEO|CTO)$/;
const DETACHABLE_SUFFIX = /^(?:(?:科技)?(?:股份有限公司|有限责任公司|有限公司|集团公司|公司|集团)|科技)$/;

function isSpeechVerbAt(text: string, start: number, verb: string): boolean {
  const after = NOT_A_VERB_AFTER[verb];
  if (!after) return true;
  return (
    !after.test(text.slice(start + verb.length, start + verb.length + 1)) &&
    !NOT_A_VERB_BEFORE.test(text.slice(Math.max(0, start - 1), start))
  );
}

function speechVerbAt(text: string, at: number): string | undefined {
  SPEECH_VERB.lastIndex = 0;
  const m = SPEECH_VERB.exec(text.slice(at, at + 3));
  return m && m.index === 0 && isSpeechVerbAt(text, at, m[0]) ? m[0] : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Latin

// Latin letters only: a Latin name glued to Chinese ("旗下的DeepMind团队") ends where the Han text starts.
const LATIN_CHAR = String.raw`\p{Script=Latin}\p{M}\d`;
const LATIN_WORD = String.raw`(?:[\p{Lu}\d]|\p{Ll}+\p{Lu})[${LATIN_CHAR}]*(?:['’]\p{Lu}[${LATIN_CHAR}]*)?(?:[.&\-][${LATIN_CHAR}]+)*`;
const CONNECTOR = String.raw`(?:of|de|du|des|la|le|van|von|der|den|da|di|del|dos|das|bin|&)`;
// Not preceded by a letter, digit, "." or "-" (checked after the match: a lookbehind first costs a test at
// every character of a Chinese text).
const LATIN_RUN = new RegExp(String.raw`${LATIN_WORD}(?:(?:[ \u00a0]${CONNECTOR}){0,2}[ \u00a0]${LATIN_WORD})*`, 'gu');
const GLUED_BEFORE = new RegExp(String.raw`[${LATIN_CHAR}.\-]`, 'u');
const CONNECTORS = new Set(['of', 'de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'dos', 'das', 'bin', '&']);
// Capitalised words that are not names (function words, roles, months, days): a run is split at them.
const LATIN_STOP = new Set(
  (
    'the a an and or but if in on at to for of by with from as is are was were be been it its this that these those there here ' +
    'then than when while where what who whom whose why how which after before during since until although though because however ' +
    'moreover meanwhile also still yet so not no yes we i you he she they our their his her my your me us him them some many most ' +
    'more much all any each every both either neither other another such one two three four five six seven eight nine ten first ' +
    'second third last next today yesterday tomorrow tonight according despite unlike like about above below over under into onto ' +
    'upon without within between among across through against toward towards per via do does did can could will would should may ' +
    'might must shall let please thanks thank dear hi hello mr mrs ms dr prof sir dame madam st jr sr ' +
    'ceo cto cfo coo cio cmo cso vp svp evp president vice chairman chairwoman chair founder cofounder co-founder director professor ' +
    'senator governor minister prime secretary chief executive officer head manager partner analyst researcher scientist engineer ' +
    'editor reporter spokesperson spokesman spokeswoman ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october ' +
    'november december'
  ).split(' '),
);
// Nationalities and languages name nothing alone ("French buyers") but may start a name ("European Commission");
// so does "New" ("New Zealand", "New York Times").
const NOT_ALONE = new Set(
  (
    'american chinese japanese european british english french german italian spanish russian indian korean canadian australian ' +
    'african asian western eastern arab arabic israeli iranian brazilian mexican dutch swiss swedish international national global new'
  ).split(' '),
);
// Words after which a name is a person's: "CEO Satya Nadella", "Dr. Li", "said Nadella", "创始人 Larry Li".
const ROLE = new Set(
  (
    'mr mrs ms dr prof sir dame ceo cto cfo coo founder co-founder cofounder president chairman director professor analyst ' +
    'researcher scientist executive said says told to'
  ).split(' '),
);
const HAN_ROLE = /(?:创始人|合伙人|负责人|科学家|工程师|经理|总监|总裁|董事长|教授)\s*$/;

/** Whether a role word ("CEO", "Dr.", "said", "according to", "创始人") stands right before `position`. */
function isRoleBefore(text: string, position: number): boolean {
  let end = position;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  if (text[end - 1] === '.') end--;
  let start = end;
  while (start > 0 && end - start < 12 && /[A-Za-z-]/.test(text[start - 1])) start--;
  const word = text.slice(start, end).toLowerCase();
  if (word === 'to') return /according\s$/i.test(text.slice(Math.max(0, start - 10), start));
  return ROLE.has(word) || HAN_ROLE.test(text.slice(Math.max(0, position - 6), position));
}
const SPEECH_AFTER =
  /^(?:,?\s+(?:said|says|told|added|noted|explained|argued|wrote|recalled)\b|\s*(?:在[^，。]{1,24}?[时中])?(?:表示|说|指出|认为|称|回忆道|强调|写道))/;
const LEGAL_FORM = new Set(['Inc', 'Corp', 'Ltd', 'LLC', 'PLC', 'GmbH', 'AG', 'SA', 'Co']);
const LEGAL_FORM_AFTER = /^,?\s+(?:Inc|Corp|Ltd|LLC|PLC|GmbH)\b/;
const ORG_TAIL = new Set(
  (
    'Corporation Group Labs Lab Technologies Technology Systems University Institute Foundation Bank Capital Ventures Partners ' +
    'Holdings Motors Airlines Company Association Agency Council Committee Ministry Department Society College School Hospital ' +
    'Research Networks AI Media'
  ).split(' '),
);
const ORG_TAIL_FOLDED = new Set([...ORG_TAIL].map((w) => foldText(w)));
// A lowercase tail glued by a hyphen makes an adjective of a name: "OpenAI-compatible", "Meta-backed".
const COMPOUND_TAIL =
  /-(?:based|powered|backed|owned|led|compatible|like|style|funded|made|native|first|only|related|specific|driven|focused|sized|class|level|grade|scale|wide)$/;
// A number and a unit ("70B", "5G", "4K") is not a name.
const NUMBER_AND_UNIT = /^\d+(?:\.\d+)?\p{L}{1,2}$/u;

function isLatinNameWord(word: string): boolean {
  if (!/\p{Lu}/u.test(word) || NUMBER_AND_UNIT.test(word)) return false;
  // Lone capitals and two-letter acronyms ("AI", "US") are rarely names worth an entry; with a digit ("V8") they may be.
  return word.replace(/[^\p{L}]/gu, '').length >= 3 || /\d/.test(word);
}

// ---------------------------------------------------------------------------------------------------------
// The document: paragraphs, sentences, known names, covered spans, segmentation.

interface Span {
  start: number;
  end: number;
}

function sortedSpans(spans: readonly Span[]): Span[] {
  return [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Whether sorted `spans` (longest first at equal starts; no span longer than maxLength) overlap [start, end). */
function overlapsAny(spans: Span[], maxLength: number, start: number, end: number, valid?: (i: number) => boolean): boolean {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid].start < start - maxLength) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < spans.length && spans[i].start < end; i++) {
    if (spans[i].end > start && (!valid || valid(i))) return true;
  }
  return false;
}

let segmenter: Intl.Segmenter | null | undefined;
// Short words Title Case leaves in lower case.
const TITLE_CASE_LOWER = new Set('and the for but nor yet with from into onto over via per off'.split(' '));

/** One text being read: its paragraphs, known names, covered mentions, and what it costs to segment. */
class Scan {
  readonly text: string;
  readonly paragraphs: [number, number][];
  readonly known: Set<string>;
  readonly covered: Span[];
  readonly coveredMax: number;
  private knownSpans: Span[] = [];
  private knownMax = 0;
  private knownValid: (boolean | undefined)[] = [];
  private sentences = new Map<number, [number, number][]>();
  private budget = SEGMENT_BUDGET;
  private lowercaseWords?: Set<string>;
  private segmentCache = new Map<string, number[]>();
  private headlines = new Map<number, boolean>();
  private folded = new Map<string, string>();
  private foldedKeepingCase = new Map<string, string>();
  private generic = new Map<string, boolean>();

  constructor(input: ProposeNamesInput) {
    this.text = input.text;
    this.paragraphs = input.paragraphs.length > 0 ? input.paragraphs : [[0, input.text.length]];
    this.known = input.known ?? new Set();
    this.covered = sortedSpans(input.covered);
    this.coveredMax = this.covered.reduce((n, s) => Math.max(n, s.end - s.start), 0);
  }

  /** Known names found in the text: they stand for the matcher's mentions when the caller has none. */
  setKnownSpans(spans: Span[]): void {
    this.knownSpans = sortedSpans(spans);
    this.knownMax = spans.reduce((n, s) => Math.max(n, s.end - s.start), 0);
  }

  fold(name: string, keepCase = false): string {
    const memo = keepCase ? this.foldedKeepingCase : this.folded;
    let key = memo.get(name);
    if (key === undefined) memo.set(name, (key = foldText(name, keepCase)));
    return key;
  }

  isKnown(name: string): boolean {
    return this.known.has(this.fold(name));
  }

  isGeneric(name: string): boolean {
    let generic = this.generic.get(name);
    if (generic === undefined) this.generic.set(name, (generic = isGenericHan(name)));
    return generic;
  }

  /** Whether [start, end) is a covered mention. */
  isMention(start: number, end: number): boolean {
    return overlapsAny(this.covered, this.coveredMax, start, end, (i) => this.covered[i].start === start && this.covered[i].end === end);
  }

  /** Whether [start, end) overlaps a covered mention or a known name standing on word boundaries. */
  isCovered(start: number, end: number): boolean {
    if (overlapsAny(this.covered, this.coveredMax, start, end)) return true;
    return overlapsAny(this.knownSpans, this.knownMax, start, end, (i) => this.isKnownSpanValid(i));
  }

  private isKnownSpanValid(i: number): boolean {
    let valid = this.knownValid[i];
    if (valid === undefined) {
      const { start, end } = this.knownSpans[i];
      // Past the segmentation budget a known name is taken at its word: a missed candidate beats a wrong one.
      valid =
        !needsSegmentation(this.text, start, end) ||
        !this.canSegment(SEGMENT_CALL_COST + 2 * 12 + end - start) ||
        isOnBoundaries(this.text, start, end);
      this.knownValid[i] = valid;
    }
    return valid;
  }

  paragraphIndex(position: number): number {
    let low = 0;
    let high = this.paragraphs.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (position < this.paragraphs[mid][0]) high = mid - 1;
      else if (position >= this.paragraphs[mid][1]) low = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** The sentence holding `position` (its paragraph, or the position alone, when outside every sentence). */
  sentenceAt(position: number): [number, number] {
    const p = this.paragraphIndex(position);
    if (p < 0) return [position, position];
    let sentences = this.sentences.get(p);
    if (!sentences) {
      sentences = splitSentences(this.text, this.paragraphs[p]);
      this.sentences.set(p, sentences);
    }
    for (const sentence of sentences) if (sentence[0] <= position && position < sentence[1]) return sentence;
    return this.paragraphs[p];
  }

  /**
   * Whether a Latin word at `position` opens a sentence written in Latin script (so it is capitalised anyway).
   * A local look rather than splitSentences, which would cost half a second on a megabyte of English.
   */
  startsLatinSentence(position: number): boolean {
    const { text } = this;
    const p = this.paragraphIndex(position);
    const floor = p >= 0 ? this.paragraphs[p][0] : 0;
    let i = position;
    while (i > floor && /[\s\p{Ps}\p{Pi}"'*#>•–—-]/u.test(text[i - 1])) i--;
    if (i > floor) {
      while (i > floor && /[)\]”’"']/.test(text[i - 1])) i--;
      if (!/[.!?…:。！？]/.test(text[i - 1])) return false;
      // "Mr. Nadella", "J. Smith": a period after a title or an initial ends no sentence.
      const word = /[\p{L}]+$/u.exec(text.slice(Math.max(floor, i - 6), i - 1))?.[0] ?? '';
      if (text[i - 1] === '.' && (LATIN_STOP.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word))) return false;
    }
    // In Chinese or Japanese text a Latin name is not capitalised for standing first.
    const rest = text.slice(position, Math.min(p >= 0 ? this.paragraphs[p][1] : text.length, position + 300));
    const end = rest.search(/[.!?。！？]/);
    return !hasCjk(end >= 0 ? rest.slice(0, end) : rest);
  }

  /** Words the text also writes in lower case ("Researchers" at a sentence start is "researchers"). */
  isLowercaseWord(word: string): boolean {
    this.lowercaseWords ??= new Set(this.text.match(/\b[a-z][a-z]+\b/g) ?? []);
    return this.lowercaseWords.has(word.toLowerCase());
  }

  /** A paragraph in Title Case (a headline): every word capitalised, so capitals say nothing. */
  isHeadline(position: number): boolean {
    const p = this.paragraphIndex(position);
    if (p < 0) return false;
    let headline = this.headlines.get(p);
    if (headline === undefined) {
      const paragraph = this.text.slice(...this.paragraphs[p]);
      headline = false;
      // Title Case capitalises verbs too ("Nvidia Beats Estimates"); a sentence ends with a stop.
      if (paragraph.length < 200 && !/[.!?。！？]["”’)]?\s*$/.test(paragraph) && !hasCjk(paragraph)) {
        const words = (paragraph.match(/\p{L}{3,}/gu) ?? []).filter((w) => !TITLE_CASE_LOWER.has(w));
        headline = words.length >= 3 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.75;
      }
      this.headlines.set(p, headline);
    }
    return headline;
  }

  private canSegment(chars: number): boolean {
    if (this.budget < chars) return false;
    this.budget -= chars;
    return true;
  }

  /** Word boundaries (offsets into `s`, 0 and s.length included) by Intl.Segmenter; null when unavailable. */
  boundaries(s: string): number[] | null {
    const cached = this.segmentCache.get(s);
    if (cached) return cached;
    if (segmenter === undefined) {
      segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
    }
    if (!segmenter || !this.canSegment(SEGMENT_CALL_COST + s.length)) return null;
    const result: number[] = [];
    for (const segment of segmenter.segment(s)) result.push(segment.index);
    result.push(s.length);
    this.segmentCache.set(s, result);
    return result;
  }

  /** Whether text[start, end) starts and ends on word boundaries of the text around it (±4). */
  isSegmentAt(start: number, end: number): boolean {
    const from = Math.max(0, start - 4);
    const cuts = this.boundaries(this.text.slice(from, Math.min(this.text.length, end + 4)));
    return cuts !== null && cuts.includes(start - from) && cuts.includes(end - from);
  }

  /** Whether the segmenter reads `s` as one dictionary word (高层, 周一: not a name). */
  isOneWord(s: string): boolean {
    const cuts = this.boundaries(s);
    return !cuts || cuts.length === 2;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rules: each adds hits (a name at an offset); counting and filtering come after.

interface Token {
  text: string;
  start: number;
}

const NUMBER = /^[\d.&-]+$/;

/** The words of a run (single spaces or no-break spaces between them), with their offsets. */
function tokensOf(run: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let start = 0;
  for (let i = 0; i <= run.length; i++) {
    if (i < run.length && run[i] !== ' ' && run[i] !== '\u00a0') continue;
    if (i > start) tokens.push({ text: run.slice(start, i), start: offset + start });
    start = i + 1;
  }
  return tokens;
}

function latinHits(scan: Scan, hits: Hit[]): void {
  const { text } = scan;
  LATIN_RUN.lastIndex = 0;
  for (let run = LATIN_RUN.exec(text); run; run = LATIN_RUN.exec(text)) {
    if (run.index > 0 && GLUED_BEFORE.test(text[run.index - 1])) {
      LATIN_RUN.lastIndex = run.index + 1;
      continue;
    }
    if (scan.isHeadline(run.index)) continue;
    const tokens = tokensOf(run[0], run.index);
    const known = knownTokens(scan, tokens);
    let segment: Token[] = [];
    let afterRole: boolean | undefined; // asked only when a segment starts the run
    let fragment = false; // the segment is next to a known name or covered mention
    for (let i = 0; i <= tokens.length; i++) {
      const token = tokens[i];
      const lower = token?.text.toLowerCase();
      // A known name or covered mention inside a run splits it: "Google DeepMind" with Google known is "DeepMind".
      const joins = token && CONNECTORS.has(token.text) && segment.length > 0;
      const covered = token && (known[i] || scan.isCovered(token.start, token.start + token.text.length));
      if (joins || (token && !covered && !LATIN_STOP.has(lower) && !NUMBER.test(token.text))) {
        segment.push(token);
        continue;
      }
      while (segment.length > 0 && CONNECTORS.has(segment[0].text)) segment.shift();
      while (segment.length > 0 && CONNECTORS.has(segment.at(-1)!.text)) segment.pop();
      if (segment.length > 0) {
        latinSegment(scan, segment, afterRole ?? isRoleBefore(text, segment[0].start), fragment || !!covered, hits);
      }
      segment = [];
      afterRole = token !== undefined && ROLE.has(lower);
      fragment = !!covered;
    }
  }
}

/** Which tokens of a run are part of a known name written in it (any stretch of up to six tokens). */
function knownTokens(scan: Scan, tokens: Token[]): boolean[] {
  const known = tokens.map(() => false);
  if (scan.known.size === 0) return known;
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i; j < Math.min(tokens.length, i + 6); j++) {
      if (scan.isKnown(scan.text.slice(tokens[i].start, tokens[j].start + tokens[j].text.length))) known.fill(true, i, j + 1);
    }
  }
  return known;
}

function latinSegment(scan: Scan, tokens: Token[], afterRole: boolean, fragment: boolean, hits: Hit[]): void {
  const { text } = scan;
  let organization = false;
  while (tokens.length > 1 && LEGAL_FORM.has(tokens.at(-1)!.text)) {
    tokens = tokens.slice(0, -1);
    organization = true;
  }
  const last = tokens.at(-1)!;
  const tail = COMPOUND_TAIL.exec(last.text);
  if (tail) tokens = [...tokens.slice(0, -1), { text: last.text.slice(0, tail.index), start: last.start }];
  // Only a plain capitalised word owes its capital to the sentence start: "OpenAI", "IBM", "GPT-4" do not.
  let sentenceInitial = /^\p{Lu}[\p{Ll}\p{M}]+$/u.test(tokens[0].text) && scan.startsLatinSentence(tokens[0].start);
  // "Both Anthropic…", "Shares of Bank of America…": an ordinary word (written in lower case elsewhere, or a
  // plural before "of") capitalised only because it starts the sentence.
  const ordinary = (word: string, next?: string) => scan.isLowercaseWord(word) || (next === 'of' && /[^s]s$/.test(word));
  if (sentenceInitial && tokens.length > 1 && ordinary(tokens[0].text, tokens[1].text)) {
    tokens = tokens.slice(1);
    sentenceInitial = false;
    while (tokens.length > 0 && CONNECTORS.has(tokens[0].text)) tokens.shift();
    if (tokens.length === 0) return;
  }
  if (tokens.length === 1 && (!isLatinNameWord(tokens[0].text) || NOT_ALONE.has(tokens[0].text.toLowerCase()))) return;
  // What a known name leaves of a run is a name only if it looks like one alone: "Google DeepMind" leaves
  // "DeepMind", "Meta Platforms" leaves no "Platforms".
  if (fragment && tokens.length === 1 && /^\p{Lu}[\p{Ll}\p{M}]+$/u.test(tokens[0].text)) return;
  const start = tokens[0].start;
  const endToken = tokens.at(-1)!;
  const end = endToken.start + endToken.text.length;
  const name = text.slice(start, end);
  const after = text.slice(end, end + 40);
  organization ||= LEGAL_FORM_AFTER.test(after) || (tokens.length > 1 && ORG_TAIL.has(endToken.text));
  // People's names are plain words ("Satya Nadella"), not "JPMorgan Chase".
  const plain = tokens.every((t) => /^\p{Lu}(?:[\p{Ll}\p{M}'’-]+|\.)$/u.test(t.text));
  const person = !organization && plain && (afterRole || (tokens.length > 1 && SPEECH_AFTER.test(after)));
  hits.push({
    name,
    start,
    rule: 'latin',
    type: organization ? 'organization' : person ? 'person' : undefined,
    sentenceInitial: tokens.length === 1 && sentenceInitial,
  });
}

function titleHits(text: string, hits: Hit[]): void {
  for (const m of text.matchAll(/《([^》\n]{1,60})》/gu)) {
    const name = m[1].trim();
    if (name) hits.push({ name, start: m.index! + 1 + m[1].indexOf(name), rule: 'title', type: 'publication' });
  }
}

/** Han organisation names: a run ending in 公司/大学/…, from the nearest stop on its left. */
function organizationHits(scan: Scan, hits: Hit[]): void {
  const { text } = scan;
  ORG_SUFFIX.lastIndex = 0;
  for (let m = ORG_SUFFIX.exec(text); m; m = ORG_SUFFIX.exec(text)) {
    let suffixEnd = m.index + m[0].length;
    // "科技股份有限公司": one suffix.
    ORG_SUFFIX.lastIndex = suffixEnd;
    const next = ORG_SUFFIX.exec(text);
    if (next && next.index === suffixEnd) suffixEnd = next.index + next[0].length;
    else ORG_SUFFIX.lastIndex = suffixEnd;
    const suffixStart = m.index;
    let i = suffixStart;
    while (i > 0 && isHanAt(text, i - 1) && !HARD_STOP.has(text[i - 1]) && suffixStart - i <= 12) i--;
    if (suffixStart - i > 12) continue;
    const head = stripLeadWords(text.slice(i, suffixStart));
    // Heads of more than six characters are phrases more often than names ("帕洛阿尔托投资").
    // "华为子公司", "分公司": a part of a company is not its name; "认为公司…" is a verb and its object.
    if (head.length < 2 || head.length > 6 || scan.isGeneric(head) || /[子母分总]$/.test(head) || HAS_SPEECH_VERB.test(head)) continue;
    const start = suffixStart - head.length;
    const suffix = text.slice(suffixStart, suffixEnd);
    const detachable = DETACHABLE_SUFFIX.test(suffix);
    hits.push({ name: head + suffix, start, rule: 'organization', type: 'organization', head: detachable ? head : undefined });
    // The head alone names it too when the text says it often ("比亚迪股份有限公司" … "比亚迪").
    if (detachable) hits.push({ name: head, start, rule: 'organization', type: 'organization', weak: true });
  }
}

/** Han people: a name before a speech verb, or after a title (创始人王传福, CEO 张一鸣). */
function personHits(scan: Scan, hits: Hit[]): void {
  const { text } = scan;
  SPEECH_VERB.lastIndex = 0;
  for (let m = SPEECH_VERB.exec(text); m; m = SPEECH_VERB.exec(text)) {
    if (!isSpeechVerbAt(text, m.index, m[0])) continue;
    const end = speakerEnd(text, m.index);
    let start = end;
    while (start > 0 && (isHanAt(text, start - 1) || NAME_DOT.test(text[start - 1])) && !HARD_STOP.has(text[start - 1]) && end - start < 8)
      start--;
    const run = text.slice(start, end);
    // "董事长王传福表示" is the title rule's.
    if (run.length < 2 || HAS_TITLE_WORD.test(run)) continue;
    const leftBounded = start === 0 || !isHanAt(text, start - 1) || HARD_STOP.has(text[start - 1]);
    const name = personAtEnd(scan, start, end, leftBounded);
    if (name) hits.push({ name, start: end - name.length, rule: 'person', type: 'person' });
    // A run standing alone before the verb ("，小米表示") may name a company as well as a person.
    else if (leftBounded && run.length <= 4 && !run.includes('·')) hits.push({ name: run, start, rule: 'person', weak: true });
  }
  TITLE_WORD.lastIndex = 0;
  for (let m = TITLE_WORD.exec(text); m; m = TITLE_WORD.exec(text)) {
    if (LEADER_TITLE.test(m[0])) organizationBeforeTitle(scan, m.index, hits);
    let start = m.index + m[0].length;
    if (text[start] === '兼') continue; // "首席技术官兼联合创始人…": the last title is followed by the name
    while (text[start] === ' ' || text[start] === '\u00a0') start++;
    let end = start;
    while (end < text.length && (isHanAt(text, end) || NAME_DOT.test(text[end])) && !HARD_STOP.has(text[end]) && end - start < 8) {
      if (end > start + 1 && speechVerbAt(text, end)) break;
      end++;
    }
    const name = personAtStart(scan, start, end);
    if (name) hits.push({ name, start, rule: 'person', type: 'person' });
  }
}

/** The organisation named right before a leader's title at `title`: "月之暗面创始人", "小米集团董事长". */
function organizationBeforeTitle(scan: Scan, title: number, hits: Hit[]): void {
  const { text } = scan;
  let start = title;
  while (start > 0 && isHanAt(text, start - 1) && !HARD_STOP.has(text[start - 1]) && title - start <= 8) start--;
  if (title - start > 8 || text[title - 1] === '兼') return;
  const name = stripLeadWords(text.slice(start, title));
  if (name.length >= 2 && name.length <= 6 && !HAS_TITLE_WORD.test(name) && !scan.isGeneric(name)) {
    hits.push({ name, start: title - name.length, rule: 'organization', type: 'organization' });
  }
}

// A dot between Han runs almost always joins a transliterated name: 山姆·奥特曼, 马克·扎克伯格.
const DOT_NAME = /\p{Script=Han}{1,8}(?:[·・•]\p{Script=Han}{1,8})+/uy;
const DOT_CHAR = /[·・•]/g;

/** Transliterated full names, cut to the transliteration characters on either side of the dots. */
function dotNameHits(text: string, hits: Hit[]): void {
  // Matched from a few characters before each dot: the pattern tried at every Han character is slow.
  let after = 0;
  DOT_CHAR.lastIndex = 0;
  for (let d = DOT_CHAR.exec(text); d; d = DOT_CHAR.exec(text)) {
    const dot = d.index;
    if (dot < after) continue;
    let from = dot;
    while (from > 0 && dot - from < 8 && isHanAt(text, from - 1)) from--;
    DOT_NAME.lastIndex = from;
    const m = DOT_NAME.exec(text);
    if (!m) continue;
    after = m.index + m[0].length;
    const parts = m[0].split(NAME_DOT);
    let first = parts[0].length;
    while (first > 0 && TRANSLITERATION.has(parts[0][first - 1])) first--;
    const last = parts.at(-1)!;
    let lastLength = 0;
    while (lastLength < last.length && TRANSLITERATION.has(last[lastLength])) lastLength++;
    const middle = parts.slice(1, -1).every((part) => [...part].every((ch) => TRANSLITERATION.has(ch)));
    if (first === parts[0].length || lastLength === 0 || !middle) continue;
    const start = m.index + first;
    const name = text.slice(start, m.index + m[0].length - (last.length - lastLength));
    if (name.length >= 4) hits.push({ name, start, rule: 'person', type: 'person' });
  }
}

/** The person's name ending at `end` in the Han run [start, end), or undefined. */
function personAtEnd(scan: Scan, start: number, end: number, leftBounded: boolean): string | undefined {
  for (let length = Math.min(4, end - start); length >= 2; length--) {
    const from = end - length;
    const name = scan.text.slice(from, end);
    if (!isPersonShaped(name)) continue;
    const bounded = from === start && leftBounded;
    if (!bounded && !scan.isSegmentAt(from, end)) continue;
    if (length === 2 && scan.isOneWord(name)) continue;
    return name;
  }
  return undefined;
}

/** The person's name starting at `start` of the Han run [start, end) after a title, or undefined. */
function personAtStart(scan: Scan, start: number, end: number): string | undefined {
  const { text } = scan;
  // Ended by a speech verb or 在 rather than by the run's length: all of it is the name.
  const closed = end < text.length && end - start <= 4 && (speechVerbAt(text, end) !== undefined || text[end] === '在');
  for (let length = Math.min(4, end - start); length >= 2; length--) {
    const name = text.slice(start, start + length);
    const whole = start + length === end;
    if (isPersonShaped(name)) {
      if (!whole && !scan.isSegmentAt(start, start + length)) continue;
      if (length === 2 && !whole && scan.isOneWord(name)) continue;
      return name;
    }
    // A name of another shape (冈原大辅) only when a verb closes it.
    if (whole && closed && length >= 3 && !isGenericHan(name) && !NOT_IN_NAMES.test(name)) return name;
  }
  return undefined;
}

/** Japanese company and person names in katakana: ソフトバンク社, 株式会社メルカリ, ナデラ氏. */
function katakanaHits(text: string, hits: Hit[]): void {
  for (const m of text.matchAll(/[\p{Script=Katakana}ー]{3,}/gu)) {
    const before = text.slice(Math.max(0, m.index! - 4), m.index);
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 4);
    let type: EntityType | undefined;
    if (before.endsWith('株式会社') || /^(?:株式会社|社長|社)/.test(after)) type = 'organization';
    else if (/^(?:氏|さん)/.test(after)) type = 'person';
    if (type) hits.push({ name: m[0], start: m.index!, rule: 'katakana', type });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Lists: 像阿里巴巴、腾讯、华为和字节跳动等

interface ListItem {
  name: string;
  start: number;
  /** Han text that may be proposed; Latin or mixed items only vouch for the others. */
  han: boolean;
  /** An item at a list's edge whose far end no stop marks ("加拿大全面禁止了"): read by the segmenter when needed. */
  edge?: 'head' | 'tail';
}

// Clause punctuation ends a list; "." does not ("01.AI").
const CLAUSE = /[^，。；：！？!?;:\n“”"「」『』（）()《》]+/g;
const LIST_SEPARATOR = /、|以及|和|与|及|或/g;
// Words in which 和/与/及/或 do not join items (和平, 参与, 及时, 或许…), checked before segmenting.
const NOT_A_SEPARATOR =
  /和平|和谐|总和|温和|缓和|和解|柔和|暖和|共和|和睦|调和|参与|给与|与会|与否|与其|及时|涉及|提及|普及|波及|危及|顾及|及格|不及|或许|或者说/;
const LATIN_ITEM = /^[\p{Script=Latin}\d][\p{Script=Latin}\p{M}\d.&'’ -]*$/u;

function listHits(scan: Scan, hits: Hit[], candidates: Set<string>): void {
  const { text } = scan;
  const lists: ListItem[][] = [];
  CLAUSE.lastIndex = 0;
  for (let clause = CLAUSE.exec(text); clause; clause = CLAUSE.exec(text)) {
    if (/[、和与及或]/.test(clause[0]) && /\p{Script=Han}/u.test(clause[0]))
      lists.push(...listsOf(scan, clause.index, clause.index + clause[0].length));
  }
  // A covered mention is a known name the matcher found; an item taken is a candidate that vouches for the
  // other lists it is in, two steps away from a known name or another rule's candidate at most.
  const vouches = (item: ListItem) =>
    !item.edge &&
    (scan.isKnown(item.name) ||
      candidates.has(scan.fold(item.name)) ||
      scan.isMention(item.start, item.start + item.name.length) ||
      (!item.han && item.name.split(' ').some(isLatinNameWord)));
  const listsOfName = new Map<string, ListItem[][]>();
  for (const list of lists) {
    for (const item of list) {
      const key = scan.fold(item.name);
      const named = listsOfName.get(key);
      if (named) named.push(list);
      else listsOfName.set(key, [list]);
    }
  }
  const queue: [ListItem[], number][] = lists.map((list) => [list, 0]);
  const done = new Set<ListItem[]>();
  for (let q = 0; q < queue.length; q++) {
    const [list, step] = queue[q];
    if (done.has(list)) continue;
    const vouched = list.filter(vouches);
    // A list no item vouches for waits: a later step may make one of its items a candidate.
    if (vouched.length === 0 || !separatorsHold(scan, list)) continue;
    done.add(list);
    for (const item of list) {
      if (!item.han || vouched.every((v) => v === item)) continue;
      if (item.edge) {
        // Each reading needs MIN_WEAK_COUNT occurrences; one inside a longer reading's occurrences is dropped.
        for (const option of edgeReadings(scan, item)) hits.push({ ...option, rule: 'list', weak: true });
        continue;
      }
      // A stop character may be half of a word: "腾讯参与了" is not "腾讯参" and "与了".
      if (!scan.isSegmentAt(item.start, item.start + item.name.length)) continue;
      hits.push({ name: item.name, start: item.start, rule: 'list' });
      const key = scan.fold(item.name);
      if (candidates.has(key) || step >= 2) continue;
      candidates.add(key);
      for (const other of listsOfName.get(key) ?? []) if (!done.has(other)) queue.push([other, step + 1]);
    }
  }
}

const checkedLists = new WeakMap<ListItem[], boolean>();

/** Whether each 和/与/及/或 between the list's items is a word of its own (not the 和 of 和平). */
function separatorsHold(scan: Scan, list: ListItem[]): boolean {
  let held = checkedLists.get(list);
  if (held === undefined) {
    held = true;
    for (let k = 1; k < list.length && held; k++) {
      const from = list[k - 1].start + list[k - 1].name.length;
      const between = scan.text.slice(from, list[k].start);
      const at = between.search(/以及|和|与|及|或/);
      if (
        at >= 0 &&
        isHanAt(scan.text, from + at - 1) &&
        !scan.isSegmentAt(from + at, from + at + (between.startsWith('以及', at) ? 2 : 1))
      )
        held = false;
    }
    checkedLists.set(list, held);
  }
  return held;
}

/** The lists of the clause [start, end): runs of items joined by separators, broken where a piece is no item. */
function listsOf(scan: Scan, start: number, end: number): ListItem[][] {
  const { text } = scan;
  const clause = text.slice(start, end);
  const separators: [number, number][] = [];
  LIST_SEPARATOR.lastIndex = 0;
  for (let m = LIST_SEPARATOR.exec(clause); m; m = LIST_SEPARATOR.exec(clause)) {
    if (m[0] !== '、' && NOT_A_SEPARATOR.test(clause.slice(Math.max(0, m.index - 2), m.index + m[0].length + 2))) continue;
    separators.push([start + m.index, start + m.index + m[0].length]);
  }
  const lists: ListItem[][] = [];
  let current: ListItem[] = [];
  const close = () => {
    if (current.length >= 2) lists.push(current);
    current = [];
  };
  for (let k = 0; k < separators.length; k++) {
    const pieceStart = k === 0 ? start : separators[k - 1][1];
    const pieceEnd = separators[k][0];
    if (k === 0) {
      const item = tailItem(scan, pieceStart, pieceEnd);
      if (item) current.push(item);
    } else {
      const whole = wholeItem(scan, pieceStart, pieceEnd);
      if (whole) {
        current.push(whole);
        continue;
      }
      // Not an item: it ends one list (its head is the last item) and may start another (its tail).
      const head = headItem(scan, pieceStart, pieceEnd);
      if (head) current.push(head);
      close();
      const tail = tailItem(scan, pieceStart, pieceEnd);
      if (tail) current.push(tail);
    }
  }
  if (separators.length > 0) {
    const head = headItem(scan, separators.at(-1)![1], end);
    if (head) current.push(head);
  }
  close();
  return lists;
}

function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

function latinItem(name: string, start: number): ListItem | undefined {
  return LATIN_ITEM.test(name) && /\p{Lu}|\d/u.test(name) ? { name, start, han: false } : undefined;
}

const LATIN_TOKEN_END = /[\p{Script=Latin}\d][\p{Script=Latin}\p{M}\d.&'’-]*$/u;
const LATIN_TOKEN_START = /^[\p{Script=Latin}\d][\p{Script=Latin}\p{M}\d.&'’-]*/u;
const LATIN_TOKEN = /^[\p{Script=Latin}\d][\p{Script=Latin}\p{M}\d.&'’-]*$/u;

/** The Latin words ending (side 'tail') or starting (side 'head') text[from, to); later words capitalised. */
function latinEdge(text: string, from: number, to: number, side: 'head' | 'tail'): ListItem | undefined {
  const words = text.slice(from, to).split(' ');
  if (side === 'tail') words.reverse();
  const taken: string[] = [];
  for (const word of words) {
    const latin = side === 'tail' ? LATIN_TOKEN_END.exec(word) : LATIN_TOKEN_START.exec(word);
    if (!latin || (taken.length > 0 && !/^[\p{Lu}\d]/u.test(side === 'tail' ? latin[0] : taken[0]))) break;
    if (side === 'tail') taken.unshift(latin[0]);
    else taken.push(latin[0]);
    if (latin[0].length < word.length || !LATIN_TOKEN.test(word)) break;
  }
  if (taken.length === 0) return undefined;
  const name = taken.join(' ');
  return latinItem(name, side === 'tail' ? to - name.length : from);
}

/** A whole piece between two separators as an item: "腾讯", "包括三菱电机", "Anthropic". */
function wholeItem(scan: Scan, pieceStart: number, pieceEnd: number): ListItem | undefined {
  const [from, to] = trimmed(scan.text, pieceStart, pieceEnd);
  const piece = scan.text.slice(from, to);
  if (!/\p{Script=Han}/u.test(piece)) return latinItem(piece, from);
  const name = stripLeadWords(piece);
  if (name.length < 2 || name.length > 6 || !/^\p{Script=Han}+$/u.test(name)) return undefined;
  return { name, start: to - name.length, han: true };
}

/** The item ending a piece before a separator: "…，像阿里巴巴" → 阿里巴巴, "…由 IBM" → IBM. */
function tailItem(scan: Scan, pieceStart: number, pieceEnd: number): ListItem | undefined {
  const { text } = scan;
  const [from, to] = trimmed(text, pieceStart, pieceEnd);
  if (from === to) return undefined;
  if (!isHanAt(text, to - 1)) return latinEdge(text, from, to, 'tail');
  let i = to;
  while (i > from && isHanAt(text, i - 1) && !HARD_STOP.has(text[i - 1]) && to - i < 8) i--;
  const run = text.slice(i, to);
  const name = stripLeadWords(run);
  // "AI 主权": a Latin word and Han text, one known name.
  const mixed =
    i > from && !isHanAt(text, i - 1)
      ? /(?:^|[^\p{Script=Latin}\d])([\p{Lu}\d][\p{Script=Latin}\d]* ?)$/u.exec(text.slice(Math.max(from, i - 24), i))
      : null;
  if (mixed && scan.isKnown(mixed[1] + name)) return { name: mixed[1] + name, start: i - mixed[1].length, han: false };
  if (name.length < 2) return undefined;
  const bounded = i === from || !isHanAt(text, i - 1) || HARD_STOP.has(text[i - 1]) || name.length < run.length;
  if (bounded && name.length <= 6) return { name, start: to - name.length, han: true };
  return { name: name.slice(-6), start: to - Math.min(6, name.length), han: true, edge: 'tail' };
}

/** The item starting a piece after a separator: "字节跳动等…" → 字节跳动, "加拿大全面禁止了" → 加拿大. */
function headItem(scan: Scan, pieceStart: number, pieceEnd: number): ListItem | undefined {
  const { text } = scan;
  const [from, to] = trimmed(text, pieceStart, pieceEnd);
  if (from === to) return undefined;
  if (!isHanAt(text, from)) return latinEdge(text, from, to, 'head');
  let i = from;
  while (i < to && isHanAt(text, i) && (i - from < 2 || !HARD_STOP.has(text[i])) && i - from < 8) i++;
  const name = text.slice(from, i);
  const mixed =
    i < to && !isHanAt(text, i)
      ? /^( ?[\p{Lu}\d][\p{Script=Latin}\d]*)(?:[^\p{Script=Latin}\d]|$)/u.exec(text.slice(i, Math.min(to, i + 24)))
      : null;
  if (mixed && scan.isKnown(name + mixed[1])) return { name: name + mixed[1], start: from, han: false };
  if (name.length < 2) return undefined;
  const bounded = i === to || !isHanAt(text, i) || HARD_STOP.has(text[i]);
  if (bounded && name.length <= 6) return { name, start: from, han: true };
  return { name: name.slice(0, 6), start: from, han: true, edge: 'head' };
}

/** The readings of an edge item on segment boundaries, 2–4 characters from its near end. */
function edgeReadings(scan: Scan, item: ListItem): { name: string; start: number }[] {
  const cuts = scan.boundaries(item.name) ?? [];
  const readings: { name: string; start: number }[] = [];
  for (const cut of cuts) {
    const [from, to] = item.edge === 'head' ? [0, cut] : [cut, item.name.length];
    if (to - from >= 2 && to - from <= 4) readings.push({ name: item.name.slice(from, to), start: item.start + from });
  }
  // A known reading is the item: nothing to propose.
  return readings.some((r) => scan.isKnown(r.name)) ? [] : readings;
}

// ---------------------------------------------------------------------------------------------------------
// Counting, filtering, ranking

interface Candidate {
  key: string;
  /** The rule of its first hit. */
  rule: Rule;
  forms: Map<string, number>;
  types: Map<EntityType, number>;
  /** Every hit was weak. */
  weak: boolean;
  /** How many times a rule found it. */
  hits: number;
  latin: boolean;
  /** A hit stood elsewhere than at a Latin sentence start. */
  midSentence: boolean;
  /** Names whose "X公司" this is: dropped when X is proposed. */
  heads: Set<string>;
  /** Latin forms folded keeping case: "Apple" counts, "apple" does not. */
  caseForms: Set<string>;
  /** Starts of its occurrences outside covered mentions, ascending. */
  starts: number[];
  /** An occurrence follows a determiner: a common noun ("该公司", "这些模型"). */
  generic: boolean;
}

const TYPE_PRIORITY: EntityType[] = ['organization', 'person', 'publication'];
const DETERMINER_CHAR = new Set('这那该此各每某另'.split(''));
const DETERMINER_PAIR = new Set('其他 其它 一些 许多 很多 众多 诸多 所有 不少 大量 这些 那些'.split(' '));
const QUANTIFIER = /[一两几数多这那该每]/;
const MEASURE = /[家个款种位名类项批]/;

/** Whether a determiner or a quantity stands right before `start`. */
function determinerBefore(text: string, start: number): boolean {
  if (start === 0) return false;
  const one = text[start - 1];
  if (DETERMINER_CHAR.has(one)) return true;
  if (start < 2) return false;
  const two = text[start - 2];
  return DETERMINER_PAIR.has(two + one) || (MEASURE.test(one) && QUANTIFIER.test(two));
}

/** Adds the hits to their candidates in `byKey` (by folded name). */
function gather(scan: Scan, hits: Hit[], byKey: Map<string, Candidate>): void {
  const latinNames = new Map<string, boolean>();
  for (const hit of hits) {
    const key = scan.fold(hit.name);
    if (key.length < 2 || scan.known.has(key)) continue;
    let latin = latinNames.get(hit.name);
    if (latin === undefined) latinNames.set(hit.name, (latin = !/[\p{Script=Han}\p{Script=Katakana}]/u.test(hit.name)));
    if (!latin && hit.rule !== 'title' && hit.rule !== 'organization' && scan.isGeneric(hit.name)) continue;
    let c = byKey.get(key);
    if (!c) {
      c = {
        key,
        rule: hit.rule,
        forms: new Map(),
        types: new Map(),
        weak: true,
        hits: 0,
        latin,
        midSentence: false,
        heads: new Set(),
        caseForms: new Set(),
        starts: [],
        generic: false,
      };
      byKey.set(key, c);
    }
    c.weak &&= hit.weak === true;
    c.hits++;
    c.midSentence ||= !hit.sentenceInitial;
    if (hit.type) c.types.set(hit.type, (c.types.get(hit.type) ?? 0) + 1);
    if (hit.head) c.heads.add(scan.fold(hit.head));
    if (latin) c.caseForms.add(scan.fold(hit.name, true));
  }
}

/** Every occurrence of the candidates outside covered mentions and known names, in one pass over the text. */
function count(scan: Scan, candidates: Candidate[]): void {
  const { text } = scan;
  const known = [...scan.known];
  if (candidates.length === 0 && known.length === 0) return;
  const automaton = compileAutomaton([...candidates.map((c) => c.key), ...known]);
  // Flat arrays: a megabyte of text has hundreds of thousands of occurrences.
  const found: number[] = [];
  const knownSpans: Span[] = [];
  scanAutomaton(automaton, text, (start, end, group) => {
    if (group[0] >= candidates.length) {
      knownSpans.push({ start, end });
      return;
    }
    const c = candidates[group[0]];
    if (c.latin) {
      // A Latin name counts where it is written as a word in its case: "Apple", not "apple" or "Applebee".
      if (!c.caseForms.has(foldText(text.slice(start, end), true)) || !isOnBoundaries(text, start, end)) return;
    } else if (determinerBefore(text, start)) {
      c.generic = true;
    }
    found.push(group[0], start, end);
  });
  scan.setKnownSpans(knownSpans);
  for (let i = 0; i < found.length; i += 3) {
    const [c, start, end] = [candidates[found[i]], found[i + 1], found[i + 2]];
    if (scan.isCovered(start, end)) continue;
    const form = text.slice(start, end);
    c.forms.set(form, (c.forms.get(form) ?? 0) + 1);
    c.starts.push(start);
  }
}

function isAccepted(c: Candidate): boolean {
  return c.starts.length > 0 && !c.generic && (!c.weak || c.starts.length >= MIN_WEAK_COUNT);
}

/**
 * Keeps of each candidate the occurrences that are not part of a longer one's: "王秀" inside "王秀芳",
 * "字节" inside "字节跳动", "Mistral" inside "Mistral AI" are not that name.
 */
function keepFreeOccurrences(candidates: Candidate[]): void {
  const automaton = compileAutomaton(candidates.map((c) => c.key));
  const containers = new Map<Candidate, { by: Candidate; offset: number }[]>();
  for (const outer of candidates) {
    scanAutomaton(automaton, outer.key, (start, _end, group) => {
      const inner = candidates[group[0]];
      if (inner === outer) return;
      let list = containers.get(inner);
      if (!list) containers.set(inner, (list = []));
      list.push({ by: outer, offset: start });
    });
  }
  for (const [inner, list] of containers) {
    const outers = list.map(({ by, offset }) => ({ starts: new Set(by.starts), offset }));
    inner.starts = inner.starts.filter((s) => !outers.some(({ starts, offset }) => starts.has(s - offset)));
  }
}

/**
 * A short form after its full name is that name again: a person's last words ("Satya Nadella … Nadella",
 * "Kaoutar El Maghraoui … El Maghraoui", "山姆·奥特曼 … 奥特曼"), an organisation's first word before its
 * tail ("Mistral AI … Mistral").
 */
function mergeShortForms(candidates: Candidate[]): Candidate[] {
  const full = candidates.filter((c) => (c.latin ? c.key.includes(' ') : NAME_DOT.test(c.key)) && c.starts.length > 0);
  const merged = new Set<Candidate>();
  const isShortForm = (short: string, long: string, organization: boolean) => {
    if (!long.startsWith(short + ' ') && !long.endsWith(' ' + short)) return false;
    const rest = long.startsWith(short + ' ') ? long.slice(short.length + 1) : '';
    if (rest) return rest.split(' ').every((w) => ORG_TAIL_FOLDED.has(w));
    return !organization && long.split(' ').length <= 4;
  };
  const isHanShortForm = (short: string, long: string) =>
    long.length > short.length && NAME_DOT.test(long[long.length - short.length - 1]) && long.endsWith(short);
  for (const c of candidates) {
    if (c.starts.length === 0) continue;
    const longer = full
      .filter((f) => f !== c && f.starts[0] < c.starts[0])
      .filter((f) =>
        c.latin ? f.latin && isShortForm(c.key, f.key, f.types.has('organization')) : !f.latin && isHanShortForm(c.key, f.key),
      )
      .sort((a, b) => b.starts.length - a.starts.length)[0];
    if (!longer) continue;
    longer.starts = [...longer.starts, ...c.starts].sort((a, b) => a - b);
    for (const [form, n] of c.forms) if (!longer.forms.has(form)) longer.forms.set(form, -n); // never the shown form
    merged.add(c);
  }
  return candidates.filter((c) => !merged.has(c));
}

function collect(input: ProposeNamesInput): (NameCandidate & { rule: Rule })[] {
  const scan = new Scan(input);
  const { text } = scan;
  const lang = (input.lang ?? '').toLowerCase();
  const chinese = /\p{Script=Han}/u.test(text) && !lang.startsWith('ja') && !lang.startsWith('ko');
  const hits: Hit[] = [];
  latinHits(scan, hits);
  titleHits(text, hits);
  if (/\p{Script=Han}/u.test(text) && !lang.startsWith('ko')) organizationHits(scan, hits);
  if (chinese) personHits(scan, hits);
  if (chinese) dotNameHits(text, hits);
  katakanaHits(text, hits);
  const byKey = new Map<string, Candidate>();
  gather(scan, hits, byKey);
  if (chinese) {
    // Lists last: an item is a name when a list-mate is known or a candidate (a weak one found thrice), so
    // that one pass over the text counts them all.
    const vouching = [...byKey.values()].filter((c) => (!c.weak || c.hits >= MIN_WEAK_COUNT) && (!c.latin || c.midSentence));
    const listed: Hit[] = [];
    listHits(scan, listed, new Set(vouching.map((c) => c.key)));
    gather(scan, listed, byKey);
  }
  count(scan, [...byKey.values()]);

  let accepted = [...byKey.values()].filter(isAccepted);
  const acceptedKeys = new Set(accepted.map((c) => c.key));
  accepted = accepted.filter((c) => ![...c.heads].some((head) => head !== c.key && acceptedKeys.has(head)));
  keepFreeOccurrences(accepted);
  accepted = mergeShortForms(accepted.filter(isAccepted))
    // "However", "Researchers": capitalised only ever at a sentence start.
    .filter((c) => !c.latin || c.midSentence);

  return accepted
    .map((c) => {
      const start = c.starts[0];
      const [name] = [...c.forms].sort((a, b) => b[1] - a[1])[0];
      const types = [...c.types].sort((a, b) => b[1] - a[1] || TYPE_PRIORITY.indexOf(a[0]) - TYPE_PRIORITY.indexOf(b[0]));
      const candidate: NameCandidate & { rule: Rule } = {
        name,
        count: c.starts.length,
        sentence: scan.sentenceAt(start),
        start,
        rule: c.rule,
      };
      if (types.length > 0) candidate.type = types[0][0];
      return candidate;
    })
    .sort((a, b) => b.count - a.count || a.start - b.start);
}

/**
 * Names the text has that no known entity covers, best first (higher count, then earlier). See the rules at
 * the top of this file.
 */
export function proposeNames(input: ProposeNamesInput): NameCandidate[] {
  return collect(input).map(({ name, count, type, sentence, start }) =>
    type ? { name, count, type, sentence, start } : { name, count, sentence, start },
  );
}

// ---------------------------------------------------------------------------------------------------------
// The build script's report (`npm run index -- --discover`)

export interface Discovery {
  kind: 'latin-name' | 'speaker' | 'title' | 'organization' | 'list-item' | 'katakana';
  text: string;
  source: string;
  start: number;
}

const KIND: Record<Rule, Discovery['kind']> = {
  latin: 'latin-name',
  person: 'speaker',
  title: 'title',
  organization: 'organization',
  list: 'list-item',
  katakana: 'katakana',
};

/** Candidates the matcher did not cover, deduplicated by text, in order of first appearance. */
export function discoverUncovered(sources: { source: IndexSource; mentions: Mention[] }[]): Discovery[] {
  const found: Discovery[] = [];
  const seen = new Set<string>();
  for (const { source, mentions } of sources) {
    const candidates = collect({ text: source.text, paragraphs: source.paragraphs, covered: mentions, lang: source.lang });
    for (const c of candidates.sort((a, b) => a.start - b.start)) {
      const kind = KIND[c.rule];
      if (seen.has(`${kind}:${c.name}`)) continue;
      seen.add(`${kind}:${c.name}`);
      found.push({ kind, text: c.name, source: source.id, start: c.start });
    }
  }
  return found;
}
