import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { ConversionError, type ConvertedText } from './converted.js';
import { joinParts, TextLines } from './lines.js';

/**
 * A Word .docx → the text the 公文 parser reads. Only word/document.xml's body is text:
 * headers, footers, footnotes, comments and text boxes are not. Paragraphs are one a line (a
 * soft line break w:br starts a new line, as the author saw it); Word's automatic numbering
 * is computed from numbering.xml (the paragraph's w:numPr, or its style's) and written before
 * the paragraph's text, because the outline depends on the label (一、 （一） 1. ①). Tables:
 * one row a line, cells split by tabs, gridSpan and vMerge spread so every row has a cell for
 * every column (a merged 牵头单位 gives its text to every row it covers); a one-column table
 * (a 专栏 box, a frame) is read as paragraphs.
 */
export async function docxToText(bytes: Uint8Array): Promise<ConvertedText> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' || f.name === 'word/numbering.xml' || f.name === 'word/styles.xml' || f.name === '[Content_Types].xml' || f.name === 'OFD.xml' || f.name.startsWith('xl/') });
  } catch (error) {
    throw new ConversionError('damaged', `a damaged .docx (the ZIP package cannot be read: ${(error as Error).message})`);
  }
  const main = files['word/document.xml'];
  if (!main) {
    if (files['OFD.xml']) throw new ConversionError('damaged', 'an OFD package, not a Word document (rename it to .ofd)');
    if (Object.keys(files).some((f) => f.startsWith('xl/'))) throw new ConversionError('damaged', 'an Excel workbook (.xlsx), not a Word document');
    throw new ConversionError('damaged', 'a ZIP archive that is not a Word document (no word/document.xml)');
  }
  const decoder = new TextDecoder('utf-8');
  let body: XNode[];
  let numbering: Numbering;
  try {
    const mainXml = decoder.decode(main);
    const doc = parseXml(mainXml);
    body = childrenOf(find(childrenOf(find(doc, 'w:document')), 'w:body'));
    // styles and lists are parsed only when some paragraph or style is numbered (most of the cost is the parse)
    const stylesXml = files['word/styles.xml'] ? decoder.decode(files['word/styles.xml']) : '';
    const styledNumbering = stylesXml.includes('<w:numPr');
    const numbered = styledNumbering || mainXml.includes('<w:numPr');
    const styles = styledNumbering ? parseXml(stylesXml) : [];
    numbering = new Numbering(numbered && files['word/numbering.xml'] ? parseXml(decoder.decode(files['word/numbering.xml'])) : [], styles);
  } catch (error) {
    throw new ConversionError('damaged', `a damaged .docx (its XML cannot be read: ${(error as Error).message.split('\n')[0]})`);
  }
  const reader = new BodyReader(numbering);
  reader.blocks(body);
  const text = reader.out.finish();
  if (!text.trim()) {
    throw new ConversionError('no-text', reader.images > 0 ? 'a Word document with images only, no text (a scan needs OCR first)' : 'a Word document without text');
  }
  return { text, encoding: 'utf-8', ...(reader.warnings.length ? { warnings: reader.warnings } : {}) };
}

// ---------------------------------------------------------------- XML helpers (fast-xml-parser, preserveOrder)

type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
});

function parseXml(xml: string): XNode[] {
  return parser.parse(xml) as XNode[];
}

function tagOf(node: XNode): string {
  for (const k in node) if (k !== ':@') return k;
  return '';
}

function childrenOf(node: XNode | undefined): XNode[] {
  if (!node) return [];
  const v = node[tagOf(node)];
  return Array.isArray(v) ? (v as XNode[]) : [];
}

function find(nodes: XNode[], tag: string): XNode | undefined {
  return nodes.find((n) => tagOf(n) === tag);
}

function attr(node: XNode | undefined, name: string): string | undefined {
  return node?.[':@']?.[name];
}

/** The w:val of the child `tag` of `node`. */
function val(nodes: XNode[], tag: string): string | undefined {
  return attr(find(nodes, tag), 'w:val');
}

// ---------------------------------------------------------------- automatic numbering

interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  isLgl: boolean;
}

class Numbering {
  private readonly abstract = new Map<string, Level[]>();
  private readonly nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  private readonly styleNum = new Map<string, { numId?: string; ilvl?: string; basedOn?: string }>();
  private readonly counters = new Map<string, number[]>();

  constructor(numbering: XNode[], styles: XNode[]) {
    const root = childrenOf(find(numbering, 'w:numbering'));
    for (const n of root) {
      const tag = tagOf(n);
      if (tag === 'w:abstractNum') {
        const levels: Level[] = [];
        for (const lvl of childrenOf(n)) {
          if (tagOf(lvl) !== 'w:lvl') continue;
          const c = childrenOf(lvl);
          levels[Number(attr(lvl, 'w:ilvl') ?? 0)] = {
            start: Number(val(c, 'w:start') ?? 1),
            numFmt: val(c, 'w:numFmt') ?? 'decimal',
            lvlText: val(c, 'w:lvlText') ?? '',
            isLgl: find(c, 'w:isLgl') !== undefined,
          };
        }
        this.abstract.set(attr(n, 'w:abstractNumId') ?? '', levels);
      } else if (tag === 'w:num') {
        const c = childrenOf(n);
        const starts = new Map<number, number>();
        for (const o of c) {
          if (tagOf(o) !== 'w:lvlOverride') continue;
          const s = val(childrenOf(o), 'w:startOverride');
          if (s !== undefined) starts.set(Number(attr(o, 'w:ilvl') ?? 0), Number(s));
        }
        this.nums.set(attr(n, 'w:numId') ?? '', { abstractId: val(c, 'w:abstractNumId') ?? '', starts });
      }
    }
    for (const s of childrenOf(find(styles, 'w:styles'))) {
      if (tagOf(s) !== 'w:style') continue;
      const c = childrenOf(s);
      const numPr = childrenOf(find(childrenOf(find(c, 'w:pPr')), 'w:numPr'));
      this.styleNum.set(attr(s, 'w:styleId') ?? '', { numId: val(numPr, 'w:numId'), ilvl: val(numPr, 'w:ilvl'), basedOn: val(c, 'w:basedOn') });
    }
  }

  /** The label Word shows before a paragraph with these properties (w:pPr's children), or ''. */
  label(pPr: XNode[]): string {
    const numPr = childrenOf(find(pPr, 'w:numPr'));
    let numId = val(numPr, 'w:numId');
    let ilvl = val(numPr, 'w:ilvl');
    // a style's numbering (Heading 1 numbered 一、), followed up its basedOn chain
    for (let style = val(pPr, 'w:pStyle'), depth = 0; style && depth < 10 && (numId === undefined || ilvl === undefined); depth++) {
      const s = this.styleNum.get(style);
      if (!s) break;
      numId ??= s.numId;
      if (s.numId !== undefined || numId !== undefined) ilvl ??= s.ilvl;
      style = s.basedOn;
    }
    if (numId === undefined || numId === '0') return '';
    const num = this.nums.get(numId);
    const levels = num && this.abstract.get(num.abstractId);
    if (!num || !levels) return '';
    const level = Math.max(0, Math.min(8, Number(ilvl ?? 0)));
    const def = levels[level];
    if (!def) return '';
    const counts = this.counters.get(numId) ?? [];
    for (let l = 0; l < level; l++) counts[l] ??= (num.starts.get(l) ?? levels[l]?.start ?? 1);
    counts[level] = counts[level] === undefined ? (num.starts.get(level) ?? def.start) : counts[level] + 1;
    counts.length = level + 1; // lower levels start again
    this.counters.set(numId, counts);
    if (def.numFmt === 'bullet' || def.numFmt === 'none') return '';
    return def.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const fmt = def.isLgl && l !== level ? 'decimal' : (levels[l]?.numFmt ?? 'decimal');
      return formatNumber(counts[l] ?? levels[l]?.start ?? 1, fmt);
    });
  }
}

const CN_DIGITS = '〇一二三四五六七八九';
const CN_LEGAL = '零壹贰叁肆伍陆柒捌玖';
const CN_TRADITIONAL = '甲乙丙丁戊己庚辛壬癸';
const CN_ZODIAC = '子丑寅卯辰巳午未申酉戌亥';

function chineseCounting(n: number, digits = CN_DIGITS, ten = '十', hundred = '百'): string {
  if (n <= 0) return String(n);
  if (n < 10) return digits[n];
  if (n < 20) return ten + (n % 10 ? digits[n % 10] : '');
  if (n < 100) return digits[Math.floor(n / 10)] + ten + (n % 10 ? digits[n % 10] : '');
  if (n < 1000) {
    const rest = n % 100;
    return digits[Math.floor(n / 100)] + hundred + (rest === 0 ? '' : rest < 10 ? digits[0] + digits[rest] : rest < 20 ? digits[1] + chineseCounting(rest, digits, ten, hundred) : chineseCounting(rest, digits, ten, hundred));
  }
  return String(n);
}

function letters(n: number, a: string): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(a.charCodeAt(0) + ((k - 1) % 26)) + s;
  return s;
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let s = '';
  for (const [v, r] of table) while (n >= v) ((s += r), (n -= v));
  return s;
}

/** A counter in one of Word's number formats (w:numFmt). */
export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return chineseCounting(n);
    case 'chineseLegalSimplified':
      return chineseCounting(n, CN_LEGAL, '拾', '佰');
    case 'ideographTraditional':
      return CN_TRADITIONAL[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac':
      return CN_ZODIAC[(n - 1) % 12] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : n <= 35 ? String.fromCharCode(0x3251 + n - 21) : n <= 50 ? String.fromCharCode(0x32b1 + n - 36) : String(n);
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'lowerLetter':
      return letters(n, 'a');
    case 'upperLetter':
      return letters(n, 'A');
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

// ---------------------------------------------------------------- the body

/** Elements whose runs are part of the paragraph's text (links, tracked insertions, content controls, fields). */
const RUN_CONTAINERS = new Set(['w:hyperlink', 'w:ins', 'w:smartTag', 'w:sdt', 'w:sdtContent', 'w:fldSimple', 'w:customXml', 'w:bdo', 'w:dir', 'w:moveTo']);

class BodyReader {
  readonly out = new TextLines();
  readonly warnings: string[] = [];
  images = 0;

  constructor(private readonly numbering: Numbering) {}

  blocks(nodes: XNode[]): void {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'w:p') {
        this.out.endBlock();
        const lines = this.paragraph(n);
        lines.forEach((line, i) => {
          if (i > 0) this.out.endLine();
          this.out.inline(line);
        });
        this.out.endBlock();
      } else if (tag === 'w:tbl') this.table(n);
      else if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml') this.blocks(childrenOf(n));
    }
  }

  /** A paragraph's text, its numbering label first; a soft line break (w:br) splits it into lines. */
  paragraph(p: XNode): string[] {
    const c = childrenOf(p);
    const label = this.numbering.label(childrenOf(find(c, 'w:pPr')));
    const lines: string[] = [label];
    let inField = false;
    const runs = (nodes: XNode[]) => {
      for (const n of nodes) {
        const tag = tagOf(n);
        if (tag === 'w:r') {
          for (const r of childrenOf(n)) {
            const t = tagOf(r);
            if (t === 'w:fldChar') {
              const type = attr(r, 'w:fldCharType');
              if (type === 'begin') inField = true;
              else if (type === 'separate' || type === 'end') inField = false;
            } else if (t === 'w:t' && !inField) lines[lines.length - 1] += textIn(r);
            else if (t === 'w:tab' || t === 'w:ptab') lines[lines.length - 1] += '\t';
            else if (t === 'w:br' || t === 'w:cr') {
              if (attr(r, 'w:type') !== 'page' && attr(r, 'w:type') !== 'column') lines.push('');
            } else if (t === 'w:noBreakHyphen') lines[lines.length - 1] += '-';
            else if (t === 'w:drawing' || t === 'w:pict' || t === 'w:object') this.images++;
            else if (t === 'mc:AlternateContent') this.images++;
          }
        } else if (RUN_CONTAINERS.has(tag)) runs(childrenOf(n));
      }
    };
    runs(c);
    return lines;
  }

  /** A paragraph on one line, for a table cell: its lines joined (a space only between non-Chinese text), no tabs. */
  private paragraphInline(p: XNode): string {
    return joinParts(this.paragraph(p).map((l) => l.replace(/\t+/g, ' ').trim()));
  }

  private cellText(tc: XNode): string {
    const parts: string[] = [];
    const visit = (nodes: XNode[]) => {
      for (const n of nodes) {
        const tag = tagOf(n);
        if (tag === 'w:p') parts.push(this.paragraphInline(n));
        else if (tag === 'w:tbl') {
          for (const tr of childrenOf(n)) if (tagOf(tr) === 'w:tr') for (const c of childrenOf(tr)) if (tagOf(c) === 'w:tc') visit(childrenOf(c));
        } else if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml') visit(childrenOf(n));
      }
    };
    visit(childrenOf(tc));
    return joinParts(parts);
  }

  table(tbl: XNode): void {
    interface Cell { node: XNode; col: number; span: number; merge: 'restart' | 'continue' | null }
    const rows: Cell[][] = [];
    for (const tr of childrenOf(tbl)) {
      if (tagOf(tr) !== 'w:tr') continue;
      const trc = childrenOf(tr);
      let col = Number(val(childrenOf(find(trc, 'w:trPr')), 'w:gridBefore') ?? 0);
      const cells: Cell[] = [];
      const add = (nodes: XNode[]) => {
        for (const tc of nodes) {
          const tag = tagOf(tc);
          if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml') add(childrenOf(tc));
          if (tag !== 'w:tc') continue;
          const pr = childrenOf(find(childrenOf(tc), 'w:tcPr'));
          const span = Math.max(1, Math.min(63, Number(val(pr, 'w:gridSpan') ?? 1) || 1));
          const vm = find(pr, 'w:vMerge');
          const merge = vm === undefined ? null : attr(vm, 'w:val') === 'restart' ? 'restart' : 'continue';
          cells.push({ node: tc, col, span, merge });
          col += span;
        }
      };
      add(trc);
      rows.push(cells);
    }
    const width = Math.max(0, ...rows.map((r) => (r.length ? r[r.length - 1].col + r[r.length - 1].span : 0)));
    if (width <= 1) {
      // a one-column table (a 专栏 box, a frame around the text): its paragraphs
      for (const r of rows) for (const cell of r) this.blocks(childrenOf(cell.node));
      return;
    }
    const grid: string[][] = [];
    for (const [ri, r] of rows.entries()) {
      const line: string[] = Array.from({ length: width }, () => '');
      for (const cell of r) {
        // a vMerge continue cell takes the text of the cell above it (its restart cell)
        const text = cell.merge === 'continue' && ri > 0 ? (grid[ri - 1][cell.col] ?? '') : this.cellText(cell.node);
        for (let k = 0; k < cell.span; k++) line[cell.col + k] = text;
      }
      grid.push(line);
    }
    this.out.endBlock();
    for (const line of grid) {
      if (line.every((c) => c === '')) continue;
      // a row of one text over the whole width (a title or category row): one line, no tabs
      this.out.row(line.every((c) => c === line[0]) ? [line[0]] : line);
    }
    this.out.endBlock();
  }
}

function textIn(t: XNode): string {
  let s = '';
  for (const c of childrenOf(t)) if ('#text' in c) s += String(c['#text']);
  return s;
}
