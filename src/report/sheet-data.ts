import { formatNumber, targetFigure } from '../model/figures.js';
import { normalizeForMatch } from '../model/normalize.js';
import { type PageSpan, pageLocator } from '../model/pages.js';
import type { Department, Indicator, Mention, PolicyDocument, Role, Target, Task } from '../model/types.js';
import { carriedBy, carriersOf } from '../select/departments.js';
import { roleOf } from '../select/roles.js';
import { tagWords } from '../util/jieba.js';

/**
 * What a department's responsibility sheet (责任清单) says, computed from the model
 * alone: the tasks it leads (牵头) or supports (责任/配合), with the targets and indicators
 * each task touches, and its other mentions. Rendering is separate (sheet.ts).
 */

export interface IndicatorLink {
  indicator: Indicator;
  /** The part of the indicator's name found in the task text. */
  matched: string;
}

export interface SheetTask {
  task: Task;
  role: Role;
  /** How the document labels this department's part: 牵头, 责任, 配合 … */
  roleLabel: string;
  /** Lead units other than this department. */
  otherLeads: string[];
  targets: Target[];
  indicators: IndicatorLink[];
  /** The unit named in the task when it is not the department itself but one carrying its name with a second name (县财政局（县国资中心）); else null. */
  via: string | null;
  /** The pages of the source the task is on, for a document read from PDF or OFD; else null. */
  pages: PageSpan | null;
}

export interface SheetMention {
  mention: Mention;
  /** Titles of the enclosing sections, top first. */
  sectionPath: string[];
  /** A short name of the section: its title, or its label (第五条) when the title is a long sentence. */
  where: string;
}

/** Longest section title shown as is; longer ones are sentences (第X条 style) and give way to the label. */
const SHORT_TITLE = 16;

export interface SheetData {
  document: PolicyDocument;
  department: Department;
  leadCount: number;
  responsibleCount: number;
  tasks: SheetTask[];
  mentions: SheetMention[];
  /**
   * Units carrying the department's name with a second name (县财政局 → 县财政局（县国资中心）):
   * one office with two nameplates, so their tasks are on this sheet too, each marked with the
   * name it is assigned under (`via`) — the units a name means (select/departments.ts).
   */
  carriers: string[];
  /** For such a carrier's own sheet: the department whose sheet also lists its tasks (县财政局); else null. */
  seeAlso: string | null;
}

export function buildSheet(doc: PolicyDocument, department: Department): SheetData {
  const carriers = carriersOf(department, doc.departments);
  const pagesOf = pageLocator(doc);
  const tasks: SheetTask[] = [];
  for (const task of doc.tasks) {
    // the office's role under either of its names (select/roles.ts): lead under either before
    // responsible, the department's own name before its second-name unit's
    const held = roleOf(task, [department, ...carriers]);
    if (held === null) continue;
    const { role, unit } = held;
    tasks.push({
      task,
      role,
      roleLabel: roleLabel(task, unit.name, role),
      otherLeads: task.lead.filter((n) => n !== unit.name),
      targets: doc.targets.filter((t) => t.task === task.number),
      indicators: indicatorsTouched(task.text, doc.indicators),
      via: unit === department ? null : unit.name,
      pages: pagesOf?.(task.position) ?? null,
    });
  }
  const sections = new Map(doc.sections.map((s) => [s.id, s]));
  return {
    document: doc,
    department,
    leadCount: tasks.filter((t) => t.role === 'lead').length,
    responsibleCount: tasks.filter((t) => t.role === 'responsible').length,
    tasks,
    carriers: carriers.map((d) => d.name),
    seeAlso: carriedBy(department, doc.departments)?.name ?? null,
    // One entry per sentence: a unit named twice in a sentence is one mention to a reader.
    mentions: department.mentions
      .filter((m, i, all) => all.findIndex((o) => o.context === m.context) === i)
      .map((mention) => {
        const section = mention.section ? sections.get(mention.section) : undefined;
        const title = section?.title ?? '';
        // An article's (第十四条) "title" is its first sentence, however short: name it by its label.
        const byLabel = section?.style === 'article' && section.label.trim() !== '';
        const where = !section ? '' : !byLabel && [...title].length <= SHORT_TITLE ? title : section.label || `${[...title].slice(0, SHORT_TITLE).join('')}…`;
        return { mention, sectionPath: section?.path ?? [], where };
      }),
  };
}

function roleLabel(task: Task, name: string, role: Role): string {
  if (role === 'lead') return '牵头';
  const label = task.assignments.find((a) => a.name === name && a.role === role)?.label ?? '';
  // 责任单位 → 责任, 配合单位 → 配合; unlabelled support counts as 配合.
  const word = label.replace(/(单位|部门)$/, '');
  return word === '' || word === '牵头' ? '配合' : word;
}

// ---------------------------------------------------------------------------------------
// Which indicators a task touches

/** Measure words that end indicator names and say nothing about the subject. */
const MEASURE_SUFFIX = /(增长率|覆盖率|达标率|比重|比率|比例|占比|增速|指数|总量|人数|个数|数量|水平|率|比|数|量)$/;

/**
 * The part of an indicator's name that says what is measured: no bracketed unit
 * (（％）), no quotes, no trailing measure word. 城乡居民收入比 → 城乡居民收入.
 */
export function indicatorCore(name: string): string {
  let core = normalizeForMatch(name)
    .replace(/\([^)]*\)/g, '')
    .replace(/[“”"‘’'「」《》\s]/g, '');
  core = core.replace(MEASURE_SUFFIX, '');
  return core;
}

/** Shortest tail of the core that counts, in characters. */
export const MIN_MATCH = 4;

/**
 * An indicator is touched by a task when the task text names what the indicator measures:
 * a tail of the indicator's core name (see indicatorCore) at least 4 characters long, or
 * the whole core when it is shorter. The subject of a Chinese indicator name comes last
 * (城乡居民收入, 保障性租赁住房), its qualifiers first (城乡, 新市民), so the tail is what
 * matters: 城乡居民收入比 is touched by 缩小城乡居民收入差距 but not by 城乡居民基本养老保险;
 * 新市民保障性租赁住房覆盖率 by 扩大租赁住房供应渠道. A tail short of the whole core does not
 * count where the task gives it a qualifier of its own (see otherQualifier): 农村区域养老服务中心
 * is another kind of centre than 街道综合养老服务中心. Returns the longest tail found, or null.
 */
export function indicatorMatch(taskText: string, indicatorName: string): string | null {
  const core = [...indicatorCore(indicatorName)];
  if (core.length === 0) return null;
  const text = [...normalizeForMatch(taskText)];
  const shortest = Math.min(core.length, MIN_MATCH);
  let best = 0;
  // Each place the shortest tail ends: the longest tail of the core ending there.
  for (let at = 0; at + shortest <= text.length; at++) {
    let k = 0;
    while (k < shortest && text[at + k] === core[core.length - shortest + k]) k++;
    if (k < shortest) continue;
    let start = at;
    while (start > 0 && at + shortest - start < core.length && text[start - 1] === core[core.length - (at + shortest - start) - 1]) start--;
    const len = at + shortest - start;
    if (len === core.length) return core.join('');
    if (len > best && !otherQualifier(text, start, at + shortest, core.slice(0, core.length - len).join(''))) best = len;
  }
  return best === 0 ? null : core.slice(core.length - best).join('');
}

/** jieba tags of nouns, places, 区别词 and the like: such a word before a tail qualifies it. Not nz (大力发展 is one), not vn (建设). */
const NOMINAL_TAG = /^(n|nr|nrt|nrfg|ns|nt|ng|s|f|b|an)$/;
const HAN = /\p{Script=Han}/u;

/**
 * Whether the task text gives the tail text[start, end) a qualifier the indicator does not
 * have (its own qualifier is `qualifier`, the core before the tail): a noun right before the
 * tail (农村区域|养老服务中心, 家庭|养老床位), or a word the tail starts inside (物流业|增加值
 * for 工业增加值). A verb (新增养老床位), a conjunction (与养老服务中心), punctuation or a
 * number before it, or a word the indicator's name has too (县城|污水处理 for 县城生活污水处理,
 * 工业|数字化改造 for 规上工业企业数字化改造), is no other qualifier.
 */
function otherQualifier(text: string[], start: number, end: number, qualifier: string): boolean {
  if (start === 0 || !HAN.test(text[start - 1])) return false;
  // the clause around the tail, back to the last punctuation (at most 12 characters)
  let from = start;
  while (from > 0 && start - from < 12 && HAN.test(text[from - 1])) from--;
  const words = tagWords(text.slice(from, end).join(''));
  if (words === null) return false;
  let offset = from;
  for (const { word, tag } of words) {
    const length = [...word].length;
    const next = offset + length;
    if (next >= start) {
      // the word right before the tail, or the one the tail starts inside
      if (qualifier.includes(word)) return false;
      if (next > start) return true;
      return NOMINAL_TAG.test(tag);
    }
    offset = next;
  }
  return false;
}

export function indicatorsTouched(taskText: string, indicators: Indicator[]): IndicatorLink[] {
  const links: IndicatorLink[] = [];
  for (const indicator of indicators) {
    const matched = indicatorMatch(taskText, indicator.name);
    if (matched !== null) links.push({ indicator, matched });
  }
  return links;
}

// ---------------------------------------------------------------------------------------
// Small formatting helpers shared by the reports

/** 2023-04-26 → 2023年4月26日. */
export function chineseDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

const COMPARATOR_TEXT: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '', '~': '约' };

/** 城区公交站点500米覆盖率 ≥ 90%（2025年）. */
export function describeTarget(t: Target): string {
  // a range states both bounds itself: 5—8%, not ≥5—8%
  const cmp = t.upper !== null && t.upper !== undefined ? '' : (COMPARATOR_TEXT[t.comparator] ?? t.comparator);
  const value = `${cmp}${targetFigure(t)}${t.unit ?? ''}`;
  return `${t.metric}：${value}${t.year ? `（${t.year}年）` : ''}`;
}

export { formatNumber };
