import { withoutInvisible } from '../model/normalize.js';
import type { Assignment, Task } from '../model/types.js';
import { isWebClutter } from '../parse/header.js';
import type { InlineText } from '../parse/inline.js';
import { parseChineseNumber } from '../parse/numerals.js';
import type { SectionNode } from '../parse/outline.js';
import { endsAsUnit, splitNames } from './clause.js';
import { type Block, blocksOf, type Context, nodePosition, spanPosition } from './context.js';

/**
 * Assignments "respectively" (分别由): a list of fields or works handed to a list of units in
 * the same order, one unit each.
 *   (a) 主次干道保洁、农贸市场整治、背街小巷清理分别由A、B、C牵头负责 — the things in the sentence;
 *   (b) 《意见》涉及的十大重点领域分别由A、…、J等十个牵头单位负责落实 — a counted noun (十大重点领域,
 *       上述五项工作) whose list an earlier sentence of the paragraph (or the one before) gives,
 *       ending in 等十大重点领域;
 *   (c) 上述第（一）至（五）项分别由A、B、C、D、E负责 — a range of the document's own items.
 * Pairing by order is only safe where the counts agree, so the things, the units and any count
 * written (十大, 等十个单位) must all be the same number; every unit must end as a unit does
 * (资金分别由省、市财政承担 is no assignment). The units lead (牵头, or 负责 with no 牵头 beside
 * it); a shared tail (，各街道办事处配合) makes units responsible for each thing. Things already
 * covered by an outline task with its own clause make no new tasks.
 */
export function respectiveTasks(ctx: Context, tasks: Task[]): Task[] {
  if (!ctx.doc.includes('分别由')) return tasks;
  const out = [...tasks];
  const texts = ctx.blocks.filter((b) => b.node.type !== 'table' && !isWebClutter(b.role));
  let groups = 0;
  texts.forEach((b, k) => {
    const text = b.content.text;
    for (let at = text.indexOf(BY); at !== -1; at = text.indexOf(BY, at + BY.length)) {
      const start = sentenceStart(text, at);
      const end = sentenceEnd(text, at);
      const units = unitsAfter(text.slice(at + BY.length, end));
      if (!units) continue;
      const before = text.slice(start, at);
      const n = units.names.length;
      if (units.count !== null && units.count !== n) continue;
      const clause = {
        raw: text.slice(start, end).trim(),
        position: spanPosition(ctx, b.content, start, end),
      };
      const range: [number, number] = [b.content.at(at), b.content.at(at + BY.length + units.length - 1) + 1];
      const assign = (i: number): Assignment[] => [
        { role: 'lead', label: units.verb, raw: units.names[i], name: units.names[i] },
        ...units.partners.map((p) => ({ role: 'responsible' as const, label: p.verb, raw: p.name, name: p.name })),
      ];
      // (c) a range of the document's own items
      const items = rangeItems(ctx, before, b, at);
      if (items) {
        if (items.length !== n) continue;
        if (assignItems(ctx, out, items, assign, clause)) ctx.clauseRanges.push(range);
        continue;
      }
      const things = inlineList(before, start, b) ?? counted(before, start, b, texts[k - 1]);
      if (!things || things.list.length !== n || (things.count !== null && things.count !== n)) continue;
      const covered = things.list.some((t) => out.some((task) => task.clause && coversThing(task, t.name, t.in.at(t.start))));
      if (covered) continue;
      groups++;
      ctx.clauseRanges.push(range);
      things.list.forEach((t, i) => {
        let number = String(i + 1);
        if (out.some((x) => x.number === number)) number = `${groups}.${i + 1}`;
        while (out.some((x) => x.number === number)) number = `${number}′`;
        out.push({
          number,
          label: '',
          outlineId: '', // a thing named in prose: no outline item of its own
          ordinal: i + 1,
          title: t.name,
          text: t.name,
          section: t.block.section?.data.id ?? null,
          sectionPath: t.block.ancestors.map((a) => a.data.title),
          lead: [],
          responsible: [],
          assignments: assign(i),
          clause,
          deadline: null,
          position: spanPosition(ctx, t.in, t.start, t.start + t.name.length),
        });
      });
    }
  });
  if (out.length === tasks.length || groups === 0) return out;
  return out.sort((a, b) => (a.position.start.offset ?? 0) - (b.position.start.offset ?? 0));
}

const BY = '分别由';
const STOPS = /[。！？；;\n]/;

function sentenceStart(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && !STOPS.test(text[i])) i--;
  return i + 1;
}

function sentenceEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && !STOPS.test(text[i])) i++;
  return i;
}

const NUMERAL = '[〇零一二两三四五六七八九十百\\d]+';
/**
 * After 分别由: the units, an optional 等十个（牵头）单位, the verb, and nothing else but a
 * comma (and units that 配合 after it).
 */
const UNITS_AFTER = new RegExp(
  `^(.+?)(?:等(${NUMERAL})个(?:牵头|责任|主管|主办|承办)?(?:单位|部门))?(牵头负责落实|牵头负责|牵头落实|负责落实|负责实施|负责推进|具体负责|牵头|负责)(?=[，,]|$)`,
);
const PARTNER = /^(.+?)(配合|参与|协助|协同)$/;
const COLLECTIVE = /^(?:各|有关|相关)/;

interface Units {
  names: string[];
  count: number | null;
  verb: string;
  partners: { name: string; verb: string }[];
  /** Characters after 分别由 that the assignment takes. */
  length: number;
}

function unitsAfter(rest: string): Units | null {
  const m = UNITS_AFTER.exec(rest.trimEnd());
  if (!m || /[，,：:\s（(]/.test(m[1])) return null;
  const names = splitNames(m[1]);
  if (names.length < 2 || names.some((n) => n.length < 2 || n.length > 30 || !endsAsUnit(n))) return null;
  const count = m[2] ? parseChineseNumber(m[2]) : null;
  const partners: Units['partners'] = [];
  let length = m[0].length;
  for (const part of rest.slice(m[0].length).split(/[，,]/).slice(1)) {
    const p = PARTNER.exec(part.trim());
    if (!p) break;
    const list = splitNames(p[1]);
    if (list.length === 0 || list.some((n) => !(endsAsUnit(n) || COLLECTIVE.test(n)))) break;
    for (const name of list) partners.push({ name, verb: p[2] });
    length += 1 + part.length;
  }
  return { names, count, verb: m[3], partners, length };
}

interface Thing {
  name: string;
  in: InlineText;
  start: number;
  block: Block;
}

interface Things {
  list: Thing[];
  count: number | null;
}

/** A count with its measure and noun at the end of a phrase: 五大重点领域, 上述四项工作, 三个方面. */
const COUNTED = new RegExp(`(?:等)?(${NUMERAL})(大|项|个|类|方面|条)([\\u4e00-\\u9fff]{0,8})$`);

/** (a) A list in the sentence itself, before 分别由 (its count, if one closes it, must agree). */
function inlineList(before: string, start: number, block: Block): Things | null {
  let phrase = before;
  let count: number | null = null;
  const c = COUNTED.exec(phrase);
  if (c) {
    count = parseChineseNumber(c[1]);
    phrase = phrase.slice(0, c.index);
  }
  const from = Math.max(...[...'，,：:'].map((p) => phrase.lastIndexOf(p))) + 1;
  const list = listIn(phrase.slice(from), count);
  if (!list) return null;
  return { list: list.map((l) => ({ name: l.name, in: block.content, start: start + from + l.start, block })), count };
}

/**
 * (b) A counted noun (十大重点领域, 上述五项工作) whose list an earlier sentence of the paragraph,
 * or the paragraph before, gives and closes with the same count and noun (…等十大重点领域).
 */
function counted(before: string, start: number, block: Block, previous: Block | undefined): Things | null {
  const c = COUNTED.exec(before);
  if (!c?.[3]) return null;
  const count = parseChineseNumber(c[1]);
  if (count === null) return null;
  const noun = c[3];
  const close = new RegExp(`(?:等)?${c[1]}${c[2]}([\\u4e00-\\u9fff]{0,8})`, 'g');
  for (const b of [block, previous]) {
    if (!b) continue;
    const text = b.content.text;
    const until = b === block ? start : text.length;
    let found: Thing[] | null = null;
    close.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = close.exec(text)) && m.index < until) {
      // the same noun, or one ending the other (十大领域 / 十大重点领域)
      const other = m[1];
      if (!sameNoun(other, noun)) continue;
      const from = sentenceStart(text, m.index);
      const segment = text.slice(from, m.index);
      const cut = Math.max(...[...'，,：:'].map((p) => segment.lastIndexOf(p))) + 1;
      const list = listIn(segment.slice(cut), count);
      if (list) found = list.map((l) => ({ name: l.name, in: b.content, start: from + cut + l.start, block: b }));
    }
    if (found) return { list: found, count };
  }
  return null;
}

function sameNoun(a: string, b: string): boolean {
  return a.length >= 2 && b.length >= 2 && (a.endsWith(b) || b.endsWith(a) || a.slice(-2) === b.slice(-2));
}

/**
 * A list set apart by 、: each name short and without a sentence's punctuation. The first item
 * may carry the words that open the list (重点发展“互联网+”工业): it is cut where the others'
 * shared opening starts, or after the verb before it, unless it is no longer than the others.
 */
function listIn(segment: string, count: number | null): { name: string; start: number }[] | null {
  const pieces: { name: string; start: number }[] = [];
  let at = 0;
  for (const piece of segment.split('、')) {
    pieces.push({ name: piece, start: at });
    at += piece.length + 1;
  }
  // the last one joined by 和/及 (A、B和C) only where that makes the count written
  if (count !== null && pieces.length + 1 === count) {
    const last = pieces[pieces.length - 1];
    const j = /(?:以及|和|及)/.exec(last.name);
    if (j && j.index >= 2 && last.name.length - j.index - j[0].length >= 2) {
      pieces.pop();
      pieces.push(
        { name: last.name.slice(0, j.index), start: last.start },
        { name: last.name.slice(j.index + j[0].length), start: last.start + j.index + j[0].length },
      );
    }
  }
  if (pieces.length < 2) return null;
  const trimmed = pieces.map((p) => {
    const lead = p.name.length - p.name.trimStart().length;
    return { name: p.name.trim(), start: p.start + lead };
  });
  const others = trimmed.slice(1);
  if (others.some((p) => p.name.length < 2 || p.name.length > 20 || /[。；;！？\s]/.test(p.name))) return null;
  const first = trimFirst(
    trimmed[0].name,
    others.map((o) => o.name),
  );
  if (first === null) return null;
  trimmed[0] = { name: first, start: trimmed[0].start + trimmed[0].name.length - first.length };
  if (first.length < 2) return null;
  return trimmed;
}

const OPENERS = /(?:包括|包含|涉及|重点发展|发展|推进|实施|开展|建设|聚焦|抓好|推动|打造|做好|即|是|为|的)/g;

function trimFirst(first: string, others: string[]): string | null {
  const longest = Math.max(...others.map((o) => o.length));
  let shared = others[0];
  for (const o of others) while (shared && !o.startsWith(shared)) shared = shared.slice(0, -1);
  if (shared.length >= 2 && first.includes(shared)) return first.slice(first.lastIndexOf(shared));
  if (first.length <= longest + 2) return first;
  let cut = -1;
  for (const m of first.matchAll(OPENERS)) cut = m.index + m[0].length;
  const rest = cut === -1 ? '' : first.slice(cut);
  return rest.length >= 2 && rest.length <= longest + 2 ? rest : null;
}

function coversThing(task: Task, name: string, offset: number): boolean {
  const s = task.position.start.offset ?? 0;
  const e = task.position.end.offset ?? 0;
  if (task.outlineId && offset >= s && offset < e) return true;
  return task.title.includes(name) || task.text.startsWith(name);
}

/** （一）至（五）项, 第1—5项, 第一至第五项: the numbers and the shape their labels are written in. */
const RANGE = new RegExp(`第?\\s*([（(]?)(${NUMERAL})([）)]?)\\s*(?:项|条)?\\s*(?:至|到|—|－|-|~|～)\\s*第?\\s*[（(]?(${NUMERAL})[）)]?\\s*(?:项|条)`);
const RANGE_BRACKETED = new RegExp(`[（(](${NUMERAL})[）)]\\s*(?:至|到|—|－|-|~|～)\\s*[（(](${NUMERAL})[）)]`);

/** How a label is written, numbers aside: （一） → （C）, 1、 → D. */
function shapeOf(label: string): string {
  return label
    .replace(/[（(]/g, '（')
    .replace(/[）)]/g, '）')
    .replace(/\d+/g, 'D')
    .replace(/[〇零一二两三四五六七八九十百]+/g, 'C')
    .replace(/[、.．\s]/g, '');
}

/**
 * (c) The document's items a range names: the run of items written in that shape with those
 * numbers nearest before the sentence (else the first after it).
 */
function rangeItems(ctx: Context, before: string, block: Block, at: number): SectionNode[] | null {
  let m = RANGE.exec(before);
  let open = '';
  let from: string;
  let to: string;
  if (m) {
    open = m[1];
    from = m[2];
    to = m[4];
  } else {
    const b = RANGE_BRACKETED.exec(before);
    if (!b) return null;
    m = b;
    open = '（';
    from = b[1];
    to = b[2];
  }
  const a = parseChineseNumber(from);
  const z = parseChineseNumber(to);
  if (a === null || z === null || z <= a || z - a > 30) return null;
  const shape = shapeOf(`${open ? '（' : ''}${from}${open ? '）' : ''}`);
  const where = block.content.at(at);
  const sections = [...ctx.sectionInfo.keys()].filter((s) => shapeOf(s.data.label) === shape);
  const runs: SectionNode[][] = [];
  for (const s of sections) {
    if (s.data.ordinal !== a) continue;
    const parent = ctx.sectionInfo.get(s)!.ancestors.at(-2) ?? null;
    const run = [s];
    for (let n = a + 1; n <= z; n++) {
      const next = sections.find(
        (x) =>
          x.data.ordinal === n &&
          (ctx.sectionInfo.get(x)!.ancestors.at(-2) ?? null) === parent &&
          (x.position?.start.offset ?? 0) > (run[run.length - 1].position?.start.offset ?? 0),
      );
      if (!next) break;
      run.push(next);
    }
    if (run.length === z - a + 1) runs.push(run);
  }
  if (runs.length === 0) return [];
  const startOf = (r: SectionNode[]) => r[0].position?.start.offset ?? 0;
  const earlier = runs.filter((r) => startOf(r) < where);
  return earlier.length ? earlier[earlier.length - 1] : runs[0];
}

/**
 * (c) The range's items get their unit: the task each item is (or the tasks under it) where it
 * has no units yet; an item that is no task becomes one. Nothing changes when any of them
 * already has its own clause.
 */
function assignItems(ctx: Context, out: Task[], items: SectionNode[], assign: (i: number) => Assignment[], clause: Task['clause']): boolean {
  const holders = items.map((s) => {
    const own = out.find((t) => t.outlineId === s.data.id);
    if (own) return [own];
    return out.filter((t) => t.outlineId && ctx.taskSections.get(t.number) && ctx.sectionInfo.get(ctx.taskSections.get(t.number)!)?.ancestors.includes(s));
  });
  if (holders.some((h) => h.some((t) => t.clause || t.assignments.length > 0))) return false;
  items.forEach((s, i) => {
    if (holders[i].length > 0) {
      for (const t of holders[i]) {
        t.assignments = assign(i);
        t.clause = clause;
      }
      return;
    }
    let number = s.data.number;
    while (out.some((x) => x.number === number)) number = `${number}′`;
    const text = blocksOf(ctx, s)
      .filter((b) => b.node.type !== 'table')
      .map((b) => b.content.text)
      .join('\n');
    ctx.taskSections.set(number, s);
    out.push({
      number,
      label: s.data.label,
      outlineId: s.data.id,
      ordinal: s.data.ordinal,
      title: withoutInvisible(s.data.title),
      text,
      section: ctx.sectionInfo.get(s)!.ancestors.at(-2)?.data.id ?? null,
      sectionPath: ctx.sectionInfo
        .get(s)!
        .ancestors.slice(0, -1)
        .map((x) => x.data.title),
      lead: [],
      responsible: [],
      assignments: assign(i),
      clause,
      deadline: null,
      position: nodePosition(ctx, s),
    });
  });
  out.sort((a, b) => (a.position.start.offset ?? 0) - (b.position.start.offset ?? 0));
  return true;
}
