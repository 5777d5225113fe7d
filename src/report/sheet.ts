import { secondName } from '../model/departments.js';
import { columnLabel, sectionHeading, taskHeading } from '../model/headings.js';
import { normalizeForMatch } from '../model/normalize.js';
import { pageText } from '../model/pages.js';
import type { PolicyDocument } from '../model/types.js';
import { isoDay } from './dates.js';
import { figureText, growthLabel } from './indicator-cells.js';
import { type Column, PolicyPdf, RED } from './pdf/document.js';
import type { FontSet } from './pdf/fonts.js';
import { bracketOpening } from './pdf/line-break.js';
import { chineseDate, describeTarget, type SheetData } from './sheet-data.js';

/** Options shared by every PDF report. */
export interface RenderOptions {
  /** Font files (resolveFonts()); default the bundled Noto faces. */
  fonts?: FontSet;
  /** Fixed creation/generation date for reproducible bytes; default now. */
  date?: Date | null;
}

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

/** The source line of the footer: file name and a short content hash. */
export function sourceLine(doc: PolicyDocument): string {
  return `来源：${doc.source.fileName}（sha256 ${doc.source.sha256.slice(0, 12)}）`;
}

export function documentTitle(doc: PolicyDocument): string {
  return doc.title ?? doc.source.fileName;
}

/** Render a responsibility sheet (责任清单) on A4. */
export async function renderSheet(data: SheetData, options: RenderOptions = {}): Promise<RenderedPdf> {
  const doc = data.document;
  const dept = data.department;
  const title = documentTitle(doc);
  const date = options.date ?? new Date();
  const pdf = new PolicyPdf({
    fonts: options.fonts,
    date,
    title: `${dept.name}责任清单 — ${title}`,
    subject: `${title} 责任清单`,
    header: `${title}　${dept.name}责任清单`,
    footer: { left: sourceLine(doc), right: generatedLine(date) },
  });

  // The department's names as the document writes them, marked red in the texts below.
  const own = new Set([dept.name, ...data.carriers]);
  const names = [
    dept.name,
    ...dept.aliases,
    ...data.carriers,
    ...data.tasks.flatMap((t) => t.task.assignments.filter((a) => own.has(a.name)).map((a) => a.raw)),
  ];

  // 本单位, and 本单位（县国资中心） for the name it carries with a second name
  const self = (name: string) => (name === dept.name ? '本单位' : own.has(name) ? `本单位${name.slice(secondName(name)?.main.length ?? 0)}` : name);

  pdf.title(title);
  const meta = [doc.docNumber, chineseDate(doc.date)].filter(Boolean).join('　');
  if (meta) pdf.subtitle(meta);
  pdf.redRule();
  pdf.title(`${dept.name}责任清单`, { size: 18 });
  const aliases = dept.aliases.filter((a) => a !== dept.name);
  pdf.subtitle(
    `牵头 ${data.leadCount} 项 / 责任 ${data.responsibleCount} 项（共 ${data.tasks.length} 项重点工作）` +
      (aliases.length ? `　又称：${aliases.slice(0, 4).join('、')}` : ''),
    { font: 'sans', size: 11, color: '#111111' },
  );
  for (const carrier of data.carriers) {
    const n = data.tasks.filter((t) => t.via === carrier).length;
    if (n > 0) pdf.subtitle(`含以“${carrier}”名义承担的 ${n} 项`, { font: 'sans', size: 10, color: '#555555' });
  }
  if (data.seeAlso) pdf.subtitle(`另见${data.seeAlso}责任清单（同一单位，该清单也列出本清单的任务）`, { font: 'sans', size: 10, color: '#555555' });
  pdf.space(6);

  pdf.heading('一、任务一览');
  if (data.tasks.length === 0) {
    pdf.paragraph('本文件未在任务分工中列出本单位。', { indent: 0 });
  } else {
    // 完成时限 only where the document sets deadlines
    const deadlines = data.tasks.some((t) => t.task.deadline);
    // 序号 as the document numbers its tasks (（三）, 12), as wide as the widest needs (up to 4.2.1.2)
    const numbers = data.tasks.map((t) => columnLabel(t.task));
    const numberWidth = Math.min(64, Math.max(32, ...numbers.map((n) => pdf.textWidth(n, 'sans', 9.5) + 10)));
    // Columns as wide as a deadline (2025年12月底前) or a unit name needs, so neither is cut
    // over two lines; 重点工作 gives way first, down to a quarter of the line.
    const fit = (texts: string[], header: string, cap: number) =>
      Math.min(cap, Math.max(pdf.textWidth(header, 'sansBold', 9.5), ...texts.map((x) => pdf.textWidth(x, 'sans', 9.5))) + 9);
    // what may not be cut: a deadline's clauses (…启动，| 12月底前完成), a name without the second
    // name it closes with (县委宣传部 |（县网信办）), which wrapList puts on a line of its own
    const clauses = (x: string) => x.split(/(?<=[，；、])/);
    const pieces = (name: string) => {
      const open = bracketOpening(name);
      return open > 0 ? [name.slice(0, open), name.slice(open)] : [name];
    };
    const deadlineWidth = deadlines
      ? fit(
          data.tasks.flatMap((t) => clauses(t.task.deadline ?? '—')),
          '完成时限',
          0.22 * pdf.width,
        )
      : 0;
    const leadWidth = fit(
      data.tasks.flatMap((t) => t.task.lead.map(self).flatMap(pieces)),
      '牵头单位',
      0.2 * pdf.width,
    );
    const responsibleNeed = fit(
      data.tasks.flatMap((t) => t.task.responsible.map(self).flatMap(pieces)),
      '责任单位',
      0.24 * pdf.width,
    );
    const roleWidth = 40; // 牵头 / 责任; the header 本单位角色 takes two lines
    const fixed = numberWidth + roleWidth + leadWidth + deadlineWidth;
    // 重点工作 wraps anywhere; a unit name cut in two is hard to read: the title gives way down to a fifth
    const titleWidth = Math.max(0.2 * pdf.width, Math.min((deadlines ? 0.3 : 0.36) * pdf.width, pdf.width - fixed - responsibleNeed));
    const columns: Column[] = [
      { header: '序号', width: numberWidth, align: 'center' },
      { header: '重点工作', width: titleWidth },
      { header: '本单位角色', width: roleWidth, align: 'center' },
      { header: '牵头单位', width: leadWidth, list: true },
      { header: '责任单位', width: 0, list: true }, // takes the rest
      ...(deadlines ? [{ header: '完成时限', width: deadlineWidth, align: 'center' as const }] : []),
    ];
    pdf.table(
      columns.map((c, _i, all) => (c.width === 0 ? { ...c, width: restWidth(pdf.width, all) } : c)),
      data.tasks.map((t, i) => [
        numbers[i],
        t.task.title,
        t.roleLabel,
        // the department itself as 本单位, so its own row reads at a glance
        t.task.lead.map(self).join('、') || '—',
        t.task.responsible.map(self).join('、') || '—',
        ...(deadlines ? [t.task.deadline ?? '—'] : []),
      ]),
      { fontSize: 9.5, zebra: '#f6f6f6' },
    );
  }

  if (data.tasks.length > 0) {
    pdf.space(6);
    // Keep with the first task's heading, 所属 line and two lines of its text.
    pdf.heading('二、任务内容', { keepWith: 90 });
    for (const t of data.tasks) {
      // The section with its label (（七）推动城乡融合发展): titles alone repeat across chapters.
      const section = doc.sections.find((s) => s.id === t.task.section);
      const where = section ? sectionHeading(section) : t.task.sectionPath.length ? t.task.sectionPath[t.task.sectionPath.length - 1] : '';
      // Keep the heading with its 所属 line and two lines of the text.
      const keepWith = (where || t.task.deadline || t.pages ? PolicyPdf.leading(9, 1.4) : 0) + PolicyPdf.leading(11.5, 1.6) * 2;
      const via = t.via ? `，以“${t.via}”名义` : '';
      pdf.heading(`${taskHeading(t.task)}（${t.roleLabel}${via}）`, { level: 2, font: 'sans', keepWith });
      // the page of the source a PDF/OFD document has it on (第N页), as search hits cite it
      const page = t.pages && `原文${pageText(t.pages)}`;
      const place = [where && `所属：${where}`, t.task.deadline && `完成时限：${t.task.deadline}`, page].filter(Boolean).join('　');
      if (place) pdf.paragraph(place, { font: 'sans', size: 9, indent: 0, color: '#555555', leading: 1.4 });
      pdf.paragraph(withoutNumber(t.task.text, t.task.number), { size: 11.5, font: 'sans', highlight: names });
      if (t.targets.length > 0) {
        // A label never ends a page without its first item (two lines: shorter items move whole).
        pdf.paragraph('量化目标', { font: 'sansBold', size: 10.5, indent: 0, keepWith: 2 * PolicyPdf.leading(10, 1.6) });
        for (const target of t.targets) pdf.paragraph(`• ${describeTarget(target)}`, { font: 'sans', size: 10, indent: 1 });
      }
      if (t.indicators.length > 0) {
        pdf.paragraph('相关指标', { font: 'sansBold', size: 10.5, indent: 0, keepWith: 2 * PolicyPdf.leading(10, 1.6) });
        for (const link of t.indicators) {
          const i = link.indicator;
          // Figures as the indicator table shows them (≤5.5, 累计 15), the growth column too.
          const base = i.baseline ? `${i.baseline.year ?? ''}${i.baseline.year ? '年' : ''}基数 ${figureText(i.baseline)}` : '';
          // Every target year (2025年目标 67，2035年目标 75), not only the first.
          const goals = i.targets.length > 0 ? i.targets : i.target ? [i.target] : [];
          const goal = goals.map((g) => `${g.year ?? ''}${g.year ? '年' : ''}目标 ${figureText(g)}`).join('，');
          const growth = i.growth ? growthLabel(i.growth) : '';
          const parts = [base, goal, growth, i.attribute].filter(Boolean).join('，');
          pdf.paragraph(`• ${withUnit(i.name, i.unit)}${parts ? `：${parts}` : ''}（任务提及“${link.matched}”）`, { font: 'sans', size: 10, indent: 1 });
        }
      }
      pdf.space(4);
    }
  }

  const mentionsTitle = data.tasks.length > 0 ? '三、文件中的其他提及' : '二、文件中的其他提及';
  if (data.mentions.length === 0) {
    // One line, not a heading with nothing under it that may take a page of its own.
    pdf.space(4);
    pdf.paragraph(`${mentionsTitle}：无`, { font: 'sansBold', size: 13, indent: 0, color: RED });
  } else {
    pdf.heading(mentionsTitle);
    for (const m of data.mentions) {
      pdf.paragraph(`${m.where ? `【${m.where}】` : ''}${m.mention.context}`, { size: 11, highlight: [...names, m.mention.raw] });
    }
  }

  const bytes = await pdf.finish();
  return { bytes, pages: pdf.pageCount };
}

/** 农村网络零售额（亿元）: the unit once after the name, as an indicator table heads its rows; not twice when the name has it. */
export function withUnit(name: string, unit: string | null): string {
  if (!unit) return name;
  const fold = (x: string) => normalizeForMatch(x).replace(/％/g, '%');
  return fold(name).endsWith(`(${fold(unit)})`) ? name : `${name}（${unit}）`;
}

/** The task's text without its leading number (`8. `, `8．`, `（8）`): the heading shows it. */
export function withoutNumber(text: string, number: string): string {
  const escaped = number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`^\\s*(?:[（(]${escaped}[）)]|${escaped}(?:\\s*[.．、]|\\s))\\s*`), '');
}

function restWidth(total: number, columns: { width: number }[]): number {
  const used = columns.reduce((sum, c) => sum + (c.width === 0 ? 0 : c.width < 1 ? c.width * total : c.width), 0);
  return Math.max(40, total - used);
}

/** Footer's right side: the generation date. */
export function generatedLine(date: Date): string {
  return `生成日期：${isoDay(date)}`;
}
