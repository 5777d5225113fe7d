import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
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
export async function docxToText(bytes: Uint8Array, options: { parser?: 'auto' | 'fast-xml-parser' } = {}): Promise<ConvertedText> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) =>
        f.name === 'word/document.xml' ||
        f.name === 'word/numbering.xml' ||
        f.name === 'word/styles.xml' ||
        f.name === '[Content_Types].xml' ||
        f.name === 'OFD.xml' ||
        f.name.startsWith('xl/'),
    });
  } catch (error) {
    throw new ConversionError('damaged', `a damaged .docx (the ZIP package cannot be read: ${(error as Error).message})`);
  }
  const main = files['word/document.xml'];
  if (!main) {
    if (files['OFD.xml']) throw new ConversionError('damaged', 'an OFD package, not a Word document (rename it to .ofd)');
    if (Object.keys(files).some((f) => f.startsWith('xl/')))
      throw new ConversionError('damaged', 'an Excel workbook (.xlsx), not a Word document (rename it to .xlsx)');
    throw new ConversionError('damaged', 'a ZIP archive that is not a Word document (no word/document.xml)');
  }
  const decoder = new TextDecoder('utf-8');
  let body: XEl[];
  let numbering: Numbering;
  try {
    const mainXml = decoder.decode(main);
    // `parser: 'fast-xml-parser'`: full-tree parses, as before the scanner (the tests and the benchmark compare the two)
    const read = options.parser === 'fast-xml-parser' ? (xml: string) => treeXml(xml) : readXml;
    const doc = read(mainXml, BODY_PARENTS);
    body = kidsOf(find(kidsOf(find(doc, 'w:document')), 'w:body'));
    // styles and lists are read only when some paragraph or style is numbered
    const stylesXml = files['word/styles.xml'] ? decoder.decode(files['word/styles.xml']) : '';
    const styledNumbering = stylesXml.includes('<w:numPr');
    const numbered = styledNumbering || mainXml.includes('<w:numPr');
    const styles = styledNumbering ? read(stylesXml, null) : [];
    numbering = new Numbering(numbered && files['word/numbering.xml'] ? read(decoder.decode(files['word/numbering.xml']), null) : [], styles);
  } catch (error) {
    throw new ConversionError('damaged', `a damaged .docx (its XML cannot be read: ${(error as Error).message.split('\n')[0]})`);
  }
  const reader = new BodyReader(numbering);
  reader.blocks(body);
  const text = reader.out.finish();
  if (!text.trim()) {
    throw new ConversionError(
      'no-text',
      reader.images > 0 ? 'a Word document with images only, no text (a scan needs OCR first)' : 'a Word document without text',
    );
  }
  return { text, encoding: 'utf-8', ...(reader.warnings.length ? { warnings: reader.warnings } : {}) };
}

// ---------------------------------------------------------------- reading the XML

/**
 * An element of a part's XML as the readers below see it: its name with its prefix (w:p), its
 * attributes (parsed when asked for), its child elements — null where its content is never
 * read (run properties, drawings, section properties …) — and, for w:t, its text.
 */
export interface XEl {
  name: string;
  kids: XEl[] | null;
  text: string;
  /** The start tag's attribute text, parsed into `attrs` on the first look-up. */
  raw: string;
  attrs?: Record<string, string>;
}

/**
 * The elements of word/document.xml whose content the body reader looks into: every other
 * element is kept as a name (a run's w:rPr, a w:drawing counted as an image) and its content
 * skipped — most of a Word file's tags are formatting.
 */
const BODY_PARENTS = new Set([
  'w:document',
  'w:body',
  'w:p',
  'w:pPr',
  'w:numPr',
  'w:r',
  'w:t',
  'w:tbl',
  'w:tr',
  'w:trPr',
  'w:tc',
  'w:tcPr',
  'w:sdt',
  'w:sdtContent',
  'w:customXml',
  'w:hyperlink',
  'w:ins',
  'w:smartTag',
  'w:fldSimple',
  'w:bdo',
  'w:dir',
  'w:moveTo',
]);

/**
 * A part's XML → its top-level elements. A single pass over the text (a small tokenizer over
 * tags: no object tree of attributes and text nodes, no path matching) — the full-tree parse
 * was most of the cost of reading a .docx. `parents`: the elements whose children are kept
 * (null: all). XML it does not expect (a DOCTYPE, comments or CDATA, a misnested or unclosed
 * tag, a stray `<`) goes to fast-xml-parser, which reads such markup as it always did.
 */
function readXml(xml: string, parents: ReadonlySet<string> | null): XEl[] {
  return scanXml(xml, parents) ?? treeXml(xml);
}

/** @internal the XML read by fast-xml-parser (the fallback; the tests compare the two). */
export function treeXml(xml: string): XEl[] {
  return fromTree(parser.parse(xml) as XNode[]);
}

/** Element name and attribute text of a start tag (from after its `<` to its `>`, quotes respected). */
const START_TAG = /([^\s/>!?<]+)([^>"'<]*(?:(?:"[^"]*"|'[^']*')[^>"'<]*)*)>/y;

/** @internal exported for the tests: null where the XML is left to fast-xml-parser. */
export function scanXml(source: string, parents: ReadonlySet<string> | null): XEl[] | null {
  if (source.includes('<!')) return null;
  // line ends as an XML parser gives them
  const xml = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  const root: XEl = { name: '', kids: [], text: '', raw: '' };
  const stack: XEl[] = [root];
  let cur = root;
  let skip = 0; // depth inside an element whose content is not kept
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) break;
    if (lt > pos && skip === 0 && cur.name === 'w:t') cur.text += entities(xml.slice(pos, lt));
    const c = xml.charCodeAt(lt + 1);
    if (c === 47 /* / */) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt < 0) return null;
      pos = gt + 1;
      if (skip > 0) {
        skip--;
        continue;
      }
      if (cur === root || xml.slice(lt + 2, gt).trimEnd() !== cur.name) return null;
      stack.pop();
      cur = stack[stack.length - 1];
      continue;
    }
    if (c === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) return null;
      pos = end + 2;
      continue;
    }
    START_TAG.lastIndex = lt + 1;
    const m = START_TAG.exec(xml);
    if (!m) return null;
    pos = START_TAG.lastIndex;
    const raw = m[2];
    const empty = raw.charCodeAt(raw.length - 1) === 47; /* <w:br/> */
    if (skip > 0) {
      if (!empty) skip++;
      continue;
    }
    const el: XEl = { name: m[1], kids: null, text: '', raw: empty ? raw.slice(0, -1) : raw };
    cur.kids!.push(el);
    if (empty) continue;
    if (parents === null || parents.has(el.name)) {
      el.kids = [];
      stack.push(el);
      cur = el;
    } else skip = 1;
  }
  if (stack.length !== 1) return null;
  return root.kids;
}

const ENTITY: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/** The five XML entities (fast-xml-parser's processEntities without HTML entities: character references stay as written). */
function entities(s: string): string {
  return s.includes('&') ? s.replace(/&(?:lt|gt|amp|quot|apos);/g, (e) => ENTITY[e]) : s;
}

/** A tree from fast-xml-parser (preserveOrder) as XEl, for XML the scanner leaves to it. */
function fromTree(nodes: XNode[]): XEl[] {
  return nodes.map((n) => {
    const name = tagOf(n);
    const kids = Array.isArray(n[name]) ? (n[name] as XNode[]) : [];
    let text = '';
    for (const k of kids) if ('#text' in k) text += String(k['#text']);
    return { name, kids: fromTree(kids.filter((k) => !('#text' in k))), text, raw: '', attrs: n[':@'] ?? {} };
  });
}

// fast-xml-parser, preserveOrder: the fallback for XML the scanner does not read
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

function tagOf(node: XNode): string {
  for (const k in node) if (k !== ':@') return k;
  return '';
}

function kidsOf(el: XEl | undefined): XEl[] {
  return el?.kids ?? [];
}

function find(nodes: XEl[], tag: string): XEl | undefined {
  for (const n of nodes) if (n.name === tag) return n;
  return undefined;
}

const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** @internal an element's attributes, parsed from its start tag on the first look-up. */
export function attributes(el: XEl): Record<string, string> {
  if (!el.attrs) {
    el.attrs = {};
    for (const m of el.raw.matchAll(ATTR)) el.attrs[m[1]] = entities(m[2] ?? m[3]);
  }
  return el.attrs;
}

function attr(el: XEl | undefined, name: string): string | undefined {
  return el ? attributes(el)[name] : undefined;
}

/** The w:val of the child `tag` of `node`. */
function val(nodes: XEl[], tag: string): string | undefined {
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

  constructor(numbering: XEl[], styles: XEl[]) {
    const root = kidsOf(find(numbering, 'w:numbering'));
    for (const n of root) {
      const tag = n.name;
      if (tag === 'w:abstractNum') {
        const levels: Level[] = [];
        for (const lvl of kidsOf(n)) {
          if (lvl.name !== 'w:lvl') continue;
          const c = kidsOf(lvl);
          levels[Number(attr(lvl, 'w:ilvl') ?? 0)] = {
            start: Number(val(c, 'w:start') ?? 1),
            numFmt: val(c, 'w:numFmt') ?? 'decimal',
            lvlText: val(c, 'w:lvlText') ?? '',
            isLgl: find(c, 'w:isLgl') !== undefined,
          };
        }
        this.abstract.set(attr(n, 'w:abstractNumId') ?? '', levels);
      } else if (tag === 'w:num') {
        const c = kidsOf(n);
        const starts = new Map<number, number>();
        for (const o of c) {
          if (o.name !== 'w:lvlOverride') continue;
          const s = val(kidsOf(o), 'w:startOverride');
          if (s !== undefined) starts.set(Number(attr(o, 'w:ilvl') ?? 0), Number(s));
        }
        this.nums.set(attr(n, 'w:numId') ?? '', { abstractId: val(c, 'w:abstractNumId') ?? '', starts });
      }
    }
    for (const s of kidsOf(find(styles, 'w:styles'))) {
      if (s.name !== 'w:style') continue;
      const c = kidsOf(s);
      const numPr = kidsOf(find(kidsOf(find(c, 'w:pPr')), 'w:numPr'));
      this.styleNum.set(attr(s, 'w:styleId') ?? '', { numId: val(numPr, 'w:numId'), ilvl: val(numPr, 'w:ilvl'), basedOn: val(c, 'w:basedOn') });
    }
  }

  /** The label Word shows before a paragraph with these properties (w:pPr's children), or ''. */
  label(pPr: XEl[]): string {
    const numPr = kidsOf(find(pPr, 'w:numPr'));
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
    for (let l = 0; l < level; l++) counts[l] ??= num.starts.get(l) ?? levels[l]?.start ?? 1;
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
    return (
      digits[Math.floor(n / 100)] +
      hundred +
      (rest === 0
        ? ''
        : rest < 10
          ? digits[0] + digits[rest]
          : rest < 20
            ? digits[1] + chineseCounting(rest, digits, ten, hundred)
            : chineseCounting(rest, digits, ten, hundred))
    );
  }
  return String(n);
}

function letters(n: number, a: string): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(a.charCodeAt(0) + ((k - 1) % 26)) + s;
  return s;
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let s = '';
  for (const [v, r] of table) while (n >= v) (s += r), (n -= v);
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
      return n >= 1 && n <= 20
        ? String.fromCharCode(0x2460 + n - 1)
        : n <= 35
          ? String.fromCharCode(0x3251 + n - 21)
          : n <= 50
            ? String.fromCharCode(0x32b1 + n - 36)
            : String(n);
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

  blocks(nodes: XEl[]): void {
    for (const n of nodes) {
      const tag = n.name;
      if (tag === 'w:p') {
        this.out.endBlock();
        const lines = this.paragraph(n);
        lines.forEach((line, i) => {
          if (i > 0) this.out.endLine();
          this.out.inline(line);
        });
        this.out.endBlock();
      } else if (tag === 'w:tbl') this.table(n);
      else if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml') this.blocks(kidsOf(n));
    }
  }

  /** A paragraph's text, its numbering label first; a soft line break (w:br) splits it into lines. */
  paragraph(p: XEl): string[] {
    const c = kidsOf(p);
    const label = this.numbering.label(kidsOf(find(c, 'w:pPr')));
    const lines: string[] = [label];
    let inField = false;
    const runs = (nodes: XEl[]) => {
      for (const n of nodes) {
        const tag = n.name;
        if (tag === 'w:r') {
          for (const r of kidsOf(n)) {
            const t = r.name;
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
        } else if (RUN_CONTAINERS.has(tag)) runs(kidsOf(n));
      }
    };
    runs(c);
    return lines;
  }

  /** A paragraph on one line, for a table cell: its lines joined (a space only between non-Chinese text), no tabs. */
  private paragraphInline(p: XEl): string {
    return joinParts(this.paragraph(p).map((l) => l.replace(/\t+/g, ' ').trim()));
  }

  private cellText(tc: XEl): string {
    const parts: string[] = [];
    const visit = (nodes: XEl[]) => {
      for (const n of nodes) {
        const tag = n.name;
        if (tag === 'w:p') parts.push(this.paragraphInline(n));
        else if (tag === 'w:tbl') {
          for (const tr of kidsOf(n)) if (tr.name === 'w:tr') for (const c of kidsOf(tr)) if (c.name === 'w:tc') visit(kidsOf(c));
        } else if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml') visit(kidsOf(n));
      }
    };
    visit(kidsOf(tc));
    return joinParts(parts);
  }

  table(tbl: XEl): void {
    interface Cell {
      node: XEl;
      col: number;
      span: number;
      merge: 'restart' | 'continue' | null;
    }
    const rows: Cell[][] = [];
    for (const tr of kidsOf(tbl)) {
      if (tr.name !== 'w:tr') continue;
      const trc = kidsOf(tr);
      let col = Number(val(kidsOf(find(trc, 'w:trPr')), 'w:gridBefore') ?? 0);
      const cells: Cell[] = [];
      const add = (nodes: XEl[]) => {
        for (const tc of nodes) {
          const tag = tc.name;
          if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml') add(kidsOf(tc));
          if (tag !== 'w:tc') continue;
          const pr = kidsOf(find(kidsOf(tc), 'w:tcPr'));
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
      for (const r of rows) for (const cell of r) this.blocks(kidsOf(cell.node));
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

function textIn(t: XEl): string {
  return t.text;
}
