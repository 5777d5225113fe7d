import type { Paragraph, Parent, Root, RootContent, Text } from 'mdast';
import { lineIndexOf, type LineIndex } from './location.js';
import type { VFile } from 'vfile';
import { inlineText, isFurniture } from './inline.js';
import { foldDigits } from '../model/normalize.js';
import { extend } from './outline.js';

/**
 * Header roles of the blocks before the outline: the 版头 and 主体 of a 公文 (GB/T 9704):
 * issuer (发文机关), notice title (关于印发…的通知), document number (文号), recipients (主送),
 * signature (署名), date (成文日期), disclosure (此件公开发布), and the title of the plan itself.
 * Sets `data.role`; the metadata extractor reads the roles.
 */

export const DOC_NUMBER = /[\u4e00-\u9fa5]{1,16}\s*[〔［\[【(（]\s*(\d{4})\s*[〕］\]】)）]\s*第?\s*\d{1,4}\s*号/;
export const DATE_ARABIC = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
export const DATE_CHINESE = /^([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/;
const DISCLOSURE = /^[（(]?\s*(此件[^）)]{2,8}|本件[^）)]{2,8})\s*[）)]?$/;
const ORG = /(人民政府|人民政府办公室|人民政府办公厅|办公室|办公厅|委员会|委|局|厅|部|署|街道办事处|领导小组|指挥部)$/;
const TITLE_END =
  /(方案|规划|意见|办法|规定|计划|纲要|细则|要点|措施|决定|条例|指南|清单|报告|规则|行动|通知|公告|通告|批复|函)([（(][^）)]*[）)])?$/;
const PERIOD_LINE = /^[（(]\s*\d{4}\s*[—–\-－~～至]+\s*\d{4}\s*年?\s*[）)]$/;
/** 某某镇人民政府关于印发…的通知: the issuer and the notice title on one line. */
export const ISSUER_THEN_NOTICE = /^[\u4e00-\u9fa5（）()]{2,30}?(?:人民政府|办公室|办公厅|委员会|局|厅|部)关于/;
const NOTICE_END = /(通知|意见|决定|批复|函|通报|报告|公告|通告)$/;
/** 题注 under a title: （2026年1月18日…会议批准）, （2023年4月6日第二次修正）. */
export const APPROVAL =
  /^[（(]\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○Ｏ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)[^（()）]{0,60}(?:批准|通过|修正|修订|公布|发布|施行)[^（()）]{0,10}[）)]$/;
/** Distribution lines of the printing block (版记): 抄送：…, 某办公室 2025年2月18日印发. */
const DISTRIBUTION = /^(抄送|抄报|分送)\s*[：:]|\d{1,2}\s*日\s*印发$/;

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Zero-width characters (U+200B, U+FEFF …) of text copied from web pages: no part of a field. */
export function stripInvisible(t: string): string {
  return t.replace(INVISIBLE, '');
}

/** Web page clutter (breadcrumb, page info, toolbar, footer): its own role, never anyone's prose. */
export function isWebClutter(role: unknown): boolean {
  return typeof role === 'string' && role.startsWith('web');
}

/**
 * The issuers of a joint document (联合发文) written on one line, set apart by spaces:
 * 中共某县委办公室　某县人民政府办公室 → both; any other line is one name.
 */
export function issuerNames(t: string): string[] {
  const parts = t.trim().split(/[\s\u3000]+/);
  return parts.length > 1 && parts.every((p) => p.length >= 4 && p.length <= 30 && ORG.test(p)) ? parts : [t.trim()];
}

export function header() {
  return (tree: Root, file: VFile) => {
    const doc = String(file.value);
    splitHeaderLines(tree, doc, lineIndexOf(file));
    const blocks: RootContent[] = [];
    for (const node of tree.children) {
      if (node.type === 'section') break;
      blocks.push(node);
    }
    const count = blocks.length;
    assignRoles(blocks, doc, lineIndexOf(file));
    // the recipients rule may cut a paragraph in two (主送：⏎正文 after a hard break)
    if (blocks.length !== count) tree.children.splice(0, count, ...blocks);
    // a web page's footer is below everything: out first, so the closing block is found above it
    const footer = detachWebFooter(tree);
    detachClosing(tree, doc);
    detachAttachment(tree, doc);
    detachRemarks(tree, doc);
    tree.children.push(...footer);
    const settled = settle(tree);
    if (pruneEmptySections(tree) || footer.length || settled) extend(tree.children);
  };
}

/** The last block of the document and the section (or root) holding it: the end of the last section's last section … */
function lastBlock(tree: Root): { node: RootContent | undefined; parent: Parent } {
  let parent: Parent = tree;
  let node = parent.children[parent.children.length - 1] as RootContent | undefined;
  while (node && node.type === 'section') {
    parent = node;
    node = node.children[node.children.length - 1];
  }
  return { node, parent };
}

/** Trailing web clutter of the last sections, taken out of the tree (to go back at its end). */
function detachWebFooter(tree: Root): RootContent[] {
  const out: RootContent[] = [];
  for (;;) {
    const { node, parent } = lastBlock(tree);
    if (!node || parent === tree || !isWebClutter(node.data?.role)) break;
    parent.children.pop();
    out.unshift(node);
  }
  return out;
}

/**
 * The blocks after the last section, moved there by the steps above, in reading order (each
 * step appends what it moves). Whether any moved.
 */
function settle(tree: Root): boolean {
  let at = tree.children.length;
  while (at > 0 && tree.children[at - 1].type !== 'section') at--;
  const tail = tree.children.slice(at);
  const start = (n: RootContent) => n.position?.start.offset ?? 0;
  if (tail.every((n, i) => i === 0 || start(tail[i - 1]) <= start(n))) return false;
  tail.sort((a, b) => start(a) - start(b));
  tree.children.splice(at, tail.length, ...tail);
  return true;
}

/**
 * A section whose blocks all moved out (an outline item read as part of the closing block) is
 * dropped: left empty, it would still span the text it no longer holds.
 */
function pruneEmptySections(parent: Parent): boolean {
  let pruned = false;
  for (let i = parent.children.length - 1; i >= 0; i--) {
    const node = parent.children[i] as RootContent;
    if (node.type !== 'section') continue;
    pruned = pruneEmptySections(node) || pruned;
    if (node.children.length === 0) {
      parent.children.splice(i, 1);
      pruned = true;
    }
  }
  return pruned;
}

/**
 * Header lines kept together by Markdown (江澄市人民政府␠␠⏎2021年11月8日 is one paragraph):
 * before the outline, a paragraph of short lines without a full stop is one block a line, so
 * the issuer, 文号 and date each get their role.
 */
function splitHeaderLines(tree: Root, doc: string, index: LineIndex): void {
  for (let i = 0; i < tree.children.length; i++) {
    const node = tree.children[i];
    if (node.type === 'section') break;
    if (node.type !== 'paragraph' || node.data?.role) continue;
    const inline = inlineText(node, doc);
    // most paragraphs are one line: no array of lines for them
    if (!inline.text.includes('\n')) continue;
    const lines = inline.text.split('\n');
    if (lines.length < 2 || lines.some((l) => l.trim().length > 40 || /[。；]/.test(l))) continue;
    const pieces: Paragraph[] = [];
    let from = 0;
    for (const line of lines) {
      let s = from;
      let e = from + line.length;
      from = e + 1;
      while (s < e && /\s/.test(inline.text[s])) s++;
      while (e > s && /\s/.test(inline.text[e - 1])) e--;
      if (s === e) continue;
      const position = index.position(inline.at(s), inline.at(e - 1) + 1);
      const text: Text = { type: 'text', value: inline.text.slice(s, e), position };
      pieces.push({ type: 'paragraph', children: [text], position: { start: { ...position.start }, end: { ...position.end } } });
    }
    tree.children.splice(i, 1, ...pieces);
    i += pieces.length - 1;
  }
}

/** The blocks under the root and its sections, in reading order, each with its parent. */
function leaves(tree: Root): { node: RootContent; parent: Parent }[] {
  const out: { node: RootContent; parent: Parent }[] = [];
  const walk = (parent: Parent) => {
    for (const node of parent.children as RootContent[]) {
      if (node.type === 'section') walk(node);
      else out.push({ node, parent });
    }
  };
  walk(tree);
  return out;
}

/**
 * The closing block (落款 and 版记) of a document without a covering notice: signature, date,
 * disclosure, then attachments (附件1 …) and the printing block (抄送 … 印发). They move out
 * of the last section to the end of the root, so they do not become part of the last task's
 * text. A 附件 list right before the signature goes with them.
 */
function detachClosing(tree: Root, doc: string): void {
  const flat = leaves(tree);
  const text = (node: RootContent) =>
    node.type === 'paragraph' || node.type === 'heading' ? foldDigits(inlineText(node, doc).text.trim()) : '';
  // a signature followed by its date, inside the outline
  let start = -1;
  const short = (node: RootContent) => (node.position?.end.offset ?? 0) - (node.position?.start.offset ?? 0) <= 60;
  for (let i = 0; i + 1 < flat.length && start === -1; i++) {
    if (flat[i].parent === tree || flat[i].node.data?.outline || !short(flat[i].node) || !short(flat[i + 1].node)) continue;
    const t = text(flat[i].node);
    const next = text(flat[i + 1].node);
    if (isSignature(t) && (DATE_ARABIC.test(next) || DATE_CHINESE.test(next))) start = i;
  }
  if (start === -1) return detachTrailing(tree, doc);
  // a joint signature: the issuers one under the other above the date (up to three lines)
  for (let above = 0; above < 2 && start > 0; above++) {
    const prev = flat[start - 1];
    if (prev.parent === tree || prev.node.type !== 'paragraph' || prev.node.data?.outline || prev.node.data?.role || !short(prev.node) || !isSignature(text(prev.node))) break;
    start--;
  }
  while (start > 0 && flat[start - 1].node.data?.role === 'attachment' && flat[start - 1].parent !== tree) start--;
  const moved = flat.slice(start).filter(({ parent }) => parent !== tree);
  if (moved.length === 0) return;
  let sawDate = false;
  for (const { node, parent } of moved) {
    parent.children.splice(parent.children.indexOf(node), 1);
    const t = text(node);
    let role = node.data?.role ?? 'attachment';
    if (!node.data?.role) {
      if (!sawDate && (DATE_ARABIC.test(t) || DATE_CHINESE.test(t))) (role = 'date'), (sawDate = true);
      else if (DISCLOSURE.test(t)) role = 'disclosure';
      else if (!sawDate && isSignature(t)) role = 'signature';
      else if (/^(抄送|印发|主办|联系人)|印发$/.test(t)) role = 'distribution';
    }
    if (node.data?.outline) delete node.data.outline;
    node.data = { ...node.data, role };
  }
  // numbered items of an attachment (附件1 …) are its content, not sections
  tree.children.push(...jointSignature(moved.map((m) => m.node)));
  extend(tree.children);
}

/**
 * The signature lines one under the other as one block of lines (the 落款 of a joint document),
 * as Markdown keeps lines without a blank one between them: the issuers are read from its lines.
 */
function jointSignature(nodes: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === 'paragraph' && last?.type === 'paragraph' && node.data?.role === 'signature' && last.data?.role === 'signature' && last.position && node.position) {
      const joined: Paragraph = {
        type: 'paragraph',
        children: [...last.children, { type: 'break', position: { start: { ...last.position.end }, end: { ...last.position.end } } }, ...node.children],
        position: { start: { ...last.position.start }, end: { ...node.position.end } },
        data: { ...last.data },
      };
      out[out.length - 1] = joined;
    } else out.push(node);
  }
  return out;
}

const ATTACHMENT_LINE = /^附件\s*[0-9０-９一二三四五六七八九十]*(?:$|\s*[：:]\s*(?![0-9０-９]{1,2}\s*[.．、])\S.{1,59}$)/;

/**
 * An attachment at the end of a plan (附件 / 附件2 alone on its line, then its title and table;
 * or 附件：title, then the form)
 * is not part of the last section; it moves to the end of the root with the 附件：… line
 * announcing it. Only when no outline item follows: a plan issued as the attachment stays.
 */
function detachAttachment(tree: Root, doc: string): void {
  const flat = leaves(tree);
  // 附件 alone on its line, or 附件：its title (a form that follows, the last task's no more)
  let start = flat.findIndex(
    ({ node, parent }) =>
      parent !== tree &&
      node.type === 'paragraph' &&
      !node.data?.outline &&
      ATTACHMENT_LINE.test(inlineText(node, doc).text.trim()),
  );
  if (start === -1 || flat.slice(start).some(({ node }) => node.data?.outline)) return;
  while (start > 0 && flat[start - 1].node.data?.role === 'attachment' && flat[start - 1].parent !== tree) start--;
  const moved = flat.slice(start).filter(({ parent }) => parent !== tree);
  for (const { node, parent } of moved) {
    parent.children.splice(parent.children.indexOf(node), 1);
    node.data = { ...node.data, role: node.data?.role ?? 'attachment' };
  }
  tree.children.push(...moved.map((m) => m.node));
  extend(tree.children);
}

/**
 * The closing remarks of a notice or plan (各镇街、各部门要…, 县发展改革委要加强统筹调度…) after the
 * last task's clause, before the signature or at the end of the document: up to three
 * paragraphs, no outline item and no clause themselves, move to the root with the role
 * `closing`. Only where the document's items close with their clause (no item goes on
 * after its clause): elsewhere a paragraph after a clause may be the item's own.
 */
function detachRemarks(tree: Root, doc: string): void {
  // inside the outline only; page furniture is no one's text
  const all = leaves(tree).filter(({ parent }) => parent !== tree);
  const flat = all.filter(({ node }) => !isFurniture(node.data?.role));
  const text = (node: RootContent) => (node.type === 'paragraph' ? foldDigits(inlineText(node, doc).text.trim()) : '');
  const remark = (e: (typeof flat)[number]) =>
    e.node.type === 'paragraph' && !e.node.data?.outline && !e.node.data?.role && /[。！]$/.test(text(e.node)) && !endsWithClause(text(e.node)) && !CLAUSE_LINE.test(text(e.node));
  let k = flat.length;
  while (k > 1 && flat.length - k < 3 && remark(flat[k - 1])) k--;
  if (k === flat.length || flat[k - 1].parent !== flat[k].parent || !endsWithClause(text(flat[k - 1].node))) return;
  const last = flat[k].parent;
  // the other items close with their clause: some do, and none goes on after it
  let closes = false;
  for (let i = 0; i < k; i++) {
    const { node, parent } = flat[i];
    if (parent === last || !endsWithClause(text(node))) continue;
    // the clause's next label line (【配合单位】… under 【牵头单位】…) is the clause going on
    const next = flat[i + 1];
    if (next?.parent === parent && !CLAUSE_LINE.test(text(next.node)) && !FIELD_LINE.test(text(next.node))) return;
    closes = true;
  }
  if (!closes) return;
  // page furniture among or after the remarks goes with them: a section left ending on a page
  // number would still span the remarks it no longer holds
  const moved = all.slice(all.findIndex((e) => e.node === flat[k].node));
  for (const { node, parent } of moved) {
    parent.children.splice(parent.children.indexOf(node), 1);
    if (!isFurniture(node.data?.role)) node.data = { ...node.data, role: 'closing' };
  }
  // before the signature and attachments already moved out
  let at = tree.children.length;
  while (at > 0 && tree.children[at - 1].type !== 'section') at--;
  tree.children.splice(at, 0, ...moved.map((m) => m.node));
  extend(tree.children);
}

const CLAUSE_LINE = /^[（(【［[]?(牵头|责任|配合|协同|参与|主办)(单位|部门)\s*(?:[：:]|[】］\]])/;
/** A line of a clause's other fields (【完成时限】…, 完成时限：…): it goes with the unit lines above it. */
const FIELD_LINE = /^[【［[]?(完成|整改|办结|落实)?(时限|期限|时间)(要求)?\s*(?:[：:]|[】］\]])/;
const CLAUSE_CLOSE = '）)〕】］]';
const CLAUSE_OPEN = '（(〔【［[';

/**
 * A paragraph that ends with an assignment clause (…（牵头单位：A）, …【责任单位：A】) or is a
 * 牵头单位：A / 【责任单位】A line, or a 完成时限 line of such a clause.
 */
function endsWithClause(t: string): boolean {
  if (CLAUSE_LINE.test(t) || FIELD_LINE.test(t)) return true;
  const end = t.replace(/[。.\s]+$/, '');
  if (!CLAUSE_CLOSE.includes(end[end.length - 1] ?? '')) return false;
  let depth = 0;
  for (let i = end.length - 1; i >= 0; i--) {
    const c = end[i];
    if (CLAUSE_CLOSE.includes(c)) depth++;
    else if (CLAUSE_OPEN.includes(c) && --depth === 0) return /牵头|负责|配合|责任单位|责任部门|协同|参与/.test(end.slice(i));
  }
  return false;
}

/** A whole notice title on one line: 关于…的通知 / 某局关于…的通知. */
function isNoticeTitle(t: string): boolean {
  return (/^关于/.test(t) || ISSUER_THEN_NOTICE.test(t)) && NOTICE_END.test(t) && !/[。；]/.test(t) && !isOwnOpinions(t);
}

/** What a covering title does to the document it carries (印发, 转发 …). */
const CARRIES = /关于(?:印发|转发|批转|颁发|发布)/;

/**
 * 关于…的实施意见 / 指导意见: the 意见 is the document itself, not a notice over a plan, unless
 * its title carries one (关于转发…的意见).
 */
function isOwnOpinions(t: string): boolean {
  return t.endsWith('意见') && !CARRIES.test(t);
}

function isSignature(t: string): boolean {
  return t.length > 0 && t.length <= 40 && ORG.test(t) && !/[，。、；]/.test(t);
}

/** Without a signature inside the outline: a date, disclosure or signature ending the last section. */
function detachTrailing(tree: Root, doc: string): void {
  const closing: RootContent[] = [];
  let sawDate = false;
  for (;;) {
    const { node, parent } = lastBlock(tree);
    if (!node || parent === tree || (node.type !== 'paragraph' && node.type !== 'heading') || node.data?.outline) break;
    const t = foldDigits(inlineText(node, doc).text.trim());
    let role: string;
    if (node.data?.role === 'pageNumber' || node.data?.role === 'runningHead') role = node.data.role;
    else if (DATE_ARABIC.test(t) || DATE_CHINESE.test(t)) role = 'date';
    else if (DISCLOSURE.test(t)) role = 'disclosure';
    else if (sawDate && isSignature(t)) role = 'signature';
    else if (DISTRIBUTION.test(t) && t.length <= 200 && !sawDate) role = 'distribution';
    else break;
    if (role === 'date') sawDate = true;
    parent.children.pop();
    node.data = { ...node.data, role };
    closing.unshift(node);
  }
  if (closing.length === 0) return;
  tree.children.push(...jointSignature(closing));
  extend(tree.children);
}
const isRecipients = (t: string, noticeDone: boolean) => /[：:]$/.test(t) && t.length <= 200 && !/。/.test(t) && (noticeDone || /^各/.test(t));

/** A paragraph cut after its first line: the line and the rest, each a paragraph of its own. */
function cutFirstLine(block: Paragraph, doc: string, index: LineIndex): [Paragraph, Paragraph] | null {
  const inline = inlineText(block, doc);
  const nl = inline.text.indexOf('\n');
  if (nl === -1) return null;
  const piece = (s: number, e: number): Paragraph | null => {
    while (s < e && /\s/.test(inline.text[s])) s++;
    while (e > s && /\s/.test(inline.text[e - 1])) e--;
    if (s === e) return null;
    const position = index.position(inline.at(s), inline.at(e - 1) + 1);
    const text: Text = { type: 'text', value: inline.text.slice(s, e), position };
    return { type: 'paragraph', children: [text], position: { start: { ...position.start }, end: { ...position.end } } };
  };
  const first = piece(0, nl);
  const rest = piece(nl + 1, inline.text.length);
  return first && rest ? [first, rest] : null;
}

function assignRoles(blocks: RootContent[], doc: string, index: LineIndex): void {
  const texts = blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? stripInvisible(foldDigits(inlineText(b, doc).text)).trim() : null));
  let inNoticeTitle = false;
  let noticeDone = false;
  let titleOpen = true;
  let titleSeen = false;
  const set = (i: number, role: string) => {
    blocks[i].data = { ...blocks[i].data, role };
  };
  for (let i = 0; i < blocks.length; i++) {
    const t = texts[i];
    const block = blocks[i];
    if (t === null || !t || block.data?.role) continue;
    const short = t.length <= 60 && !/[。；]/.test(t);
    if (inNoticeTitle) {
      set(i, 'noticeTitle');
      if (NOTICE_END.test(t)) {
        inNoticeTitle = false;
        noticeDone = true;
      }
      continue;
    }
    // length first: DOC_NUMBER tries 16 characters at every place of a long paragraph
    if (t.length <= 40 && DOC_NUMBER.test(t)) set(i, 'docNumber');
    // the 版头 of a printed 公文: 某县人民政府办公室文件 (the issuer's name, not prose)
    else if (i === 0 && /^[\u4e00-\u9fa5]{2,30}文件$/.test(t) && ORG.test(t.slice(0, -2))) set(i, 'masthead');
    else if (DATE_ARABIC.test(t) || DATE_CHINESE.test(t)) set(i, 'date');
    else if (DISCLOSURE.test(t)) set(i, 'disclosure');
    else if (APPROVAL.test(t)) set(i, 'approval');
    else if (block.type === 'heading' && block.depth === 1 && !(isNoticeTitle(t) && !noticeDone && !titleSeen)) {
      set(i, 'title');
      titleSeen = true;
    } else if (block.type === 'heading' && block.depth === 1) {
      // # 某厅关于印发…的通知, then # 某方案: the covering notice's title, as on a text page
      set(i, 'noticeTitle');
      noticeDone = true;
    } else if ((/^关于/.test(t) || ISSUER_THEN_NOTICE.test(t)) && short && !noticeDone && !isOwnOpinions(t)) {
      set(i, 'noticeTitle');
      if (NOTICE_END.test(t)) noticeDone = true;
      else inNoticeTitle = true;
    } else if (isRecipients(t, noticeDone)) set(i, 'recipients');
    else if (block.type === 'paragraph' && t.includes('\n') && isRecipients(t.slice(0, t.indexOf('\n')).trim(), noticeDone)) {
      // 主送：\ then the body in one Markdown paragraph (a hard break): the first line is the recipients
      const cut = cutFirstLine(block, doc, index);
      if (!cut) continue;
      blocks.splice(i, 1, ...cut);
      texts.splice(i, 1, ...cut.map((b) => stripInvisible(foldDigits(inlineText(b, doc).text)).trim()));
      set(i, 'recipients');
    }
    else if (short && ORG.test(t) && !TITLE_END.test(t) && t.length <= 40 && !/[，、]/.test(t)) {
      let j = i + 1;
      while (j < texts.length && !texts[j]) j++;
      const next = texts[j];
      set(i, next && (DATE_ARABIC.test(next) || DATE_CHINESE.test(next)) ? 'signature' : 'issuer');
    } else if (short && titleOpen && (TITLE_END.test(t) || (titleSeen && PERIOD_LINE.test(t)))) {
      set(i, 'title');
      titleSeen = true;
    } else if (titleSeen && short && PERIOD_LINE.test(t)) set(i, 'title');
    else {
      // prose: the body of the notice, or the preamble of the plan
      if (titleSeen) titleOpen = false;
      set(i, noticeDone && !titleSeen ? 'notice' : 'preamble');
    }
  }
}
