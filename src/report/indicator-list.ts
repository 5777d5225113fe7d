import type { PolicyDocument } from '../model/types.js';
import { documentColumn, plural, renderTable } from '../util/listing.js';
import { widest } from '../util/table.js';
import { displayWidth } from '../util/width.js';
import { indicatorListing } from './indicator-cells.js';

/**
 * The indicator listing (`policy indicators`): the rows of the documents' indicator tables
 * as a text table fitted to a width (indicator-cells.ts lays out its columns) and as JSON.
 * Pure functions of the documents.
 */

/** What the listing needs of a document: its id and indicators (the model's, or as the store gives them back). */
type Listed = Pick<PolicyDocument, 'id' | 'indicators'>;

/** The listing as JSON (`policy indicators --json`): each indicator with its document's id, cells as written. */
export function indicatorListJson(docs: Listed[]): string {
  return (
    JSON.stringify(
      docs.flatMap((d) => d.indicators.map((x) => ({ doc: d.id, ...x }))),
      null,
      2,
    ) + '\n'
  );
}

/**
 * The listing as a text table fitted to `width` display columns (Infinity: nothing cut), and
 * a last line of how many; one line saying so when no document has an indicator table.
 */
export function formatIndicatorList(docs: Listed[], options: { width?: number } = {}): string {
  const width = options.width ?? Infinity;
  const many = docs.length > 1;
  const ids = docs.filter((d) => d.indicators.length > 0).map((d) => d.id);
  if (ids.length === 0) {
    // no empty header and "0 indicators": one line, as --pdf says it
    return docs.length === 1
      ? `${docs[0].id}: no indicators — 本文件没有指标表 (the document has no indicator table)\n`
      : `no indicators — 这些文件都没有指标表 (none of the ${docs.length} documents has an indicator table)\n`;
  }
  const idColumn = many ? [documentColumn(ids)] : [];
  // the documents' column first; the listing gives way to the names on a narrow terminal
  const reserve = many ? widest(0, ids, displayWidth) + 2 : 0;
  const { columns, rows } = indicatorListing(docs, width, reserve);
  const table = renderTable(
    [...idColumn, ...columns],
    rows.map((r) => [...(many ? [r.doc] : []), ...r.cells]),
    width,
  );
  return table + `${plural(rows.length, 'indicator')}\n`;
}
