import type { Command } from 'commander';
import { columnLabel, SECTION_SEPARATOR, sectionTrail } from '../../model/headings.js';
import type { PolicyDocument } from '../../model/types.js';
import { indicatorListing } from '../../report/indicator-cells.js';
import { EmptyDepartment, InvalidRole, isRole, resolveUnits, roleOf, selectDocuments } from '../../select/index.js';
import { type Column, displayWidth, distinctWidth, examples, outputWidth, plural, renderTable } from '../format.js';

interface ReadOptions {
  data: string;
  doc?: string;
  json?: boolean;
}

/** Load the documents a reading command works on: one with --doc, else all. */
export async function documentsFor(options: { data: string; doc?: string }): Promise<PolicyDocument[]> {
  return selectDocuments(options.data, options.doc || undefined);
}

const print = (s: string) => process.stdout.write(s);

/** The model's department kinds as a Chinese reader names them (the JSON keeps the English). */
const KIND_LABELS: Record<string, string> = {
  department: '政府部门',
  party: '党群机关',
  township: '乡镇街道',
  enterprise: '企业',
  bank: '金融机构',
  agency: '事业单位',
  government: '人民政府',
  other: '其他',
};
const json = (v: unknown) => print(JSON.stringify(v, null, 2) + '\n');

export function registerReading(program: Command): void {
  program
    .command('tasks')
    .description('list the tasks (重点任务) with their lead (牵头) and responsible (责任/配合) units and deadline (完成时限)')
    .option('-d, --data <dir>', 'data folder written by `policy ingest`', 'output')
    .option('--doc <id>', 'only this document (its id, or a prefix only it has: wuxi)')
    .option('--dept <name>', 'only tasks this department leads or is responsible for (交通局, 住建委 … are understood)')
    .option('--role <role>', 'with --dept: lead (牵头) or responsible (责任/配合)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples('policy tasks', 'policy tasks --dept 交通局', 'policy tasks --dept 交通局 --role lead', 'policy tasks --dept 发改委 --doc wuxi --json'),
    )
    .action(async (options: ReadOptions & { dept?: string; role?: string }) => {
      const docs = await documentsFor(options);
      const rows: {
        doc: string;
        number: string;
        label?: string;
        title: string;
        role: string;
        lead: string[];
        responsible: string[];
        deadline: string | null;
        section: string;
        line: number;
      }[] = [];
      if (options.dept !== undefined && !options.dept.trim()) throw new EmptyDepartment();
      if (options.role !== undefined && !isRole(options.role)) throw new InvalidRole(options.role, 'unknown');
      if (options.role !== undefined && options.dept === undefined) throw new InvalidRole(options.role, 'no-department');
      const wanted = options.role === 'lead' ? '牵头' : options.role === 'responsible' ? '责任' : null;
      // the units the name means in each document, with those carrying it under a second name
      // (财政局 → 县财政局（县国资中心） too) and a township family's members
      const resolved = options.dept !== undefined ? new Map(resolveUnits(options.dept, docs).map((f) => [f.doc, f.units])) : null;
      for (const doc of docs) {
        const sections = new Map(doc.sections.map((x) => [x.id, x]));
        const units = resolved ? resolved.get(doc.id) : null;
        if (resolved && !units) continue;
        for (const t of doc.tasks) {
          const held = units ? roleOf(t, units) : null;
          const role = held ? (held.role === 'lead' ? '牵头' : '责任') : '';
          if ((units && !role) || (wanted && role !== wanted)) continue;
          rows.push({
            doc: doc.id,
            number: t.number,
            label: columnLabel(t),
            title: t.title,
            role,
            lead: t.lead,
            responsible: t.responsible,
            deadline: t.deadline,
            section: sectionTrail(t.section, sections).join(SECTION_SEPARATOR),
            line: t.position.start.line,
          });
        }
      }
      if (options.json) {
        // role only with --dept: whose role would it be otherwise?
        json(rows.map(({ label: _label, role, ...row }) => (options.dept ? { ...row, role } : row)));
        return;
      }
      const many = docs.length > 1;
      const deadlines = rows.some((r) => r.deadline);
      const columns = [
        ...(many ? [documentColumn(rows.map((r) => r.doc))] : []),
        { header: '序号', align: 'right' as const },
        // the title keeps its room longest; the unit lists give theirs first, wrapped, not cut
        { header: '重点工作', max: Infinity, min: 18 },
        ...(options.dept ? [{ header: '角色' }] : []),
        { header: '牵头单位', max: 24, min: 12, wrap: true },
        { header: '责任单位', max: 32, min: 12, wrap: true },
        ...(deadlines ? [{ header: '完成时限', max: 16, min: 8, wrap: true }] : []),
      ];
      print(
        renderTable(
          columns,
          rows.map((r) => [
            ...(many ? [r.doc] : []),
            r.label ?? r.number, // as the document numbers it: （二）, 12, 4.2.1
            r.title,
            ...(options.dept ? [r.role] : []),
            r.lead.join('、'),
            r.responsible.join('、'),
            ...(deadlines ? [r.deadline ?? '—'] : []),
          ]),
        ),
      );
      print(`${plural(rows.length, 'task')}${resolved ? ` ${deptSummary(rows, resolved, many)}` : ''}\n`);
    });

  program
    .command('departments')
    .description('list the units named in assignment clauses, with the tasks they lead (牵头) or are responsible for (责任)')
    .option('-d, --data <dir>', 'data folder written by `policy ingest`', 'output')
    .option('--doc <id>', 'only this document (its id, or a prefix only it has: wuxi)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples('policy departments', 'policy departments --doc wuxi --json'))
    .action(async (options: ReadOptions) => {
      const docs = await documentsFor(options);
      // the same order in JSON as in the table: most tasks first
      const byTasks = (d: PolicyDocument) => [...d.departments].sort((a, b) => b.lead.length + b.responsible.length - (a.lead.length + a.responsible.length));
      if (options.json) {
        json(docs.flatMap((d) => byTasks(d).map((x) => ({ doc: d.id, ...x }))));
        return;
      }
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
      print(
        renderTable(
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
        ),
      );
      print(`${plural(rows.length, 'department')}\n`);
    });

  program
    .command('indicators')
    .description(
      'list the indicators (主要指标): 序号, 类别, name, unit, baseline (基数), each target, the growth column (年均增长/累计), attribute (预期性/约束性) and any other column of the table (备注, 责任单位 …)',
    )
    .option('-d, --data <dir>', 'data folder written by `policy ingest`', 'output')
    .option('--doc <id>', 'only this document (its id, or a prefix only it has: wuxi)')
    .option('--json', 'print JSON')
    .option('--pdf', 'write the indicator sheet as PDF (baseline/target table and chart, 约束性 marked)')
    .option('--out <file>', 'with --pdf: PDF to write (default <data>/reports/<doc id>/indicators.pdf)')
    .option('--font <path>', 'with --pdf: font file instead of the bundled Noto Sans/Serif SC (they still draw what it lacks)')
    .option(
      '--fallback-font <path>',
      'with --pdf: font file (or file.ttc#PostScriptName) for characters the fonts lack; may be repeated',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--no-system-fonts', "with --pdf: do not draw characters the fonts lack from the system's CJK fonts")
    .option('--date <YYYY-MM-DD>', 'with --pdf: fixed generation date (reproducible bytes)')
    .addHelpText(
      'after',
      [
        '',
        'How figures are shown (the model, --json, keeps each cell as written):',
        '  ≦ ≧ as ≤ ≥; a bracketed figure in a 年均增长 column ([15]) is a total over the plan period: 累计 15.',
        '  One column a target year; on a terminal too narrow for that, one column a target with the year',
        '  in the cell (73（2030年）), so the names are not cut for columns that are mostly empty.',
        '  --pdf: the table and a chart of baseline against target. A target with < ≤ > ≥ is a bound',
        "  (上限/下限, a hollow bar), not a planned change; a change is given in the row's unit (个百分点",
        '  for %). A document without an indicator table gets no PDF, but a line saying so.',
        '  The XLSX of `policy export` has the same table as its 主要指标 sheet.',
      ].join('\n') + examples('policy indicators', 'policy indicators --pdf --doc wuxi --out 指标.pdf', 'policy indicators --json'),
    )
    .action(async (options: ReadOptions & { pdf?: boolean; out?: string; font?: string; fallbackFont?: string[]; systemFonts?: boolean; date?: string }) => {
      // pdfkit loads only for --pdf
      if (options.pdf) return (await import('./report.js')).writeIndicatorsPdf(options);
      const docs = await documentsFor(options);
      if (options.json) {
        json(docs.flatMap((d) => d.indicators.map((x) => ({ doc: d.id, ...x }))));
        return;
      }
      const many = docs.length > 1;
      const ids = docs.filter((d) => d.indicators.length > 0).map((d) => d.id);
      if (ids.length === 0) {
        // no empty header and "0 indicators": one line, as --pdf says it
        print(
          docs.length === 1
            ? `${docs[0].id}: no indicators — 本文件没有指标表 (the document has no indicator table)\n`
            : `no indicators — 这些文件都没有指标表 (none of the ${docs.length} documents has an indicator table)\n`,
        );
        return;
      }
      const idColumn = many ? [documentColumn(ids)] : [];
      // the documents' column first; the listing gives way to the names on a narrow terminal
      const reserve = many ? Math.max(0, ...ids.map((id) => displayWidth(id))) + 2 : 0;
      const { columns, rows } = indicatorListing(docs, outputWidth(), reserve);
      print(
        renderTable(
          [...idColumn, ...columns],
          rows.map((r) => [...(many ? [r.doc] : []), ...r.cells]),
        ),
      );
      print(`${plural(rows.length, 'indicator')}\n`);
    });
}

/** The 文档 column: cut on a narrow terminal like the titles, but never so far that two ids look alike. */
function documentColumn(ids: string[]): Column {
  return { header: '文档', max: 24, min: distinctWidth(ids) };
}

/** of 县发展改革委 / 市发展改革委 in 3 documents: 5 lead (牵头), 9 responsible (责任) */
function deptSummary(rows: { doc: string; role: string }[], resolved: Map<string, { name: string }[]>, many: boolean): string {
  const withRows = new Set(rows.map((r) => r.doc));
  const named = [...resolved].filter(([doc]) => withRows.size === 0 || withRows.has(doc)).flatMap(([, units]) => units.map((d) => d.name));
  const names = [...new Set(named)].join(' / ');
  const docs = withRows.size;
  const lead = rows.filter((r) => r.role === '牵头').length;
  return `of ${names}${many ? ` in ${plural(docs, 'document')}` : ''}: ${lead} lead (牵头), ${rows.length - lead} responsible (责任)`;
}
