import { isUtf8 } from 'node:buffer';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import iconv from 'iconv-lite';
import { ConversionError, type ConvertedText } from './converted.js';
import { DecodeError, decodeBytes } from './decode.js';
import { fastTree } from './html-tree.js';
import { isCjk, joinParts, TextLines } from './lines.js';

/**
 * A saved web page (.html/.htm) → the text the 公文 parser reads.
 *
 * - charset: BOM, then <meta charset> / <meta http-equiv content="…charset=…">, else detection
 *   (UTF-8, else GB18030 as for .txt files); a page declared GBK whose bytes are valid UTF-8
 *   Chinese (re-saved by an editor) is read as UTF-8, with a warning.
 * - script/style/noscript/template/head are never text; block elements end lines, inline
 *   elements join; whitespace from the source's line breaks is dropped next to Chinese.
 * - data tables: one row a line, cells joined by a tab, rowspan/colspan spread so that every
 *   row has a cell for every column (a merged 牵头单位 cell gives its text to every row it
 *   covers); a cell's paragraphs are joined on one line. Layout tables (a cell holding a
 *   table, a one-column table) are read as blocks.
 * - a government page's info table (索引号/发文机关/成文日期/发文字号 … label cells followed
 *   by value cells) → `meta`, and a line `发文机关：国务院办公厅` a field.
 */
export async function htmlToText(bytes: Uint8Array, options: { parser?: 'auto' | 'parse5' } = {}): Promise<ConvertedText> {
  const { text: html, encoding, warnings } = decodeHtml(bytes);
  // htmlparser2 builds the tree; a page whose markup it would read otherwise than the HTML
  // standard does (misnesting, see html-tree.ts) is parsed by rehype-parse (parse5), as before.
  // `parser: 'parse5'` always takes rehype-parse (the tests and the benchmark compare the two).
  const tree = (options.parser === 'parse5' ? null : fastTree(html)) ?? (await specTree(html));
  const walker = new Walker();
  walker.children(tree.children);
  const out = walker.out.finish();
  if (!/[\u3400-\u9fff]/.test(out) && out.replace(/\s/g, '').length < 20) {
    throw new ConversionError('no-document', 'a web page without document text (only links, scripts or images?)');
  }
  if (!/[\u3400-\u9fff]/.test(out)) {
    throw new ConversionError('no-document', 'a web page without Chinese document text');
  }
  const meta = walker.meta;
  return { text: out, encoding, warnings: [...warnings, ...walker.warnings], ...(Object.keys(meta).length > 0 ? { meta } : {}) };
}

/** The page parsed by rehype-parse (parse5, the HTML standard's tree construction): loaded only when needed. */
export async function specTree(html: string): Promise<Root> {
  const [{ unified }, { default: rehypeParse }] = await Promise.all([import('unified'), import('rehype-parse')]);
  return unified().use(rehypeParse).parse(html) as Root;
}

// ---------------------------------------------------------------- charset

const GB = /^(?:gb2312|gbk|gb18030|gb_2312-80|x-gbk|cp936|euc-cn|hz-gb-2312)$/i;

function decodeHtml(bytes: Uint8Array): { text: string; encoding: string; warnings: string[] } {
  if (bytes.length === 0) throw new ConversionError('no-document', 'empty file');
  const warnings: string[] = [];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8(bytes.subarray(3)), encoding: 'utf-8-bom', warnings };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', warnings };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', warnings };
  const declared = declaredCharset(bytes);
  if (declared) {
    const name = GB.test(declared) ? 'gb18030' : declared.toLowerCase();
    if (name === 'utf-8' || name === 'utf8') {
      if (isUtf8(bytes)) return { text: utf8(bytes), encoding: 'utf-8', warnings };
      warnings.push('the page declares charset utf-8 but is not valid UTF-8: its encoding was detected');
    } else if (name === 'gb18030' && isUtf8(bytes) && /[\u4e00-\u9fff]/.test(utf8(bytes))) {
      warnings.push(`the page declares charset ${declared} but its bytes are UTF-8 (saved again by an editor?): read as UTF-8`);
      return { text: utf8(bytes), encoding: 'utf-8', warnings };
    } else if (iconv.encodingExists(name)) {
      return { text: iconv.decode(Buffer.from(bytes), name), encoding: name, warnings };
    } else {
      warnings.push(`unknown charset "${declared}": the encoding was detected`);
    }
  }
  try {
    const decoded = decodeBytes(bytes);
    return { text: decoded.text, encoding: decoded.encoding, warnings };
  } catch (error) {
    if (error instanceof DecodeError) throw new ConversionError('damaged', error.message);
    throw error;
  }
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** The charset the page declares in its first 4 KB (<meta charset>, http-equiv, or an XML declaration). */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (meta) return meta[1];
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return xml ? xml[1] : null;
}

// ---------------------------------------------------------------- walking the tree

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
  'svg',
  'canvas',
  'select',
  'button',
  'input',
  'textarea',
  'map',
]);
const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'section',
  'article',
  'blockquote',
  'pre',
  'header',
  'footer',
  'nav',
  'main',
  'aside',
  'figure',
  'figcaption',
  'form',
  'fieldset',
  'address',
  'hr',
  'center',
  'caption',
  'body',
  'html',
  'tbody',
  'thead',
  'tfoot',
  'details',
  'summary',
  'legend',
  'menu',
]);

/** A government page's info table: its label cells (spaces and colons aside) → meta key or null (kept as a line only). */
const INFO_LABELS: Record<string, 'title' | 'issuer' | 'docNumber' | 'date' | null> = {
  索引号: null,
  主题分类: null,
  主题词: null,
  发文机关: 'issuer',
  发文单位: 'issuer',
  发布机构: 'issuer',
  发布机关: 'issuer',
  成文日期: 'date',
  标题: 'title',
  名称: 'title',
  文号: 'docNumber',
  发文字号: 'docNumber',
  发布日期: null,
  生效日期: null,
  有效性: null,
  信息分类: null,
  组配分类: null,
  体裁分类: null,
  公开方式: null,
  公开范围: null,
  公开时限: null,
  信息来源: null,
  内容概述: null,
};
const labelKey = (t: string) => t.replace(/[\s\u3000\u00a0:：]/g, '');

class Walker {
  readonly out = new TextLines(collapse);
  readonly meta: NonNullable<ConvertedText['meta']> = {};
  readonly warnings: string[] = [];
  private titleKey: string | null = null;
  private seenProse = false;

  children(nodes: (RootContent | ElementContent)[]): void {
    for (const node of nodes) this.node(node);
  }

  node(node: RootContent | ElementContent): void {
    if (node.type === 'text') this.out.inline(node.value);
    else if (node.type === 'element') this.element(node);
  }

  element(el: Element): void {
    const tag = el.tagName;
    if (SKIP.has(tag) || isHidden(el)) return;
    if (tag === 'br') return this.out.lineBreak();
    if (tag === 'table') return this.table(el);
    if (tag === 'pre') {
      this.out.endBlock();
      this.out.preformatted(textOf(el));
      this.out.endBlock();
      return;
    }
    if (tag === 'tr' || tag === 'td' || tag === 'th') {
      // outside a table (broken markup): blocks
      this.out.endBlock();
      this.children(el.children);
      this.out.endBlock();
      return;
    }
    if (TITLE_BLOCK.has(tag) && !this.seenProse) {
      // a title set in two centred paragraphs of one style, above the text: one line
      const key = centredStyle(el);
      const text = collapse(textOf(el));
      const joins = key !== null && key === this.titleKey && titleLike(text) && titleLike(this.out.last());
      this.out.endBlock();
      if (joins) this.out.reopen();
      this.children(el.children);
      this.out.endBlock();
      this.titleKey = key;
      if (/[。；]/.test(text)) this.seenProse = true;
      return;
    }
    if (BLOCK.has(tag)) {
      this.out.endBlock();
      this.children(el.children);
      this.out.endBlock();
      return;
    }
    this.children(el.children);
  }

  table(el: Element): void {
    const rows = rowsOf(el);
    if (rows.length === 0) return;
    if (this.infoTable(rows)) return;
    if (isLayout(el, rows)) {
      // the page's layout: each cell a block of its own
      for (const row of rows)
        for (const cell of row) {
          this.out.endBlock();
          this.children(cell.children);
          this.out.endBlock();
        }
      return;
    }
    const grid = spread(rows);
    const width = Math.max(...grid.map((r) => r.length));
    this.out.endBlock();
    let caption = el.children.find((c): c is Element => c.type === 'element' && c.tagName === 'caption');
    if (caption) {
      this.out.inline(cellText(caption));
      this.out.endLine();
    }
    for (const row of grid) {
      const cells = Array.from({ length: width }, (_, i) => row[i] ?? '');
      if (cells.every((c) => c === '')) continue;
      // a row of one text spread over the whole width (a title or category row): one line, no tabs
      if (cells.every((c) => c === cells[0])) this.out.row([cells[0]]);
      else this.out.row(cells);
    }
    caption = undefined;
    this.out.endBlock();
  }

  /** Label/value pairs of a page's info table → meta and `label：value` lines; false when it is no info table. */
  infoTable(rows: Element[][]): boolean {
    const pairs: [string, string][] = [];
    let labels = 0;
    let known = 0;
    for (const row of rows) {
      for (let i = 0; i < row.length; i++) {
        const label = labelKey(cellText(row[i]));
        if (!label) continue;
        if (label in INFO_LABELS && i + 1 < row.length) {
          known++;
          labels++;
          pairs.push([label, cellText(row[i + 1]).trim()]);
          i++;
        } else if (/^[\u4e00-\u9fff]{2,6}$/.test(label) && cellText(row[i]).match(/[:：]\s*$/) && i + 1 < row.length) {
          labels++;
          pairs.push([label, cellText(row[i + 1]).trim()]);
          i++;
        } else return false;
      }
    }
    if (known < 1 || (known < 2 && labels > known) || (known >= 2 && labels < 3 && labels > known)) return false;
    this.out.endBlock();
    for (const [label, value] of pairs) {
      if (!value) continue;
      const key = INFO_LABELS[label];
      if (key && !this.meta[key]) this.meta[key] = value;
      this.out.inline(`${label}：${value}`);
      this.out.endLine();
    }
    this.out.endBlock();
    return true;
  }
}

const TITLE_BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'div']);

/** The style of a centred paragraph (its own and its first element's), or null when it is not centred. */
function centredStyle(el: Element): string | null {
  const style = String(el.properties?.style ?? '');
  const align = String(el.properties?.align ?? '');
  if (!/text-align\s*:\s*center/i.test(style) && !/^center$/i.test(align) && !/^h[1-4]$/.test(el.tagName)) return null;
  const inner = el.children.find((c): c is Element => c.type === 'element');
  return `${el.tagName}|${style}|${String(inner?.properties?.style ?? '')}|${inner?.tagName ?? ''}`;
}

/** A line that can be part of a title: short, no sentence, no 文号 or date. */
function titleLike(t: string): boolean {
  return t.length > 0 && t.length <= 40 && !/[。；：:，]/.test(t) && !/〔\d{4}〕|\[\d{4}\]|\d+年\d+月\d+日/.test(t);
}

function isHidden(el: Element): boolean {
  const style = el.properties?.style;
  if (el.properties?.hidden !== undefined && el.properties.hidden !== false) return true;
  return typeof style === 'string' && /display\s*:\s*none/i.test(style);
}

function rowsOf(table: Element): Element[][] {
  const rows: Element[][] = [];
  const visit = (el: Element) => {
    for (const c of el.children) {
      if (c.type !== 'element') continue;
      if (c.tagName === 'tr') rows.push(c.children.filter((d): d is Element => d.type === 'element' && (d.tagName === 'td' || d.tagName === 'th')));
      else if (c.tagName === 'tbody' || c.tagName === 'thead' || c.tagName === 'tfoot') visit(c);
    }
  };
  visit(table);
  return rows;
}

const LAYOUT_BLOCKS = new Set(['table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'form', 'iframe', 'section', 'article', 'nav']);

/** A table that lays out the page (or one column of text), not a table of data. */
function isLayout(table: Element, rows: Element[][]): boolean {
  if (rows.every((r) => r.length <= 1)) return true;
  let layout = false;
  const visit = (el: Element, depth: number) => {
    for (const c of el.children) {
      if (layout || c.type !== 'element') continue;
      if (LAYOUT_BLOCKS.has(c.tagName)) layout = true;
      else visit(c, depth + 1);
    }
  };
  for (const row of rows) for (const cell of row) visit(cell, 0);
  if (layout) return true;
  // a cell holding many paragraphs of prose is a column of the page, not a cell of data
  for (const row of rows)
    for (const cell of row) {
      const blocks = cell.children.filter((c) => c.type === 'element' && (c.tagName === 'p' || c.tagName === 'div')).length;
      if (blocks > 6 && cellText(cell).length > 400) return true;
    }
  void table;
  return false;
}

/** The rows as a grid of cell texts, rowspan and colspan spread: a merged cell's text in every place it covers. */
function spread(rows: Element[][]): string[][] {
  const grid: string[][] = [];
  for (let r = 0; r < rows.length; r++) {
    grid[r] ??= [];
    let col = 0;
    for (const cell of rows[r]) {
      while (grid[r][col] !== undefined) col++;
      const text = cellText(cell);
      const colspan = Math.min(Math.max(1, Number(cell.properties?.colSpan ?? 1) || 1), 50);
      const rowspan = Math.min(Math.max(1, Number(cell.properties?.rowSpan ?? 1) || 1), rows.length - r);
      for (let dr = 0; dr < rowspan; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) grid[r + dr][col + dc] = text;
      }
      col += colspan;
    }
  }
  return grid.map((row) => Array.from(row, (c) => c ?? ''));
}

/** The text of a table cell on one line: its paragraphs joined (a space only between non-Chinese text), no tabs. */
function cellText(cell: Element): string {
  const parts: string[] = [];
  let cur = '';
  const flush = () => {
    const t = collapse(cur);
    if (t) parts.push(t);
    cur = '';
  };
  const visit = (nodes: ElementContent[]) => {
    for (const n of nodes) {
      if (n.type === 'text') cur += n.value;
      else if (n.type === 'element') {
        if (SKIP.has(n.tagName) || isHidden(n)) continue;
        if (n.tagName === 'br') flush();
        else if (BLOCK.has(n.tagName) || n.tagName === 'tr' || n.tagName === 'td' || n.tagName === 'table') {
          flush();
          visit(n.children);
          flush();
        } else visit(n.children);
      }
    }
  };
  visit(cell.children);
  flush();
  return joinParts(parts);
}

function textOf(el: Element): string {
  let s = '';
  const visit = (nodes: ElementContent[]) => {
    for (const n of nodes) {
      if (n.type === 'text') s += n.value;
      else if (n.type === 'element' && !SKIP.has(n.tagName)) {
        if (n.tagName === 'br') s += '\n';
        else visit(n.children);
      }
    }
  };
  visit(el.children);
  return s;
}

/** Whitespace of one line's source text: dropped where a source line break sits between Chinese characters, else one space; &nbsp; a space, &emsp; a full-width one. */
export function collapse(raw: string): string {
  let s = raw.replace(/[\u2002\u2003]/g, '\u3000').replace(/[\u00a0\u2009\u200a\u202f]/g, ' ');
  s = s.replace(/[ \t\r\n\f]+/g, (run, at: number, all: string) => {
    const before = all[at - 1];
    const after = all[at + run.length];
    if (/[\r\n]/.test(run) && before && after && isCjk(before) && isCjk(after)) return '';
    return ' ';
  });
  // = .replace(/^[ \t]+|[\s\u3000]+$/g, ''), without the regex trying its end at every space
  return s.replace(/^[ \t]+/, '').trimEnd();
}
