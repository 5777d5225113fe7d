import type { PolicyDocument } from '../model/types.js';
import { documentColumn, type ListedDocuments, ListingTable, listedDocuments, plural, writeJsonArray, written } from '../util/listing.js';
import { StreamedTable } from '../util/table.js';
import { displayWidth } from '../util/width.js';
import { IndicatorShape } from './indicator-cells.js';

/**
 * The indicator listing (`policy indicators`): the rows of the documents' indicator tables
 * as a text table fitted to a width (indicator-cells.ts lays out its columns) and as JSON.
 * Pure functions of the documents, read one at a time (a corpus's listing is never held).
 */

/** What the listing needs of a document: its id and indicators (the model's, or as the store gives them back). */
type Listed = Pick<PolicyDocument, 'id' | 'indicators'>;

/** The listing as JSON (`policy indicators --json`): each indicator with its document's id, cells as written. */
export function indicatorListJson(docs: Listed[]): string {
  return written((write) => writeIndicatorListJson(docs, write));
}

/** indicatorListJson written an indicator at a time. */
export function writeIndicatorListJson(docs: Iterable<Listed>, write: (s: string) => void): void {
  writeJsonArray(
    (function* () {
      for (const d of docs) for (const x of d.indicators) yield { doc: d.id, ...x };
    })(),
    write,
  );
}

/**
 * The listing as a text table fitted to `width` display columns (Infinity: nothing cut), and
 * a last line of how many; one line saying so when no document has an indicator table.
 */
export function formatIndicatorList(docs: Listed[], options: { width?: number } = {}): string {
  return written((write) => writeIndicatorList(listedDocuments(docs), options, write));
}

/**
 * formatIndicatorList written a row at a time. The documents are read three times, one at a
 * time: the columns (IndicatorShape), the widths, the lines. Targets get one column a year when
 * that fits the width (less the documents' column); else one column per target with the year in
 * the cell, when that makes fewer columns (several documents, each with its own target year).
 */
export function writeIndicatorList(docs: ListedDocuments<Listed>, options: { width?: number }, write: (s: string) => void): void {
  const width = options.width ?? Infinity;
  const many = docs.count > 1;
  const shape = new IndicatorShape();
  let first: string | undefined;
  let listed = 0;
  let reserve = 0;
  for (const d of docs.each()) {
    first ??= d.id;
    if (d.indicators.length === 0) continue;
    listed++;
    // the documents' column first; the listing gives way to the names on a narrow terminal
    if (many) reserve = Math.max(reserve, displayWidth(d.id) + 2);
    for (const i of d.indicators) shape.add(i);
  }
  if (listed === 0) {
    // no empty header and "0 indicators": one line, as --pdf says it
    write(
      docs.count === 1
        ? `${first}: no indicators — 本文件没有指标表 (the document has no indicator table)\n`
        : `no indicators — 这些文件都没有指标表 (none of the ${docs.count} documents has an indicator table)\n`,
    );
    return;
  }
  const layouts = [shape.layout(true), ...(Number.isFinite(width) ? [shape.layout(false)] : [])];
  const idColumn = many ? [documentColumn([])] : [];
  const tables = layouts.map((l) => new ListingTable([...idColumn, ...l.columns], width, many ? 0 : undefined));
  // the listing by year alone, uncut: whether it fits
  const byYear = new StreamedTable(layouts[0].columns.map((c) => ({ header: c.header })));
  const rows = function* (layout: (typeof layouts)[number]) {
    for (const d of docs.each()) for (const i of d.indicators) yield [...(many ? [d.id] : []), ...layout.cells(i)];
  };
  let count = 0;
  for (const d of docs.each())
    for (const i of d.indicators) {
      count++;
      layouts.forEach((l, k) => {
        const cells = l.cells(i);
        tables[k].measure([...(many ? [d.id] : []), ...cells]);
        if (k === 0 && layouts.length > 1) byYear.measure(cells);
      });
    }
  const k = layouts.length === 1 || byYear.naturalWidth() + reserve <= width || layouts[1].targets >= layouts[0].targets ? 0 : 1;
  write(tables[k].head());
  for (const r of rows(layouts[k])) write(tables[k].lines(r));
  write(`${plural(count, 'indicator')}\n`);
}
