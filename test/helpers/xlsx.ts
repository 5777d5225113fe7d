import { strToU8, zipSync } from 'fflate';

/**
 * A tiny .xlsx writer for the tests: our own text in the shapes of real 分工表 (a merged title
 * row, cells merged over rows, a two-level header, dates, hidden sheets), written as Excel and
 * WPS write them — shared strings by default, inline strings where a sheet asks (exporting
 * systems write those), number formats in styles.xml.
 */
export type CellSpec = string | number | boolean | null | undefined | { n: number; fmt: string } | { rich: string[]; phonetic?: string };

export interface SheetSpec {
  name: string;
  rows: CellSpec[][];
  /** A1:B2 ranges. */
  merges?: string[];
  state?: 'hidden' | 'veryHidden';
  /** Strings written inline (<is>) instead of in sharedStrings.xml. */
  inline?: boolean;
  /** The first row's number (1-based): rows above it are absent from the XML. */
  startRow?: number;
  /** Leave out the r attributes of rows and cells (some writers do). */
  noRefs?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function colName(c: number): string {
  let s = '';
  for (let k = c + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

export function xlsx(sheets: SheetSpec[], options: { date1904?: boolean; extraParts?: Record<string, string> } = {}): Uint8Array {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const formats: string[] = [];
  const styleOf = (fmt: string) => {
    let i = formats.indexOf(fmt);
    if (i < 0) i = formats.push(fmt) - 1;
    return i + 1; // xf 0 is General
  };
  const si = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.push(`<si><t xml:space="preserve">${esc(s)}</t></si>`) - 1;
      stringIndex.set(s, i);
    }
    return i;
  };
  const parts: Record<string, Uint8Array> = {};
  sheets.forEach((sheet, k) => {
    const start = sheet.startRow ?? 1;
    const rows = sheet.rows
      .map((row, r) => {
        const n = start + r;
        const cells = row
          .map((cell, c) => {
            if (cell === null || cell === undefined) return '';
            const ref = sheet.noRefs ? '' : ` r="${colName(c)}${n}"`;
            // a formatted empty cell (borders over the table's width): <c r="G4" s="0"/>
            if (cell === '') return `<c${ref} s="0"/>`;
            if (typeof cell === 'number') return `<c${ref}><v>${cell}</v></c>`;
            if (typeof cell === 'boolean') return `<c${ref} t="b"><v>${cell ? 1 : 0}</v></c>`;
            if (typeof cell === 'object' && 'n' in cell) return `<c${ref} s="${styleOf(cell.fmt)}"><v>${cell.n}</v></c>`;
            if (typeof cell === 'object') {
              const runs = cell.rich.map((t) => `<r><rPr><b/></rPr><t xml:space="preserve">${esc(t)}</t></r>`).join('');
              const ph = cell.phonetic ? `<rPh sb="0" eb="1"><t>${esc(cell.phonetic)}</t></rPh>` : '';
              if (sheet.inline) return `<c${ref} t="inlineStr"><is>${runs}${ph}</is></c>`;
              const i = strings.push(`<si>${runs}${ph}</si>`) - 1;
              return `<c${ref} t="s"><v>${i}</v></c>`;
            }
            if (sheet.inline) return `<c${ref} t="inlineStr"><is><t xml:space="preserve">${esc(cell)}</t></is></c>`;
            return `<c${ref} t="s"><v>${si(cell)}</v></c>`;
          })
          .join('');
        return `<row${sheet.noRefs ? '' : ` r="${n}"`}>${cells}</row>`;
      })
      .join('');
    const merges = sheet.merges?.length
      ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
      : '';
    parts[`xl/worksheets/sheet${k + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="1" width="6"/></cols><sheetData>${rows}</sheetData>${merges}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    );
  });
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${options.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${sheets
    .map((s, k) => `<sheet name="${esc(s.name)}" sheetId="${k + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${k + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map(
      (_, k) =>
        `<Relationship Id="rId${k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`,
    )
    .join(
      '',
    )}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="${formats.length}">${formats
    .map((f, i) => `<numFmt numFmtId="${176 + i}" formatCode="${esc(f)}"/>`)
    .join('')}</numFmts><cellXfs count="${formats.length + 1}"><xf numFmtId="0" fontId="0"/>${formats
    .map((_, i) => `<xf numFmtId="${176 + i}" fontId="0" applyNumberFormat="1"/>`)
    .join('')}</cellXfs></styleSheet>`;
  const shared = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.join('')}</sst>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
        .map(
          (_, k) =>
            `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join(
          '',
        )}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(workbook),
    'xl/_rels/workbook.xml.rels': strToU8(rels),
    'xl/styles.xml': strToU8(styles),
    'xl/sharedStrings.xml': strToU8(shared),
    ...parts,
    ...Object.fromEntries(Object.entries(options.extraParts ?? {}).map(([k, v]) => [k, strToU8(v)])),
  });
}

/**
 * A 分工表 as published: 附件1, a title merged over the table, the header, 重点任务 and 牵头单位
 * merged over the 具体措施 rows under them, deadlines as dates, a note under the table.
 */
export function divisionTable(): SheetSpec {
  const date = (y: number, m: number, d: number) => ({
    n: Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000),
    fmt: 'yyyy"年"m"月"d"日"',
  });
  return {
    name: '重点任务分工',
    rows: [
      ['附件1'],
      ['青溪县2025年优化营商环境重点任务分工表'],
      ['序号', '重点任务', '具体措施', '牵头单位', '责任单位', '完成时限'],
      [
        1,
        '提升政务服务效能',
        '推行“高效办成一件事”，梳理公布重点事项清单，实行清单化管理。',
        '县政务服务中心',
        '县发展改革局、县司法局',
        date(2025, 6, 30),
        '',
        '',
      ],
      [2, null, '深化“一网通办”，推动高频政务服务事项全程网办。', null, '县大数据中心', date(2025, 12, 31)],
      [3, null, '规范窗口收件标准，推行帮办代办服务。', null, '各乡镇人民政府', '持续推进'],
      [4, '优化市场准入环境', '全面落实市场准入负面清单制度，清理不合理准入限制。', '县发展改革局', '县市场监管局、县商务局', date(2025, 9, 30)],
      [5, null, '推行经营主体登记“一照多址”改革。', '县市场监管局', '县税务局', date(2025, 10, 31)],
      [],
      ['注：各牵头单位于每季度末向县营商环境办报送工作进展。'],
      [],
      [],
    ],
    merges: ['A2:F2', 'B4:B6', 'D4:D6', 'B7:B8'],
  };
}
