import { PLACE_LEVEL, splitPlace } from '../model/departments.js';
import { withoutInvisible } from '../model/normalize.js';
import type { Role } from '../model/types.js';

/**
 * Assignment clauses (分工): the units a task names at its end.
 *   （牵头单位：A、B；责任单位：C）   〔牵头单位：…〕   (牵头单位:A;责任单位:B)
 *   （A牵头，B、C配合）   （A负责）   责任单位：A，B   (no brackets, at the end)
 *   （责任领导：X，牵头单位：A，责任单位：B、C，完成时限：全年）   (fields split by ， too)
 *   责任单位：A（牵头）、B ⏎ 整改时限：2025年底前   (label lines of a 整改方案 item)
 * Labels: 牵头单位 / 牵头部门 / 主办单位 → lead (牵头单位 = lead unit);
 * 责任单位 / 责任部门 / 负责单位 / 落实单位 / 配合单位 / 参与单位 / 协同单位 / 协办单位 … → responsible.
 * Without a 牵头 in the clause, the units that 负责 the task own it: （A负责）, （A、B按职责分工负责）
 * make them its lead; beside a 牵头 unit (or a unit set apart before the comma) they are
 * responsible, as are 配合 / 参与 / 参加 / 协助 / 落实 units always. A labelled 责任单位 list stays
 * responsible.
 */

export interface ClauseMatch {
  /** Index in the text of the clause start (the opening bracket, or the first label). */
  start: number;
  /** The clause lost its closing bracket: it runs to the end of the text (a page cut mid-clause). */
  open?: boolean;
  /** Index after the clause (closing bracket included). */
  end: number;
  /** Inside the brackets. */
  content: string;
  contentStart: number;
}

export interface ParsedName {
  role: Role;
  label: string;
  raw: string;
}

const OPEN = '（(〔[【［';
const CLOSE = '）)〕]】］';
const HINT = /牵头|责任单位|责任部门|配合|参与|参加|协同|协办|协助|负责|主办|主责|实施单位|落实单位|落实部门|承办单位|分工[：:]/;
/** Labels written as they are (times, divisions, people). */
const PLAIN_LABELS =
  '牵头单位|牵头部门|主办单位|主责单位|责任单位|责任部门|配合单位|配合部门|参与单位|参与部门|协同单位|协同部门|协办单位|协助单位|实施单位|实施主体|完成时限|整改时限|办结时限|落实时限|时限要求|时限|完成期限|整改期限|办结期限|完成时间|整改时间|时间节点|部门分工|责任分工|任务分工|责任领导|牵头领导|分管领导|联系领导|牵头县领导|牵头市领导|分管省领导|分管市领导|分管县领导|分管区领导|责任人';
/**
 * Labels made of role words: a unit label ends in 单位/部门 after one to three role words
 * (牵头责任单位, 协同责任单位, 主要责任单位, 协同配合单位); a people label ends in 领导/负责人/
 * 责任人/联系人 after them (牵头负责领导, 包联领导). A bureau's own plan names its offices the same
 * way (责任科室, 牵头处室, 配合处室, 责任股室). 负责单位 / 落实单位 / 负责部门 label the units that
 * carry a task as 责任单位 does (responsible; the lead by the document's rule, 牵头负责单位 the lead).
 */
const UNIT_ROLE_WORDS = ['牵头', '主要', '主责', '主办', '责任', '负责', '落实', '配合', '协同', '协办', '参与', '协助', '协作', '承办', '实施'];
const PEOPLE_ROLE_WORDS = ['牵头', '负责', '责任', '分管', '联系', '包联', '包抓', '挂点', '主管', '协调'];
const COMPOUND_LABELS = `(?:${UNIT_ROLE_WORDS.join('|')}){1,3}(?:单位|部门|科室|处室|股室)|(?:${PEOPLE_ROLE_WORDS.join('|')}){1,3}(?:领导|负责人|责任人|联系人)`;
/**
 * Labels of units that take no part in the work: they supply its figure or score it
 * (数据提供单位：市统计局, 考核单位：市督查室), as a table's 评分部门 column. Their units get no role.
 */
const NO_ROLE_WORDS = ['数据提供', '评分', '考核', '考评', '督办', '督查', '监督', '评价', '评估'];
const NO_ROLE_LABELS = `(?:${NO_ROLE_WORDS.join('|')})(?:单位|部门)`;
/** The label alternatives (without the colon): LABEL's group 1. */
const LABEL_WORDS = `${PLAIN_LABELS}|${COMPOUND_LABELS}|${NO_ROLE_LABELS}`;
const LABEL = new RegExp(`(${LABEL_WORDS})\\s*[：:]`);
/** Labels of a clause that name no unit: 完成时限：2025年底; 责任领导：王某 (a person, not a unit). */
const NOT_UNITS = new RegExp(`时限|期限|时间|节点|领导|责任人|负责人|联系人|^${NO_ROLE_LABELS}$`);
/**
 * 牵头单位, 主办单位, 主责单位, 主要责任单位, 牵头责任单位: the lead; any other unit label is responsible,
 * 主要协作单位 / 主要配合单位 too (主要 there ranks the partners, not the owner).
 */
const LEAD_LABEL = /牵头|主办|主责|主要(?!配合|协同|协办|参与|协助|协作)/;
/** Labels that name the units of a task without giving them a role (部门分工：A牵头，B配合 / A负责). */
const DIVISION_LABEL = /分工$/;
const LABEL_LINE = new RegExp(`^${LABEL.source}`);
/**
 * A label closed by 】 (or ］, ]) with no colon: 【责任单位】A（牵头）、B, the clause line of a Word
 * 行动方案. Read as 责任单位：, padded to its length so that places in the text stay the same.
 */
const BRACKETED_LABEL = new RegExp(`(?:[【［\\[]\\s*)?(${LABEL_WORDS})\\s*[】］\\]][ \\t\\u3000]*[：:]?`, 'g');

/** The first and last characters a label can have (a quick test before the regex). */
const LABEL_FIRST_CHARS = [...PLAIN_LABELS.split('|'), ...UNIT_ROLE_WORDS, ...PEOPLE_ROLE_WORDS, ...NO_ROLE_WORDS].map((l) => l[0]);
const LABEL_LAST_CHARS = [...PLAIN_LABELS.split('|'), '单位', '部门', '科室', '领导', '负责人'].map((l) => l[l.length - 1]);

const CLOSE_LABEL_BRACKET = /[】］\]]/;
const LABEL_BEFORE_CLOSE = new RegExp(`[${[...new Set(LABEL_LAST_CHARS)].join('')}]\\s*[】］\\]]`);

/** Whether a text may hold a bracketed label: it has a closing 】］]. */
/**
 * The label a line opens with, if it is a clause's field label (责任单位：, 协办单位：, 责任领导：,
 * 完成时限： …): the fields of an item written as its numbered sub-items ((二)责任单位：市教育局).
 */
export function fieldLabelOf(text: string): string | null {
  const m = LABEL_LINE.exec(text.trim());
  return m ? m[1] : null;
}
/** A field label that names units (责任单位, 协办单位, 牵头部门 …), not people or a time. */
export function isUnitLabel(label: string): boolean {
  return !NOT_UNITS.test(label) && !DIVISION_LABEL.test(label);
}

export function hasLabelBracket(text: string): boolean {
  return CLOSE_LABEL_BRACKET.test(text);
}

/** The text with each bracketed label written as label： (same length). */
export function withPlainLabels(text: string): string {
  // one regex scan: 2–3× quicker than three indexOf (every task's text, nested ones again)
  if (!CLOSE_LABEL_BRACKET.test(text)) return text;
  // a label's last character right before the bracket: 【】 headings and [links] mostly have none
  if (!LABEL_BEFORE_CLOSE.test(text)) return text;
  return text.replace(BRACKETED_LABEL, (all, label: string) => `${label}：`.padEnd(all.length, ' '));
}
/** LABEL for a scan (made once: findClause runs on every section). */
const LABEL_ALL = new RegExp(LABEL.source, 'g');

// made once: a regex literal in a function is a new object each time it runs
const CLOSING_PUNCTUATION = /[\s。.；;\u200b-\u200d\u2060]/;
/** Blanks that may stand between a sentence's end and a label; the marks that end a sentence. */
const TRAILING_BLANKS = new Set([...' \t\u3000'].map((c) => c.charCodeAt(0)));
const SENTENCE_ENDS = new Set([...'。；;！\n'].map((c) => c.charCodeAt(0)));
/** A 。 with more text after it on its line. */
const STOP_INSIDE = /。[^\n]/;
/** "label：rest" (the label before the first colon, spaces around it dropped). */
const LABELLED = /^\s*(.*?)\s*[：:]\s*(.*)$/s;
const LEADS = /牵头/;

/**
 * Find the clause at the end of a task's text. `bracketFree`: the caller knows the text has no
 * closing bracket 】］] (so no bracketed label to rewrite), as in most documents.
 */
export function findClause(raw: string, bracketFree = false): ClauseMatch | null {
  if (!INVISIBLE_IN_WORD.test(raw)) return findClauseIn(raw, bracketFree);
  const visible = visibleText(raw);
  const m = findClauseIn(visible.text, bracketFree);
  return m && visible.back(m);
}

function findClauseIn(raw: string, bracketFree: boolean): ClauseMatch | null {
  const text = bracketFree ? raw : withPlainLabels(raw);
  let end = text.length;
  while (end > 0 && CLOSING_PUNCTUATION.test(text[end - 1])) end--;
  const last = text[end - 1];
  if (last && CLOSE.includes(last)) {
    const open = matchingOpen(text, end - 1);
    if (open !== -1) {
      const content = text.slice(open + 1, end - 1);
      // a remark closing a label line (责任单位：A、B（…列第一位为牵头单位，下同）): the line is the clause
      if (onlyRemark(content)) {
        end = open;
        while (end > 0 && CLOSING_PUNCTUATION.test(text[end - 1])) end--;
      } else if (HINT.test(content) && withinClause(content)) return { start: open, end, content: oneLine(content), contentStart: open + 1 };
      // …支持工业发展。（市工信委、市财政局）: a bare list of units after the measure's last sentence
      // names the units that own it, read as （…负责）
      else if (bareUnitList(content) && afterSentence(text, open)) return { start: open, end, content: `${content}负责`, contentStart: open + 1 };
    }
  }
  // A clause that lost its closing bracket where the text ends (a page cut mid-clause):
  // "…（牵头单位：县农业农村委；责任单位：县规划自然资源局" — brackets that open and never close
  const opened = unclosedClause(text, end);
  if (opened) return opened;
  // Unbracketed: "责任单位：A，B" as the last sentence, or label lines at the end
  // ("牵头单位：A" then "配合单位：B" on the next line).
  const re = LABEL_ALL;
  re.lastIndex = 0;
  const head = text.slice(0, end);
  let m: RegExpExecArray | null;
  while ((m = re.exec(head))) {
    // Each test looks only as far as it must (the blanks before the label, the first 。 or line
    // after it): slicing and scanning the whole text around every label made a long line quadratic.
    let b = m.index;
    while (b > 0 && TRAILING_BLANKS.has(head.charCodeAt(b - 1))) b--;
    if (b > 0 && !SENTENCE_ENDS.has(head.charCodeAt(b - 1))) continue;
    const rest = head.slice(m.index);
    // a sentence after it: not the last (the first 。 is near; label lines may each close with
    // 。, 牵头责任单位：A、B。⏎协同责任单位：C。)
    if (STOP_INSIDE.test(rest)) continue;
    const last = labelLinesOnly(rest) || (!rest.includes('。') && !rest.includes('\n'));
    if (last && !closesBracket(rest)) return { start: m.index, end, content: rest, contentStart: m.index };
  }
  return null;
}

/**
 * Invisible characters between two characters of a text (a mirror's pinyin note, masked: 责(zé)任单位
 * is read as 责, four invisibles, 任单位; a web copy's zero-width space): the clause is looked
 * for in the text without them — its role words whole (责任单位, 负(fù)责(zé)) — and its offsets
 * are given back in the text as read.
 */
const INVISIBLE_IN_WORD = /[^\s\u200b-\u200d\u2060\ufeff][\u200b-\u200d\u2060\ufeff]+[^\s\u200b-\u200d\u2060\ufeff]/;
const INVISIBLE_CHAR = /[\u200b-\u200d\u2060\ufeff]/;

interface VisibleText {
  text: string;
  /** The offset in the visible text of an offset in the text as read. */
  to(at: number): number;
  /** A clause found in the visible text, its offsets in the text as read. */
  back(m: ClauseMatch): ClauseMatch;
}

function visibleText(raw: string): VisibleText {
  // from[i]: the offset as read of the visible text's i-th character (and its end at text.length)
  const from: number[] = [];
  let text = '';
  for (let i = 0; i < raw.length; i++) {
    if (INVISIBLE_CHAR.test(raw[i])) continue;
    from.push(i);
    text += raw[i];
  }
  from.push(raw.length);
  const to = (at: number) => {
    let lo = 0;
    let hi = from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (from[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // an end is one past the last character it holds, whatever invisibles follow that one
  const end = (e: number) => (e > 0 ? from[e - 1] + 1 : 0);
  const back = (m: ClauseMatch): ClauseMatch => ({ ...m, start: from[m.start], end: end(m.end), contentStart: from[m.contentStart] });
  return { text, to, back };
}

/** 市工信委、市财政局: names that each end as a unit does, and nothing else (no sentence, no place alone). */
function bareUnitList(content: string): boolean {
  if (content.length > 60 || /[。，,；;：:\n“”"]/.test(content)) return false;
  const names = content.split('、').map((n) => n.trim());
  return names.every((n) => n.length >= 3 && endsAsUnit(n) && !BARE_PLACE.test(n));
}

/** The bracket at `open` follows a sentence's end (blanks between). */
function afterSentence(text: string, open: number): boolean {
  let b = open;
  while (b > 0 && TRAILING_BLANKS.has(text.charCodeAt(b - 1))) b--;
  return b > 0 && /[。！？；;]/.test(text[b - 1]);
}

/** Whether every line of a text is a label line (stops at the first that is not). */
function labelLinesOnly(text: string): boolean {
  for (let from = 0; ; ) {
    const nl = text.indexOf('\n', from);
    // trimStart is enough before a test anchored at the start only (and a long line is not copied)
    if (!LABEL_LINE.test(text.slice(from, nl === -1 ? text.length : nl).trimStart())) return false;
    if (nl === -1) return true;
    from = nl + 1;
  }
}

const SENTENCE_STOP = /[。！？]/;

/**
 * The clause left open at the end of a text: the last bracket that never closes, holding a
 * clause's words, on the text's last line and with no sentence after it. A bracket of a name
 * cut with it (…各市〔州〕、县〔市、区、特) is left open too: the clause's is the one outside it.
 */
function unclosedClause(text: string, end: number): ClauseMatch | null {
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 0x3002) return null; // 。 or a line end before the bracket
    const k = BRACKET[code];
    if (k < 0) depth++;
    else if (k > 0 && --depth < 0) {
      const content = text.slice(i + 1, end);
      if (!withinClause(content)) return null;
      if (HINT.test(content)) return { start: i, end, content, contentStart: i + 1, open: true };
      depth = 0; // an open bracket inside the clause: look further out
    }
  }
  return null;
}

/**
 * A clause stays within one paragraph, but a line break inside its brackets (a Markdown hard
 * break: two spaces or \\ at a line end) wraps its line: a clause holds no 。, so brackets with
 * a line end and no 。 are one clause, and brackets that span a paragraph end (a bracket left
 * open in the one before) are not.
 */
function withinClause(content: string): boolean {
  return content.indexOf('\n') === -1 || !SENTENCE_STOP.test(content);
}

/** A wrapped clause as one line (the break is no field end; the spaces before it go with it). */
function oneLine(content: string): string {
  return content.indexOf('\n') === -1 ? content : content.replace(/[ \t\u3000]*\n[ \t\u3000]*/g, '');
}

/** The text closes a bracket it did not open: a label found inside （…）. */
function closesBracket(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const k = BRACKET[text.charCodeAt(i)];
    if (k > 0) depth++;
    else if (k < 0 && --depth < 0) return true;
  }
  return false;
}

/**
 * The last labelled clause of a text that does not end with one: "…（牵头单位：A；责任单位：B）
 * 重点推进以下项目：" followed by a list. Explicit labels leave no doubt whose units they are.
 */
export function lastLabelledClause(text: string, bracketFree = false): ClauseMatch | null {
  return innerClauses(text, text.length, bracketFree).at(-1) ?? null;
}

const CLOSING = new RegExp(`[${CLOSE.replace(']', '\\]')}]`, 'g');

/** +1 for an opening bracket, -1 for a closing one, by code unit. */
const BRACKET = new Int8Array(0x10000);
for (const c of OPEN) BRACKET[c.charCodeAt(0)] = 1;
for (const c of CLOSE) BRACKET[c.charCodeAt(0)] = -1;

/**
 * Clauses inside a task's text besides the closing one: labelled ones ("…新建学校两所（牵头单位：县教委）；
 * 扩充医疗资源（牵头单位：县卫生健康委）。"), and a verb-style one after a full stop, where the
 * 国务院 style closes each sentence with its units ("…监测点2000个。（省水利厅负责）实施…"), or
 * before one, each sentence of an item closing with its own ("…建设（县卫健局牵头）。…").
 */
export function innerClauses(raw: string, before: number, bracketFree = false): ClauseMatch[] {
  if (!INVISIBLE_IN_WORD.test(raw)) return innerClausesIn(raw, before, bracketFree);
  const visible = visibleText(raw);
  return innerClausesIn(visible.text, visible.to(before), bracketFree).map(visible.back);
}

function innerClausesIn(raw: string, before: number, bracketFree: boolean): ClauseMatch[] {
  const text = bracketFree ? raw : withPlainLabels(raw);
  const out: ClauseMatch[] = [];
  // the closing brackets, found by a regex scan rather than a loop over every character
  CLOSING.lastIndex = 0;
  while (CLOSING.test(text)) {
    const i = CLOSING.lastIndex - 1;
    if (i >= before) break;
    const open = matchingOpen(text, i);
    if (open === -1) continue;
    const content = text.slice(open + 1, i);
    if (!withinClause(content)) continue;
    // (a verb-style clause that closes a sentence inside the item, …建设（县卫健局牵头）。农村…（县妇联牵头）。, too)
    const sentenceEdge = AFTER_SENTENCE.test(text.slice(Math.max(0, open - 2), open)) || BEFORE_SENTENCE_END.test(text.slice(i + 1, i + 3));
    if (LABEL.test(content) || (sentenceEdge && closesWithVerb(oneLine(content))))
      out.push({ start: open, end: i + 1, content: oneLine(content), contentStart: open + 1 });
  }
  return out;
}

/** A verb-style clause: its units and their verb last (A牵头，B配合; a remark after them aside). */
function closesWithVerb(content: string): boolean {
  const text = withoutRemarks(content).replace(TRAILING_PUNCTUATION, '').replace(DUTY_TAIL, '负责');
  const m = VERB.exec(text);
  if (!m) return false;
  if (!HELPED_VERB.test(m[1])) return true;
  // 予以保障 / 给予支持 close prose as well (所需经费由县财政予以保障, 对企业给予支持): a clause only
  // where units stand before it
  const last = splitTopLevel(text.slice(0, -m[1].length), '，,；;').at(-1) ?? '';
  const names = splitNames(last.replace(EACH, ''));
  return names.length > 0 && names.every(endsAsUnit);
}
const HELPED_VERB = /^(?:予以|给予)/;

/** The end of a sentence just before a bracket: "。（" (spaces between allowed). */
const AFTER_SENTENCE = /[。；;！][ \t\u3000]*$/;
/** The end of a sentence just after a bracket: "）。" (spaces between allowed). */
const BEFORE_SENTENCE_END = /^[ \t\u3000]*[。；;！]/;

function matchingOpen(text: string, closeAt: number): number {
  let depth = 0;
  for (let i = closeAt; i >= 0; i--) {
    const k = BRACKET[text.charCodeAt(i)];
    if (k < 0) depth++;
    else if (k > 0 && --depth === 0) return i;
  }
  return -1;
}

/** `chars` holds the code unit (no s[i]: that makes a string of every Chinese character). */
function hasCode(chars: string, code: number): boolean {
  for (let j = 0; j < chars.length; j++) if (chars.charCodeAt(j) === code) return true;
  return false;
}

/** A look-up table of each separator set (a handful of literals): one load per character, not a loop over the set. */
const separatorTables = new Map<string, Uint8Array>();
function separatorTable(separators: string): Uint8Array {
  let table = separatorTables.get(separators);
  if (!table) {
    table = new Uint8Array(0x10000);
    for (let j = 0; j < separators.length; j++) table[separators.charCodeAt(j)] = 1;
    if (separatorTables.size < 64) separatorTables.set(separators, table);
  }
  return table;
}

/** Split at top-level separators (outside brackets). */
export function splitTopLevel(s: string, separators: string): string[] {
  const out: string[] = [];
  const isSeparator = separatorTable(separators);
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const k = BRACKET[s.charCodeAt(i)];
    if (k > 0) depth++;
    else if (k < 0) depth = Math.max(0, depth - 1);
    else if (depth === 0 && isSeparator[s.charCodeAt(i)] === 1) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

/**
 * The verb closing a unit list. The partners' verbs are written with a helping word too (B予以保障,
 * C予以配合, D给予支持, E全力配合, F积极参与): the whole tail is the verb, no part of F's name.
 */
const VERB =
  /(牵头负责|牵头落实|牵头督导|牵头抓总|共同牵头|牵头|共同负责|具体负责|负责落实|负责|(?:予以|给予)(?:保障|配合|支持|协助|协调)|(?:全力|积极|协助|主动)配合|配合落实|积极配合|配合|(?:积极|共同)参与|参与|参加|协同|协助|协办|抓好落实|落实)$/;
/** 按职责分工负责, 按职责分工分别负责, 根据各自职责负责 …: a duty phrase closing a list of units, read as 负责. */
const DUTY_TAIL = /((?:按照?|根据|依据)(?:各自)?(?:职责分工|职能职责|职责|分工)(?:分别)?(?:负责|落实)?|分别负责)$/;
/** Verbs by which a unit owns the task (its lead where the clause names no 牵头). */
const OWNS = /负责/;
/** A person, not a unit: 分管副省长, 协管副秘书长, 市委书记, 分管领导. */
const PERSON = /(?:省长|市长|县长|区长|州长|镇长|乡长|秘书长|书记|领导|主任|同志)$/;
/**
 * A remark inside a clause's brackets, no unit: 列第一位者为牵头单位, 下同, 以下…不再列出,
 * 具体任务均涉及…不再做分工.
 */
const REMARK = /下同|不再|以下各|以上各|均需|均涉及|均由|为牵头(?:单位|部门)|第一位|首位/;
/** The exception a remark makes (除标注“分别牵头”外，列第一位为牵头单位): part of the remark. */
const EXCEPT = /^除.{1,24}(?:外|以外)$/;
/** Brackets holding no other bracket: the candidates for a bracket of remarks. */
const REMARK_BRACKET = /[（(]([^（()）]*)[）)]/g;
const remarkPart = (p: string) => REMARK.test(p) || EXCEPT.test(p.trim());

/** Brackets that hold only a remark (…、市卫健委（除标注“分别牵头”外，列第一位为牵头单位，下同）): no clause. */
function onlyRemark(content: string): boolean {
  return REMARK.test(content) && splitTopLevel(content, '，,；;。').every((p) => p.trim() === '' || remarkPart(p));
}

/** A role written after a name: 县文化旅游委（共同牵头）, 县财政局（牵头）, 县税务局（配合）. */
const ROLE_MARK = /[（(](共同牵头|牵头|共同负责|负责|配合|协助)[）)]$/;

/**
 * A star before or after a name in a list of units (★区发改委、区统计局; 市商务局*): the mark a
 * table's note gives the lead by (带★的为牵头单位), a note often left out of a page's copy.
 */
const LEAD_STAR = /^[★☆*＊]\s*(?=\S)|(?<=\S)\s*[★☆*＊]$/;

/**
 * Names with a role mark lose it; 牵头 in the mark makes the unit a lead whatever the label, and so
 * does a star.
 */
export function withRoleMarks(names: ParsedName[]): ParsedName[] {
  return names.map((n) => {
    if (LEAD_STAR.test(n.raw)) return { role: 'lead', label: n.label, raw: n.raw.replace(LEAD_STAR, '') };
    const m = ROLE_MARK.exec(n.raw);
    if (!m || m.index < 2) return n;
    return { role: m[1].includes('牵头') ? 'lead' : n.role, label: n.label, raw: n.raw.slice(0, m.index) };
  });
}

export function parseClause(content: string): ParsedName[] {
  return withRoleMarks(parseNames(withoutRemarks(colonTypo(withoutInvisible(content))))).filter((n) => !PERSON.test(n.raw));
}

/** A clause's opening label closed by ； for ： (（责任单位；住建局、畜牧局）, a typing slip). */
const LABEL_THEN_SEMICOLON = new RegExp(`^(\\s*(?:${LABEL_WORDS}))\\s*[；;](?=\\s*\\p{Script=Han})`, 'u');

/** The clause with such a label's ； read as its ：. */
function colonTypo(content: string): string {
  return content.replace(LABEL_THEN_SEMICOLON, '$1：');
}

/**
 * The clause without its remarks: a sentence after the first (…负责落实。以下各项工作均需…落实，不再
 * 列出。) or a part between commas (…等负责，列第一位者为牵头单位，下同) that says something about
 * the clause instead of naming units.
 */
function withoutRemarks(content: string): string {
  if (!REMARK.test(content)) return content;
  // a bracket of remarks closing a label line that other label lines follow (责任单位：A、B
  // （第一责任单位为牵头单位，下同）⏎时限要求：…): dropped whole, so the commas inside it split nothing
  content = content.replace(REMARK_BRACKET, (m, inner: string) => (onlyRemark(inner) ? '' : m));
  if (!REMARK.test(content)) return content;
  const sentences = splitTopLevel(content, '。');
  const kept = sentences.filter((s, i) => i === 0 || (s.trim() !== '' && !REMARK.test(s)));
  return kept
    .map((s) =>
      REMARK.test(s)
        ? splitTopLevel(s, '，,')
            .filter((p) => !remarkPart(p))
            .join('，')
        : s,
    )
    .join('。');
}

/** Separators between the fields of a clause besides ；: a field starts at one followed by a label. */
const FIELD_SEPARATORS = '，,、 \t\u3000';
const FIELD_END = '；;。\n';
const LABEL_AT = new RegExp(LABEL.source, 'y');
/** Field ends, separators and colons: the characters splitFields must look at. */
const FIELD_MARK = new Uint8Array(0x10000);
for (const c of FIELD_END + FIELD_SEPARATORS + '：:') FIELD_MARK[c.charCodeAt(0)] = 1;
/** First characters of the labels: most separators (、 between names) are followed by none. */
const LABEL_FIRST = new Set(LABEL_FIRST_CHARS);
const FIELD_LABEL_ALL = new RegExp(LABEL.source, 'g');
const HAN = /\p{Script=Han}/u;

/**
 * The fields of a clause (outside brackets): split at ；。 and line ends, and where a label
 * starts after another separator (责任领导：A，牵头单位：B，责任单位：C、D，完成时限：全年).
 * A label run into the field before it (…有关乡镇人民政府整改时限：2027年12月底前, two lines of
 * a hard-wrapped copy joined) starts a field too, once that field has its own label.
 */
export function splitFields(content: string): string[] {
  // every label ends in a colon: without one, only ；。 and line ends split (most clauses)
  if (content.indexOf('：') === -1 && content.indexOf(':') === -1) return splitTopLevel(content, FIELD_END);
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  let labelled = false; // the current field has a label of its own
  FIELD_LABEL_ALL.lastIndex = 0;
  let nextLabel = FIELD_LABEL_ALL.exec(content)?.index ?? -1;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    const k = BRACKET[code];
    if (k > 0) depth++;
    else if (k < 0) depth = Math.max(0, depth - 1);
    // most characters are none of the marks below, and no label starts at them
    else if (depth === 0 && (FIELD_MARK[code] !== 0 || i === nextLabel)) {
      if (hasCode(FIELD_END, code)) {
        out.push(content.slice(from, i));
        from = i + 1;
        labelled = false;
      } else if (hasCode(FIELD_SEPARATORS, code)) {
        let j = i + 1;
        while (j < content.length && (content[j] === ' ' || content[j] === '\t' || content[j] === '\u3000')) j++;
        LABEL_AT.lastIndex = j;
        if (j < content.length && LABEL_FIRST.has(content[j]) && LABEL_AT.test(content)) {
          out.push(content.slice(from, i));
          from = j;
          labelled = false;
        }
      } else if (i === nextLabel && i > from && labelled && HAN.test(content[i - 1])) {
        out.push(content.slice(from, i));
        from = i;
        labelled = false;
      }
      if (!labelled && (code === 0xff1a || code === 0x3a)) labelled = true;
    }
    while (nextLabel !== -1 && nextLabel <= i) {
      FIELD_LABEL_ALL.lastIndex = nextLabel + 1;
      nextLabel = FIELD_LABEL_ALL.exec(content)?.index ?? -1;
    }
  }
  out.push(content.slice(from));
  return out;
}

function parseNames(content: string): ParsedName[] {
  const out: ParsedName[] = [];
  if (LABEL.test(content)) {
    let role: Role = 'responsible';
    let label = '';
    const fields = splitFields(content);
    // a labelled 牵头 names the lead: a part that only 按职责分工负责 beside it is responsible
    const leadLabelled = fields.some((f) => {
      const m = LABELLED.exec(f);
      return m !== null && m[1].length <= 8 && LEAD_LABEL.test(m[1]) && !NOT_UNITS.test(m[1]);
    });
    for (const part of fields) {
      const m = LABELLED.exec(part);
      if (m && m[1].length <= 8) {
        label = m[1];
        role = LEAD_LABEL.test(label) ? 'lead' : 'responsible';
        if (NOT_UNITS.test(label)) continue;
        // 责任单位：A牵头，B、C配合: the value says each unit's role itself, as it would without the label
        // (a 部门分工：A负责 names its owner; under 责任单位： a 负责 unit stays responsible)
        if (inVerbStyle(m[2])) out.push(...parseVerbStyle(m[2], DIVISION_LABEL.test(label)));
        else for (const raw of splitNames(m[2])) out.push({ role, label, raw });
      } else if (label && !VERB.test(part.trim().replace(DUTY_TAIL, '负责'))) {
        for (const raw of splitNames(part)) out.push({ role, label, raw });
      } else if (part.trim()) {
        // "A牵头，B配合；完成时限：…": a verb-style part beside labelled ones
        out.push(...parseVerbStyle(part, !leadLabelled));
      }
    }
    return out;
  }
  return parseVerbStyle(content);
}

/**
 * A field's value in the verb style: a part (between ，；) ending in a verb (A牵头, B、C配合, A负责).
 * A 按职责分工负责 tail is no verb here: under a label it only closes the list.
 */
function inVerbStyle(value: string): boolean {
  if (!VERB_ANYWHERE.test(value)) return false;
  return splitTopLevel(value, '，,；;').some((p) => {
    const part = p.trim().replace(TRAILING_PUNCTUATION, '');
    return !DUTY_TAIL.test(part) && VERB.test(part);
  });
}
const VERB_ANYWHERE = /牵头|负责|配合|参与|协同|协助|协办|予以|给予/;
/** 分别/各自 before the verb (A、B分别牵头): no part of the last name. */
const EACH = /(?:分别|各自)$/;

/**
 * `owners`: a unit that 负责 the task owns it (its lead) where nothing in the clause says 牵头
 * and no unit is set apart as the lead (an unlabelled clause, or one labelled 部门分工).
 */
function parseVerbStyle(content: string, owners = true): ParsedName[] {
  const out: ParsedName[] = [];
  // Verb style: "A牵头，B、C配合" / "A负责"
  const parts = splitTopLevel(content, '，,；;。')
    .map((p) => p.trim())
    .filter(Boolean);
  // "（A，B、C按职责分工负责）": the unit set apart before the comma leads (国务院 分工 style),
  // also when another part follows the semicolon (…按职责分工负责；D负责落实)
  const first = splitTopLevel(splitTopLevel(content, '；;')[0], '，,')
    .map((p) => p.trim())
    .filter(Boolean);
  const setApart = first.length > 1 && !LEADS.test(content) && !VERB.test(first[0]) && DUTY_TAIL.test(first[first.length - 1]);
  const ownersLead = owners && !setApart && !LEADS.test(content);
  let pending: string[] = [];
  for (const [index, part] of parts.entries()) {
    // A会同B负责落实: A leads, B has its part
    const jointly = JOINTLY.exec(part.replace(DUTY_TAIL, '负责'));
    if (jointly && endsAsUnit(splitNames(jointly[1]).at(-1) ?? '')) {
      for (const p of pending) for (const raw of splitNames(p)) out.push({ role: 'lead', label: '会同', raw });
      for (const raw of splitNames(jointly[1])) out.push({ role: 'lead', label: '会同', raw });
      // A会同有关部门负责: A's task, in consultation with others it does not name (an 等有关部门 tail)
      for (const raw of splitNames(jointly[2])) if (!VAGUE_PARTNERS.test(raw)) out.push({ role: 'responsible', label: '会同', raw });
      pending = [];
      continue;
    }
    const m = VERB.exec(part.replace(DUTY_TAIL, '负责'));
    if (!m) {
      if (setApart && index === 0) for (const raw of splitNames(part)) out.push({ role: 'lead', label: '', raw });
      else pending.push(part);
      continue;
    }
    const verb = m[1];
    // A、B分别牵头: each leads its own part
    const names = part.replace(DUTY_TAIL, '负责').slice(0, -verb.length).replace(EACH, '');
    const role: Role = LEADS.test(verb) || (ownersLead && OWNS.test(verb)) ? 'lead' : 'responsible';
    for (const p of pending) for (const raw of splitNames(p)) out.push({ role, label: verb, raw });
    for (const raw of splitNames(names)) out.push({ role, label: verb, raw });
    pending = [];
  }
  for (const p of pending) for (const raw of splitNames(p)) out.push({ role: 'responsible', label: '', raw });
  return out;
}

/**
 * An assignment written in an item's prose, not in brackets (older and national documents):
 *   （一）道路交通安全专项整治，由公安、交通部门负责，有关部门配合。要继续……
 *   由A牵头，B、C配合 / 由A会同B负责落实 / 由A、B负责 / 由各地区、各部门分别负责
 * 由 (or 此项工作由) opens a sentence or a part of one (after the title phrase's comma) within the
 * item's first sentences, or opens its last sentence, the units after it close with 牵头 / 负责 / 会同…负责, and every name ends as a unit
 * does; parts after it that name units and their verb (有关部门配合) belong to it. Ordinary prose
 * (各项工作由县政府统一领导) is none: 由 inside a part, or no unit and verb after it.
 */
export function proseClause(text: string, sentences = 2): ClauseMatch | null {
  if (text.indexOf('由') === -1) return null;
  let limit = text.indexOf('\n');
  if (limit === -1) limit = text.length;
  for (let n = 0, i = 0; i < limit; i++) {
    if (SENTENCE_STOP.test(text[i]) && ++n === sentences) {
      limit = i + 1;
      break;
    }
  }
  // …or the item's last sentence, the clause and nothing else: …限期整改。由市公安局负责。
  const end = text.replace(/[\s。；;]+$/, '').length;
  const lastStart = Math.max(text.lastIndexOf('。', end - 1), text.lastIndexOf('\n', end - 1)) + 1;
  PROSE_BY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PROSE_BY.exec(text))) {
    const opens = m.index + m[1].length; // the 由, or 此项工作 before it
    const at = opens + (m[2]?.length ?? 0);
    const last = lastStart > limit && opens >= lastStart && text.slice(lastStart, opens).trim() === '';
    if (m.index >= limit && !last) continue;
    let stop = at + 1;
    while (stop < text.length && !PROSE_STOP.test(text[stop])) stop++;
    const body = text.slice(at + 1, stop);
    const parts = splitTopLevel(body, '，,');
    const head = parts[0].trim().replace(DUTY_TAIL, '负责');
    const first = PROSE_OWNER.exec(head);
    if (!first || !unitList(first[1]) || (first[2] !== undefined && !unitList(first[2]))) {
      // 由A会同B研究提出落实意见 (a 分工 notice's own verbs): A owns the work, B takes part
      const joint = PROSE_JOINT.exec(head);
      if (!joint || !unitList(joint[1]) || !unitList(joint[2].replace(UNIT_TAIL_ETC, ''))) continue;
      return { start: at, end: at + 1 + parts[0].length, content: `${joint[1]}会同${joint[2]}负责`, contentStart: at + 1 };
    }
    let length = parts[0].length;
    for (const part of parts.slice(1)) {
      const p = part.trim().replace(TRAILING_PUNCTUATION, '');
      const verb = VERB.exec(p.replace(DUTY_TAIL, '负责'));
      if (!verb || !unitList(p.replace(DUTY_TAIL, '负责').slice(0, -verb[1].length))) break;
      length += 1 + part.length;
    }
    if (last && at + 1 + length < end) continue;
    const content = body.slice(0, length).replace(PROSE_TAIL, '');
    return { start: at, end: at + 1 + length, content, contentStart: at + 1 };
  }
  return null;
}
/** 由 at a text's, sentence's or part's start. */
const PROSE_BY = /(^|[，,。；;：:！？\s])((?:此项|该项|这项|本项)(?:工作|任务)?)?由(?=[\u4e00-\u9fff])/g;
const PROSE_STOP = /[。；;！？\n]/;
/** The owners after 由: A牵头 / A负责 / A会同B负责落实 (a short object after the verb allowed: 负责组织实施). */
const PROSE_OWNER = /^(.{2,80}?)(?:会同(.{2,80}?))?(?:牵头负责|牵头|共同负责|具体负责|负责)(?:组织实施|组织落实|抓好落实|落实|实施|推进)?$/;
/** 由A会同B + a verb of the work itself (研究提出, 制定 …): 会同 alone says who owns the work. */
const PROSE_JOINT = /^(.{2,60}?)会同(.{2,80}?)(?:研究提出|研究制定|研究解决|研究|制定|提出|组织|抓紧|做好|共同|加强|加快|推进|落实|开展)/;
const UNIT_TAIL_ETC = /等(?:有关|相关)?(?:部门|单位)$/;
/** The object after the verb is no part of the clause's units. */
const PROSE_TAIL = /(?<=负责|牵头)(?:组织实施|组织落实|抓好落实|落实|实施|推进)$/;
/** A name for a collective of units: 各地区, 各部门, 有关部门, 相关单位. */
const COLLECTIVE = /^(?:各|有关|相关)/;
/** A shared tail: 公安、交通部门 (公安部门 and 交通部门). */
const SHARED_TAIL = /(?:部门|单位|机关|机构)$/;

/**
 * Every name of a list is a unit: it ends as a unit does, names a collective, or shares the
 * generic tail of a later name (公安、交通部门). No person, no prose.
 */
function unitList(list: string): boolean {
  if (/[，。；：\s]/.test(list.trim())) return false;
  const names = splitNames(list);
  if (names.length === 0 || names.some((n) => n.length < 2 || n.length > 30 || PERSON.test(n))) return false;
  return names.every((n, i) => endsAsUnit(n) || COLLECTIVE.test(n) || (i < names.length - 1 && SHARED_TAIL.test(names[names.length - 1])));
}

/** A会同B负责(落实): the unit before 会同 leads. */
const JOINTLY = /^(.+?)会同(.+?)(?:负责落实|负责|落实|牵头|办理)?$/;
/** 有关部门, 相关单位 on their own: no unit named. */
const VAGUE_PARTNERS = /^(?:有关|相关)(?:部门|单位|方面)$/;

/**
 * The deadline a clause states (完成时限 = deadline): after a 完成时限/完成时间/时间节点/时限要求
 * label, or written among the units (…配合；2025年底前). As written; null when there is none.
 */
export function deadlineOf(raw: string): string | null {
  if (!MAY_HOLD_TIME.test(raw)) return null; // most clauses: units only
  const content = withoutInvisible(raw);
  const clean = (s: string) => s.trim().replace(/[。；;，,\s]+$/, '');
  for (const part of splitFields(content)) {
    const m = LABELLED.exec(part);
    if (m && m[1].length <= 8 && DEADLINE_LABEL.test(m[1])) return clean(m[2]) || null;
  }
  for (const part of splitTopLevel(content, '，,；;。\n')) if (TIME.test(part.trim())) return clean(part);
  return null;
}

const DEADLINE_LABEL = /时限|期限|时间|节点/;
/** Words without which neither DEADLINE_LABEL nor TIME can match. */
const MAY_HOLD_TIME = /年|月|季度|时限|期限|时间|节点|长期|持续|常态|立行立改|前|20\d\d/;

/**
 * Deadlines written among the units: 2025年底, 每年12月底前, 6月底完成, 年内持续推进, 长期坚持,
 * 持续推进, 立行立改, 全年, 上半年.
 */
const TIME =
  /^(?:\d{4}\s*年|\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|年内|年底|年中|全年|上半年|下半年|(?:第[一二三四1-4]|[一二三四1-4])季度|每年|每季度|每月|长期|持续|常态|立行立改|20\d\d|底前$)|(?:年底|月底|年前|月前|底前|以前|之前)$/;
/** 等, 等有关部门, 等部门（单位）, 等国务院相关部门: the end of a list, no unit. */
// (等政府各有关: a tail the page cut before its 部门)
const TAIL = /(等(?:[\u4e00-\u9fff]{0,5}?(?:有关|相关))?(?:部门|单位)(?:[（(](?:单位|部门)[）)])?|等[\u4e00-\u9fff]{0,5}?(?:有关|相关)|等)$/;

const CONJUNCTION = /^(由|和|及|以及)/;
const TRAILING_PUNCTUATION = /[。；;\s]+$/;
const codes = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const CONJUNCTION_FIRST = codes('由和及以');
/** After trim() no \s ends a name: only 。；; can start TRAILING_PUNCTUATION's run. */
const PUNCTUATION_LAST = codes('。；;');
/** DUTY_TAIL ends in 负责, 落实, 职责 or 分工. */
const DUTY_TAIL_LAST = codes('责实工');
/** TAIL ends in 等, 部门, 单位, or a bracket closing (单位). */
const TAIL_LAST = codes('等门位）)关');

export function splitNames(s: string): string[] {
  const out: string[] = [];
  for (const part of levelLists(splitTopLevel(withoutInvisible(s), '、，,/／\n'))) {
    let n = part.trim();
    // each regex only where the first or last character allows a match: most names need none
    if (CONJUNCTION_FIRST.has(n.charCodeAt(0))) n = n.replace(CONJUNCTION, '');
    if (PUNCTUATION_LAST.has(n.charCodeAt(n.length - 1))) n = n.replace(TRAILING_PUNCTUATION, '');
    if (DUTY_TAIL_LAST.has(n.charCodeAt(n.length - 1))) n = n.replace(DUTY_TAIL, '');
    for (const joined of joinedCollective(n.trim())) {
      let name = joined;
      if (TAIL_LAST.has(name.charCodeAt(name.length - 1)) && TAIL.test(name)) {
        const bare = name.replace(TAIL, '');
        if (bare.length >= 2) name = bare;
      }
      // a level word alone (责任单位：县, an excerpt cut right after it) names no unit
      for (const spaced of spacedNames(name.trim())) {
        if (spaced.length === 0 || TIME.test(spaced) || BARE_LEVEL.test(spaced)) continue;
        // 市直有关部门、单位: a bare 单位 / 部门 after a collective is that collective's second noun, no unit
        if (BARE_KIND.test(spaced) && out.length > 0 && COLLECTIVE_OF_KINDS.test(out[out.length - 1])) out[out.length - 1] += `、${spaced}`;
        else out.push(spaced);
      }
    }
  }
  return sharedTail(out);
}

/**
 * 各市、县人民政府, 各县、区人民政府（管委会）: the levels a collective lists before the unit they
 * share are one collective, not 各市 and 县人民政府.
 */
const BARE_KIND = /^(?:单位|部门)$/;
/** A collective of units (各部门, 市直有关部门, 区政府相关部门): the kind words a bare 单位/部门 extends. */
const COLLECTIVE_OF_KINDS = /(?:各|有关|相关|直属?)(?:部门|单位)$/;

function levelLists(parts: string[]): string[] {
  for (let i = 0; i < parts.length - 1; i++) {
    if (!LEVELS_OPEN.test(parts[i].trim())) continue;
    let j = i + 1;
    while (j < parts.length - 1 && BARE_LEVEL.test(parts[j].trim())) j++;
    if (!LEVEL_UNIT.test(parts[j].trim())) continue;
    parts.splice(
      i,
      j - i + 1,
      parts
        .slice(i, j + 1)
        .map((p) => p.trim())
        .join('、'),
    );
  }
  return parts;
}
const LEVEL = '[省市县縣区區州旗盟乡鄉镇鎮](?:[（(][^（()）]{1,6}[）)])?';
const LEVELS_OPEN = new RegExp(`^各(?:${LEVEL}){1,2}$`);
const BARE_LEVEL = new RegExp(`^(?:${LEVEL}){1,2}$`);
const LEVEL_UNIT = new RegExp(`^(?:${LEVEL}){1,2}(?:人民政府|政府|党委|委员会|管委会)`);

/**
 * 国务院相关部门及各地区, 州委编办及州直相关单位, 财政部等和各省级人民政府: a unit and a collective joined by
 * 及 / 和 / 以及 / 与 (an 等 before it closes the list)
 * are two units. Only where the second is a collective (各…, …有关/相关…) and the first ends as a
 * unit does: 及 inside a name (科学技术协会及…) stays.
 */
function joinedCollective(name: string): string[] {
  const m = JOINED.exec(name);
  if (!m || !UNIT_END.test(m[1])) return [name];
  return [m[1], m[2]];
}
const JOINED = /^(.{2,}?)等?(?:以及|及|和|与)((?:各|有关|相关|\S{1,4}(?:有关|相关))\S{1,12})$/;
const UNIT_END = /(?:[局委办厅部署会社院行处队所站室团联门位区镇乡]|中心|公司|政府|集团|机构)$/;

/** Whether a name ends as a unit does (not cut short: 区政, 市发). */
/**
 * The last name of a clause cut with the document, without the start of the role words the cut
 * left after it (…国家统计局某调查总队等按职责分, …县财政局牵): the unit, where it is whole.
 */
const CUT_ROLE = /(?:等(?:有关|相关)?(?:部门|单位)?)?(?:按照?(?:职(?:责(?:分(?:工(?:负)?)?)?)?)?|根据?|牵|负|配|参|协)?$/;
export function cutClauseName(raw: string): string | null {
  const name = raw.replace(CUT_ROLE, '');
  return name !== raw && name.length >= 3 && endsAsUnit(name) ? name : null;
}

export function endsAsUnit(name: string): boolean {
  return UNIT_END.test(name.replace(/[（(][^（()）]*[）)]$/, ''));
}

/** A place's name and level word and nothing else: 长沙市, 浏阳市, 湘西土家族苗族自治州. */
const BARE_PLACE = new RegExp(`^(?![省市县区州旗盟各全本该有相])[\\u4e00-\\u9fff]{2,8}?(?:${PLACE_LEVEL})$`);

/**
 * 长沙市、怀化市、岳阳市人民政府: the unit written once after a list of bare places belongs to each
 * (长沙市人民政府, 怀化市人民政府, 岳阳市人民政府). Only bare places take it, and only from a name that
 * itself opens with a place (县财政局、税务局 stay as written; 各市、县人民政府 is one collective: levelLists).
 */
function sharedTail(names: string[]): string[] {
  for (let i = 1; i < names.length; i++) {
    if (!isBarePlace(names[i - 1])) continue;
    const split = splitPlace(names[i]);
    const tail = split?.core;
    // 黄埔区、南沙区政府: a named place's bare 政府 is shared too (县政府 alone names no place to share)
    if (!tail || !(WHOLE_NAME.test(tail) || (tail === '政府' && split.place.length > 0))) continue;
    for (let j = i - 1; j >= 0 && isBarePlace(names[j]); j--) names[j] += tail;
  }
  return names;
}

/** Last characters of the level words (自治区 … 盟): most names (…局, …委) end in none, and skip the regex. */
const LEVEL_END = new Set(
  PLACE_LEVEL.replace(/\(.*?\)/g, '')
    .split('|')
    .map((w) => w.charCodeAt(w.length - 1)),
);
function isBarePlace(name: string): boolean {
  return LEVEL_END.has(name.charCodeAt(name.length - 1)) && BARE_PLACE.test(name);
}

/** A name on its own: two characters or more, ending as units do (局, 委, 办公室, 政府, 中心, 公司 …). */
const WHOLE_NAME = /^\S{1,40}(?:[局委办厅部署会社院行处队所站室团联]|中心|公司|政府|集团)$/;
const SPACES = /[ \t\u3000]+/;

/**
 * 县发展改革委 县财政局 县自然资源局: full names set apart by spaces are as many units. Only when
 * every piece is a name on its own: a stray space inside one name (县民 政局, from a PDF) stays.
 */
function spacedNames(n: string): string[] {
  if (!SPACES.test(n)) return [n];
  const pieces = splitTopLevel(n, ' \t\u3000').filter((p) => p.length > 0);
  return pieces.length > 1 && pieces.every((p) => WHOLE_NAME.test(p)) ? pieces : [n];
}
