import type { PolicyDocument } from '../model/types.js';
import { documentColumn, type ListColumn, type ListedDocuments, ListingTable, listedDocuments, plural, writeJsonArray, written } from '../util/listing.js';

/**
 * The department listing (`policy departments`): the units named in the assignment clauses
 * of some documents, most tasks first, as a text table fitted to a width and as JSON. Pure
 * functions of the documents.
 */

/** What the listing needs of a document: its id and departments (the model's, or as the store gives them back). */
type Listed = Pick<PolicyDocument, 'id' | 'departments'>;

/** The model's department kinds as a Chinese reader names them (the JSON keeps the English). */
export const KIND_LABELS: Record<string, string> = {
  department: '政府部门',
  party: '党群机关',
  township: '乡镇街道',
  enterprise: '企业',
  bank: '金融机构',
  agency: '事业单位',
  government: '人民政府',
  other: '其他',
};

/** A document's departments, most tasks (led and responsible) first: the same order in JSON as in the table. */
function byTasks(d: Listed) {
  return [...d.departments].sort((a, b) => b.lead.length + b.responsible.length - (a.lead.length + a.responsible.length));
}

/** The listing as JSON (`policy departments --json`): each department with its document's id. */
export function departmentListJson(docs: Listed[]): string {
  return written((write) => writeDepartmentListJson(docs, write));
}

/** departmentListJson written a department at a time, the documents read one at a time. */
export function writeDepartmentListJson(docs: Iterable<Listed>, write: (s: string) => void): void {
  writeJsonArray(
    (function* () {
      for (const d of docs) for (const x of byTasks(d)) yield { doc: d.id, ...x };
    })(),
    write,
  );
}

/** The listing as a text table fitted to `width` display columns (Infinity: nothing cut), and a last line of how many. */
export function formatDepartmentList(docs: Listed[], options: { width?: number } = {}): string {
  return written((write) => writeDepartmentList(listedDocuments(docs), options, write));
}

/** formatDepartmentList written a row at a time: the documents are read twice (the widths, then the rows), one at a time. */
export function writeDepartmentList(docs: ListedDocuments<Listed>, options: { width?: number }, write: (s: string) => void): void {
  const many = docs.count > 1;
  const rows = function* () {
    for (const d of docs.each())
      for (const x of byTasks(d))
        yield [
          ...(many ? [d.id] : []),
          x.name,
          KIND_LABELS[x.kind] ?? x.kind,
          String(x.lead.length),
          String(x.responsible.length),
          x.lead.join(','),
          x.responsible.join(','),
        ];
  };
  const columns: ListColumn[] = [
    ...(many ? [documentColumn([])] : []),
    { header: '单位' },
    { header: '类别' },
    { header: '牵头', align: 'right' },
    { header: '责任', align: 'right' },
    { header: '牵头任务', max: 30 },
    { header: '责任任务', max: 40 },
  ];
  const table = new ListingTable(columns, options.width ?? Infinity, many ? 0 : undefined);
  let count = 0;
  for (const r of rows()) {
    table.measure(r);
    count++;
  }
  write(table.head());
  for (const r of rows()) write(table.lines(r));
  write(`${plural(count, 'department')}\n`);
}
