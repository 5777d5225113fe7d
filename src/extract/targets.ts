import type { Comparator, Target } from '../model/types.js';
import { innermostTask, spanPosition, type Block, type Context } from './context.js';
import { foldDigits } from '../model/normalize.js';
import { sentenceAround } from './sentence.js';

/**
 * Quantitative targets in prose: 城区公交站点500米覆盖率达到90%, 学前三年毛入园率达95%以上,
 * 常住人口城镇化率达到50%左右. "到2025年，…" sets the year for what follows it in the same
 * paragraph. A number glued to more words (500米覆盖率, 5G, 4A级, G347) is part of a name,
 * not a target.
 */

/** Measure words, each optionally scaled (万人, 亿立方米, 1.5亿亩, 1万名). */
const BASE_UNITS =
  '个百分点|%|％|‰|个工作日|工作日|微克/立方米|毫克/升|名|处|口|立方米|人次|人|元|平方公里|公里|千米|平方米|公顷|亩|个|所|家|座|条|项|户|张|床|辆|套|台|件|间|栋|天|小时|分钟|倍|千瓦时|千瓦|兆瓦|吨|米|km|EFLOPS|PFLOPS|Gbps|Mbps';
// a bare 万 or 亿 counts too (标识注册量突破30亿)
const UNITS = `(?:(?:万|亿|千|百)?(?:${BASE_UNITS})(?:[（(][\\u4e00-\\u9fff]{1,2}[）)])?|万|亿)`;
const VERBS =
  '不低于|不少于|不超过|不高于|超过|达到|提高到|提升到|提高至|提升至|降低到|下降到|下降至|减少到|减少至|压减至|压减到|压缩至|压缩到|缩短至|缩短到|增加到|增加至|扩大到|扩大至|降至|降到|控制在|保持在|稳定在|突破|达|约';
const PER = '(?:/|每)(?:平方公里|万人|千人|百人|人|户|年|天|日|公里)';
const VALUE = new RegExp(`(${VERBS})?\\s*(\\d+(?:\\.\\d+)?)\\s*((?:${UNITS})(?:${PER})?)?\\s*(以上|以下|以内|左右)?`, 'g');
const YEAR_MARK = /(?:到|至|力争到|预计到|截至|截止|力争)\s*(\d{4})\s*年(?:底|末)?|(\d{4})\s*年(?:底|末)?前|(?:^|[，。；])\s*(\d{4})\s*年(?:底|末)?(?=[\u4e00-\u9fff])(?!以来|以前|前后|相比|比|同期)/g;
const AFTER_OK = /^($|[，。；、,;）)\s和及或等]|以)/;

export function extractTargets(ctx: Context): void {
  const taskOf = new Map<unknown, string>();
  for (const [n, s] of ctx.taskSections) taskOf.set(s, n);
  const out: Target[] = [];
  for (const b of ctx.blocks) {
    if (b.node.type === 'table' || (b.role && b.role !== 'preamble')) continue;
    // 发展基础 / 取得成效: figures of the past, not targets
    if (b.ancestors.some((a) => BACKGROUND.test(a.data.title))) continue;
    const task = innermostTask(b.ancestors, taskOf);
    out.push(...targetsIn(ctx, b, task));
  }
  ctx.model.targets = out;
}

const DIGIT = /[0-9０-９]/;

function targetsIn(ctx: Context, b: Block, task: string | null): Target[] {
  if (!DIGIT.test(b.content.text)) return [];
  const earliest = ctx.model.period?.start ?? (ctx.model.date ? Number(ctx.model.date.slice(0, 4)) : null);
  // full-width digits (２０２５年, ９５％) fold one for one, so indices stay those of the text
  const original = b.content.text;
  const text = foldDigits(original);
  const marks: { at: number; year: number }[] = [];
  // exec on the shared regexes: matchAll copies the regex on each call and iterates slowly
  YEAR_MARK.lastIndex = 0;
  for (let m = YEAR_MARK.exec(text); m; m = YEAR_MARK.exec(text)) {
    const year = Number(m[1] ?? m[2] ?? m[3]);
    // a deadline lies after the document was written: "2000年底前建成的小区" describes, it does not set a year
    if (earliest !== null && year < earliest) continue;
    marks.push({ at: m.index! + m[0].length, year });
  }
  const inClause = (i: number) => ctx.clauseRanges.some(([s, e]) => b.content.at(i) >= s && b.content.at(i) < e);
  const out: Target[] = [];
  VALUE.lastIndex = 0;
  for (let m = VALUE.exec(text); m; m = VALUE.exec(text)) {
    const [whole, verb, num, unit, suffix] = m;
    const start = m.index! + (verb ? 0 : whole.indexOf(num));
    const numAt = m.index! + whole.indexOf(num);
    const end = m.index! + whole.length;
    if (!unit && !verb && !suffix) continue;
    const before = text[numAt - 1] ?? '';
    if (GLUED_BEFORE.test(before) && !verb) continue;
    if (!AFTER_OK.test(text.slice(end))) continue;
    if (YEAR_ONLY.test(num) && !unit) continue;
    if (inClause(numAt)) continue;
    const { metric, verbText } = metricBefore(text, start, verb);
    if (!metric) continue;
    const comparatorText = suffix ?? verbText ?? null;
    const year = marks.findLast((k) => k.at <= start)?.year ?? null;
    out.push({
      metric,
      value: Number(num),
      unit: unit ? unit.replace('％', '%') : null,
      comparator: comparatorOf(suffix, verbText),
      comparatorText,
      year,
      raw: original.slice(start, end).trim(),
      sentence: sentenceAround(original, start, end, Infinity),
      section: b.section?.data.id ?? null,
      task,
      position: spanPosition(ctx, b.content, start, end),
    });
  }
  return out;
}

const BACKGROUND = /发展基础|发展成就|发展现状|基本情况|工作回顾|取得成效|主要成效|面临形势|发展环境/;
/** Words between the metric and its value that are neither: 比例原则上不低于, 比例保持100%. */
const HEDGE = /(原则上|保持|全部|均|要|应|需|须|可|累计|共计|总计|平均)+$/;
const FILLER = /^(并|且|使|让|其中|力争|全力|努力|确保|基本|实现|建成|创成|新增|累计|完成|全县|全市|全区|全面|按照标准|按照|按|建设|实施|新建|改造|打造|推进|，)+/;
const TRAILING_VERB = new RegExp(`(${VERBS}|为|在)$`);

// made once: a regex literal in a function is a new object each time it runs
const GLUED_BEFORE = /[\dA-Za-z.．第—\-－~～:：]/;
const YEAR_ONLY = /^\d{4}$/;
const HAN_CHAR = /[\u4e00-\u9fff]/;
const CLAUSE_BREAK = /[，。；：、,;:\n（(“”]/;
const LEADING_YEAR = /^(?:到|至|力争到|预计到|力争)?\s*\d{4}\s*年(?:底|末)?/;
const ENUMERATION = /^[一二三四五六七八九十]是/;
const FROM_YEAR = /由\s*\d{4}\s*年.*$/;
const BASE_YEAR = /[较比]\s*\d{4}\s*年(?:底|末)?/;
const CHANGE_ONLY = /^(提高|下降|增长|减少|降低|提升|增加)$/;

function metricBefore(text: string, start: number, verb: string | undefined): { metric: string; verbText: string | null } {
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
    else if (CLAUSE_BREAK.test(c)) break;
    s--;
  }
  let phrase = text.slice(s, start).trim();
  // "到2025年城区公交站点…": drop the year marker from the metric
  phrase = phrase.replace(LEADING_YEAR, '').replace(ENUMERATION, '');
  // "面积由2015年的52平方公里扩大到2020年的": the metric is what comes before 由
  phrase = phrase.replace(FROM_YEAR, '');
  let verbText = verb ?? null;
  const tv = TRAILING_VERB.exec(phrase);
  if (tv) {
    verbText ??= tv[1];
    phrase = phrase.slice(0, tv.index);
  }
  // "用水量较2015年下降": the base year belongs to the sentence, not to the metric's name
  phrase = phrase.replace(BASE_YEAR, '').replace(HEDGE, '');
  phrase = phrase.replace(FILLER, '').trim();
  if (CHANGE_ONLY.test(phrase)) phrase = '';
  return { metric: phrase.length >= 2 ? phrase : '', verbText };
}

function comparatorOf(suffix: string | undefined, verb: string | null): Comparator {
  if (suffix === '以上') return '>=';
  if (suffix === '以下' || suffix === '以内') return '<=';
  if (suffix === '左右') return '~';
  if (!verb) return '=';
  if (/不低于|不少于/.test(verb)) return '>=';
  if (/不超过|不高于|控制在/.test(verb)) return '<=';
  if (/超过|突破/.test(verb)) return '>';
  if (/压减|压缩|缩短/.test(verb)) return '<=';
  if (/约/.test(verb)) return '~';
  return '=';
}

