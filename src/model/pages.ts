import type { PolicyDocument, Position } from './types.js';

/**
 * Pages of a document read from a paged source (PDF, OFD): its paragraphs carry `page`, the
 * page each starts on. A span of the text is on the pages of the paragraphs it starts and
 * ends in. Documents without pages (text, Markdown, web pages, Word) give null everywhere.
 */
export interface PageSpan {
  /** 1-based pages where the span starts and ends (equal on one page). */
  first: number;
  last: number;
}

type Locator = ((position: Position) => PageSpan | null) | null;
const locators = new WeakMap<PolicyDocument, Locator>();

/** A function from a position to its pages, or null when the document has no pages (made once a document). */
export function pageLocator(doc: PolicyDocument): Locator {
  let locator = locators.get(doc);
  if (locator === undefined) locators.set(doc, (locator = makeLocator(doc)));
  return locator;
}

function makeLocator(doc: PolicyDocument): Locator {
  const paged = doc.paragraphs.filter((p) => p.page !== undefined);
  if (paged.length === 0) return null;
  // the page of an offset: that of the last paragraph starting at or before it (binary search)
  const pageAt = (offset: number): number | null => {
    let lo = 0;
    let hi = paged.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (paged[mid].position.start.offset <= offset) (at = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    return at === -1 ? null : paged[at].page!;
  };
  return (position) => {
    const first = pageAt(position.start.offset);
    if (first === null) return null;
    // the end offset is exclusive: its last character is one before it
    const last = pageAt(Math.max(position.start.offset, position.end.offset - 1)) ?? first;
    return { first, last: Math.max(first, last) };
  };
}

/** 第3页, 第3—4页 (as 公文 write ranges). */
export function pageText(span: PageSpan): string {
  return span.first === span.last ? `第${span.first}页` : `第${span.first}—${span.last}页`;
}
