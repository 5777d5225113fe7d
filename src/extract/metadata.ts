import { foldDigits } from '../model/normalize.js';
import {
  APPROVAL,
  DAMAGED_DOC_NUMBER,
  DATE_ARABIC,
  DATE_CHINESE,
  DOC_NUMBER,
  digitDate,
  FORWARDED_NOTICE,
  ISSUED_NOTICE,
  ISSUER_THEN_NOTICE,
  infoFields,
  issuerNames,
  NUMBER_AFTER_TITLE,
  SPACED_DATE,
  stripInvisible,
  TITLE_END,
  unwrapBookTitle,
  withoutCategoryTag,
  withoutNote,
} from '../parse/header.js';
import { parseChineseNumber } from '../parse/numerals.js';
import type { Block, Context } from './context.js';

/**
 * Metadata from the header roles: issuer (发文机关), titles, 文号, date as ISO, 主送,
 * disclosure, and the period the plan covers (2021—2035).
 */
export function extractMetadata(ctx: Context): void {
  const m = ctx.model;
  // the texts of each role, gathered in one pass (read-only below)
  const texts = new Map<string, string[]>();
  for (const b of ctx.blocks) {
    if (!b.role) continue;
    // zero-width characters of a web copy are no part of a field
    const text = withoutCategoryTag(stripInvisible(b.content.text).trim());
    const list = texts.get(b.role);
    if (list) list.push(text);
    else texts.set(b.role, [text]);
  }
  const byRole = (role: string) => texts.get(role) ?? [];
  const first = (role: string) => byRole(role)[0] ?? null;

  // a web page's info block: 发布机构 / 发文字号 / 成文日期 … (label and value in any of its layouts)
  const info = infoFields(byRole('webInfo'));
  const field = (...names: string[]) => {
    for (const n of names) {
      const v = info.get(n);
      if (v) return v;
    }
    return null;
  };

  // a joint document's issuers, set apart by spaces on their line or on lines one under the
  // other (above 关于印发…), are named joined by 、
  const lines = issuerRun(ctx, 'issuer');
  if (lines.length === 0) lines.push(...issuerRun(ctx, 'signature'));
  const notice = firstRun(ctx, 'noticeTitle');
  const noticeText = notice.replace(NUMBER_AFTER_TITLE, '');
  m.noticeTitle = noticeText || null;
  // a site's headline with its 文号 in brackets after it: the 文号 is no part of the title
  const headline = firstRun(ctx, 'title');
  const title = headline.replace(NUMBER_AFTER_TITLE, '');
  // a news reprint's lead-in (近日，某省人民政府发布关于…的通知): who issued what
  const lead = leadIn(ctx);
  if (!m.noticeTitle && lead?.notice) m.noticeTitle = lead.notice;
  m.title =
    title ||
    (noticeText && (pointsOfItsOwn(ctx) || nothingUnderNotice(ctx) || cutInNotice(ctx))
      ? noticeText
      : planNameInNotice(ctx, planTitleFromNotice(noticeText))) ||
    noticeText ||
    frontMatterTitle(ctx) ||
    namedInNotice(ctx) ||
    field('标题', '名称') ||
    lead?.title ||
    planTitleFromNotice(lead?.notice ?? '') ||
    lead?.notice ||
    null;
  // a headline that is a notice's title (a page that posts the notice inside its own, 关于对《X》的
  // 公示 ⏎ 附件：⏎ …关于印发《X》的通知): the plan's title X standing alone under the notice's date wins
  if (title && m.title === title) m.title = planTitleBelow(ctx, title) ?? m.title;
  if (m.title && noticeText) m.title = withDamagedPeriod(ctx, m.title, planTitleFromNotice(noticeText));
  // the body the title names (某市人民政府关于…), else the info block's 发布机构 / 发文机关, else
  // the lead-in's; the page's 来源 last (the site's source, not always the issuer)
  const infoOrgan = infoIssuer(field('发文机关', '发文机构', '发布机构', '发文单位', '发布单位', '发布机关', '成文机关', '制定机关', '发布部门', '颁布单位'));
  m.issuer =
    lines.length > 0
      ? [...new Set(lines.flatMap(issuerNames))].join('、')
      : (jointIssuers(first('noticeTitle')) ??
        joint(withPlace(issuerOfNotice(noticeText || null), infoOrgan)) ??
        joint(withPlace(issuerOfNotice(m.title), infoOrgan)) ??
        placeOfTitle(noticeText || m.title) ??
        rulesOwner(m.title) ??
        infoIssuer(field('发文机关', '发文机构', '发布机构', '发文单位', '发布单位', '发布机关', '成文机关', '制定机关', '发布部门', '颁布单位')) ??
        lead?.issuer ??
        sourceIssuer(field('来源', '信息来源', '文章来源')));

  const docNumber = ctx.blocks.find((b) => b.role === 'docNumber');
  // matched on folded digits, kept as written (the fold is one character for one)
  const numberText = docNumber ? stripInvisible(docNumber.content.text) : '';
  m.docNumber = docNumber ? readDocNumber(numberText) : null;
  // 关于印发…的通知（粤府〔2021〕22号）: the number given after the title
  if (!m.docNumber && notice !== noticeText) m.docNumber = readDocNumber(notice.slice(noticeText.length));
  if (!m.docNumber && headline !== title) m.docNumber = readDocNumber(headline.slice(title.length));
  if (!m.docNumber) {
    const v = field('发文字号', '发布文号', '文号', '文件编号');
    m.docNumber = v ? readDocNumber(v) : null;
  }

  if (!m.docNumber) {
    const fm = frontMatterField(ctx, NUMBER_KEYS);
    m.docNumber = fm && DOC_NUMBER.test(foldDigits(fm)) ? fm.replace(/\s+/g, '') : null;
  }
  m.issuer ??= frontMatterField(ctx, ISSUER_KEYS);

  // what a converted file's container states (an HTML page's info table): where the text gives none
  const stated = ctx.file.data.converted?.meta;
  if (stated) {
    m.issuer ??= stated.issuer ?? null;
    if (!m.docNumber && stated.docNumber && DOC_NUMBER.test(foldDigits(stated.docNumber))) m.docNumber = stated.docNumber.replace(/\s+/g, '');
  }

  // the 成文日期 of the info block, else the date under the signature; the page's 发布日期 last
  const dates = byRole('date');
  // (a 发文日期 — the day a page says it was sent out — only after the date the notice is signed with)
  m.date = isoDate(field('成文日期', '成文时间', '公文生成日期') ?? '');
  const signed = dates.length ? isoDate(dates[0]) : null;
  // a site that filled its 成文日期 with the day it published (成文日期 = 发布时间): the date under
  // the signature, earlier, is the 成文日期
  if (m.date && signed && signed < m.date && m.date === isoDate(field('发布日期', '发布时间') ?? '')) m.date = signed;
  m.date ??= signed;
  // a gazette's header line: the 文号 and the date beside it (某办函〔2017〕113号 2017年6月2日)
  const numbered = DOC_NUMBER.exec(foldDigits(numberText));
  if (!m.date && numbered) {
    const after = numberText.slice(numbered.index + numbered[0].length).trim();
    if (after && (DATE_ARABIC.test(foldDigits(after)) || DATE_CHINESE.test(after))) m.date = isoDate(after);
  }
  m.date ??= isoDate(field('发文日期', '发文时间', '印发日期', '颁布日期', '颁布时间', '公布日期', '生成日期') ?? '');
  m.date ??= isoDate(frontMatterField(ctx, DATE_KEYS)?.replace(ISO_DAY, '$1年$2月$3日') ?? '');
  if (stated?.date) m.date ??= isoDate(stated.date.replace(ISO_DAY, '$1年$2月$3日'));
  if (!m.date) {
    // Documents without a header often end with the date (落款).
    const tail = ctx.blocks.slice(-3).map((b) => b.content.text.trim());
    for (const t of tail) m.date ??= isoDate(t);
  }
  // a 纲要 or 条例 approved by a congress or meeting: the date of its 题注, when it has no other
  const approval = first('approval');
  const approved = approval ? APPROVAL.exec(foldDigits(approval)) : null;
  if (approved) m.date ??= isoDate(approved[1]);
  m.date ??= isoDate(field('发布日期', '发布时间', '公开日期', '公开日', '发表日期', '发表时间') ?? '');
  m.recipients = first('recipients')?.replace(/[：:]$/, '') ?? null;
  m.disclosure = first('disclosure')?.replace(/^[（(]|[）)]$/g, '') ?? null;
  m.docType = docTypeOf(m.title) ?? docTypeOf(m.noticeTitle);
  m.period = periodOf(m.title ?? '') ?? periodOf(m.noticeTitle ?? '') ?? periodInText(ctx) ?? fiveYearPlan(m.title ?? m.noticeTitle ?? '');
}

/** The first issuer (or signature) line and those right after it (a joint document's names, one a line). */
function issuerRun(ctx: Context, role: string): string[] {
  const at = ctx.blocks.findIndex((b) => b.role === role);
  const out: string[] = [];
  for (let i = at; i !== -1 && i < ctx.blocks.length && ctx.blocks[i].role === role; i++) out.push(stripInvisible(ctx.blocks[i].content.text).trim());
  return out;
}

/**
 * The text of the first run of blocks with `role` one after the other (a title broken over
 * lines); a page that repeats the title further down does not double it. Pipes of a page's
 * table layout around it are no part of it.
 */
function firstRun(ctx: Context, role: string): string {
  const at = ctx.blocks.findIndex((b) => b.role === role);
  if (at === -1) return '';
  const out: string[] = [];
  for (let i = at; i < ctx.blocks.length && ctx.blocks[i].role === role; i++) {
    let line = withoutCategoryTag(
      stripInvisible(ctx.blocks[i].content.text)
        .trim()
        .replace(/^[|｜\s]+|[|｜\s]+$/g, ''),
    );
    // a page's column tag before the title (【市政府重点工作】某市人民政府关于…的通知) is no part of it
    if (i === at && (role === 'title' || role === 'noticeTitle')) line = unwrapBookTitle(line.replace(COLUMN_TAG, ''), role === 'title');
    // the heading of a plan's contents list (某市森林火灾应急预案目录): the plan's name without it
    if (i === at && role === 'title' && CONTENTS_OF.test(line) && TITLE_END.test(line.replace(CONTENTS_OF, ''))) line = line.replace(CONTENTS_OF, '');
    // a page's second copy of the line right under it is read once
    if (out[out.length - 1] !== line) out.push(line);
    // a notice title ends at its 的通知: a line under it is another document's (a gazette's contents)
    if (role === 'noticeTitle' && /的(?:通知|通报|决定|意见|批复)$/.test(line) && out[0].includes('关于')) break;
  }
  // spaces a page put between the words of a title (…2023年 重点工作…) are no part of it
  return out.join('').replace(/(?<=[\u4e00-\u9fa5])[ \u3000]+(?=[\u4e00-\u9fa5\d《（(])|(?<=[\d》）)])[ \u3000]+(?=[\u4e00-\u9fa5])/g, '');
}

/** 目录 after a plan's name: the heading of its contents list. */
const CONTENTS_OF = /[ \u3000]*目[ \u3000]*录$/;

/** 【政策解读】, 【市政府重点工作及责任分解】: a site's column in 【】 before a title. */
const COLUMN_TAG = /^【[^【】\s]{2,20}】[ \u3000]*(?=[\u4e00-\u9fa5《])/;

/** A 文号 as written (spaces dropped), or one whose 〔〕 and 号 a page lost, put back (六政办秘202355 → 六政办秘〔2023〕55号). */
function readDocNumber(text: string): string | null {
  const folded = foldDigits(text);
  const m = DOC_NUMBER.exec(folded);
  if (m) return text.slice(m.index, m.index + m[0].length).replace(/\s+/g, '');
  const d = DAMAGED_DOC_NUMBER.exec(folded.trim());
  return d ? `${d[1]}〔${d[2]}〕${d[3]}号` : null;
}

/** An info block's issuer, without a time put before it (2023-01-05 10:00 某局). */
function infoIssuer(v: string | null): string | null {
  if (!v) return null;
  // a time before the name is dropped; a bare number glued to words (365彩票…, a spam mirror's
  // text in the field) names no organ
  if (/^\d+[^\d\s:：\-/年月日]/.test(v.trim())) return null;
  const name = v.replace(/^[\d\s:：\-/年月日]+/, '').trim();
  // a website in the field (发文机构：县政府网站) is where the page is, not who issued the document
  return name && !/^\d/.test(name) && !/^无$/.test(name) && !/(?:网站|网)$/.test(name) ? name : null;
}

/**
 * The page's 来源 as the issuer, where nothing else names one: an organ's name only (not a
 * website, a newspaper or a person).
 */
function sourceIssuer(v: string | null): string | null {
  const name = v?.trim().split(/[\s\u3000]+/)[0] ?? '';
  return name.length >= 3 && name.length <= 30 && SOURCE_ORGAN.test(name) && !/网|报|台|社/.test(name) ? name : null;
}
const SOURCE_ORGAN = /(政府|办公室|办公厅|委员会|委|局|厅|部|署|国务院)$/;

/**
 * A news reprint's lead-in before the document (据…网消息，近日，某省人民政府发布关于…的通知；日前，
 * 某市印发《X》。全文如下): the organ that issued it, the notice's title or the document's name.
 */
const NEWS_TIME = /^(?:近日|日前|近期|今天|今日|昨天|昨日|\d{1,2}月\d{1,2}日)/;
const YEAR_TIME = /^\d{4}年\d{1,2}月(?:\d{1,2}日)?/;
const LEAD_IN =
  /^(?:近日|日前|近期|今天|今日|昨天|昨日|\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月(?:\d{1,2}日)?)?\s*([\u4e00-\u9fa5（）()]{2,24}?(?:、[\u4e00-\u9fa5（）()]{2,24}?){0,3})(?:正式)?(?:印发|发布|出台|公布|下发|发出)了?\s*(?:《([^《》]{4,80})》|(关于[^《》，,。；]{4,80}?的(?:通知|意见|决定)))/;
const HEADLINE_LINE = /^(?:[^，,。；;！？]{1,24}|[…]+|[.]{3,})$/;
function leadIn(ctx: Context): { issuer: string; title: string | null; notice: string | null } | null {
  let seen = 0;
  for (const b of ctx.blocks) {
    if (b.role === 'title' || b.role === 'noticeTitle' || b.role === 'recipients' || seen >= 4) break;
    if (b.role !== 'preamble' && b.role !== 'notice') continue;
    // a report's headline figures above its lead-in (地区生产总值增长5%左右, one a line) are no paragraphs
    if (!HEADLINE_LINE.test(b.content.text.trim())) seen++;
    let before = '';
    for (const raw of stripInvisible(b.content.text).split(/[，,。；;]/)) {
      const piece = raw.trim();
      const m = LEAD_IN.exec(piece);
      // a news report's words: a time (近日，…) on the piece or just before it
      // or, in the first lines of a page (a wiki's 發布信息: 2023年12月，A、B發布《X》), its year and month
      const news = NEWS_TIME.test(piece) || NEWS_TIME.test(before) || (seen <= 2 && (YEAR_TIME.test(piece) || YEAR_TIME.test(before)));
      before = piece;
      if (!m || !news || /网|报|记者|消息|我[省市县区]/.test(m[1])) continue;
      return { issuer: m[1], title: m[2] ?? null, notice: m[3] ?? null };
    }
  }
  return null;
}

/** title: … in Markdown front matter. */
function frontMatterTitle(ctx: Context): string | null {
  return frontMatterField(ctx, ['title', '标题']);
}

// what a front matter calls the header fields the text would give (the text wins where it has them)
const ISSUER_KEYS = ['issuer', 'author', '发文机关', '发文单位', '发布机关', '发布单位'];
const NUMBER_KEYS = ['docNumber', 'doc_number', 'number', '文号', '发文字号'];
const DATE_KEYS = ['date', '日期', '成文日期', '发布日期', '印发日期'];
const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** The value of the first of `keys` in the Markdown front matter (key: value, quotes dropped). */
function frontMatterField(ctx: Context, keys: string[]): string | null {
  const lines = ctx.blocks
    .filter((b) => b.role === 'frontMatter')
    .map((b) => b.content.text)
    .join('\n')
    .split('\n');
  for (const key of keys) {
    for (const line of lines) {
      const m = /^\s*([^:：]+?)\s*[:：]\s*["']?(.+?)["']?\s*$/.exec(line);
      if (m && m[1].toLowerCase() === key.toLowerCase()) return m[2];
    }
  }
  return null;
}

/** 关于印发《X》的通知 / 某县人民政府关于印发X的通知 → X */
/**
 * The notice says it has points of its own (…印发给你们，并就有关事项通知如下：一、…): with no plan
 * title on the page, the notice is the document, and its title the title.
 */
function pointsOfItsOwn(ctx: Context): boolean {
  // (a notice's sentence that ends with ：may be read as its recipients' line)
  return ctx.blocks.some(
    (b) => b.role !== 'title' && b.role !== 'noticeTitle' && /通知如下|提出(?:以下|如下)(?:意见|要求)/.test(stripInvisible(b.content.text)),
  );
}

/**
 * A notice with no text of a plan: under its date only the page's leftovers follow (the 附件 list or
 * 附件下载：, the disclosure line, a contact line, the site's info and share buttons). The plan it
 * issues is not on the page (a file to download, or left out of the excerpt), and the notice — its
 * title, its short body and its points — is the document there is (test/real/README.md: a 通知 that
 * carries the content itself is titled by the notice).
 */
const DOWNLOAD_LINE = /^(?:相关)?附件(?:下载)?\s*[：:]?$/;
const LEFTOVER_ROLES = new Set(['disclosure', 'attachment', 'webInfo', 'webTools', 'webBreadcrumb', 'webFooter']);
const LEFTOVER_LINE = /^(?:[（(]?联系人|用微信扫|分享到|扫一扫|打印|关闭|【?字体)/;
const SO_NOTIFIED = /^特?此通知[。.]?$/;
function noticePoint(ctx: Context, b: Block): boolean {
  const sign = (x: Block) => SO_NOTIFIED.test(stripInvisible(x.content.text).trim());
  if (!b.section || b.ancestors.length !== 1) return false;
  if (sign(b)) return true;
  const own = ctx.sectionInfo.get(b.section)?.blocks.filter((x) => !sign(x)) ?? [];
  // a sentence or more, not a plan's heading (一、总体要求) with nothing under it
  return own.length === 1 && stripInvisible(b.content.text).trim().length >= 20;
}

function nothingUnderNotice(ctx: Context): boolean {
  const notice = ctx.blocks.findIndex((b) => b.role === 'noticeTitle');
  const at = ctx.blocks.findIndex((b, i) => b.role === 'date' && i > notice);
  if (notice === -1 || at === -1) return false;
  // the notice's own points (一、各地区要…。二、…: a paragraph each) may stand above its date; not a
  // plan's text (a paragraph of no role, or a heading with its items under it: the plan without its title line)
  const before = ctx.blocks.slice(notice, at);
  if (!before.some((b) => b.role === 'notice') || before.some((b) => !b.role && !noticePoint(ctx, b))) return false;
  return ctx.blocks.slice(at + 1).every((b) => {
    const t = stripInvisible(b.content.text).trim();
    return !t || LEFTOVER_ROLES.has(String(b.role)) || DOWNLOAD_LINE.test(t) || LEFTOVER_LINE.test(t);
  });
}

function planTitleFromNotice(notice: string): string | null {
  // 《》 around the whole name are no part of it; 《政府工作报告》重点工作任务分工 keeps its own;
  // 〈X〉 where a mirror writes the inner marks at the outer level (关于印发〈X〉的通知); 某市人民政府
  // 印发关于落实…的通知: the name after 印发 opens with 关于
  const m = /(?:关于(?:印发|转发|下达)|印发(?=关于))(?:《([^《》]+)》|〈([^〈〉]+)〉|(.+?))的(?:通知|函)$/.exec(notice);
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
}

/**
 * The plan's name as the notice's text writes it (现将《X》印发给你们, 《X》已经…同意，现印发给你们),
 * where it is the name the notice's title gives save its marks and a 的 (关于落实国务院〈政府工作报告〉
 * 重点工作的任务分工 for …《政府工作报告》重点工作任务分工): the text's is the plan's own.
 */
const PLAN_ISSUED = /《((?:[^《》]|《[^《》]*》)+)》(?:已经[^。；]{2,30}[，,])?\s*(?:现予?)?(?:予以)?印发/;

/**
 * The title with its period as the notice names it (…实施方案(2023年)), where the title's own period
 * line under it is damaged (2023年) without its bracket, (20162020) without its dash): the line holds
 * the period's years, and the rest of the name is that period in brackets.
 */
function withDamagedPeriod(ctx: Context, title: string, named: string | null): string {
  if (!named || named.length <= title.length || !named.startsWith(title)) return title;
  const period = named.slice(title.length);
  if (!/^[（(][^（）()]{0,12}\d{4}[^（）()]{0,12}[）)]$/.test(period)) return title;
  let last = -1;
  ctx.blocks.forEach((b, i) => {
    if (b.role === 'title') last = i;
  });
  const under = last === -1 ? '' : stripInvisible(ctx.blocks[last + 1]?.content.text ?? '').trim();
  const years = period.match(/\d{4}/g) ?? [];
  const damaged = under.length <= 16 && !/[\u4e00-\u9fa5]{2}/.test(under) && years.every((y) => under.includes(y));
  return damaged ? named : title;
}

/** The name 关于印发《X》的通知 gives, on a line of its own under the notice's date (its role prose). */
function planTitleBelow(ctx: Context, notice: string): string | null {
  const name = planTitleFromNotice(notice);
  if (!name) return null;
  const at = ctx.blocks.findIndex((b) => b.role === 'date');
  if (at === -1) return null;
  for (const b of ctx.blocks.slice(at + 1, at + 4)) {
    const t = stripInvisible(b.content.text).trim();
    if (t === name && (b.role === 'preamble' || b.role === 'notice')) return t;
  }
  return null;
}

function planNameInNotice(ctx: Context, fromTitle: string | null): string | null {
  if (!fromTitle) return null;
  const bare = (t: string) => stripInvisible(t).replace(/[《》〈〉<>“”"\s的]/g, '');
  for (const b of ctx.blocks) {
    if (b.role !== 'notice' && b.role !== 'preamble') continue;
    const m = PLAN_ISSUED.exec(b.content.text);
    if (m && m[1] !== fromTitle && bare(m[1]) === bare(fromTitle)) return m[1];
  }
  return fromTitle;
}

/**
 * A page that shows neither the plan's title nor the notice's, only the notice's text that issues
 * it and the plan's text under its date (各乡镇…: 《X》已经…，现印发给你们。 某县人民政府 2021年12月28日
 * “十四五”时期…): the plan is the one it names.
 */
function namedInNotice(ctx: Context): string | null {
  if (ctx.blocks.some((b) => b.role === 'title' || b.role === 'noticeTitle')) return null;
  const signed = ctx.blocks.findIndex((b) => b.role === 'signature');
  if (signed === -1) return null;
  // the plan's own text under the notice's date (a notice whose plan is an attachment not on the page names no title)
  if (!ctx.blocks.slice(signed + 1).some((b) => (!b.role || b.role === 'preamble') && stripInvisible(b.content.text).trim())) return null;
  for (const b of ctx.blocks.slice(0, signed)) {
    const m = PLAN_ISSUED.exec(stripInvisible(b.content.text));
    if (m) return m[1];
  }
  return null;
}

/**
 * An excerpt that ends inside the covering notice: after its title only the notice's own lines
 * (文号, recipients, its paragraphs, the page's info), no signature, no date, no plan. The plan it
 * names is not on the page; the notice is the document there is.
 */
const NOTICE_ROLES = new Set(['noticeTitle', 'issuer', 'docNumber', 'recipients', 'notice', 'webInfo', 'webTools', 'webBreadcrumb', 'disclosure']);
function cutInNotice(ctx: Context): boolean {
  const at = ctx.blocks.findIndex((b) => b.role === 'noticeTitle');
  if (at === -1) return false;
  const after = ctx.blocks.slice(at + 1).filter((b) => stripInvisible(b.content.text).trim() !== '');
  return after.some((b) => b.role === 'notice') && after.every((b) => NOTICE_ROLES.has(String(b.role)) || (!b.role && noticePoint(ctx, b)));
}

/**
 * 泰州关于印发…的通知 (a reprint's headline naming the place for its government): the place's
 * short name before 关于, where the title names no organ.
 */
function placeOfTitle(title: string | null): string | null {
  const m = /^([\u4e00-\u9fa5]{2,4}?)关于.{4,}(?:通知|意见|决定|方案|计划|办法|措施)$/.exec(title ?? '');
  return m && !/^(?:转发|印发|批转|根据|为了?|对|在|有|就|进一步)/.test(m[1]) ? m[1] : null;
}

/**
 * 某县人民政府工作规则: a government's (or 行政公署's, 管委会's) rules of its own work, which it issues.
 */
function rulesOwner(title: string | null): string | null {
  return /^([\u4e00-\u9fa5（）()]{2,24}?(?:人民政府|行政公署|管理委员会))工作规则$/.exec(title ?? '')?.[1] ?? null;
}

/**
 * 成都市发展和改革委员会 中共成都市委社会工作部 成都市规划和自然资源局 关于印发…的通知: the organs a
 * joint notice's title line names, set apart by spaces, joined by 、.
 */
function jointIssuers(line: string | null): string | null {
  if (!line) return null;
  // 中共某区委办公室 某区人民政府办公室印发《X》的通知: the organs before 印发
  const issued = ISSUED_NOTICE.exec(line);
  if (issued)
    return issued[1]
      .trim()
      .split(/[ \u3000]+/)
      .flatMap(issuerNames)
      .join('、');
  if (!ISSUER_THEN_NOTICE.test(line)) return null;
  const names = line
    .slice(0, line.indexOf('关于'))
    .trim()
    .split(/[ \u3000]+/);
  return names.length > 1 ? names.join('、') : null;
}

/** The organs one name stands for (中共某市委某市人民政府: two), joined by 、. */
function joint(name: string | null): string | null {
  return name ? issuerNames(name).join('、') : null;
}

/**
 * 县人民政府办公室关于…的通知 names its organ without the place; the info block's 发文单位
 * (嘉鱼县人民政府办公室) is the same organ with it.
 */
function withPlace(name: string | null, info: string | null): string | null {
  if (!name || !info || !PLACELESS.test(name)) return name;
  return info.length > name.length && info.endsWith(name) ? info : name;
}
const PLACELESS = /^[省市县区州镇乡](?:人民政府|政府|委|党委)/;

/** 某县人民政府办公室关于…的通知 → 某县人民政府办公室 */
function issuerOfNotice(notice: string | null): string | null {
  // 某省人民政府办公厅转发…的通知: the organ before the verb
  const forwarded = notice ? FORWARDED_NOTICE.exec(notice) : null;
  if (forwarded) return forwarded[1].trim();
  if (!notice || !ISSUER_THEN_NOTICE.test(notice)) return null;
  return notice.slice(0, notice.indexOf('关于'));
}

export function isoDate(text: string): string | null {
  // an info block's value: 2023-02-13 10:53:20, 2023年02月13日 10:53 (the time is no part of the day)
  const t = foldDigits(withoutNote(text.trim()))
    .replace(/\s+\d{1,2}:\d{2}(?::\d{2})?$/, '')
    .replace(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, '$1年$2月$3日')
    // a date line in brackets under a title: （2015年9月15日）
    .replace(/^[（(]\s*(.+?)\s*[）)]$/, '$1');
  let y: number | null;
  let mo: number | null;
  let d: number | null;
  const spaced = SPACED_DATE.exec(t);
  let m = DATE_ARABIC.exec(spaced ? `${spaced[1]}年${spaced[2]}月${spaced[3]}日` : t);
  const digits = digitDate(t);
  if (digits) [y, mo, d] = digits;
  else if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = DATE_CHINESE.exec(t))) [y, mo, d] = [parseChineseNumber(m[1]), parseChineseNumber(m[2]), parseChineseNumber(m[3])];
  else return null;
  if (y === null || mo === null || d === null || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// the more specific first: a title ending in 分工方案 is that, not just a 方案
const DOC_TYPES = [
  '实施方案',
  '工作方案',
  '行动方案',
  '分工方案',
  '行动计划',
  '规划纲要',
  '规划',
  '纲要',
  '实施意见',
  '指导意见',
  '意见',
  '办法',
  '规定',
  '细则',
  '方案',
  '计划',
  '工作要点',
  '要点',
  '任务清单',
  '责任清单',
  '清单',
  '任务分解',
  '通知',
  '决定',
  '条例',
];

function docTypeOf(title: string | null): string | null {
  if (!title) return null;
  const bare = title.replace(/[（(][^）)]*[）)]$/, '');
  return DOC_TYPES.find((t) => bare.endsWith(t)) ?? null;
}

const PERIOD = /(\d{4})\s*[—–\-－~～至到]+\s*(\d{4})\s*年/;

function periodOf(text: string): { start: number; end: number } | null {
  const m = PERIOD.exec(text);
  if (!m) return null;
  const [start, end] = [Number(m[1]), Number(m[2])];
  return start < end ? { start, end } : null;
}

/** “十四五”规划, 第十四个五年规划 → 2021–2025: the N-th five-year plan from the 3rd (1966–1970) on. */
function fiveYearPlan(title: string): { start: number; end: number } | null {
  const m = /十([一二三四五六七八九])五|第十([一二三四五六七八九])个五年/.exec(title);
  if (!m) return null;
  const n = 10 + (parseChineseNumber(m[1] ?? m[2]) ?? 0);
  const start = 1966 + 5 * (n - 3);
  return { start, end: start + 4 };
}

/** "实施期为2021—2035年", "规划期限为…" in the preamble. */
function periodInText(ctx: Context): { start: number; end: number } | null {
  for (const b of ctx.blocks.slice(0, 40)) {
    const m = /(实施期|规划期|规划期限|实施期限|期限)[为是：:]?\s*(\d{4}\s*[—–\-－~～至到]+\s*\d{4}\s*年)/.exec(b.content.text);
    if (m) return periodOf(m[2]);
  }
  return null;
}
