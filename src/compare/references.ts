import type { PolicyDocument, Reference } from '../model/types.js';
import { normalizeForMatch } from '../model/normalize.js';

/**
 * Whether one document cites another: a 《》 title of `from` against the title of `to`,
 * tolerant of how the brackets and the dash of the period are typed:
 * 《云川市新型城镇化规划(2021-2035年)》 cites 云川市新型城镇化规划（2021—2035年）.
 * A citation without the period (《云川市新型城镇化规划》) also counts.
 */

const DASHES = /[—–―‐‑‒－~～〜]+/g;
const BRACKETS = /[()（）〔〕[\]［］【】<>〈〉《》]/g;

export function titleKey(title: string): string {
  return normalizeForMatch(title)
    .replace(/\s+/g, '')
    .replace(DASHES, '-')
    .replace(/至/g, '-')
    .replace(BRACKETS, '');
}

/** The key without a period such as 2021-2035年 or 2021-2025. */
export function titleKeyWithoutPeriod(title: string): string {
  return titleKey(title).replace(/\d{4}-\d{4}年?/g, '');
}

export function citesTitle(cited: string, title: string): boolean {
  const a = titleKey(cited);
  const b = titleKey(title);
  if (!a || !b) return false;
  if (a === b) return true;
  const a2 = titleKeyWithoutPeriod(cited);
  const b2 = titleKeyWithoutPeriod(title);
  // Without its period, a title must still say something (not just 规划).
  return a2.length >= 4 && a2 === b2;
}

export interface Citation {
  /** The title as written in the citing document. */
  title: string;
  /** Section id where it is cited, null in the preamble. */
  section: string | null;
  line: number;
}

/**
 * Whether a reference of `doc` names `doc` itself: its own title, or the plan its covering
 * notice issues (关于印发《巫溪县…实施方案》的通知 names 《巫溪县…实施方案》).
 */
export function citesItself(doc: PolicyDocument, cited: string): boolean {
  if (doc.title && citesTitle(cited, doc.title)) return true;
  const key = titleKey(cited);
  return Boolean(doc.noticeTitle && key.length >= 4 && titleKey(doc.noticeTitle).includes(key));
}

/** The same document twice (same bytes, or the same title and task texts in another encoding). */
export function sameDocument(a: PolicyDocument, b: PolicyDocument): boolean {
  if (a === b || a.source.sha256 === b.source.sha256) return true;
  return (
    a.title === b.title &&
    a.tasks.length === b.tasks.length &&
    a.tasks.every((t, i) => t.text === b.tasks[i].text)
  );
}

/**
 * The references of `from` that cite `to` (by its title). A reference to `from`'s own title
 * (the covering notice naming its plan) is not a citation of another document: it never counts
 * when `from` and `to` are the same document, and otherwise only when it is `to`'s title
 * exactly (a notice whose title is taken from the plan it implements), not merely the same
 * name without the period (an older edition of `from`).
 */
export function citationsOf(from: PolicyDocument, to: PolicyDocument): Citation[] {
  const title = to.title;
  if (!title) return [];
  const same = sameDocument(from, to);
  return from.references
    .filter((r: Reference) => {
      if (!citesTitle(r.title, title)) return false;
      if (!citesItself(from, r.title)) return true;
      return !same && titleKey(r.title) === titleKey(title);
    })
    .map((r) => ({ title: r.title, section: r.section, line: r.position.start.line }));
}
