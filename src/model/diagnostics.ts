import type { Diagnostic, PolicyDocument } from './types.js';

/**
 * Diagnostics added to every model after extraction (src/ingest.ts), so that a large or odd
 * document's model says what happened in a few lines.
 */

/** At most this many diagnostics of one rule are listed; the rest are counted in one. */
export const DIAGNOSTICS_PER_RULE = 20;

/**
 * The first DIAGNOSTICS_PER_RULE diagnostics of each rule, in order, and in place of the
 * rest one diagnostic of the same rule and severity (at the first one left out) that counts
 * them: "… and 99,736 more count-mismatch warnings like these (99,756 in all)". A 100,000-item
 * document would otherwise carry 100,000 warnings in its model and print them all.
 */
export function summarizeDiagnostics(diagnostics: Diagnostic[], limit = DIAGNOSTICS_PER_RULE): Diagnostic[] {
  const totals = new Map<string, number>();
  for (const d of diagnostics) totals.set(d.rule, (totals.get(d.rule) ?? 0) + 1);
  if (![...totals.values()].some((n) => n > limit)) return diagnostics;
  const seen = new Map<string, number>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const n = (seen.get(d.rule) ?? 0) + 1;
    seen.set(d.rule, n);
    if (n <= limit) out.push(d);
    else if (n === limit + 1) {
      const total = totals.get(d.rule)!;
      const kind = d.severity === 'error' ? 'errors' : d.severity === 'warning' ? 'warnings' : 'notes';
      out.push({
        severity: d.severity,
        rule: d.rule,
        message: `… and ${(total - limit).toLocaleString('en')} more ${d.rule} ${kind} like these from here on (${total.toLocaleString('en')} in all; the first ${limit} are listed)`,
        line: d.line,
        column: d.column,
      });
    }
  }
  return out;
}

/** Rule of the warning given to a document in which nothing was recognised. */
export const NOTHING_RECOGNISED = 'nothing-recognised';

/**
 * A document without any outline (一、 （一） 1. 第一章 …, Markdown headings), tasks or
 * indicator table: say so, rather than hand back an empty model as if all were well.
 */
export function nothingRecognised(doc: PolicyDocument): Diagnostic | null {
  // an indicator table is something: a 指标表 alone is a document that says what it has to
  if (doc.sections.length > 0 || doc.tasks.length > 0 || doc.indicators.length > 0) return null;
  const paragraphs = doc.paragraphs.length;
  return {
    severity: 'warning',
    rule: NOTHING_RECOGNISED,
    message:
      `no outline or tasks were recognised: no numbered headings or items (一、 （一） 1. 第一章 …, Markdown headings), ` +
      `no assignment clauses; the text is kept as ${paragraphs} paragraph${paragraphs === 1 ? '' : 's'}`,
    line: 1,
    column: 1,
  };
}
