import type { Indicator, PolicyDocument, Quantity } from '../model/types.js';
import { boundOf, changeText, extraCell, extraColumns, figureText, growthHeader, growthLabel, growthText } from './indicator-cells.js';
import { PolicyPdf, RED } from './pdf/document.js';
import type { Face } from './pdf/fonts.js';
import { fit } from './pdf/line-break.js';
import { documentTitle, generatedLine, type RenderedPdf, type RenderOptions, sourceLine } from './sheet.js';
import { chineseDate, formatNumber } from './sheet-data.js';

/**
 * The indicator sheet (主要指标): each indicator table of the document with baseline and
 * targets side by side, binding indicators (约束性) marked ★ in red, and a bar chart of
 * baseline against target drawn with pdfkit vector graphics. Units differ between rows,
 * so each row of the chart has its own scale (the larger of its two values). A figure with a
 * comparator (<5.5, ≥92.6) is a bound — a hollow bar, 上限/下限, no change figure; a change
 * carries its unit (个百分点 for %). The growth column (年均增长; a [15] as 累计 15, a total, not
 * a rate a year) and any other column of the table (备注 …) are printed too.
 */

export const BINDING = '约束性';

export function isBinding(indicator: Indicator): boolean {
  return (indicator.attribute ?? '').includes(BINDING);
}

/** Indicators grouped by the table that holds them, in document order. */
export function indicatorTables(doc: PolicyDocument): { table: string | null; indicators: Indicator[] }[] {
  const groups: { table: string | null; indicators: Indicator[] }[] = [];
  for (const indicator of doc.indicators) {
    const last = groups[groups.length - 1];
    if (last && last.table === indicator.table) last.indicators.push(indicator);
    else groups.push({ table: indicator.table, indicators: [indicator] });
  }
  return groups;
}

function quantityText(q: Quantity | null, withYear: boolean): string {
  if (!q) return '—';
  return withYear && q.year ? `${figureText(q)}（${q.year}）` : figureText(q);
}

/** A line of one character (…投入增 / 长) reads badly: one that holds no more than that is a widow. */
function widowed(lines: string[]): boolean {
  return lines.length > 1 && lines[lines.length - 1].replace(/[\p{P}\s]/gu, '').length <= 1;
}

/**
 * Lines of a cell where the last holds at least two characters when a slightly narrower
 * measure gets that in as many lines (…投入 / 增长, not …投入增 / 长).
 */
export function wrapCell(pdf: PolicyPdf, text: string, width: number, font: Face, size: number): string[] {
  return text.split(/\r?\n/).flatMap((part) => {
    const lines = pdf.wrap(part, width, font, size);
    if (!widowed(lines)) return lines;
    for (let w = width - 1; w > width / 2; w--) {
      const narrower = pdf.wrap(part, w, font, size);
      if (narrower.length > lines.length) break;
      if (!widowed(narrower)) return narrower;
    }
    return lines;
  });
}

/** The year shared by every quantity, or null when they differ. */
function commonYear(qs: (Quantity | null | undefined)[]): number | null {
  const years = new Set(qs.filter((q): q is Quantity => Boolean(q)).map((q) => q.year));
  return years.size === 1 ? ([...years][0] ?? null) : null;
}

export async function renderIndicators(doc: PolicyDocument, options: RenderOptions = {}): Promise<RenderedPdf> {
  const date = options.date ?? new Date();
  const title = documentTitle(doc);
  const pdf = new PolicyPdf({
    fonts: options.fonts,
    date,
    title: `主要指标 — ${title}`,
    header: `${title}　主要指标`,
    footer: { left: sourceLine(doc), right: generatedLine(date) },
  });
  pdf.title(title);
  const meta = [doc.docNumber, chineseDate(doc.date)].filter(Boolean).join('　');
  if (meta) pdf.subtitle(meta);
  pdf.redRule();
  pdf.title('主要指标', { size: 18 });
  const binding = doc.indicators.filter(isBinding).length;
  pdf.subtitle(`共 ${doc.indicators.length} 项指标，其中约束性指标 ${binding} 项（★ 标出）`, { font: 'sans', size: 11, color: '#111111' });
  pdf.space(6);

  if (doc.indicators.length === 0) {
    pdf.paragraph('本文件没有指标表。', { indent: 0 });
  }
  const tables = indicatorTables(doc);
  tables.forEach((group, g) => {
    pdf.heading(`${tables.length > 1 ? `${g + 1}. ` : ''}${group.table?.replace(/\s+/g, ' ') ?? '指标表'}`);
    drawTable(pdf, group.indicators);
    pdf.space(10);
    drawChart(pdf, group.indicators);
    pdf.space(8);
  });
  const bytes = await pdf.finish();
  return { bytes, pages: pdf.pageCount };
}

function drawTable(pdf: PolicyPdf, indicators: Indicator[]): void {
  const baseYear = commonYear(indicators.map((i) => i.baseline));
  const targetColumns = Math.max(1, ...indicators.map((i) => i.targets.length));
  const targetYears = Array.from({ length: targetColumns }, (_, k) => commonYear(indicators.map((i) => i.targets[k] ?? (k === 0 ? i.target : null))));
  const hasCategory = indicators.some((i) => i.category);
  const growth = growthHeader(indicators);
  // other columns (备注, 责任单位 …) share one column: its name, or 其他 with 列名：值 lines
  const extras = extraColumns(indicators);
  const extraW = extras.length ? 72 : 0;
  // The unit column fits its longest unit on one line (公里/平方公里 was cut as 平方公 / 里), up to 80 pt.
  const unitW = Math.min(80, Math.max(40, ...indicators.map((i) => Math.ceil(pdf.textWidth(i.unit ?? '', 'sans', 9.5)) + 9)));
  // Value columns give way to the name column (at least 130 pt) when there are many targets.
  // the growth column fits its longest cell ([4.5]（累计）, 与经济增长同步) on one line, up to 84 pt
  const growthW = growth ? Math.min(84, Math.max(44, ...indicators.map((i) => Math.ceil(pdf.textWidth(growthText(i.growth, growth), 'sans', 9.5)) + 9))) : 0;
  const fixedW = 28 + (hasCategory ? 50 : 0) + unitW + 52 + extraW + growthW;
  // …and to the longest name, when the values can spare the room (城市公共交通机动化出行分担率
  // left 率 alone on a second line).
  const nameW = Math.max(130, ...indicators.map((i) => Math.ceil(pdf.textWidth(i.name, 'sans', 9.5)) + 9));
  const valueW = Math.max(44, Math.min(62, (pdf.width - fixedW - nameW) / (1 + targetYears.length)));
  const columns = [
    { header: '序号', width: 28, align: 'center' as const },
    ...(hasCategory ? [{ header: '类别', width: 50 }] : []),
    { header: '指标', width: 0 },
    { header: '单位', width: unitW, align: 'center' as const },
    { header: baseYear ? `${baseYear}年基数` : '基数', width: valueW, align: 'center' as const },
    ...targetYears.map((y) => ({ header: y ? `${y}年目标` : '目标', width: valueW, align: 'center' as const })),
    ...(growth ? [{ header: growth, width: growthW, align: 'center' as const }] : []),
    { header: '属性', width: 52, align: 'center' as const },
    ...(extras.length ? [{ header: extras.length === 1 ? extras[0] : '其他', width: extraW }] : []),
  ];
  const used = columns.reduce((s, c) => s + c.width, 0);
  const nameCol = columns.find((c) => c.width === 0);
  if (nameCol) nameCol.width = Math.max(80, pdf.width - used);
  // each cell broken here (the table keeps hard breaks) so that no line holds one character alone
  const PAD = 4;
  const cellLines = (text: string, k: number, font: Face) => wrapCell(pdf, text, columns[k].width - 2 * PAD, font, 9.5).join('\n');
  pdf.table(
    columns.map((c, k) => ({ ...c, header: cellLines(c.header, k, 'sansBold') })),
    indicators.map((i) => {
      const targets = i.targets.length > 0 ? i.targets : i.target ? [i.target] : [];
      return [
        i.number,
        ...(hasCategory ? [i.category ?? ''] : []),
        i.name,
        i.unit ?? '',
        quantityText(i.baseline, baseYear === null),
        ...targetYears.map((y, k) => quantityText(targets[k] ?? null, y === null)),
        ...(growth ? [growthText(i.growth, growth) || '—'] : []),
        isBinding(i) ? `★ ${i.attribute}` : (i.attribute ?? ''),
        ...(extras.length === 1 ? [extraCell(i, extras[0])] : []),
        ...(extras.length > 1 ? [i.extra.map((c) => `${c.column}：${c.raw}`).join('\n')] : []),
      ].map((text, k) => cellLines(text, k, 'sans'));
    }),
    { fontSize: 9.5, zebra: '#f6f6f6', padding: PAD },
  );
}

const BAR_H = 7;
const ROW = 28;

/** Baseline (grey) against first target (blue; red for binding indicators), one scale per row. */
function drawChart(pdf: PolicyPdf, indicators: Indicator[]): void {
  const g = pdf.doc;
  const labelW = 150;
  const valueW = 64; // the change column at the right
  const rawW = 44; // room for a value label after the longest bar
  const barX = pdf.left + labelW + 6;
  const barMax = pdf.width - labelW - 6 - valueW - rawW;
  // Keep the chart on one page when it can be (a lone row on the next page reads badly).
  const height = 40 + 32 + indicators.length * ROW;
  if (height <= pdf.bottom - pdf.top) pdf.ensureSpace(height);
  pdf.heading('基数与目标对比', { level: 2 });
  pdf.ensureSpace(28 + 2 * ROW);
  // Legend
  const ly = pdf.y;
  g.save()
    .rect(pdf.left, ly + 3, 14, BAR_H)
    .fill('#9e9e9e')
    .restore();
  pdf.drawLine('基数', pdf.left + 18, ly, { font: 'sans', size: 9 });
  // Which target the bars show: the model's `target` (several years may follow in the table).
  const year = commonYear(indicators.map((i) => i.target));
  const goalLabel = year ? `${year}年目标` : '目标';
  const goalW = pdf.textWidth(goalLabel, 'sans', 9) + 26;
  g.save()
    .rect(pdf.left + 60, ly + 3, 14, BAR_H)
    .fill('#2f5d9e')
    .restore();
  pdf.drawLine(goalLabel, pdf.left + 78, ly, { font: 'sans', size: 9 });
  g.save()
    .rect(pdf.left + 60 + goalW, ly + 3, 14, BAR_H)
    .fill(RED)
    .restore();
  pdf.drawLine(`${goalLabel}（★ 约束性）`, pdf.left + 78 + goalW, ly, { font: 'sans', size: 9 });
  // the note goes right of the legend, or on a line of its own when it does not fit there
  const bounds = indicators.some((i) => boundOf(i.baseline) || boundOf(i.target));
  const note = `各行按自身较大值缩放${bounds ? '；空心条为限值（<、≤、>、≥），不计变化' : ''}`;
  const legendEnd = 78 + goalW + pdf.textWidth(`${goalLabel}（★ 约束性）`, 'sans', 9) + 12;
  const own = legendEnd + pdf.textWidth(note, 'sans', 8) > pdf.width;
  pdf.drawLine(note, pdf.left, own ? ly + 14 : ly, { font: 'sans', size: 8, width: pdf.width, align: 'right', color: '#555555' });
  pdf.y += own ? 32 : 20;

  // a row ends with a thin rule under it
  const endRow = (y: number) => {
    g.save()
      .moveTo(pdf.left, y + ROW - 3)
      .lineTo(pdf.left + pdf.width, y + ROW - 3)
      .lineWidth(0.3)
      .strokeColor('#dddddd')
      .stroke()
      .restore();
    pdf.y += ROW;
  };
  for (const i of indicators) {
    pdf.ensureSpace(ROW);
    const y = pdf.y;
    const binding = isBinding(i);
    const label = `${i.number}. ${binding ? '★ ' : ''}${i.name}`;
    const lines = wrapCell(pdf, label, labelW, binding ? 'sansBold' : 'sans', 8.5).slice(0, 2);
    if (lines.length === 2 && pdf.wrap(label, labelW, 'sans', 8.5).length > 2) lines[1] = fit(lines[1] + '…', labelW, (s) => pdf.textWidth(s, 'sans', 8.5));
    lines.forEach((line, k) =>
      pdf.drawLine(line, pdf.left, y + 2 + k * 11, { font: binding ? 'sansBold' : 'sans', size: 8.5, color: binding ? RED : '#111111' }),
    );
    const base = i.baseline?.value ?? null;
    const goal = i.target?.value ?? null;
    const scale = Math.max(Math.abs(base ?? 0), Math.abs(goal ?? 0)) || 1;
    // a bound (<5.5, ≥92.6) is a hollow bar labelled in words: a ceiling or floor, not a level
    const bar = (q: Quantity | null, label: string, by: number, color: string) => {
      const value = q?.value ?? null;
      if (value === null) {
        pdf.drawLine(`${label || '—'}（无数值）`, barX, by - 2, { font: 'sans', size: 8, color: '#777777' });
        return;
      }
      const w = Math.max(1, (Math.abs(value) / scale) * barMax);
      if (boundOf(q))
        g.save()
          .rect(barX + 0.5, by + 0.5, w - 1, BAR_H - 1)
          .lineWidth(1)
          .strokeColor(color)
          .stroke()
          .restore();
      else g.save().rect(barX, by, w, BAR_H).fill(color).restore();
      pdf.drawLine(label, barX + w + 4, by - 2, { font: 'sans', size: 8 });
    };
    const figure = (q: Quantity | null) => {
      const b = boundOf(q);
      return b ? `${b.word} ${formatNumber(b.value)}` : q ? figureText(q) : '—';
    };
    bar(i.baseline, figure(i.baseline), y + 3, '#9e9e9e');
    // a row whose target is its growth ([15] 约束性, 5.5左右) says so rather than 无数值
    if (goal === null && i.growth && /[^\s—－–-]/.test(i.growth.raw)) {
      pdf.drawLine(growthLabel(i.growth), barX, y + 3 + BAR_H + 3 - 2, { font: 'sans', size: 8, color: binding ? RED : '#2f5d9e' });
      endRow(y);
      continue;
    }
    // Without one year for all, each target says its own.
    const goalText = figure(i.target);
    const goalLabel = i.target && year === null && i.target.year ? `${goalText}（${i.target.year}年）` : goalText;
    bar(i.target, goalLabel, y + 3 + BAR_H + 3, binding ? RED : '#2f5d9e');
    // the change the plan sets, with its unit; for a bound, which kind it is instead
    const bound = boundOf(i.target);
    const change = bound ? bound.kind : changeText(i.baseline, i.target, i.unit);
    if (change) pdf.drawLine(change, pdf.left + pdf.width - valueW, y + 6, { font: 'sans', size: 8, width: valueW, align: 'right', color: '#555555' });
    endRow(y);
  }
}
