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

/** The references of `from` that cite `to` (by its title). */
export function citationsOf(from: PolicyDocument, to: PolicyDocument): Citation[] {
  const title = to.title;
  if (!title) return [];
  return from.references
    .filter((r: Reference) => citesTitle(r.title, title))
    .map((r) => ({ title: r.title, section: r.section, line: r.position.start.line }));
}
