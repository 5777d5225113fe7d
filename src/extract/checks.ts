import type { DeclaredCount } from '../model/types.js';
import { parseChineseNumber } from '../parse/numerals.js';
import type { SectionNode } from '../parse/outline.js';
import { type Context, nodePosition, spanPosition } from './context.js';

/**
 * Checks of the document against itself: counts it declares (27项重点工作, “八大”工程),
 * outline numbers without their period, numbering that jumps, unbalanced brackets.
 * Everything found is a warning with line and column; nothing here throws.
 */
export function checkDocument(ctx: Context): void {
  declaredCounts(ctx);
  outlineNumbers(ctx);
  brackets(ctx);
}

// 25项工作 counts tasks; 3个工作日, 工作机制, 工作要点 do not, nor an ordinal (第12项工作, 第二十三项任务)
const DECLARED =
  /(?<![第\d一二两三四五六七八九十百])[“"]?([一二两三四五六七八九十百]+|\d{1,3})(?![\d.．])[”"]?\s*(大|项|个|条)[”"]?\s*(重点工作|重点任务|主要任务|工作任务|重点工程|工程|行动|专项行动|举措|指标|任务|工作(?![日时人机方专组要制量]))/g;

/** What DECLARED cannot match without: a measure word before a noun (a cheap test on every paragraph). */
const COUNT_NOUN = /[大项个条][”"]?\s*(?:重点|主要|工作|工程|行动|专项|举措|指标|任务)/;

function declaredCounts(ctx: Context): void {
  const out: DeclaredCount[] = [];
  for (const b of ctx.blocks) {
    // the opening of a notice that is itself the document declares its tasks too
    if (b.node.type === 'table' || (b.role && b.role !== 'preamble' && b.role !== 'notice')) continue;
    if (!COUNT_NOUN.test(b.content.text)) continue;
    // exec on the shared regex: matchAll copies it on each call
    DECLARED.lastIndex = 0;
    for (let m = DECLARED.exec(b.content.text); m; m = DECLARED.exec(b.content.text)) {
      const declared = parseChineseNumber(m[1]);
      if (declared === null || declared < 2) continue;
      const noun = m[3];
      let subject: string;
      let found: number;
      if (/指标/.test(noun)) {
        subject = 'indicators';
        found = ctx.model.indicators.length;
      } else if (/工作|任务|举措/.test(noun)) {
        subject = 'tasks';
        found = ctx.model.tasks.length;
      } else {
        // 工程 / 行动: the parts of the section that announces them
        subject = 'sections';
        const holder: SectionNode | undefined = b.section ?? undefined;
        found = holder ? holder.children.filter((c) => c.type === 'section').length : 0;
      }
      const position = spanPosition(ctx, b.content, m.index!, m.index! + m[0].length);
      out.push({ raw: m[0], subject, declared, found, position });
      if (declared !== found) {
        ctx.file.message(`the document declares ${m[0]} (${declared} ${subject}) but ${found} were found`, {
          place: position.start,
          ruleId: 'count-mismatch',
          source: 'policy',
        });
      }
    }
  }
  ctx.model.declaredCounts = out;
}

function outlineNumbers(ctx: Context): void {
  const visit = (nodes: SectionNode['children']) => {
    const last = new Map<string, number>();
    for (const n of nodes) {
      if (n.type !== 'section') continue;
      const d = n.data;
      if (d.bare) {
        ctx.file.message(`outline number "${d.number}" has no period after it (expected "${d.number}.")`, {
          place: nodePosition(ctx, n).start,
          ruleId: 'bare-number',
          source: 'policy',
        });
      }
      const prev = last.get(d.style);
      if (prev !== undefined && d.ordinal !== prev + 1 && d.style !== 'heading' && d.style !== 'box') {
        ctx.file.message(d.ordinal === prev ? `outline number ${d.label} repeats` : `outline numbering jumps from ${prev} to ${d.ordinal} (${d.label})`, {
          place: nodePosition(ctx, n).start,
          ruleId: 'numbering-gap',
          source: 'policy',
        });
      }
      last.set(d.style, d.ordinal);
      visit(n.children);
    }
  };
  visit(ctx.tree.children);
}

const PAIRS: [string, string][] = [
  ['（', '）'],
  ['(', ')'],
  ['〔', '〕'],
  ['《', '》'],
  ['“', '”'],
  ['【', '】'],
];
// code unit → 1 + pair index for an opening bracket, -(1 + pair index) for a closing one
const KIND = new Int8Array(0x10000);
PAIRS.forEach(([o, c], i) => {
  KIND[o.charCodeAt(0)] = i + 1;
  KIND[c.charCodeAt(0)] = -(i + 1);
});
/** Global: the scan jumps from bracket to bracket (a regex finds the next about twice as fast as a charCodeAt loop). */
const BRACKET = /[（）()〔〕《》“”【】]/g;

/** One pass over each paragraph: for every kind of bracket, the first one left unmatched. */
function brackets(ctx: Context): void {
  // per kind: open brackets not yet closed, and the outermost of them (all a stack would
  // tell at the end); made once and cleared for each paragraph
  const depth = new Int32Array(PAIRS.length);
  const outermost = new Int32Array(PAIRS.length);
  const stray = new Int32Array(PAIRS.length);
  for (const b of ctx.blocks) {
    const text = b.content.text;
    BRACKET.lastIndex = 0;
    if (!BRACKET.test(text)) continue;
    depth.fill(0);
    stray.fill(-1);
    BRACKET.lastIndex--;
    while (BRACKET.test(text)) {
      const i = BRACKET.lastIndex - 1;
      const kind = KIND[text.charCodeAt(i)];
      if (kind > 0) {
        if (depth[kind - 1]++ === 0) outermost[kind - 1] = i;
        continue;
      }
      const k = -kind - 1;
      if (depth[k] > 0) depth[k]--;
      else if (stray[k] === -1) stray[k] = i;
    }
    PAIRS.forEach(([open, close], k) => {
      const at = stray[k] !== -1 ? stray[k] : depth[k] > 0 ? outermost[k] : undefined;
      if (at === undefined) return;
      ctx.file.message(`unbalanced brackets: "${text[at]}" without its ${text[at] === open ? `"${close}"` : `"${open}"`}`, {
        place: spanPosition(ctx, b.content, at, at + 1).start,
        ruleId: 'unbalanced-brackets',
        source: 'policy',
      });
    });
  }
}
