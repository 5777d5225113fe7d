import { normalizeForMatch } from '../model/normalize.js';
import type { PolicyDocument, Reference } from '../model/types.js';

/**
 * Whether one document cites another: a 《》 title of `from` against the title of `to`,
 * tolerant of how the brackets and the dash of the period are typed:
 * 《云川市新型城镇化规划(2021-2035年)》 cites 云川市新型城镇化规划（2021—2035年）.
 * A citation without the period (《云川市新型城镇化规划》) also counts.
 */

const DASHES = /[—–―‐‑‒－~～〜]+/g;
const BRACKETS = /[()（）〔〕[\]［］【】<>〈〉《》]/g;

export function titleKey(title: string): string {
  return normalizeForMatch(title).replace(/\s+/g, '').replace(DASHES, '-').replace(/至/g, '-').replace(BRACKETS, '');
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
  return a.title === b.title && a.tasks.length === b.tasks.length && a.tasks.every((t, i) => t.text === b.tasks[i].text);
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
  const notice = to.noticeTitle ? titleKey(to.noticeTitle) : '';
  return from.references
    .filter((r: Reference) => {
      // A plan is cited as often by its covering notice as by its own title.
      const named = [r.title, ...issuedTitles(r.title)].filter((t) => citesTitle(t, title));
      if (named.length === 0) return !same && citesNotice(r.title, notice);
      if (named.some((t) => !citesItself(from, t))) return true;
      return !same && named.some((t) => titleKey(t) === titleKey(title));
    })
    .map((r) => ({ title: r.title, section: r.section, line: r.position.start.line }));
}

/**
 * The titles a 印发 notice issues: 关于印发《A》的通知, 关于印发A的通知 (its title as the
 * web and 文号 lists write it, brackets dropped), with or without the issuer in front, → [A];
 * 关于印发〈A〉和〈B〉的通知 → [A, B]. Empty for any other title.
 */
export function issuedTitles(cited: string): string[] {
  const m = /关于印发(.+)的通知$/.exec(cited.trim());
  if (!m) return [];
  const inner = m[1].trim();
  const quoted = [...inner.matchAll(/[《〈]([^《》〈〉]+)[》〉]/g)].map((q) => q[1]);
  return quoted.length > 0 ? quoted : [inner];
}

/** A reference that is `notice` (a title key) itself, the issuing office's name in front or not. */
function citesNotice(cited: string, notice: string): boolean {
  if (notice.length < 6) return false;
  const key = titleKey(cited);
  return key === notice || (notice.startsWith('关于') && key.endsWith(notice));
}
