import { mainName, officeName, secondName } from '../model/departments.js';
import { normalizeForMatch } from '../model/normalize.js';
import type { Department, DepartmentKind, Mention } from '../model/types.js';
import { type Context, clauseTest, spanPosition } from './context.js';
import { sentenceAround } from './sentence.js';

/**
 * The department directory: every unit named in an assignment clause, folded by alias
 * (县发改委 = 县发展改革委), with the tasks it leads and supports and its other mentions in
 * the prose (办公室设在县发展改革委).
 */
export function extractDepartments(ctx: Context): void {
  type Group = { forms: Map<string, number>; order: number; name?: string };
  const groups = new Map<string, Group>();
  const groupOf: Group[] = []; // the group of each assignment, in order
  for (const task of ctx.model.tasks) {
    for (const a of task.assignments) {
      // 镇纪委（监察办） and 镇纪委: one unit (a second name without a level of its own)
      const key = ctx.aliases.key(officeName(a.raw));
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { forms: new Map(), order: groups.size }));
      groupOf.push(g);
      g.forms.set(a.raw, (g.forms.get(a.raw) ?? 0) + 1);
    }
  }
  // each clause's name as written, once: so far the groups hold only those
  // a loop: flatMap over spread iterators cost ~4 ms a pass of the scale corpus
  const assigned: string[] = [];
  for (const g of groups.values()) for (const form of g.forms.keys()) assigned.push(form);
  // 县大数据局 in prose is 县政府办公室（县大数据局） when no clause names it on its own
  const carrierOf = new Map<string, string>();
  for (const [key, g] of groups) {
    for (const form of g.forms.keys()) {
      const second = secondName(form)?.second;
      const k = second && ctx.aliases.key(second);
      if (k && !groups.has(k) && !carrierOf.has(k)) carrierOf.set(k, key);
    }
  }
  const inClause = clauseTest(ctx);
  for (const raw of unitsInProse(ctx, assigned, inClause)) {
    const key = carrierOf.get(ctx.aliases.key(raw)) ?? ctx.aliases.key(raw);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { forms: new Map(), order: groups.size }));
    // prose forms only name a unit the clauses do not; they never outvote the clauses' form
    if (g.forms.size === 0 || g.forms.has(raw)) g.forms.set(raw, (g.forms.get(raw) ?? 0) + (g.forms.has(raw) ? 0 : 1));
  }
  const departments: Department[] = [];
  for (const [key, g] of groups) {
    // the plain name before the one with its second name (镇纪委 over 镇纪委（监察办）), then the most written
    const plain = (form: string) => (officeName(form) === form ? 0 : 1);
    const forms = [...g.forms.entries()].sort((a, b) => plain(a[0]) - plain(b[0]) || b[1] - a[1] || b[0].length - a[0].length);
    const name = forms[0][0];
    g.name = name;
    // the other forms, then the table's spellings: each once, the name itself left out
    const aliases: string[] = [];
    const add = (n: string) => n !== name && !aliases.includes(n) && aliases.push(n);
    for (let f = 1; f < forms.length; f++) add(forms[f][0]);
    for (const n of ctx.aliases.variants(name)) add(n);
    for (const [form] of forms) {
      const second = secondName(form)?.second;
      if (second && carrierOf.get(ctx.aliases.key(second)) === key) [second, ...ctx.aliases.variants(second)].forEach(add);
    }
    departments.push({ name, aliases, kind: kindOf(name), lead: [], responsible: [], mentions: [] });
  }
  const byName = new Map(departments.map((d) => [d.name, d]));
  let k = 0;
  for (const task of ctx.model.tasks) {
    for (const a of task.assignments) {
      a.name = groupOf[k++].name!;
      const list = a.role === 'lead' ? task.lead : task.responsible;
      if (!list.includes(a.name)) list.push(a.name);
    }
    // A unit both leading and supporting one task is listed as lead only.
    if (task.lead.length > 0 && task.responsible.some((n) => task.lead.includes(n))) task.responsible = task.responsible.filter((n) => !task.lead.includes(n));
    for (const n of task.lead) {
      const { lead } = byName.get(n)!;
      if (!lead.includes(task.number)) lead.push(task.number);
    }
    for (const n of task.responsible) {
      const { responsible } = byName.get(n)!;
      if (!responsible.includes(task.number)) responsible.push(task.number);
    }
  }
  findMentions(ctx, departments, inClause);
  ctx.model.departments = departments;
}

/**
 * Units named in the prose of documents that have no (or few) clauses: a level prefix and a
 * core the alias table knows (区发展改革委, 市财政局). 社区/城区/园区… are not a 区 prefix.
 */
/** The alias table's cores keyed by their first two characters, longest first (built once per table). */
const coresByHead = new WeakMap<object, Map<number, string[]>>();

/**
 * The two code units at text[i] as one number (-1 past the end): a map key that, unlike
 * text.slice(i, i + 2), allocates nothing on the scans below, which stop at every 县/市/区.
 * The first unit loses its top two bits so the key stays a small integer (a larger one is a
 * heap number, slower to hash); the few pairs that share a key share a list, which
 * longestAt checks name by name.
 */
function pairKey(text: string, i: number): number {
  return i + 1 < text.length ? (text.charCodeAt(i) & 0x3fff) * 0x10000 + text.charCodeAt(i + 1) : -1;
}

const LEVEL_CHARS = /[县市区省州旗]/g;
/**
 * After a Chinese character, 县/市/区/省 ends a word (社区, 城区) or a place name (江屿省商务厅: not
 * 省商务厅, a name the text never writes) unless that character introduces a unit: 设在, 会同, 向, 由,
 * 报送, 及, 本 (本市) ….
 */
const INTRODUCES = new Set([...'在向同由报送与和及或并对经请交至到给为从按将把被归本该即促导调助'].map((c) => c.charCodeAt(0)));
const HAN = /\p{Script=Han}/u;
/** HAN for one code unit: the common ideographs and what cannot be Han without the regex (or a string). */
function isHan(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fef ? true : c < 0x2e80 ? false : HAN.test(String.fromCharCode(c));
}
/** 区公安分局交警大队, 县生态环境局东坝监测站 name a sub-unit, not the unit before it (sticky: tried where the unit ends). */
const SUB_UNIT = /(?:大队|支队|中队|交警|派出所|[科股处室所站]|[\u4e00-\u9fff]{1,6}?(?:监测站|中心|站|所|大队|中队|分局))/y;

/** The first of the names (longest first) that the text holds at `at`. */
function longestAt(names: string[] | undefined, text: string, at: number): string | undefined {
  if (names) for (const name of names) if (text.startsWith(name, at)) return name;
  return undefined;
}

function unitsInProse(ctx: Context, assigned: string[], inClause: (offset: number) => boolean): Set<string> {
  let heads = coresByHead.get(ctx.aliases);
  if (!heads) {
    heads = new Map();
    for (const core of ctx.aliases
      .cores()
      .filter((c) => c.length >= 2)
      .sort((a, b) => b.length - a.length)) {
      const list = heads.get(pairKey(core, 0));
      if (list) list.push(core);
      else heads.set(pairKey(core, 0), [core]);
    }
    coresByHead.set(ctx.aliases, heads);
  }
  // a unit recurs in a document's clauses: ask once whether a longer assigned name holds it
  const longer = new Map<string, boolean>();
  const inLonger = (unit: string) => {
    let hit = longer.get(unit);
    if (hit === undefined) longer.set(unit, (hit = assigned.some((n) => n !== unit && n.includes(unit))));
    return hit;
  };
  // each unit once, in the order first found: units recur in a document, and a repeat adds nothing to its group
  const found = new Set<string>();
  for (const b of ctx.blocks) {
    if (b.node.type === 'table' || (b.role && b.role !== 'preamble')) continue;
    const text = b.content.text;
    LEVEL_CHARS.lastIndex = 0;
    // test, not exec: no match object for each 县/市/区 (the match is one character)
    while (LEVEL_CHARS.test(text)) {
      const i = LEVEL_CHARS.lastIndex - 1;
      if (i > 0 && !INTRODUCES.has(text.charCodeAt(i - 1)) && isHan(text.charCodeAt(i - 1))) continue;
      const core = longestAt(heads.get(pairKey(text, i + 1)), text, i + 1);
      if (!core) continue;
      const end = i + 1 + core.length;
      SUB_UNIT.lastIndex = end;
      if (SUB_UNIT.test(text)) continue;
      const unit = text.slice(i, end);
      // part of a longer name a clause assigns (县财政局（县国资中心）, its 县国资中心): that unit's, not one of its own
      if (inLonger(unit) && inClause(b.content.at(i))) continue;
      found.add(unit);
      LEVEL_CHARS.lastIndex = end;
    }
  }
  return found;
}

/**
 * A name as written, half-width and full-width. Unit names recur from document to document
 * (县发展改革委 …): each is spelt out once.
 */
const spellings = new Map<string, string[]>();
function spellingsOf(form: string): string[] {
  let list = spellings.get(form);
  if (!list) {
    list = [form, normalizeForMatch(form), widen(form)];
    if (spellings.size < 100_000) spellings.set(form, list);
  }
  return list;
}

/** Half-width ASCII punctuation and letters to their full-width forms. */
function widen(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** The first pattern a name matches gives its kind (made once, not at every call). */
const KINDS: [RegExp, DepartmentKind][] = [
  [/银行|支行|分行|信用社|农商行/, 'bank'],
  [/公司|集团|企业|有限/, 'enterprise'],
  [/乡镇|街道|镇人民政府|乡人民政府|镇政府|乡政府|办事处/, 'township'],
  // with the 群团 (工会, 共青团, 妇联, 残联, 科协, 工商联, 侨联)
  [/^(县|市|区|省)?委(?!员会$)|党委|党史|组织部|宣传部|统战部|政法委|编办|纪委|监委|工会|团(县|市|区)?委|妇联|残联|残疾人联合会|科协|工商联|侨联/, 'party'],
  // 退役军人事务局, 民族宗教事务委员会: 政府工作部门, not the 事务中心 of an agency
  [/事务(管理)?(局|厅|委|委员会)$/, 'department'],
  // a department's station in a township (镇派出所, 镇司法所): the department's, not a 事业单位
  [/派出所$|司法所$|税务(分局|所)$|市场监管所$|交警/, 'department'],
  // 镇党政办, 镇社会事务办, 镇农业服务中心, 各镇: the township's own (after what a 镇 unit may be besides: 镇纪委, 镇派出所)
  [/^各?(乡(?!村)|镇)/, 'township'],
  [/中心|事务|站$|所$|院$|队$|研究室/, 'agency'],
  // 各区县政府, 各县（市、区）人民政府, 市政府: governments as units (a township's is above)
  [/政府$|管委会$/, 'government'],
  [/(局|委|办|厅|部|署|委员会|办公室|政府)$/, 'department'],
];

/** Kinds by name: names recur from document to document, each tried against the patterns once. */
const kinds = new Map<string, DepartmentKind>();

export function kindOf(name: string): DepartmentKind {
  let kind = kinds.get(name);
  if (kind === undefined) {
    // 县财政局（县国资中心） is what 县财政局 is; 县城投（集团） says it only in the bracket
    const main = mainName(name);
    kind = main ? kindOfWhole(main) : 'other';
    if (kind === 'other') kind = kindOfWhole(name);
    if (kinds.size < 100_000) kinds.set(name, kind);
  }
  return kind;
}

function kindOfWhole(name: string): DepartmentKind {
  for (const [re, kind] of KINDS) if (re.test(name)) return kind;
  return 'other';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A regex for any of the characters, shared by the documents whose names start alike
 * (县, 市, 国, 各 …): V8 compiles a regex on its first use, which a regex made for each
 * document pays every time.
 */
const startsRegexes = new Map<string, RegExp>();
function startsRegex(chars: string): RegExp {
  let re = startsRegexes.get(chars);
  if (!re) {
    re = new RegExp(`[${chars.split('').map(escape).join('')}]`, 'g');
    if (startsRegexes.size < 1000) startsRegexes.set(chars, re);
  }
  return re;
}

/**
 * Mentions: occurrences of a department's names in the prose outside assignment clauses.
 * Longest names win where names overlap (县发展改革委 over 发展改革委).
 */
function findMentions(ctx: Context, departments: Department[], inClause: (offset: number) => boolean): void {
  // Each name in its full- and half-width spellings (有关乡镇（街道） / 有关乡镇(街道)), so the
  // prose is matched as written, without normalising every paragraph.
  const byForm = new Map<string, Department>();
  for (const d of departments) {
    for (const form of [d.name, ...d.aliases]) {
      if (form.length < 3) continue;
      for (const spelling of spellingsOf(form)) if (!byForm.has(spelling)) byForm.set(spelling, d);
    }
  }
  if (byForm.size === 0) return;
  // names by their first two characters, longest first: one pass over the text takes the
  // longest name at each place (县 alone starts too many words to be a useful key)
  const byHead = new Map<number, string[]>();
  const firsts = new Set<string>();
  for (const form of byForm.keys()) {
    const head = pairKey(form, 0);
    const list = byHead.get(head);
    if (list) list.push(form);
    else byHead.set(head, [form]);
    firsts.add(form[0]);
  }
  // each short list on its own (a stable sort: the order of a sort of all names)
  for (const list of byHead.values()) if (list.length > 1) list.sort((x, y) => y.length - x.length);
  const starts = startsRegex([...firsts].sort().join(''));
  for (const b of ctx.blocks) {
    if (b.node.type === 'table' || (b.role && b.role !== 'preamble')) continue;
    const text = b.content.text;
    const found: { at: number; len: number; dept: Department }[] = [];
    starts.lastIndex = 0;
    while (starts.test(text)) {
      const i = starts.lastIndex - 1;
      const form = longestAt(byHead.get(pairKey(text, i)), text, i);
      if (!form) continue;
      if (!inClause(b.content.at(i))) found.push({ at: i, len: form.length, dept: byForm.get(form)! });
      starts.lastIndex = i + form.length;
    }
    for (const f of found) {
      const mention: Mention = {
        raw: b.content.text.slice(f.at, f.at + f.len),
        section: b.section?.data.id ?? null,
        context: sentenceAround(b.content.text, f.at, f.at + f.len),
        position: spanPosition(ctx, b.content, f.at, f.at + f.len),
      };
      f.dept.mentions.push(mention);
    }
  }
}
