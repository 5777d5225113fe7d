import { foldDigits } from '../model/normalize.js';
import type { Comparator, Target } from '../model/types.js';
import type { SectionNode } from '../parse/outline.js';
import { type Block, type Context, clauseTest, innermostTask, spanPosition } from './context.js';
import { sentenceAround } from './sentence.js';

/**
 * Quantitative targets in prose: 城区公交站点500米覆盖率达到90%, 学前三年毛入园率达95%以上,
 * 常住人口城镇化率达到50%左右. "到2025年，…" sets the year for what follows it in the same
 * paragraph. A number glued to more words (500米覆盖率, 5G, 4A级, G347) is part of a name,
 * not a target — unless a comparator marks a count before its noun (不少于3个服务中心).
 * Ranges (5%—8%) give the lower bound and `upper`; ratios (2.5:1) a/b as indicator cells do;
 * a change (下降10个百分点) keeps its verb in comparatorText; 实现全覆盖 is 100 %, 翻一番 2 倍.
 */

/** Measure words, each optionally scaled (万人, 亿立方米, 1.5亿亩, 1万名). */
const BASE_UNITS =
  '个百分点|%|％|‰|个工作日|工作日|微克/立方米|毫克/升|名|处|口|立方米|人次|人|元|平方公里|公里|千米|平方米|公顷|亩|个|所|家|座|条|项|户|张|床|辆|台套|套|台|件|只|头|羽|株|棵|盏|块|根|艘|架|副|支|批|间|栋|天|小时|分钟|倍|千瓦时|千瓦|兆瓦|吨|米|场次|场|岁|km|EFLOPS|PFLOPS|Gbps|Mbps';
// a bare 万 or 亿 counts too (标识注册量突破30亿)
const UNITS = `(?:(?:万|亿|千|百)?(?:${BASE_UNITS})(?:[（(][\\u4e00-\\u9fff]{1,2}[）)])?|万|亿)`;
const VERBS =
  '不低于|不少于|不超过|不高于|超过|达到|提高到|提升到|提高至|提升至|降低到|下降到|下降至|减少到|减少至|压减至|压减到|压缩至|压缩到|缩短至|缩短到|缩小到|缩小至|增加到|增加至|扩大到|扩大至|降至|降到|控制在|保持在|稳定在|突破|达|约';
const PER_WORDS = '平方公里|万人|千人|百人|人|百户|千户|户|年|天|日|公里';
const PER = `(?:/|每)(?:${PER_WORDS})`;
// a ratio a:b (2.5:1) reads as a/b, as in indicator cells
const NUMBER = '(\\d+(?:\\.\\d+)?)(?:\\s*[:：]\\s*(\\d+(?:\\.\\d+)?))?';
// sticky: tried only where nextValue finds a match can start
const VALUE = new RegExp(`(${VERBS})?\\s*${NUMBER}\\s*((?:${UNITS})(?:${PER})?)?\\s*(及以上|及以下|以上|以下|以内|左右)?`, 'y');
/** The upper bound of a range: 5%—8%, 6%-8%, 10%～15%, 5至8个. */
const RANGE_TAIL = new RegExp(`^\\s*(?:—{1,2}|–|-|－|~|～|至)\\s*(\\d+(?:\\.\\d+)?)\\s*((?:${UNITS})(?:${PER})?)?\\s*(以上|以下|以内|左右)?`);
// 到2025年 / 力争到2025年 govern the rest of the paragraph; 2025年底前 / 2026年6月底前 their
// clause (to the next ；or 。); a period 2025—2027年 at a clause's head governs like 到2027年.
// Sticky, tried by nextYearMark: a longer word before the year needs YEAR_WORD_MAX raised.
const YEAR_MARK =
  /(?:到|至|力争到|预计到|截至|截止|力争)\s*(\d{4})\s*年(?:底|末)?|(\d{4})\s*年\s*(?:\d{1,2}\s*月)?(?:底|末|中)?(?:前|以前)|(?:^|[，。；：\s])\s*(\d{4})\s*年(?:底|末)?(?=[\u4e00-\u9fff])(?!(?:底|末)?(?:以来|以前|前|相比|比|同期))|(?:^|[，。；：\s])\s*\d{4}\s*年?\s*[—–\-－~～至]\s*(\d{4})\s*年(?![）)])/y;
const AFTER_OK = /^($|[，。；、,;）)\s和及或等]|以)/;
/** A figure that sets a norm: 每百户不低于20平方米的标准配建…. */
const NORM_AFTER = /^的(?:标准|要求)/;
/** A share followed by what it is a share of: 40%以上面积达到…, 80%以上的行政村…. */
const SHARE_AFTER = /^的?(?:面积|行政村|村|乡镇|社区|企业|学校|医院|人口)/;
/** Measure words of things counted, which may come before their noun (不少于3个服务中心). */
const COUNT_UNIT = /^(?:万|千|百)?(?:个|家|所|座|处|项|张|场|条|台套|台|套|辆|件|间|栋|名|支|批|只|头|株|棵|艘|架|盏|块)$/;
const COUNT_VERB = /^(?:不少于|不低于|超过|约)$/;
/** Suffixes that mark a count before its noun as a figure: 5个以上企业, 30个左右基地. */
const COUNT_SUFFIX = /^(?:及?以上|左右)$/;
/** Words that make a count before its noun what the period adds (新增30个基地): kept in the metric. */
const ADDED_BEFORE = /(?:新增|净增|新建)$/;
const COVERAGE = /(实现|做到|达到)?全覆盖(?=$|[，。；])/g;
const DOUBLING = /翻(一|两|二|三)番(以上)?/g;

export function extractTargets(ctx: Context): void {
  const taskOf = new Map<unknown, string>();
  for (const [n, s] of ctx.taskSections) taskOf.set(s, n);
  const out: Target[] = [];
  // each section's title tested once, not once for every block under it
  const background = new Map<SectionNode, boolean>();
  const isBackground = (a: SectionNode) => {
    let yes = background.get(a);
    if (yes === undefined) background.set(a, (yes = BACKGROUND.test(a.data.title)));
    return yes;
  };
  for (const b of ctx.blocks) {
    if (b.node.type === 'table' || (b.role && b.role !== 'preamble')) continue;
    // 发展基础 / 取得成效: figures of the past, not targets
    if (b.ancestors.some(isBackground)) continue;
    const task = innermostTask(b.ancestors, taskOf);
    out.push(...targetsIn(ctx, b, task));
  }
  ctx.model.targets = out;
}

const DIGIT = /[0-9０-９]/;

const SPACE = /\s/;
const VERB_MAX = Math.max(...VERBS.split('|').map((v) => v.length));
/** The longest word YEAR_MARK allows before a year's blanks and digits: 力争到, 预计到. */
const YEAR_WORD_MAX = 3;

const DIGIT_AHEAD = /[0-9０-９]/g;

function isDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19);
}

/**
 * The runs of digits, ASCII or full-width, as [start, end, start, end, …], and whether any is
 * full-width: one scan of the text serves the no-digit test, the folding and both searches below.
 */
function digitRuns(text: string): { runs: number[]; wide: boolean } {
  const runs: number[] = [];
  let wide = false;
  DIGIT_AHEAD.lastIndex = 0;
  // a regex test finds the next digit about twice as fast as a charCodeAt loop
  while (DIGIT_AHEAD.test(text)) {
    const start = DIGIT_AHEAD.lastIndex - 1;
    let end = start;
    for (; end < text.length && isDigit(text.charCodeAt(end)); end++) if (text.charCodeAt(end) > 57) wide = true;
    runs.push(start, end);
    DIGIT_AHEAD.lastIndex = end;
  }
  return { runs, wide };
}

/** The index in `runs` of the first run that ends after `from`; runs.length if none does. */
function runAfter(runs: number[], from: number): number {
  let lo = 0;
  let hi = runs.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[2 * mid + 1] > from) hi = mid;
    else lo = mid + 1;
  }
  return 2 * lo;
}

function blanksStart(text: string, at: number, floor: number): number {
  while (at > floor && SPACE.test(text[at - 1])) at--;
  return at;
}

/**
 * The match a global VALUE search from `from` gives, with VALUE tried only where one can start:
 * a match holds a number, and before its first digit only blanks and a verb. The regex tried at
 * every character was the costliest part of target extraction.
 */
function nextValue(text: string, runs: number[], from: number): RegExpExecArray | null {
  const k = runAfter(runs, from);
  if (k === runs.length) return null;
  const d = Math.max(runs[k], from);
  // a verb ends where the blanks before the number begin; without one the match starts there
  const w = blanksStart(text, d, from);
  for (let p = Math.max(from, w - VERB_MAX); p <= w; p++) {
    VALUE.lastIndex = p;
    const m = VALUE.exec(text);
    if (m) return m;
  }
  return null;
}

/**
 * The match a global YEAR_MARK search from `from` gives, likewise: every mark has a year of
 * exactly four digits, before it at most a three-character word (力争到) or break, then blanks.
 */
function nextYearMark(text: string, runs: number[], from: number): RegExpExecArray | null {
  for (let k = runAfter(runs, from); k < runs.length; k += 2) {
    const d = Math.max(runs[k], from);
    const r = runs[k + 1];
    if (r - d < 4) continue;
    // in a longer run only its last four digits can be a year (12025年底前)
    const lo = r - d > 4 ? r - 4 : Math.max(from, blanksStart(text, d, from) - YEAR_WORD_MAX);
    for (let p = lo; p <= r - 4; p++) {
      YEAR_MARK.lastIndex = p;
      const m = YEAR_MARK.exec(text);
      if (m) return m;
    }
  }
  return null;
}

interface YearMark {
  at: number;
  year: number;
  /** Where the mark stops governing: a deadline at its clause's end, others never. */
  until: number;
}

function targetsIn(ctx: Context, b: Block, task: string | null): Target[] {
  const original = b.content.text;
  // a literal look-up is much quicker than a regex scan: COVERAGE and DOUBLING run only where they can match
  const coverage = original.includes('全覆盖');
  const doubling = original.includes('番');
  const { runs, wide } = digitRuns(original);
  if (runs.length === 0 && !coverage && !doubling) return [];
  const earliest = ctx.model.period?.start ?? (ctx.model.date ? Number(ctx.model.date.slice(0, 4)) : null);
  // full-width digits (２０２５年, ９５％) fold one for one, so indices and runs stay those of the text
  const text = wide ? foldDigits(original) : original;
  const marks: YearMark[] = [];
  for (let m = nextYearMark(text, runs, 0); m; m = nextYearMark(text, runs, m.index + m[0].length)) {
    const year = Number(m[1] ?? m[2] ?? m[3] ?? m[4]);
    // a deadline lies after the document was written: "2000年底前建成的小区" describes, it does not set a year
    if (earliest !== null && year < earliest) continue;
    const at = m.index! + m[0].length;
    marks.push({ at, year, until: m[2] ? clauseEnd(text, at) : Infinity });
  }
  const yearAt = (start: number) => marks.findLast((k) => k.at <= start && start < k.until)?.year ?? null;
  // a binary search: every figure asks (a linear scan over a 分工方案's hundreds of clauses was costly)
  const clauses = clauseTest(ctx);
  const inClause = (i: number) => clauses(b.content.at(i));
  const found: Target[] = [];
  // fields copied one by one: a spread followed by more fields takes V8's slow path (~5 µs a target)
  const make = (t: Omit<Target, 'year' | 'raw' | 'sentence' | 'section' | 'task' | 'position'>, start: number, end: number): Target => ({
    metric: t.metric,
    value: t.value,
    unit: t.unit,
    comparator: t.comparator,
    comparatorText: t.comparatorText,
    upper: t.upper,
    year: yearAt(start),
    raw: original.slice(start, end).trim(),
    sentence: sentenceAround(original, start, end, Infinity),
    section: b.section?.data.id ?? null,
    task,
    position: spanPosition(ctx, b.content, start, end),
  });
  let last: { metric: string; end: number } | null = null;
  let from = 0;
  for (let m = nextValue(text, runs, from); m; m = nextValue(text, runs, from)) {
    const [whole, verb, num, denominator] = m;
    let [, , , , unit, suffix] = m as unknown as (string | undefined)[];
    const start = m.index! + (verb ? 0 : whole.indexOf(num));
    const numAt = m.index! + whole.indexOf(num);
    let end = m.index! + whole.length;
    from = end;
    // A、B分别达到x、y: one target a listed metric
    const list = denominator || inClause(numAt) ? null : fenbieList(text, start, numAt);
    if (list) {
      for (const t of list.targets) found.push(make({ ...t, upper: null }, t.start, t.end));
      from = list.end;
      last = { metric: list.targets[list.targets.length - 1].metric, end: list.end };
      continue;
    }
    const value = denominator ? Number(num) / Number(denominator) : Number(num);
    let upper: number | null = null;
    if (!denominator && !suffix) {
      const range = RANGE_TAIL.exec(text.slice(end));
      if (range?.[2] && (!unit || unit === range[2]) && Number(range[1]) > value) {
        upper = Number(range[1]);
        unit = range[2];
        suffix = range[3];
        end += range[0].length;
        from = end;
      }
    }
    if (!unit && !verb && !suffix && !denominator) continue;
    if (denominator && !verb && !suffix) continue; // a ratio stated without a verb: a present level (由3.2:1…)
    const before = text[numAt - 1] ?? '';
    if (GLUED_BEFORE.test(before) && !verb) continue;
    if (YEAR_ONLY.test(num) && !unit) continue;
    if (inClause(numAt)) continue;
    // 60岁及以上老年人: a class of people, not a figure
    if (suffix?.startsWith('及') && HAN_CHAR.test(text[end] ?? '')) continue;
    const after = text.slice(end);
    let noun: string | null = null;
    let norm: string | null = null;
    if (!AFTER_OK.test(after)) {
      if ((verb || suffix) && NORM_AFTER.test(after)) norm = phraseAfter(text, end + NORM_AFTER.exec(after)![0].length);
      else if (unit && COUNT_UNIT.test(unit) && ((verb && COUNT_VERB.test(verb)) || (suffix && COUNT_SUFFIX.test(suffix)))) {
        noun = phraseAfter(text, end);
        const added = ADDED_BEFORE.exec(text.slice(clauseStart(text, start), start));
        if (added && noun.length >= 2) noun = added[0] + noun;
      }
      // 建成区40%以上面积达到…要求: the share of the whole that meets it
      else if (unit && /^[%％]$/.test(unit) && (verb || suffix) && SHARE_AFTER.test(after)) norm = phraseAfter(text, end).replace(/^的/, '');
      if (!(noun && noun.length >= 2) && !(norm && norm.length >= 2)) continue;
    }
    const read = metricBefore(text, start, verb);
    if (read.fact) continue;
    let metric = noun ?? read.metric;
    if (norm) metric = read.subject + norm;
    // 2027年底前达到70%以上 after ……率达到60%以上； in the same sentence: the same metric
    if (!metric && read.bare && last && !/[。！？]/.test(text.slice(last.end, start))) metric = last.metric;
    // 零售总额达到680亿元，同比增长6%以上: the change is of the metric before it
    else if (!metric && read.change && last && !/[。！？；]/.test(text.slice(last.end, start))) metric = last.metric + read.change;
    if (!metric) continue;
    const verbText = read.verbText;
    const comparatorText = suffix ?? verbText ?? null;
    const cleanUnit = unit ? unit.replace('％', '%') + (read.per ? `/${read.per}` : '') : null;
    found.push(
      make(
        {
          metric,
          value,
          unit: cleanUnit,
          comparator: upper !== null && !suffix ? '>=' : comparatorOf(suffix, verbText),
          comparatorText,
          upper,
        },
        start,
        end,
      ),
    );
    last = { metric, end };
  }
  // 实现全覆盖: a coverage of 100 %; 推进…全覆盖 only sets a direction
  COVERAGE.lastIndex = 0;
  for (let m = coverage ? COVERAGE.exec(text) : null; m; m = COVERAGE.exec(text)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (inClause(start)) continue;
    const clause = text.slice(clauseStart(text, start), start);
    if (!m[1] && !/实现|做到|达到/.test(clause)) continue;
    if (/推进|推动|逐步|已(?:经)?(?:实现|做到|达到|$)/.test(clause + (m[1] ?? ''))) continue;
    const read = metricBefore(text, start, undefined);
    if (read.fact || !read.metric) continue;
    const metric = read.metric.replace(/(?:实现|做到|达到)$/, '').replace(/^(?:实现|做到|达到)/, '');
    if (metric.length < 2) continue;
    const rawStart = m[1] ? start : start + m[0].indexOf('全覆盖');
    found.push(
      make(
        { metric: /覆盖率?$/.test(metric) ? metric : `${metric}覆盖率`, value: 100, unit: '%', comparator: '=', comparatorText: '全覆盖', upper: null },
        rawStart,
        end,
      ),
    );
  }
  // 翻一番: twice the base year's level
  DOUBLING.lastIndex = 0;
  for (let m = doubling ? DOUBLING.exec(text) : null; m; m = DOUBLING.exec(text)) {
    const start = m.index!;
    if (inClause(start)) continue;
    const read = metricBefore(text, start, undefined);
    const metric = read.metric.replace(/(?:实现|力争)$/, '');
    if (read.fact || metric.length < 2) continue;
    const factor = 2 ** ({ 一: 1, 两: 2, 二: 2, 三: 3 } as Record<string, number>)[m[1]];
    found.push(make({ metric, value: factor, unit: '倍', comparator: m[2] ? '>=' : '=', comparatorText: m[0], upper: null }, start, start + m[0].length));
  }
  return found.sort((x, y) => x.position.start.offset - y.position.start.offset);
}

const BACKGROUND = /发展基础|发展成就|发展现状|基本情况|工作回顾|取得成效|主要成效|面临形势|发展环境/;
/** Words between the metric and its value that are neither: 比例原则上不低于, 比例保持100%, 床位力争达到. */
const HEDGE = /(原则上|保持|全部|均|要|应|需|须|可|累计|共计|总计|平均|力争|争取|努力|确保|基本)+$/;
/**
 * Words at a metric's head that say nothing of what the figure counts: connectives, hedges, the
 * document's own year and place (全年, 全县). Not 新增 / 累计 / 新建 / 改造 / 建设 / 建成 / 打造:
 * they make the figure what the period adds or builds (新增养老床位 400张), not a level.
 */
const FILLER = /^(并|且|使|让|其中|力争|全力|努力|确保|基本|实现|完成|全年|年内|全县|全市|全区|全面|按照标准|按照|按|实施|推进|积极|或|，|、)+/;
/** Nothing but such a word before the figure (2026年新增300张): no metric of its own. */
const ADDED_ONLY = /^(?:新增|净增|累计|新建|改造|建设|建成|创成|打造)+$/;
const TRAILING_VERB = new RegExp(`(${VERBS}|为|在)$`);

// made once: a regex literal in a function is a new object each time it runs
const GLUED_BEFORE = /[\dA-Za-z.．第—\-－~～:：]/;
const YEAR_ONLY = /^\d{4}$/;
const HAN_CHAR = /[\u4e00-\u9fff]/;
const CLAUSE_BREAK = /[，。；：、,;:\n（(“”]/;
const SENTENCE_BREAK = /[；。！？;\n]/;
/** 到2025年 / 2025年底前 / 2026年6月底前 / 2025—2027年 at the head of a metric. */
const LEADING_YEAR = /^(?:到|至|力争到|预计到|力争|在)?\s*(?:\d{4}\s*年?\s*[—–\-－~～至]\s*)?\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:底|末)?(?:前|以前)?(?:期间|内)?/;
/** 覆盖率2026年底前 (达到100%): a deadline between the metric and its figure. */
const TRAILING_YEAR = /(?:到|至|在)?\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:底|末)?(?:前|以前)?$/;
const ENUMERATION = /^[一二三四五六七八九十]是/;
const FROM_YEAR = /由\s*\d{4}\s*年.*$/;
const BASE_YEAR = /[较比]\s*\d{4}\s*年(?:底|末)?|同比|环比|(?:较|比)上(?:一)?年(?:度|同期)?|(?:较|比)去年(?:同期)?/;
const CHANGE_ONLY = /^(提高|下降|增长|减少|降低|提升|增加)$/;
/** A change stated by its verb right before the figure: 闲置率下降10个百分点, 增加值增长8%. */
const CHANGE_VERB = /(下降|降低|增长|提高|提升|减少|增加|缩小|扩大|缩短|压减|压缩)$/;
/** A level the text reports, not one it sets: 收集率仅为48.6%, 漏损率已达到12%, 指出…问题6个. */
const PRESENT = /(仅|只|尚|目前|当前|已经|已|(?<![实体表发出展])现)$/;
const REPORTED = /^(指出|反馈|发现|查出|尚有)/;
/** 每百户 (不低于20平方米): the figure is per 百户. */
const PER_BEFORE = new RegExp(`(?:按照|按|以)?每(${PER_WORDS})$`);
/** 面积不低于总建筑面积的 (50%): the comparator stands before the whole the figure is a share of. */
const SHARE_OF = /^(.+?)(不低于|不少于|不超过|不高于|低于|高于|超过)([\u4e00-\u9fff]{1,12})的$/;

function clauseEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (SENTENCE_BREAK.test(text[i])) return i;
  return text.length;
}

function clauseStart(text: string, from: number): number {
  let s = from;
  while (s > 0 && !CLAUSE_BREAK.test(text[s - 1])) s--;
  return s;
}

/** The words after a figure up to the clause's end: 农村区域养老服务中心 (不少于3个…), 配建社区养老服务设施 (…的标准…). */
function phraseAfter(text: string, from: number): string {
  let e = from;
  while (e < text.length && !CLAUSE_BREAK.test(text[e]) && text[e] !== '并') e++;
  return text.slice(from, e).trim();
}

/** Walking back over 、: an enumeration of modifiers (生活照料、康复护理的面积) is part of the metric. */
function enumeratesModifiers(text: string, comma: number, start: number): boolean {
  const previous = text.slice(clauseStart(text, comma), comma);
  if (previous.length === 0 || DIGIT.test(previous)) return false;
  return /[的等]/.test(text.slice(comma + 1, start)) || previous.length <= 4;
}

function metricBefore(
  text: string,
  start: number,
  verb: string | undefined,
): { metric: string; verbText: string | null; per: string | null; fact: boolean; bare: boolean; subject: string; change?: string } {
  // back to the start of the clause; a bracket closed inside the metric (自然村(组)通…) is part of it
  let s = start;
  let depth = 0;
  let quoted = false;
  while (s > 0) {
    const c = text[s - 1];
    if (c === ')' || c === '）') depth++;
    else if ((c === '(' || c === '（') && depth > 0) depth--;
    // a quoted name inside the metric: 专精特新“小巨人”企业
    else if (c === '”' && !quoted && HAN_CHAR.test(text[s] ?? '')) quoted = true;
    else if (c === '“' && quoted) quoted = false;
    else if (c === '、' && depth === 0 && !quoted && enumeratesModifiers(text, s - 1, start)) {
      s--;
      continue;
    } else if ((c === ':' || c === '：') && DIGIT.test(text[s - 2] ?? '') && DIGIT.test(text[s] ?? '')) {
      s--; // a ratio inside the phrase: 之比由2024年的3.2:1缩小到…
      continue;
    } else if (CLAUSE_BREAK.test(c)) break;
    s--;
  }
  let phrase = text.slice(s, start).trim();
  const reported = REPORTED.test(phrase);
  // "到2025年城区公交站点…": drop the year marker from the metric
  phrase = phrase.replace(LEADING_YEAR, '').replace(ENUMERATION, '');
  // nothing but a time mark (；2027年底前达到70%以上): the clause goes on with the metric before it
  const bare = phrase.trim() === '' && text.slice(s, start).trim() !== '';
  // "面积由2015年的52平方公里扩大到2020年的": the metric is what comes before 由
  phrase = phrase.replace(FROM_YEAR, '');
  let verbText = verb ?? null;
  const tv = TRAILING_VERB.exec(phrase);
  if (tv) {
    verbText ??= tv[1];
    phrase = phrase.slice(0, tv.index);
  }
  if (reported || PRESENT.test(phrase)) return { metric: '', verbText, per: null, fact: true, bare, subject: '' };
  const share = verb ? null : SHARE_OF.exec(phrase);
  if (share) {
    phrase = `${share[1]}占${share[3]}`;
    verbText ??= share[2];
  }
  let per: string | null = null;
  const perBefore = PER_BEFORE.exec(phrase);
  if (perBefore) {
    per = perBefore[1];
    phrase = phrase.slice(0, perBefore.index);
  }
  // "用水量较2015年下降": the base year belongs to the sentence, not to the metric's name
  phrase = phrase.replace(BASE_YEAR, '').replace(TRAILING_YEAR, '').replace(HEDGE, '');
  phrase = phrase.replace(/(?:原则上|应|要|须|需|均)+占/, '占');
  // the subject a norm applies to keeps its words: 新建住宅小区 (按每百户…的标准)
  const subject = phrase.trim();
  phrase = phrase.replace(FILLER, '').trim();
  if (!verbText) verbText = CHANGE_VERB.exec(phrase)?.[1] ?? null;
  const change = CHANGE_ONLY.test(phrase) ? phrase : undefined;
  if (change || ADDED_ONLY.test(phrase)) phrase = '';
  return { metric: phrase.length >= 2 ? phrase : '', verbText, per, fact: false, bare, subject, change };
}

/** 分别 and the verb after it, right before a list's first figure: 分别达到, 分别年均增长, 分别为. */
const FENBIE = new RegExp(`分别\\s*((?:年均)?(?:${VERBS}|增长|下降|降低|提高|提升|减少|增加|为))?\\s*$`);
const LIST_BREAKS = new Set([...'，。；：,;:\n'].map((c) => c.charCodeAt(0)));
const LIST_FIGURE = new RegExp(`${NUMBER}\\s*((?:${UNITS})(?:${PER})?)?`, 'y');
const LIST_JOIN = /\s*(?:、|和|及|与)\s*(?=\d)/y;
const LIST_SUFFIX = /\s*(及以上|及以下|以上|以下|以内|左右)/y;
/** A place word at a list's head (全省肉类、果蔬…): where, not one of the things listed. */
const SCOPE_HEAD = /^全[国省市县区镇乡州]/;

interface ListTarget {
  metric: string;
  value: number;
  unit: string | null;
  comparator: Comparator;
  comparatorText: string | null;
  start: number;
  end: number;
}

/**
 * 肉类、果蔬、水产品产地低温处理率分别达到85%、30%、85%以上: the listed metrics (split at 、, or
 * at 和/及/与 too when that gives as many as there are figures) paired with the figures in order.
 * A 以上/左右 after the last figure applies to each, as the sentence is read; a figure without a
 * unit takes the next one's (85、30、85%). When the counts differ, only the pairs there are.
 * Short items before a long last one share its tail (城市、县城污水处理率): the tail cannot be told
 * from the last item's head, so an earlier item is named as the whole list qualified by it
 * (城市、县城污水处理率（城市）) and the last one by itself, each true as written.
 */
function fenbieList(text: string, start: number, numAt: number): { targets: ListTarget[]; end: number } | null {
  // the list's phrase starts after the last break (，。；…) before the figure: a short walk back.
  // The 分别 is looked for only there (lastIndexOf over the whole text before each figure made
  // a long line without 分别 near its figures quadratic).
  let s = start;
  while (s > 0 && !LIST_BREAKS.has(text.charCodeAt(s - 1))) s--;
  if (numAt - 2 < s) return null;
  const fenbie = text.slice(s, numAt).lastIndexOf('分别', numAt - 2 - s);
  if (fenbie === -1) return null;
  const head = FENBIE.exec(text.slice(s, numAt));
  if (!head) return null;
  const figures: { value: number; unit: string | null; start: number; end: number }[] = [];
  let p = numAt;
  for (;;) {
    LIST_FIGURE.lastIndex = p;
    const f = LIST_FIGURE.exec(text);
    if (!f) break;
    const value = f[2] ? Number(f[1]) / Number(f[2]) : Number(f[1]);
    figures.push({ value, unit: f[3] ? f[3].replace('％', '%') : null, start: p, end: p + f[0].length });
    p += f[0].length;
    LIST_JOIN.lastIndex = p;
    if (!LIST_JOIN.exec(text)) break;
    p = LIST_JOIN.lastIndex;
  }
  if (figures.length < 2) return null;
  LIST_SUFFIX.lastIndex = p;
  const suffix = LIST_SUFFIX.exec(text)?.[1];
  const end = suffix ? LIST_SUFFIX.lastIndex : p;
  if (!AFTER_OK.test(text.slice(end))) return null;
  let phrase = text.slice(s, s + head.index).trim();
  if (REPORTED.test(phrase)) return null;
  phrase = phrase.replace(LEADING_YEAR, '').replace(BASE_YEAR, '').replace(HEDGE, '').replace(FILLER, '').trim();
  if (PRESENT.test(phrase)) return null;
  const byComma = phrase.split('、');
  const items = (byComma.length === figures.length ? byComma : phrase.split(/、|和|及|与/)).map((x) => x.trim());
  if (items.length < 2 || items.some((x) => x === '')) return null;
  for (let i = figures.length - 2; i >= 0; i--) figures[i].unit ??= figures[i + 1].unit;
  const said = head[1] ?? null;
  // a change keeps its verb in the metric, as for one metric (…年均增长)
  const change = said && CHANGE_ONLY.test(said.replace(/^年均/, '')) ? said : '';
  const verbText = change ? said!.replace(/^年均/, '') : said;
  const lastItem = items[items.length - 1];
  const earlier = items.slice(0, -1).map((x) => x.replace(SCOPE_HEAD, ''));
  const sharedTail = earlier.every((x) => x.length <= 4) && lastItem.length >= Math.max(...earlier.map((x) => x.length)) + 3;
  const n = Math.min(items.length, figures.length);
  const targets: ListTarget[] = [];
  for (let i = 0; i < n; i++) {
    const f = figures[i];
    const isLast = i === items.length - 1;
    const metric = sharedTail && !isLast ? `${phrase}${change}（${earlier[i]}）` : `${items[i]}${change}`;
    const fEnd = i === figures.length - 1 ? end : f.end;
    targets.push({
      metric,
      value: f.value,
      unit: f.unit,
      comparator: comparatorOf(suffix, verbText),
      comparatorText: suffix ?? verbText ?? null,
      start: i === 0 ? start : f.start,
      end: fEnd,
    });
  }
  return { targets, end };
}

function comparatorOf(suffix: string | undefined, verb: string | null): Comparator {
  if (suffix === '以上' || suffix === '及以上') return '>=';
  if (suffix === '以下' || suffix === '及以下' || suffix === '以内') return '<=';
  if (suffix === '左右') return '~';
  if (!verb) return '=';
  if (/不低于|不少于/.test(verb)) return '>=';
  if (/不超过|不高于|控制在/.test(verb)) return '<=';
  if (/超过|突破/.test(verb)) return '>';
  if (/^(?:压减|压缩|缩短|缩小)(?:到|至)$/.test(verb)) return '<=';
  if (/约/.test(verb)) return '~';
  return '=';
}
