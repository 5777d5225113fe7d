import type { Paragraph, Root, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { foldDigits } from '../model/normalize.js';
import {
  DATE_ARABIC,
  DATE_CHINESE,
  DISCLOSURE,
  DOC_NUMBER,
  infoLine,
  NOTICE_END,
  NUMBER_AFTER_TITLE,
  pageHeaderLine,
  stripInvisible,
  TITLE_END,
} from './header.js';
import { isFurniture, markSlice } from './inline.js';
import { matchLabel } from './labels.js';
import { LineIndex, lineIndexOf } from './location.js';
import { type CellSpan, findTables, type Line, splitGluedHeaders } from './text-tables.js';

/**
 * unified parser plugin for plain-text 公文: text → flat mdast (paragraphs and tables), every
 * node positioned. Outline nesting and header roles are transforms (see outline.ts, header.ts)
 * shared with the Markdown route.
 *
 * A line is a paragraph, except that hard-wrapped prose (text pasted from PDF) is joined: a
 * long line that does not end a sentence continues into the next unless that one starts an
 * outline item. Page-number lines (— 3 —) and running heads (the document's title repeated at
 * every page break) are page furniture: roles `pageNumber` / `runningHead`, which the
 * extractors pass over; the prose around them is joined as if they were not there.
 *
 * Text copied from a web page brings the site's clutter: breadcrumb, page info (来源/发布时间/
 * 浏览次数), toolbar (【打印】【关闭】), footer (上一篇/下一篇, 相关链接, 版权所有, ICP备 …). Those lines
 * are paragraphs of their own with a `web…` role (see webClutter), never joined with prose.
 */
export function gongwenParse(this: Processor): void {
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  const self = this as unknown as { parser: (doc: string, file: VFile) => Root };
  self.parser = (doc: string, file: VFile) => parseGongwen(doc, lineIndexOf(file), file);
}

const WRAP_MIN = 28;
/** Page numbers of printed 公文 (— 3 —, －3－, - 3 -, — — — 3 —, 第3页, 3/12). */
const PAGE_NUMBER = /^(?:(?:[—–\-－~～]\s*)+\d{1,4}(?:\s*[—–\-－~～])+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;
// a half-width page ends its recipients and lead-ins with : (…单位: / 全文如下:)
const ENDS_SENTENCE = /[。；！？：:”’）)〕】」》\]]$/;
// made once: a regex literal in a function is a new object each time it runs (every line)
const SPACED_CELLS = /\S(?: {2,}|\t|\u3000{2,})\S/;
/** An attachment's file name (…清单（试行）.xlsx) ends its line: the signature under it is no continuation. */
const FILE_NAME_END = /\.(?:docx?|xlsx?|wps|et|pdf|ofd|zip|rar)$/i;
const CLAUSE_WORDS = /牵头|单位|部门|负责|配合/;
const NAME_LIST_GOES_ON = /、$/;
const COMMA_END = /[，,]$/;
/** A line that opens a field: 【完成时限】…, 完成时限：…, 牵头单位：… */
const FIELD_START = /^[\s\u3000]*(?:【|[\u4e00-\u9fa5]{2,6}[：:])/;
const CLAUSE_LINE_START = /^[（(]?(?:牵头|责任|配合|协同|参与|主办)(?:单位|部门)\s*[：:]/;
const ROW_NUMBER_LINE = /^\d{1,3}$/;
const LEADING_SPACE = /[\s\u3000\ufeff]/;
const TRAILING_SPACE = /[\s\u3000]/;

export function parseGongwen(doc: string, index = new LineIndex(doc), file?: VFile): Root {
  // a table's header glued to the end of a flattened page's last line is a line of its own
  const lines = splitGluedHeaders(index.lines());
  const furniture = pageFurniture(lines);
  const web = webClutter(lines);
  const fields = fieldLabels(lines);
  // a web page's clutter (分享到:, 上一篇) ends a table: it is never a cell
  // a web page's info block whose fields happen to line up in columns (索引号:  X 发文时间:  Y ⏎
  // 文件编号:  Z 发布机构:  W) is the page's fields, not a table
  const tables = findTables(lines, furniture, web).filter((r) => !infoRows(lines, r.first, r.last));
  const wrapMin = wrapWidth(lines, furniture);
  const children: RootContent[] = [];
  let t = 0;
  let i = 0;
  let open: Paragraph | null = null;
  const brackets: Brackets = { depth: 0, clause: false };
  // the header zone: no outline item yet; the text of the line before (a date above a plan's title)
  let outlineSeen = false;
  let sharedSeen = false;
  let prevLine = '';
  let paragraphs = 0;
  const quoted = quotedTitles(doc);
  while (i < lines.length) {
    if (t < tables.length && tables[t].first === i) {
      open = null;
      const region = tables[t];
      const table = tableNode(index, region.rows, region.rowSpans, region.span, furnitureNodes(index, lines, furniture, region.furniture));
      // a row whose lines fit the columns in no one way: the extractor takes no unit from it
      for (const u of region.unclear ?? [])
        if (u.index !== undefined) table.children[u.index].data = { ...table.children[u.index].data, unclear: true } as TableRow['data'];
      children.push(table);
      if (region.cutShort !== undefined) {
        const at = trim(lines[region.cutShort]);
        file?.message('table read only in part: the rows from here on do not fit its columns and stay paragraphs', {
          place: at ? index.position(at.start, at.end) : index.point(lines[region.cutShort].start),
          ruleId: 'partial-table',
          source: 'policy',
        });
      }
      for (const u of region.unclear ?? []) {
        const at = trim(lines[u.line]);
        file?.message(`table row ${u.row}: its lines fit the columns (${u.columns.join(' / ')}) in no one way; kept whole in the task column, no unit read`, {
          place: at ? index.position(at.start, at.end) : index.point(lines[u.line].start),
          ruleId: 'unclear-table-row',
          source: 'policy',
        });
      }
      i = region.last + 1;
      t++;
      continue;
    }
    const line = lines[i];
    let span = trim(line);
    if (span && !outlineSeen && !web.has(i) && !furniture.has(i)) {
      // 关于印发…的通知 拱政办发〔2018〕42号 (…现将…): the notice title, its 文号 and the text after them are blocks of their own
      const cut = titleNumberCut(doc, span);
      if (cut) {
        for (const piece of cut.slice(0, -1))
          children.push({ type: 'paragraph', children: [textNode(index, doc, piece.start, piece.end)], position: index.position(piece.start, piece.end) });
        open = null;
        span = cut[cut.length - 1];
        prevLine = '';
      }
    }
    // a document-sharing site's first chunk, its title run into the first sentence (its 1、 is a
    // chunk's number, read as an outline label: the header zone may be over by then)
    const shared = span && !sharedSeen && i < SHARED_TITLE_LINES && !web.has(i) ? sharedFileTitleCut(doc, span, lines) : null;
    if (shared) {
      sharedSeen = true;
      children.push({
        type: 'paragraph',
        children: [textNode(index, doc, shared[0].start, shared[0].end)],
        position: index.position(shared[0].start, shared[0].end),
      });
      open = null;
      span = shared[1];
      prevLine = '';
    }
    if (!span) {
      // blank lines around page furniture do not end a hard-wrapped paragraph
      if (!(open && (furnitureAfter(lines, i, furniture) || lastIsFurniture(open)))) open = null;
      i++;
      continue;
    }
    const text = textNode(index, doc, span.start, span.end);
    const role = furniture.get(i);
    if (role) {
      // Page furniture of text copied from a PDF. Inside a hard-wrapped paragraph it stays a
      // child the inline text skips, so "（牵头单" + "位：…" across a page break still join;
      // elsewhere it is a paragraph of its own.
      text.data = { role };
      if (open) {
        open.children.push(text);
        open.position!.end = text.position!.end;
      } else children.push({ type: 'paragraph', children: [text], position: { ...text.position! }, data: { role } });
      i++;
      continue;
    }
    const webRole = web.get(i);
    if (webRole) {
      open = null;
      children.push({ type: 'paragraph', children: [text], position: { ...text.position! }, data: { role: webRole } });
      i++;
      continue;
    }
    // a field line (整改时限：…) starts a paragraph, unless a bracket of a clause is still open;
    // so does a bare row number (a 序号 cell of a table not read as one)
    if (
      open &&
      !ROW_NUMBER_LINE.test(text.value) &&
      !matchLabel(text.value) &&
      !headerLine(text.value) &&
      !(brackets.depth === 0 && startsField(text.value, fields))
    ) {
      open.children.push(text);
      open.position!.end = text.position!.end;
    } else {
      open = { type: 'paragraph', children: [text], position: { ...text.position! } };
      children.push(open);
      paragraphs++;
      if (!outlineSeen && matchLabel(text.value)) outlineSeen = true;
    }
    // invisible characters (a web copy's zero-width spaces, masked pinyin notes) count for nothing
    const visible = INVISIBLE.test(text.value) ? stripInvisible(text.value) : text.value;
    const above = prevLine;
    prevLine = visible;
    // a new paragraph starts with no bracket open
    if (open.children.length === 1) (brackets.depth = 0), (brackets.clause = false);
    scanBrackets(text.value, brackets);
    // a line with runs of spaces inside is tabular (名单, 联系人), not wrapped prose
    // a list of names cut after its separator goes on, short as the line may be (责任单位：A、⏎B)
    const prose =
      !ROW_NUMBER_LINE.test(text.value) &&
      (brackets.clause ||
        NAME_LIST_GOES_ON.test(text.value) ||
        (COMMA_END.test(text.value) && CLAUSE_LINE_START.test((open.children[0] as Text).value)) ||
        (visible.length >= wrapMin &&
          // a line only the narrow page's width lets run on does not run into a field (【完成时限】…)
          (visible.length >= WRAP_MIN || !FIELD_START.test(lines[i + 1]?.text ?? '')) &&
          !ENDS_SENTENCE.test(visible) &&
          !SPACED_CELLS.test(visible) &&
          !FILE_NAME_END.test(visible) &&
          // (its 文号 in brackets after it, maybe a mirror's date glued on: …的通知(某政发〔2021〕5号)2021.04.27798)
          !NOTICE_TITLE.test(/[)）\d]$/.test(visible) ? visible.replace(NUMBER_AFTER_TITLE, '') : visible) &&
          !(open.children.length === 1 && titleLine(visible, above, paragraphs === 1 && !outlineSeen, quoted)) &&
          !pageHeaderLine(visible)));
    if (!prose) open = null;
    i++;
  }
  return {
    type: 'root',
    children,
    position: index.position(0, doc.length),
  };
}

/**
 * The shortest line that may be a hard-wrapped one: WRAP_MIN, or less in a narrow PDF copy whose
 * wrapped lines are all about one width under it (a page of 30 characters a line, ASCII
 * punctuation making some shorter: 1.完善…机制,优 ⏎ 化决策程序…). Told from the lines that run on
 * into the next (no sentence end, a line after them): at least eight, most of them within three
 * characters of their median; the lines joined are those down to six under it.
 */
function wrapWidth(lines: Line[], furniture: Map<number, string>): number {
  const widths: number[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const t = lines[i].text.trim();
    if (t.length < 16 || furniture.has(i) || ENDS_SENTENCE.test(t) || !lines[i + 1].text.trim()) continue;
    widths.push(t.length);
  }
  if (widths.length < 8) return WRAP_MIN;
  const sorted = [...widths].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1];
  if (median >= WRAP_MIN + 4) return WRAP_MIN;
  const near = widths.filter((w) => Math.abs(w - median) <= 3).length;
  return near >= widths.length * 0.6 ? Math.max(20, Math.min(WRAP_MIN, median - 6)) : WRAP_MIN;
}

/**
 * Brackets left open by the lines of a paragraph so far, and whether the outermost open one
 * reads as an assignment clause: （牵头单位：A；⏎责任单位：B） (a soft line break of Word)
 * continues whatever the line's length, for a clause is never two paragraphs.
 */
interface Brackets {
  depth: number;
  clause: boolean;
}

const BRACKETS = /[（(〔）)〕]/g;

/** Carry `state` over the line (updated in place: one state for the whole parse). */
function scanBrackets(t: string, state: Brackets): void {
  let { depth, clause } = state;
  let from = depth > 0 ? 0 : -1;
  // the brackets found by a regex scan: a loop over every character of every line costs more
  BRACKETS.lastIndex = 0;
  while (BRACKETS.test(t)) {
    const i = BRACKETS.lastIndex - 1;
    const c = t.charCodeAt(i);
    if (c === 0xff08 || c === 0x28 || c === 0x3014) {
      // （ ( 〔
      if (depth++ === 0) (from = i), (clause = false);
    } else if ((c === 0xff09 || c === 0x29 || c === 0x3015) && depth > 0) {
      if (--depth === 0) {
        from = -1;
        clause = false;
      }
    }
  }
  if (depth > 0 && from !== -1 && !clause) clause = CLAUSE_WORDS.test(t.slice(from));
  state.depth = depth;
  state.clause = clause;
}

/**
 * Labelled fields (责任单位：…⏎整改时限：…): a line that opens with a label of 2–6 Han characters
 * and a colon starts a paragraph where the document lays fields out — a label known as a
 * field, or one that opens two lines or more. A word and a colon that a page width happens to
 * put at a line start (…主要⏎要求：一是…) is prose and joins.
 */
const FIELD = /^[\u4e00-\u9fa5]{2,6}(?=\s*[：:])/;
const KNOWN_FIELD =
  /^(?:牵头|责任|配合|协办|协同|参与|主办)(?:单位|部门)$|^(?:责任|牵头|分管|包保)领导$|^(?:责任人|联系人|整改时限|完成时限|完成时间|时间节点|时限要求|整改目标|整改措施|整改要求|工作目标|工作措施|工作要求|目标任务|进度安排)$/;

const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fa5;

/**
 * Whether a line may open with a FIELD, told from its first characters: most lines are no
 * field, and need no trimmed copy nor match. A line that opens with a space is left to FIELD.
 */
function mayOpenField(t: string): boolean {
  const c = t.charCodeAt(0);
  if (!isHan(c)) return c <= 0x20 || c === 0xa0 || c === 0x3000 || c === 0xfeff || (c >= 0x1680 && c <= 0x205f);
  let n = 1;
  while (n < 7 && isHan(t.charCodeAt(n))) n++;
  // a run of 7 Han characters has no colon after its 2nd to 6th
  if (n < 2 || n > 6) return false;
  const next = t.charCodeAt(n);
  return next === 0xff1a || next === 0x3a || !(next > 0x20 && next !== 0xa0 && next !== 0x3000 && next !== 0xfeff && !(next >= 0x1680 && next <= 0x205f));
}

function fieldLabels(lines: Line[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) {
    if (!mayOpenField(l.text)) continue;
    const m = FIELD.exec(l.text.trimStart());
    if (m) out.set(m[0], (out.get(m[0]) ?? 0) + 1);
  }
  return out;
}

function startsField(t: string, fields: Map<string, number>): boolean {
  const m = FIELD.exec(t);
  return m !== null && (KNOWN_FIELD.test(m[0]) || (fields.get(m[0]) ?? 0) >= 2);
}

export type WebRole = 'webBreadcrumb' | 'webInfo' | 'webTools' | 'webTitle' | 'webFooter';

// most lines hold none of these words: one test spares the patterns below
const WEB_WORDS =
  /监督|举报|首页|主页|位置|返回顶部|无障碍|长者|长辈|关怀版|适老|来源|发布|浏览|点击|阅读|访问|打印|关闭|纠错|收藏|字体|字号|分享|上一|下一|扫一扫|微信|链接|相关|版权|Copyright|©|ICP|公网安备|标识码|网站|联系我们|索\s*引\s*号|主\s*题\s*[分词]|发文|成文日期|标\s*题/i;
// (after the column's name and a pipe: 行业资讯 | 当前位置：首页 > …; 位置:首页 > … without 当前)
const BREADCRUMB =
  /^(?:[^|｜>＞。，\s]{2,12}\s*[|｜]\s*)?(?:(?:当前|您的|您现在的|您当前的|所在)(?:所在)?位置(?:是)?\s*[：:]|位置\s*[：:]\s*(?:网站首页|首页|主页)|(?:网站首页|首页|主页)\s*(?:[>＞»›→]|&gt;))/;
const INFO_LABEL =
  /(?:信息来源|文章来源|来源|发布时间|发布日期|发布机构|发布|栏目|浏览次数|浏览量|浏览|点击数|点击次数|点击量|阅读数|阅读次数|阅读量|访问量|访问次数|责任编辑|编辑|作者|字号|字体)\s*[：:]/g;
/** A field of a government page's info table, one a line (索引号：…, 发文机关：…: what the HTML reader writes for it). */
const GOV_INFO = /^(?:索\s*引\s*号|主\s*题\s*分\s*类|主\s*题\s*词|发文机关|发文单位|成文日期|标\s*题|发文字号|发布日期)\s*[：:]/;
const INFO_ALONE = /^(?:浏览次数|浏览量|点击数|点击次数|点击量|阅读次数|访问次数|发布时间|发布日期)\s*[：:]\s*[\d\s\-—/:：年月日]+$/;
// the site's switches for readers (无障碍浏览, 长者模式, 长辈版, 关怀版, 适老模式) are tools too
const TOOL_ITEM =
  /【[^【】]{1,12}】|\[[^[\]]{1,12}\]|打印本页|关闭窗口|返回顶部|加入收藏|收藏本页|设为首页|我要纠错|打印|关闭|(?:字体|字号)[：:]?\s*大\s*中\s*小|分享到[：:]?|无障碍(?:浏览|阅读|模式)?|(?:长者|长辈|关怀|适老|老年)(?:模式|版)/g;
const TOOL_WORD = /打印|关闭|纠错|收藏|设为首页|字体|字号|分享|返回顶部|无障碍|长者|长辈|关怀版|适老/;
// (监督方式：0557-6031710 under a department's list: the page's phone for the public's complaints)
const FOOTER =
  /^(?:(?:上一篇|下一篇|上一条|下一条)\s*[：:]|(?:分享到|分享至)\s*[：:]?|扫一扫|(?:欢迎)?关注(?:我们|本站|本网)?的?(?:官方)?微信(?:公众号|公众平台)|(?:相关链接|友情链接|相关阅读|相关文章|相关新闻|相关稿件|相关解读|相关办事指南)\s*[：:]?|(?:监督|举报)(?:电话|方式)\s*[：:]\s*[\d\-－—()（）\s]{7,}$)|版权所有|Copyright|©|ICP备|公网安备|网站标识码|网站地图|联系我们/i;
const WEB_MAX = 120;

/** A news page's byline: the site and the time (某网站 | 2016-12-26 19:49), or the time and the source (2017-01-05 14:59 来源: 某网站). */
const BYLINE =
  /^(?:[\u4e00-\u9fa5A-Za-z]{2,16}\s*[|｜]\s*(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+(?:来源|信息来源)\s*[：:]\s*\S{2,24})$/;

/** A notice title (关于印发…的通知, 某部关于印发 ⏎ …的通知) opens within the next lines after `i`. */
function noticeTitleBelow(lines: Line[], i: number): boolean {
  for (let k = i + 1, n = 0; k < lines.length && n < 8; k++) {
    const t = stripInvisible(lines[k].text).trim();
    if (!t) continue;
    n++;
    const next = stripInvisible(lines.slice(k + 1, k + 4).find((l) => l.text.trim())?.text ?? '').trim();
    if (NOTICE_TITLE.test(t) || (/关于/.test(t) && t.length <= 40 && NOTICE_TITLE.test(t + next))) return true;
  }
  return false;
}

/** The role of a web page's clutter line, or null. */
function webLine(t: string): WebRole | null {
  if (!t || t.length > WEB_MAX || t.includes('。')) return null;
  if (BYLINE.test(t)) return 'webInfo';
  if (BREADCRUMB.test(t)) return 'webBreadcrumb';
  if (INFO_ALONE.test(t) || GOV_INFO.test(t) || (t.match(INFO_LABEL)?.length ?? 0) >= 2) return 'webInfo';
  if (TOOL_WORD.test(t)) {
    // the switches alone (bullets of a menu around them), or before the site's name (长者模式 某县人民政府)
    const rest = t.replace(TOOL_ITEM, '').replace(/[\s|｜/\-•·●]+/g, '');
    if (!rest || (rest.length < t.replace(/\s+/g, '').length && SITE_NAME.test(rest))) return 'webTools';
  }
  if (FOOTER.test(t)) return 'webFooter';
  return null;
}

/** A trail whose steps a page set apart by spaces only, from the home page on (首页 规划计划 …). */
const SPACED_TRAIL = /^(?:网站首页|首页|主页)[ \u3000]+[^ \u3000>＞»›]{2,12}[ \u3000]+\S/;
/** A breadcrumb's trail (>> 走进某市 >> 投资政策, 首页 > 政务公开): steps set apart by > » › →. */
const TRAIL = /^(?:[>＞»›→]{1,2}\s*)?[^。，,；>＞»›→]{1,16}(?:\s*[>＞»›→]{1,2}\s*[^。，,；>＞»›→]{1,16}){1,8}\s*[>＞»›→]*$/;
/** The site's name on the page's top line (某市人民政府, 某某门户网站): its header, not the document's issuer. */
const SITE_NAME = /^[\u4e00-\u9fa5]{2,24}(?:人民政府|政府网|门户网站|网站)$/;

/**
 * The page's header around its breadcrumb (您当前的位置: at the end of its line): the trail on the
 * line under it, and the site's name on the lines above it (the first lines of the page).
 */
function siteHeader(lines: Line[], out: Map<number, WebRole>): void {
  const next = (i: number, step: 1 | -1) => {
    let j = i + step;
    while (j >= 0 && j < lines.length && !lines[j].text.trim()) j += step;
    return j;
  };
  for (const [i, role] of [...out]) {
    if (role !== 'webBreadcrumb' || i > 400) continue;
    const t = stripInvisible(lines[i].text).trim();
    const below = next(i, 1);
    // the trail under its label (您当前的位置：⏎首页 > …), or going on under the line (当前位置：首页⏎>> 专题 >> …)
    const trail = below < lines.length ? stripInvisible(lines[below].text).trim() : '';
    if ((/[：:]$/.test(t) || /^[>＞»›→]/.test(trail)) && !out.has(below) && TRAIL.test(trail)) out.set(below, 'webBreadcrumb');
    for (let j = next(i, -1), n = 0; j >= 0 && n < 3; j = next(j, -1), n++) {
      if (!out.has(j) && SITE_NAME.test(stripInvisible(lines[j].text).trim())) out.set(j, 'webBreadcrumb');
    }
  }
}

/** Short and no sentence: a line of a footer (中国政府网 | 省人民政府, 主办：…, 技术支持：…). */
const FOOTER_LINE_MAX = 80;

/**
 * The page's title given again below as the document's own, broken over two lines and its place
 * maybe before it (贯彻落实…方案 above the page info; 某区贯彻落实《…的 ⏎ …》的任务分解方案 below).
 */
function repeatedOver(lines: Line[], k: number, t: string): boolean {
  if (k + 1 >= lines.length || t.length < 8) return false;
  const joined = stripInvisible(lines[k].text).trim() + stripInvisible(lines[k + 1].text).trim();
  return joined.length - t.length <= 6 && joined.endsWith(t) && !/[。，,：:]/.test(joined);
}

/** 目录 alone on its line: a gazette's (or a site's) table of contents under it. */
const CONTENTS_HEAD = /^目[\s\u3000]*录$/;

/**
 * A gazette's table of contents (目录, then the titles of the documents in the issue, one a line,
 * a group's name such as 市政府文件 between them): the page's, not the document's header; no line
 * of it is the title. Two titles at least, straight after the head.
 */
function contents(lines: Line[], out: Map<number, WebRole>): void {
  const head = lines.findIndex((l, i) => i < 12 && CONTENTS_HEAD.test(stripInvisible(l.text).trim()));
  if (head === -1) return numberedContents(lines, out);
  const listed: number[] = [head];
  let titles = 0;
  for (let j = head + 1; j < lines.length; j++) {
    const t = stripInvisible(lines[j].text).trim();
    if (!t) continue;
    if (t.length > 60 || /[。；：:]/.test(t)) break;
    if (NOTICE_END.test(t) || TITLE_END.test(t)) titles++;
    else if (t.length > 10) break;
    listed.push(j);
  }
  // the list ends at its last title (a short line after it is the document's own)
  while (
    listed.length > 1 &&
    !(
      NOTICE_END.test(stripInvisible(lines[listed[listed.length - 1]].text).trim()) ||
      TITLE_END.test(stripInvisible(lines[listed[listed.length - 1]].text).trim())
    )
  )
    listed.pop();
  if (titles >= 2) for (const j of listed) out.set(j, 'webInfo');
}

/**
 * A compilation's contents without its 目录 head, at the top of the page: three or more numbered
 * titles one a line, each followed by its page number (2.某省人民政府办公厅 关于…的实施意见 10), the
 * numbered line just before them too (1.{ TOC \o "1-1" … }, a Word field's code). No line of it is
 * the document's header.
 */
const CONTENTS_ENTRY = /^(\d{1,3})[.．、]\s*(.{4,80}?)\s+\d{1,4}$/;
function numberedContents(lines: Line[], out: Map<number, WebRole>): void {
  const listed: number[] = [];
  let last = 0;
  for (let i = 0; i < Math.min(lines.length, 40); i++) {
    const t = stripInvisible(lines[i].text).trim();
    if (!t) continue;
    const m = CONTENTS_ENTRY.exec(t);
    const entry = m && !/[。；]/.test(m[2]) && (NOTICE_END.test(m[2]) || TITLE_END.test(m[2])) ? Number(m[1]) : 0;
    if (entry && (listed.length === 0 || entry === last + 1)) {
      listed.push(i);
      last = entry;
    } else if (listed.length >= 3) break;
    else listed.length = 0;
  }
  if (listed.length < 3) return;
  // the numbered line right above the first entry, one number before it
  let j = listed[0] - 1;
  while (j >= 0 && !lines[j].text.trim()) j--;
  const first = Number(CONTENTS_ENTRY.exec(stripInvisible(lines[listed[0]].text).trim())?.[1] ?? 0);
  if (j >= 0 && new RegExp(`^${first - 1}[.．、]`).test(stripInvisible(lines[j].text).trim())) listed.unshift(j);
  for (const k of listed) out.set(k, 'webInfo');
}

/**
 * Web clutter by line index. Breadcrumb, page info and toolbar lines are recognised anywhere;
 * the page's title line above its page info only when the page repeats it below (the copy
 * holds the document's own header), else it is the document's title. The footer runs from its
 * first recognised line to the end of the document, over short lines that are no sentence.
 */
function webClutter(lines: Line[]): Map<number, WebRole> {
  const out = new Map<number, WebRole>();
  contents(lines, out);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].text;
    // no clutter line holds a 。 (webLine): a quick look spares the test of many words
    if (raw.length > WEB_MAX + 20 || raw.includes('。') || !WEB_WORDS.test(raw)) continue;
    const role = webLine(stripInvisible(raw).trim());
    if (role) out.set(i, role);
  }
  // a site's trail that ends with the document's name, given again on a line below
  // (某范文网 > 某省人民政府关于…的意见 ⏎ ⏎ 某省人民政府关于…的意见): the trail is clutter, not the title
  for (let i = 0; i < Math.min(lines.length, 12); i++) {
    const t = stripInvisible(lines[i].text).trim();
    if (out.has(i) || t.length > WEB_MAX || t.includes('。')) continue;
    // the steps set apart by > », or by spaces alone after the home page (首页 规划计划 某市…的通知)
    const spaced = SPACED_TRAIL.test(t);
    if (!spaced && !/\s[>＞»›]\s/.test(t)) continue;
    const end = (spaced ? t.split(/\s+/) : t.split(/\s*[>＞»›]+\s*/)).pop() ?? '';
    if (end.length >= 6 && lines.slice(i + 1, i + 6).some((l) => stripInvisible(l.text).trim() === end)) out.set(i, 'webBreadcrumb');
  }
  if (out.size === 0) return out;
  siteHeader(lines, out);
  for (const [i, role] of out) {
    if (role !== 'webInfo') continue;
    let j = i - 1;
    while (j >= 0 && !lines[j].text.trim()) j--;
    const t = j >= 0 && !out.has(j) ? lines[j].text.trim() : '';
    if (t && !t.includes('。') && lines.some((l, k) => k > i && (l.text.trim() === t || repeatedOver(lines, k, t)))) out.set(j, 'webTitle');
    // a news page's headline above its byline (某网站 | 2016-12-26 19:49, 2017-01-05 14:59 来源: 某网站), with
    // the document's notice title further down: the headline is the news's, the notice is the document
    else if (t && !t.includes('。') && t.length <= 60 && BYLINE.test(stripInvisible(lines[i].text).trim()) && noticeTitleBelow(lines, i))
      out.set(j, 'webTitle');
  }
  // the footer's lines after its first recognised one, below a body that is not all short lines
  let first = -1;
  let body = false;
  for (let i = lines.length - 1; i >= 0 && !body; i--) {
    const t = lines[i].text.trim();
    if (!t) continue;
    const role = out.get(i);
    if (role === 'webFooter' || role === 'webTools') first = i;
    else if (!role && !(t.length <= FOOTER_LINE_MAX && !/[。！？；]$/.test(t) && !matchLabel(t))) body = true;
  }
  if (first !== -1 && body) for (let i = first + 1; i < lines.length; i++) if (lines[i].text.trim() && !out.has(i)) out.set(i, 'webFooter');
  return out;
}

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/;

/**
 * A title on its line, which never runs on into the next (however long): a title's shape (it
 * ends as a document's name does, no sentence in it) where a title stands — the document's
 * first line, or the line under a covering notice's date or disclosure (the plan's title) —,
 * or the name the notice gives in 《》 (现将《X》印发给你们), anywhere.
 */
function titleLine(t: string, above: string, first: boolean, quoted: Set<string>): boolean {
  if (t.length > 80 || /[。；;]/.test(t)) return false;
  if (quoted.has(t)) return true;
  if (!TITLE_END.test(t) && !NOTICE_END.test(t)) return false;
  if (first) return true;
  const a = foldDigits(above);
  return DATE_ARABIC.test(a) || DATE_CHINESE.test(a) || DISCLOSURE.test(a);
}

/** The names given in 《》 near the top of a document (a covering notice's 现将《X》印发给你们). */
function quotedTitles(doc: string): Set<string> {
  const out = new Set<string>();
  for (const m of stripInvisible(doc.slice(0, 4000)).matchAll(/《([^《》\n]{4,80})》/g)) out.add(m[1].trim());
  return out;
}

/**
 * A notice title with its 文号 after it on the line (关于印发…的通知 拱政办发〔2018〕42号, 某省人民政府
 * 关于…的通知 豫政〔2023〕5号 现将…, a page that put the header on one line): the spans of the
 * title, the 文号, and the text after them. Null for any other line.
 */
const TITLE_THEN_NUMBER = new RegExp(
  `^((?:[\u4e00-\u9fa5（）()]{2,30}?(?:人民政府|办公室|办公厅|委员会|局|厅|部|国务院)[ \u3000]*)?关于.{2,100}?(?:通知|意见|决定|批复|函|通报|报告|公告|通告))[ \u3000]+(${DOC_NUMBER.source})(?:[ \u3000]+(?=S))?`,
);
function titleNumberCut(doc: string, span: CellSpan): CellSpan[] | null {
  const head = titleNumberHead(doc, span);
  if (!head) return signatureDateTitleCut(doc, span);
  const rest = head[head.length - 1];
  if (head.length < 3 || rest.start >= rest.end) return head;
  return [...head.slice(0, -1), ...(signatureDateTitleCut(doc, rest) ?? [rest])];
}

/**
 * 城委乡振组发〔2021〕3号 关于印发《X》的通知 各乡镇…: the 文号 before the notice title on a one-line
 * page (a law mirror's headline too: 鲁政办字〔2015〕46号 某省人民政府办公厅关于…的意见, the issuer
 * opening the title): the spans of the 文号, the title and the text after them.
 */
const NUMBER_THEN_TITLE = new RegExp(
  `^(${DOC_NUMBER.source})[ \u3000]+((?:[\u4e00-\u9fa5（）()]{2,30}?(?:人民政府|办公室|办公厅|委员会|局|厅|部|国务院))?关于[^ \u3000。；]{2,100}?(?:通知|意见|决定|批复|函|通报|报告|公告|通告))(?=[ \u3000]|$)(?:[ \u3000]+(?=\\S))?`,
);

/**
 * 各村: …现印发给你们，请…。 某镇人民政府 2020年10月22日 某镇应急预案 1.总则 …: a page that put the
 * notice's signature, its date and the plan's title inside one line, set apart by spaces: the
 * spans of the text before, the signature, the date, the title and the text after (none where
 * the title ends the line: a table's header glued after it was split off).
 */
const SIGNATURE_DATE_TITLE = new RegExp(
  `[ \u3000]+([\u4e00-\u9fa5（）()]{2,40}?(?:人民政府|办公室|办公厅|委员会|领导小组|街道办事处|委|局|厅|部))[ \u3000]+(\\d{4}年\\d{1,2}月\\d{1,2}日)[ \u3000]+([^ \u3000。；;，,：:]{2,40}(?:[ \u3000][^ \u3000。；;，,：:]{2,30})?${TITLE_END.source.replace(/\$$/, '')})(?:[ \u3000]+(?=\\S)|[ \u3000]*$)`,
);
/**
 * …现印发给你们，请认真贯彻执行。 某县人民政府 2021年12月28日 “十四五”时期… : the notice's signature
 * and date inside the line with no title after them (the plan's prose goes on): the spans of the
 * text before, the signature, the date and the text after. Only after the notice's sentence that
 * issues the plan (印发 … 。).
 */
const SIGNATURE_DATE_IN_LINE =
  /(?<=。)[ \u3000]+([\u4e00-\u9fa5（）()]{2,40}?(?:人民政府|办公室|办公厅|委员会|领导小组|街道办事处|委|局|厅|部))[ \u3000]+(\d{4}年\d{1,2}月\d{1,2}日)[ \u3000]+(?=\S)/;
function signatureDateCut(doc: string, raw: string, span: CellSpan): CellSpan[] | null {
  const m = SIGNATURE_DATE_IN_LINE.exec(foldDigits(raw));
  if (!m || !/印发|下发/.test(raw.slice(0, m.index))) return null;
  const sig = span.start + m.index + m[0].indexOf(m[1]);
  const date = span.start + m.index + m[0].indexOf(m[2], m[0].indexOf(m[1]) + m[1].length);
  return [
    { start: span.start, end: sig },
    { start: sig, end: sig + m[1].length },
    { start: date, end: date + m[2].length },
    { start: span.start + m.index + m[0].length, end: span.end },
  ].map((c) => trimSpan(doc, c));
}

function signatureDateTitleCut(doc: string, span: CellSpan): CellSpan[] | null {
  const raw = doc.slice(span.start, span.end);
  if (raw.length < 40 || raw.length > 20000 || !raw.includes('日')) return null;
  const m = SIGNATURE_DATE_TITLE.exec(foldDigits(raw));
  if (!m) return signatureDateCut(doc, raw, span);
  if (m.index === 0) return null;
  const at = (piece: string, from: number) => span.start + m[0].indexOf(piece, from) + m.index;
  const sig = at(m[1], 0);
  const date = at(m[2], sig - span.start - m.index + m[1].length);
  const title = at(m[3], date - span.start - m.index + m[2].length);
  return [
    { start: span.start, end: sig },
    { start: sig, end: sig + m[1].length },
    { start: date, end: date + m[2].length },
    { start: title, end: title + m[3].length },
    { start: span.start + m.index + m[0].length, end: span.end },
  ]
    .map((c) => trimSpan(doc, c))
    .filter((c, n) => n < 4 || c.start < c.end);
}

/**
 * A document-sharing site's preview (X(18页).docx ⏎ 下载文档 ⏎ 上传人:… ⏎ 1、X为提高…): the file's
 * text in chunks numbered 1、2、 with its line ends lost, so the document's own title runs into its
 * first sentence. Where the page's first line names the file and a chunk opens with a title that
 * the file's name begins as it does (8 characters or more), directly followed by the sentence's
 * opening word, the title is a block of its own: the spans of the title and of the text after it.
 */
const SHARED_TITLE_LINES = 16;
const SHARED_CHUNK_TITLE = /^1、([^，。；：:、！？,;!?\s《》“”]{6,60}?)(?=(?:为了?|根据|按照|依据|近年来|当前)[^\n]{8})/;
const SHARED_FILE_NAME = /^(.{8,80}?)(?:[（(]\d{1,4}页[）)])?\.(?:docx?|wps|pdf)$/i;
function sharedFileTitleCut(doc: string, span: CellSpan, lines: Line[]): CellSpan[] | null {
  const raw = doc.slice(span.start, span.end);
  if (!raw.startsWith('1、')) return null;
  const first = lines.map((l) => doc.slice(l.start, l.end).trim()).find((t) => t !== '');
  const file = first ? SHARED_FILE_NAME.exec(first) : null;
  if (!file || first === raw.trim()) return null;
  // the shortest span that is a title; a longer one would take the sentence's first words
  for (let m = SHARED_CHUNK_TITLE.exec(raw), end = m ? m[1].length : 0; m && end <= 60; end++) {
    const title = raw.slice(2, 2 + end);
    if (/[，。；：:、！？,;!?\s]/.test(title)) return null;
    if (!TITLE_END.test(title) || !/^(?:为了?|根据|按照|依据|近年来|当前)/.test(raw.slice(2 + end))) continue;
    if (sharedPrefix(title, file[1]) < 8) return null;
    const start = span.start + 2;
    return [
      { start, end: start + end },
      { start: start + end, end: span.end },
    ];
  }
  return null;
}

function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function trimSpan(doc: string, c: CellSpan): CellSpan {
  let { start, end } = c;
  while (start < end && /\s/.test(doc[start])) start++;
  while (end > start && /\s/.test(doc[end - 1])) end--;
  return { start, end };
}

/**
 * 某市人民政府办公室文件 某政办发〔2018〕32号 市政府办公室关于… : a one-line copy of a printed 公文 that
 * opens with its 版头 and 文号: the spans of the 版头, the 文号 and the text after them.
 */
const MASTHEAD_NUMBER = new RegExp(
  `^([\u4e00-\u9fa5]{2,30}(?:人民政府|办公室|办公厅|委员会|委|局|厅|部)文件)[ \u3000]+(${DOC_NUMBER.source})[ \u3000]+(?=\\S)`,
);

function titleNumberHead(doc: string, span: CellSpan): CellSpan[] | null {
  const raw = doc.slice(span.start, span.end);
  if (!raw.includes('关于') || raw.length > 4000) return null;
  const head = raw.includes('文件') ? MASTHEAD_NUMBER.exec(foldDigits(raw)) : null;
  if (head) {
    const numberAt = span.start + head[0].indexOf(head[2], head[1].length);
    return [
      { start: span.start, end: span.start + head[1].length },
      { start: numberAt, end: numberAt + head[2].length },
      { start: span.start + head[0].length, end: span.end },
    ];
  }
  const n = NUMBER_THEN_TITLE.exec(foldDigits(raw));
  if (n) {
    const titleAt = span.start + n[0].indexOf(n[n.length - 1], n[1].length);
    const cut: CellSpan[] = [
      { start: span.start, end: span.start + n[1].length },
      { start: titleAt, end: titleAt + n[n.length - 1].length },
    ];
    if (span.start + n[0].length < span.end) cut.push({ start: span.start + n[0].length, end: span.end });
    return cut;
  }
  const m = TITLE_THEN_NUMBER.exec(foldDigits(raw));
  if (!m) return null;
  const title = { start: span.start, end: span.start + m[1].length };
  const numberAt = span.start + m[0].indexOf(m[2], m[1].length);
  const out: CellSpan[] = [title, { start: numberAt, end: numberAt + m[2].length }];
  if (span.start + m[0].length < span.end) out.push({ start: span.start + m[0].length, end: span.end });
  return out;
}

/** A notice title (关于印发…的通知, 某县人民政府关于…的通知) is a line of its own, however long. */
const NOTICE_TITLE =
  /^(?:关于|国务院关于|[\u4e00-\u9fa5（）()]{1,30}?(?:人民政府|办公室|办公厅|委员会|委|局|厅|部)[ \u3000]*关于).*(?:通知|意见|决定|批复|函|通报|报告)$|印发《[^《》]+》的通知$|^[\u4e00-\u9fa5]{1,16}[〔［[]\d{4}[〕］\]]\s*\d{1,4}\s*号\s+[^。；，,《》]*关于[^。；，,《》]*的通知$/;

/**
 * Lines first..last, those with content, are all fields of a web page's info block (two or more
 * a line), under the page's breadcrumb (当前位置:首页 > 信息公开 >) when it opens them.
 */
function infoRows(lines: Line[], first: number, last: number): boolean {
  const filled = lines.slice(first, last + 1).filter((l) => l.text.trim());
  const fields = BREADCRUMB.test(filled[0]?.text.trim() ?? '') ? filled.slice(1) : filled;
  return fields.length >= 2 && fields.every((l) => (infoLine(l.text)?.fields.length ?? 0) >= 2);
}

/** A 文号 or a date alone on its line never continues the line above (a long title). */
function headerLine(raw: string): boolean {
  // masked pinyin notes inside a 文号 (绛政办发(fā)〔2023〕14号) count for nothing
  const t = INVISIBLE.test(raw) ? stripInvisible(raw) : raw;
  // a field of a web page's info block (来源：…, 发布日期：…) under a long title
  if (infoLine(t)) return true;
  // (此件公开发布) under a notice cut short (…现印发给你们，)
  if (t.length <= 14 && DISCLOSURE.test(t.trim())) return true;
  // a date ends with 日 and a 文号 alone is short: most lines are neither, and need no folding
  if (t.length > 40 && !t.endsWith('日')) return false;
  const folded = foldDigits(t);
  if (DATE_ARABIC.test(folded) || DATE_CHINESE.test(folded)) return true;
  const m = t.length <= 40 ? DOC_NUMBER.exec(folded) : null;
  return m !== null && m.index + m[0].length === folded.length;
}

/** The next non-blank line is page furniture. */
function furnitureAfter(lines: Line[], i: number, furniture: Furniture): boolean {
  let j = i;
  while (j < lines.length && !lines[j].text.trim()) j++;
  return furniture.has(j);
}

function lastIsFurniture(p: Paragraph): boolean {
  return isFurniture(p.children[p.children.length - 1]?.data?.role);
}

type Furniture = Map<number, 'pageNumber' | 'runningHead'>;

/** A running head is short and no sentence; its length bounds a document title. */
const HEAD_MAX = 40;
const HEAD_MIN_REPEATS = 3;

/**
 * Page furniture by line index: page numbers, and running heads or footers — a short line that
 * is no sentence, next to a page number (blank lines between allowed) at least three times and
 * more often there than anywhere else. A heading that repeats away from page numbers is not one,
 * nor a table cell (预期性) that a page break happens to follow now and then.
 */
function pageFurniture(lines: Line[]): Furniture {
  const out: Furniture = new Map();
  lines.forEach((l, i) => {
    if (PAGE_NUMBER.test(l.text.trim())) out.set(i, 'pageNumber');
  });
  if (out.size < HEAD_MIN_REPEATS) return out;
  const near = new Map<string, number[]>();
  const far = new Map<string, number>();
  const neighbour = (i: number, step: 1 | -1) => {
    let j = i + step;
    while (j >= 0 && j < lines.length && !lines[j].text.trim()) j += step;
    return j;
  };
  lines.forEach((l, i) => {
    const t = l.text.trim();
    if (!t || out.has(i) || t.length > HEAD_MAX || /[。；！？：，]$/.test(t)) return;
    if (out.get(neighbour(i, -1)) === 'pageNumber' || out.get(neighbour(i, 1)) === 'pageNumber') {
      const at = near.get(t);
      if (at) at.push(i);
      else near.set(t, [i]);
    } else far.set(t, (far.get(t) ?? 0) + 1);
  });
  for (const [t, at] of near) if (at.length >= HEAD_MIN_REPEATS && at.length > (far.get(t) ?? 0)) for (const i of at) out.set(i, 'runningHead');
  return out;
}

/** Text nodes of the furniture lines a table skipped, by line index. */
function furnitureNodes(index: LineIndex, lines: Line[], furniture: Furniture, at: number[] | undefined): Map<number, Text> | undefined {
  if (!at?.length) return undefined;
  const out = new Map<number, Text>();
  for (const i of at) {
    const span = trim(lines[i]);
    if (!span) continue;
    const node = textNode(index, index.text, span.start, span.end);
    node.data = { role: furniture.get(i) };
    out.set(span.start, node);
  }
  return out;
}

function trim(line: Line): CellSpan | null {
  let s = 0;
  let e = line.text.length;
  while (s < e && LEADING_SPACE.test(line.text[s])) s++;
  while (e > s && TRAILING_SPACE.test(line.text[e - 1])) e--;
  return s < e ? { start: line.start + s, end: line.start + e } : null;
}

function textNode(index: LineIndex, doc: string, start: number, end: number): Text {
  return markSlice({ type: 'text', value: doc.slice(start, end), position: index.position(start, end) }, doc);
}

/**
 * Page furniture inside a table (a page break cuts it) goes into the cell before it, as a text
 * the inline text skips, so every character stays in the tree once and the cell reads clean.
 */
function tableNode(index: LineIndex, rows: CellSpan[][], rowSpans?: CellSpan[], span?: CellSpan, furniture?: Map<number, Text>): Table {
  const doc = index.text;
  const width = Math.max(...rows.map((r) => r.length));
  const pending = furniture ? [...furniture.entries()].sort((a, b) => a[0] - b[0]) : [];
  let k = 0;
  const flat = rows.flat();
  const tableRows: TableRow[] = rows.map((cells, r) => {
    const children: TableCell[] = cells.map((c) => {
      const kids: Text[] = [];
      // a cell wrapped over lines: a text a line, furniture between them in its place
      for (const p of c.parts ?? (c.end > c.start ? [c] : [])) {
        while (pending.length && pending[0][0] < p.start && pending[0][0] >= c.start) kids.push(pending.shift()![1]);
        kids.push(textNode(index, doc, p.start, p.end));
      }
      let end = c.end;
      // furniture after this cell and before the next one
      const next = flat[++k]?.start ?? Infinity;
      while (pending.length && pending[0][0] >= c.end && pending[0][0] < next) {
        const node = pending.shift()![1];
        kids.push(node);
        end = node.position!.end.offset!;
      }
      return { type: 'tableCell', children: kids, position: index.position(c.start, end) };
    });
    const span = rowSpans?.[r] ?? { start: cells[0].start, end: children[children.length - 1].position!.end.offset! };
    return { type: 'tableRow', children, position: index.position(span.start, span.end) };
  });
  return {
    type: 'table',
    align: new Array(width).fill(null),
    children: tableRows,
    position: span
      ? index.position(Math.min(span.start, tableRows[0].position!.start.offset!), Math.max(span.end, tableRows[tableRows.length - 1].position!.end.offset!))
      : { start: { ...tableRows[0].position!.start }, end: { ...tableRows[tableRows.length - 1].position!.end } },
  };
}
