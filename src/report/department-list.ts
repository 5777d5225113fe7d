import type { PolicyDocument } from '../model/types.js';
import { documentColumn, plural, renderTable } from '../util/listing.js';

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
  return (
    JSON.stringify(
      docs.flatMap((d) => byTasks(d).map((x) => ({ doc: d.id, ...x }))),
      null,
      2,
    ) + '\n'
  );
}

/** The listing as a text table fitted to `width` display columns (Infinity: nothing cut), and a last line of how many. */
export function formatDepartmentList(docs: Listed[], options: { width?: number } = {}): string {
  const many = docs.length > 1;
  const rows = docs.flatMap((d) =>
    byTasks(d).map((x) => [
      ...(many ? [d.id] : []),
      x.name,
      KIND_LABELS[x.kind] ?? x.kind,
      String(x.lead.length),
      String(x.responsible.length),
      x.lead.join(','),
      x.responsible.join(','),
    ]),
  );
  const table = renderTable(
    [
      ...(many ? [documentColumn(rows.map((r) => r[0]))] : []),
      { header: '单位' },
      { header: '类别' },
      { header: '牵头', align: 'right' },
      { header: '责任', align: 'right' },
      { header: '牵头任务', max: 30 },
      { header: '责任任务', max: 40 },
    ],
    rows,
    options.width ?? Infinity,
  );
  return table + `${plural(rows.length, 'department')}\n`;
}
