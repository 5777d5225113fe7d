import type { Paragraph, Parent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { foldDigits } from '../model/normalize.js';
import { inlineText, isFurniture } from './inline.js';
import { type LineIndex, lineIndexOf } from './location.js';
import { extend, nest } from './outline.js';

/**
 * Header roles of the blocks before the outline: the 版头 and 主体 of a 公文 (GB/T 9704):
 * issuer (发文机关), notice title (关于印发…的通知), document number (文号), recipients (主送),
 * signature (署名), date (成文日期), disclosure (此件公开发布), and the title of the plan itself.
 * Sets `data.role`; the metadata extractor reads the roles.
 */

export const DOC_NUMBER = /[\u4e00-\u9fa5]{1,16}\s*[〔［[【(（]\s*(\d{4})\s*[〕］\]】)）]\s*第?\s*\d{1,4}\s*号/;
export const DATE_ARABIC = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
export const DATE_CHINESE = /^([〇零○ＯO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/;
/**
 * A date whose 年月日 a page lost (2023614 under the signature): read only where one split
 * into month and day is a date (2023614 → 6-14; 2022121 could be 1-21 or 12-1: none).
 */
export function digitDate(t: string): [number, number, number] | null {
  // (the 年 may be left where the 月 and 日 were lost: 2025年513)
  const m = /^((?:19|20)\d{2})年?(\d{3,4})$/.exec(t);
  if (!m) return null;
  const rest = m[2];
  const reads: [number, number][] = [];
  for (let k = 1; k < rest.length; k++) {
    if (k > 2 || rest.length - k > 2) continue;
    const mo = Number(rest.slice(0, k));
    const d = Number(rest.slice(k));
    if (rest[0] === '0' && k === 1) continue;
    if (rest[k] === '0' && rest.length - k === 1) continue;
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) reads.push([mo, d]);
  }
  return reads.length === 1 ? [Number(m[1]), reads[0][0], reads[0][1]] : null;
}

/**
 * A 文号 whose 〔〕 and 号 a page lost (六政办秘202355, 牟政办发〔201746): read only in the shape of a 文号's
 * prefix (an issuer's short name ending in 发/办/函/字/秘), then the year and the number.
 */
export const DAMAGED_DOC_NUMBER = /^([\u4e00-\u9fa5]{1,10}(?:发|办|函|字|秘))\s*[〔［[]?\s*((?:19|20)\d{2})\s*[〕］\]]?\s*(\d{1,4})\s*号?$/;

/** A disclosure note, then (after a run of spaces) the rest of the line: the date beside it. */
const NOTE_THEN_DATE = /^[（(]\s*(?:此件|本件)[^）)]{2,8}[）)][ \u3000]{2,}\S/;
/** The line without a disclosure note before it ((此件公开发布)   2017年6月13日 → 2017年6月13日). */
export function withoutNote(t: string): string {
  return t.replace(/^[（(]\s*(?:此件|本件)[^）)]{2,8}[）)][ \u3000]+/, '');
}
export const DISCLOSURE = /^[（(]?\s*(此件[^）)]{2,8}|本件[^）)]{2,8})\s*[）)]?$/;
/** An organ's name by its ending (国务院 is one by itself: a national document signs with it alone). */
const ORG = /(人民政府|人民政府办公室|人民政府办公厅|办公室|办公厅|综合司|委员会|委|局|厅|部|署|街道办事处|领导小组|党组|指挥部|国务院)$/;
export const TITLE_END =
  /(方案|预案|规划|意见|办法|规定|计划|纲要|细则|要点|措施|举措|政策|决定|条例|指南|清单|报告|规则|行动|名单|名录|通知|公告|通告|批复|函|(?:责任|任务)(?:分解|分工)|(?:分解|分工|汇总|一览|任务|清单|进度|情况|责任)表)([（(][^）)]*[）)])?$/;
/** The line under a title that belongs to it: its period (（2021—2035年）) or edition (（2025年版）, （2024年修订）). */
const PERIOD_LINE = /^[（(]\s*(?:\d{4}\s*[—–\-－~～至―]+\s*\d{4}\s*年?|\d{4}\s*年\s*(?:版|修订|修订版))\s*[）)]$/;
/**
 * 中共某区委办公室 某区人民政府办公室印发《X》的通知 (a site's tag in quotes before it), 天津市人民政府办公厅
 * 印发关于…实施方案的通知: a notice's title that names its organs without 关于 before 印发.
 */
// its 文号 may close the line (…的通知 某县发〔2025〕1 号)
/** 某局印发《X》的通知, 某市人民政府印发关于落实《Y》的通知 (关于 after 印发, a name in 《》 inside). */
export const ISSUED_NOTICE =
  /^(?:[“"][^”"]{2,12}[”"][ \u3000]*)?((?:[\u4e00-\u9fa5（）()]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|委|局|厅|部)[ \u3000]*){1,4})印发(?:《[^《》]{4,80}》|[^《》。；，,]{4,80}?|关于[^。；，,]{4,80}?)的通知(?:[ \u3000]+[\u4e00-\u9fa5]{1,16}[〔［[]\d{4}[〕］\]][ \u3000]*\d{1,4}[ \u3000]*号)?$/;

/**
 * 某省人民政府办公厅转发省卫生计生委等部门关于…实施意见的通知: a notice that forwards (转发, 批转)
 * another body's document, its issuer before the verb and no 关于 after it.
 */
export const FORWARDED_NOTICE =
  /^((?:[\u4e00-\u9fa5（）()]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|委|局|厅|部)[ \u3000]*){1,4})(?:转发|批转)[^。；，,]{4,120}的通知$/;
/** 某某镇人民政府关于印发…的通知: the issuer and the notice title on one line. */
export const ISSUER_THEN_NOTICE =
  /^(?:国务院|[\u4e00-\u9fa5（）()]{1,30}?(?:人民政府|政府|办公室|督查室|研究室|办公厅|委员会|委|局|厅|部|公署|总署))(?:[ \u3000]+[\u4e00-\u9fa5（）()]{2,30}?(?:人民政府|办公室|督查室|研究室|办公厅|委员会|委|局|厅|部|公署|总署)){0,5}[ \u3000]*关于/;
/** A line that is a notice's title set in 《》 by a mirror site: the title without them; any other line as it is. */
const BOOK_WRAPPED = /^《([^《》]{6,138})》$/;
/**
 * `own`: where the document's own title stands (the page's first lines, no title or notice read
 * yet), a news page sets the rules' or plan's own name in 《》 too (《关于…的实施细则》).
 */
export function unwrapBookTitle(t: string, own = false): string {
  const m = BOOK_WRAPPED.exec(t);
  if (!m) return t;
  if (NOTICE_END.test(m[1]) && (/^关于/.test(m[1]) || ISSUER_THEN_NOTICE.test(m[1]) || ISSUED_NOTICE.test(m[1]))) return m[1];
  return own && TITLE_END.test(m[1]) ? m[1] : t;
}
export const NOTICE_END = /(通知|意见|决定|批复|函|通报|报告|公告|通告)$/;
/** （粤府〔2021〕22号）, (岳办发〔2017〕2号) after a notice's title on its line: the 文号, no part of the title. */
// (a mirror may glue its date and view count after it: …的通知(某政发〔2021〕5号)2021.04.27798)
export const NUMBER_AFTER_TITLE =
  /\s*[（(][^（()）]{1,20}号[）)](?:\s*(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}\d*)?$|(?<=的通知)\s*[\u4e00-\u9fa5]{1,16}[〔［[]\d{4}[〕］\]]\s*\d{1,4}\s*号$/;
/** 题注 under a title: （2026年1月18日…会议批准）, （2023年4月6日第二次修正）. */
export const APPROVAL =
  /^[（(]\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○Ｏ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)[^（()）]{0,60}(?:批准|通过|修正|修订|公布|发布|施行)[^（()）]{0,10}[）)]$/;
/** Distribution lines of the printing block (版记): 抄送：…, 某办公室 2025年2月18日印发. */
const DISTRIBUTION = /^(抄送|抄报|分送)\s*[：:]|\d{1,2}\s*日\s*印发$/;

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * A site's category tag before a page's title (【规范性文件】长沙市人民政府办公厅关于…, “党政混合信息公开” 中共…),
 * a column's name before 丨 (政务服务丨某市人民政府关于…), or an essay-collection page's number of
 * the piece (第一篇：某办法): no part of it.
 */
const CATEGORY_TAG =
  /^(?:【[\u4e00-\u9fa5]{2,8}】|[\u4e00-\u9fa5]{2,8}[ \u3000]*丨[ \u3000]*|[“"][\u4e00-\u9fa5]{2,10}[”"][ \u3000]+|第[一二三四五六七八九十]{1,3}篇[：:])(?=[\u4e00-\u9fa5《])/;
export function withoutCategoryTag(t: string): string {
  const c = t.charCodeAt(0);
  // (or a column's name set off by 丨 before the headline: 政务服务丨某市人民政府关于…)
  const bar = t.indexOf('丨');
  return c === 0x3010 || c === 0x201c || c === 0x22 || c === 0x7b2c || (bar > 1 && bar <= 10) ? t.replace(CATEGORY_TAG, '') : t;
}

/** Zero-width characters (U+200B, U+FEFF …) of text copied from web pages: no part of a field. */
export function stripInvisible(t: string): string {
  return t.replace(INVISIBLE, '');
}

/**
 * The fields of a web page's info block (索引号 / 发布机构 / 发文字号 / 成文日期 / 发布日期 …): two or
 * three on a line set apart by spaces or | pipes (发文字号:X | 发布日期:Y |), or a label alone on
 * its line with its value on the next (发文单位⏎区人民政府办公室). A label may be spaced out (标 题, 有 效 性).
 */
const INFO_NAMES = [
  '信息索引号',
  '索引号',
  '信息分类',
  '文件类型',
  '公文种类',
  '体裁分类',
  '组配分类',
  '主题分类',
  '主题词',
  '关键字',
  '关键词',
  '发布机构',
  '发文机关',
  '发文机构',
  '制定机关',
  '发布部门',
  '颁布单位',
  '发文单位',
  '发布单位',
  '发布机关',
  '成文机关',
  '所属机构',
  '发文字号',
  '发布文号',
  '文件编号',
  '文号',
  '成文日期',
  '成文时间',
  // (a portal's label for the 成文日期: the day the 公文 was made)
  '公文生成日期',
  '生成日期',
  '发文日期',
  '发文时间',
  '印发日期',
  '颁布时间',
  '颁布日期',
  '公布日期',
  '发布日期',
  '发布时间',
  // (a department page's stamp: 文章来源:… 浏览量: 发表时间:2021-05-07 10:49)
  '发表日期',
  '发表时间',
  '更新时间',
  '生效日期',
  '施行日期',
  '实施日期',
  '废止日期',
  '失效日期',
  '信息来源',
  '文章来源',
  '来源',
  '标题',
  '名称',
  '有效性状态',
  '有效性',
  '效力状态',
  '效力等级',
  '效力级别',
  '法规类别',
  '时效性',
  // (时效 现行有效: a county portal's word for 有效性)
  '时效',
  '属性',
  '备注',
  '政策咨询机关',
  '政策咨询电话',
  '公开方式',
  '公开形式',
  '公开目录',
  '公开责任部门',
  '公开日期',
  '公开类别',
  '公开范围',
  '公开时限',
  // (the day a page made the document public: its 发布日期 by another name)
  '公开日期',
  '公开日',
  '服务对象',
  '著录日期',
  '统一编号',
  '登记号',
  '浏览次数',
  '浏览量',
  '点击数',
  '阅读次数',
  '字体',
  '字号',
  '责任编辑',
  '作者',
  '时间',
];
const INFO_NAME = INFO_NAMES.map((n) => [...n].join('[ \\u3000]*')).join('|');
/** Labels that are ordinary words too (名称: the info block's name of the document): labels only with their colon. */
const COLON_NAME = ['名称', '发布'].map((n) => [...n].join('[ \\u3000]*')).join('|');
/** A label: anywhere with its colon; without one only set apart (a pipe or the line's end after it). */
const INFO_LABEL = new RegExp(`(${INFO_NAME})[ \\u3000]*(?:[:：]|(?=[ \\u3000]*[|｜])|[ \\u3000]*$)|(${COLON_NAME})[ \\u3000]*[:：]`, 'g');
/** A date (and time) written right before a label with its colon: a page's stamp, not a field's value. */
const DATE_BEFORE_LABEL = new RegExp(
  `^\\d{4}(?:年\\d{1,2}月\\d{1,2}日|[-/.]\\d{1,2}[-/.]\\d{1,2})(?:[ \\u3000]*\\d{1,2}:\\d{2}(?::\\d{2})?)?[ \\u3000]*(?=(?:${INFO_NAME})[ \\u3000]*[:：])`,
);
/** What sets a page's fields apart: pipes, spaces, bullets (• 来源:… • 浏览次数:…). */
const INFO_LEAD = /^(?:[|｜\s\u3000•·●▪◆■∙]|-(?=[ \u3000]))+/;
// a bullet may be a hyphen before a space (- 索引号：…, a list item as a converted page writes it)
const INFO_LABEL_COLONLESS_START = new RegExp(
  `^(?:[|｜\\s\\u3000•·●▪◆■]|-(?=[ \\u3000]))*(?:(?:${INFO_NAME})[ \\u3000]*(?:[:：|｜]|$)|(?:${COLON_NAME})[ \\u3000]*[:：])`,
);
const PIPES_ONLY = /^[|｜\s\u3000]+$/;
const EDGE_PIPES = /^[|｜\s\u3000•·●▪◆■]+|[|｜\s\u3000•·●▪◆■]+$/g;

/** Labels of a page's counters and tools: a page fills them in by script, so the next line is never their value. */
const COUNTERS = new Set(['浏览次数', '浏览量', '点击数', '阅读次数', '字体', '字号', '责任编辑', '作者']);

export interface InfoLine {
  fields: [string, string][];
  /** The last label has no value on its line: the next line holds it. */
  open: boolean;
}

/**
 * A law database's field line: the label in 【】, the value after it (∙【制定机关】某市人民政府办公室,
 * 【发布部门】 国务院办公厅, 【字 号】某政办〔2020〕1号 — there 字号 is the 文号, not a font-size tool).
 */
const BRACKETED_FIELD = new RegExp(`^[\\s\\u3000•·●▪◆■∙]*【[ \\u3000]*(${INFO_NAME}|字[ \\u3000]*号)[ \\u3000]*】[ \\u3000]*(.*)$`);

function bracketedField(t: string): InfoLine | null {
  const m = BRACKETED_FIELD.exec(t);
  if (!m) return null;
  let name = m[1].replace(/[ \u3000]/g, '');
  const value = m[2].trim();
  if (name === '字号') {
    if (!DOC_NUMBER.test(foldDigits(value))) return null;
    name = '发文字号';
  }
  return { fields: [[name, value]], open: false };
}

/**
 * A law database's field glued to its label, no colon, no space (发文机关某省某厅党组, 发文字号某发〔2022〕40号,
 * 时效性现行有效): a field only where the value is what the label asks for (a date, a 文号, an organ).
 */
const GLUED_FIELD = /^(发文机关|发布部门|制定机关|发文字号|发文日期|发布日期|公布日期|施行日期|实施日期|时效性|效力级别)(?![ \u3000:：|｜])(\S.{1,39})$/;
function gluedField(t: string): InfoLine | null {
  const m = GLUED_FIELD.exec(t);
  if (!m || /[，。；、,;]/.test(m[2])) return null;
  const [, name, value] = m;
  const v = foldDigits(value.trim());
  const fits = name.endsWith('日期')
    ? DATE_ARABIC.test(v) || /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(v)
    : name === '发文字号'
      ? DOC_NUMBER.exec(v)?.index === 0
      : name === '时效性'
        ? /^(?:现行有效|有效|失效|已失效|部分失效|已废止|废止|尚未生效)$/.test(v)
        : name === '效力级别'
          ? v.length <= 20
          : ORG.test(v);
  return fits ? { fields: [[name, value.trim()]], open: false } : null;
}

/**
 * A line of an info block: it opens with a field label (or, `anywhere`, holds one: a page-info
 * line the parser knew, 某门户网站 发布时间：…). Null for any other line.
 */
export function infoLine(text: string, anywhere = false): InfoLine | null {
  let t = stripInvisible(text).trim();
  if (t.length > 240 || t.includes('。')) return null;
  // a page's date stamp glued before its first label (2026年01月30日来源:市政府办公厅)
  const stamp = DATE_BEFORE_LABEL.exec(t);
  if (stamp) t = t.slice(stamp[0].length);
  const bracketed = bracketedField(t);
  if (bracketed) return bracketed;
  const glued = gluedField(t);
  if (glued) return glued;
  const spaced = spacedInfoLine(t);
  if (spaced) return spaced;
  if (anywhere && !INFO_LABEL_COLONLESS_START.test(t)) {
    INFO_LABEL.lastIndex = 0;
    const m = INFO_LABEL.exec(t);
    if (!m || !/[:：]$/.test(m[0])) return null;
    t = t.slice(m.index);
  }
  if (!INFO_LABEL_COLONLESS_START.test(t)) return null;
  const fields: [string, string][] = [];
  INFO_LABEL.lastIndex = 0;
  let m: RegExpExecArray | null;
  let last: { name: string; end: number } | null = null;
  const lead = t.replace(INFO_LEAD, '').length;
  const start = t.length - lead;
  while ((m = INFO_LABEL.exec(t))) {
    if (m[0] === '') {
      INFO_LABEL.lastIndex++;
      continue;
    }
    // a label with no colon is one only where a cell starts (after a pipe or a space)
    if (!/[:：]$/.test(m[0]) && m.index > start && !/[|｜\s\u3000•·●▪◆■]/.test(t[m.index - 1])) continue;
    // the opening 【 of a toolbar item after a value (…10:12 【字体：) is no part of it
    if (last)
      fields.push([
        last.name,
        t
          .slice(last.end, m.index)
          .replace(/[【[［]+\s*$/, '')
          .replace(EDGE_PIPES, ''),
      ]);
    else if (m.index !== start) return null;
    last = { name: (m[1] ?? m[2]).replace(/[ \u3000]/g, ''), end: m.index + m[0].length };
  }
  if (!last) return null;
  fields.push([last.name, t.slice(last.end).replace(EDGE_PIPES, '')]);
  return { fields, open: fields[fields.length - 1][1] === '' };
}

/**
 * Labels set apart by spaces only, no colon and no pipe (索引号 1133…/2024-152907 组配分类 民生实事,
 * 发布机构 区政府办公室 发文日期 2024-05-27): a line that opens with a label and holds two or more,
 * each between spaces (a label with no value is followed by the next label).
 */
const SPACED_LABEL = new RegExp(`(?:^|[ \\u3000]+)(${INFO_NAME})(?=[ \\u3000]+\\S|$)`, 'g');
const SPACED_START = new RegExp(`^(?:${INFO_NAME})[ \\u3000]+\\S`);
const LONE_LABEL =
  /^(?:信息索引号|索引号|文件编号|发文字号|发布机构|发文机关|成文日期|发文日期|发布日期|发布时间|公开类别|公开方式|主题分类|组配分类|信息分类|标题)$/;
const TITLE_LABEL = /^(?:标题|名称)$/;
function spacedInfoLine(t: string): InfoLine | null {
  if (/[:：|｜]/.test(t) || !SPACED_START.test(t)) return null;
  const labels: { name: string; at: number; end: number }[] = [];
  SPACED_LABEL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPACED_LABEL.exec(t))) labels.push({ name: m[1].replace(/[ \u3000]/g, ''), at: m.index, end: m.index + m[0].length });
  if (labels.length === 0 || labels[0].at !== 0) return null;
  // one label alone with its value (索引号 SY-310115-2022-00371, 发布机构 区政府): only the labels that open no sentence
  if (labels.length === 1 && !LONE_LABEL.test(labels[0].name)) return null;
  const fields: [string, string][] = labels.map((l, i) => [l.name, t.slice(l.end, labels[i + 1]?.at ?? t.length).trim()]);
  // every value a short one: no sentence hides in the line (a title's value may be as long as a
  // title is: 标题 区人民政府办公室关于印发…责任分解方案的通知)
  if (fields.some(([n, v]) => v.length > (TITLE_LABEL.test(n) ? 120 : 40) || /[，,；;]/.test(v))) return null;
  return { fields, open: false };
}

/** The 文号 line under an info line that closes with an empty date label (…成文日期：⏎牟政办发〔2017〕46号): the document's, not the date's. */
function numberUnderDate(label: string, line: string): boolean {
  if (!/日期|时间/.test(label)) return false;
  const t = foldDigits(stripInvisible(line).trim());
  // nor is an organ's name (废止日期： ⏎ 某省人民政府办公厅, the issuer's line above the notice title): a date has digits
  return (t.length <= 40 && (DOC_NUMBER.test(t) || DAMAGED_DOC_NUMBER.test(t))) || (!/\d/.test(t) && ORG.test(t));
}

/**
 * A document's title under a label that is not for one (文 号: 文件分类: 所属机构: ⏎ 某某关于印发…的通知):
 * the page's title line after an empty cell, not the cell's value.
 */
function titleUnderLabel(label: string, line: string): boolean {
  if (/名称|标题|题名|题目/.test(label)) return false;
  const t = stripInvisible(line).trim();
  return t.length > 12 && NOTICE_END.test(t) && /关于|印发/.test(t);
}

/** A value alone on the line under its label: short, no sentence, no list of recipients. */
function infoValue(t: string): boolean {
  return t.length <= 60 && !/[。；，,：:]/.test(t.replace(/\d{1,2}:\d{2}(?::\d{2})?/g, ''));
}

/**
 * The fields of the info-block lines in reading order (a label's value may be on the next
 * line); the first value given for a label wins (pages repeat the block, the second time with
 * empty cells).
 */
export function infoFields(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  let open: string | null = null;
  for (const line of lines) {
    const info = infoLine(line, true);
    if (!info) {
      const value = stripInvisible(line).replace(EDGE_PIPES, '');
      if (open && value && !out.get(open) && !numberUnderDate(open, value) && !titleUnderLabel(open, value)) out.set(open, value);
      if (value) open = null;
      continue;
    }
    for (const [name, value] of info.fields) if (value && !out.get(name)) out.set(name, value);
    open = info.open ? info.fields[info.fields.length - 1][0] : null;
  }
  return out;
}

/** Info-block lines and the value lines under their labels get the role `webInfo`. */
function markInfoBlock(blocks: RootContent[], texts: (string | null)[]): void {
  let open = false;
  let openLabel = '';
  for (let i = 0; i < blocks.length; i++) {
    const t = texts[i];
    if (!t) continue;
    const role = blocks[i].data?.role;
    if (role && role !== 'webInfo') {
      open = false;
      continue;
    }
    // a row of the block that opens with a label of its own (责任部门：某局 发布日期：…), right under
    // another row: a row of the block for its date field
    const info = infoLine(t) ?? (blocks[previousText(texts, i)]?.data?.role === 'webInfo' ? datedRow(t) : null);
    if (info) {
      blocks[i].data = { ...blocks[i].data, role: 'webInfo' };
      openLabel = info.fields[info.fields.length - 1][0];
      open = info.open && !COUNTERS.has(openLabel);
    } else if ((open && infoValue(t.replace(EDGE_PIPES, '')) && !numberUnderDate(openLabel, t) && !titleUnderLabel(openLabel, t)) || PIPES_ONLY.test(t)) {
      // the value under its label, or a line of the block's pipes alone
      blocks[i].data = { ...blocks[i].data, role: 'webInfo' };
      open = false;
    } else open = false;
  }
}

/** The index of the line with text above `i` (-1 at the top). */
function previousText(texts: (string | null)[], i: number): number {
  let j = i - 1;
  while (j >= 0 && !texts[j]) j--;
  return j;
}

/** A line holding a date field of an info block after some other words (责任部门：某局 发布日期：2023-09-12). */
function datedRow(t: string): InfoLine | null {
  const info = infoLine(t, true);
  return info && !info.open && info.fields.some(([n, v]) => /^(?:发布|成文|发文|公开|印发)(?:日期|时间)$/.test(n) && /^\d{4}[-/.年]\d/.test(v.trim()))
    ? info
    : null;
}

/** A line of a page's header that never runs on into the next: an info-block field, the browser's title bar. */
export function pageHeaderLine(t: string): boolean {
  return infoLine(t) !== null || SITE_TITLE.test(t.trim()) || (t.length <= 80 && datedRow(t) !== null);
}

/** A site's banner line naming who runs it: 主办单位：… / 承办单位：… at the top of the page. */
const SITE_SPONSOR = /^(?:主办|承办|主管|协办)单位\s*[:：]/;

/** A page's title with the site's name after it (…的意见-湖南省人民政府门户网站): the browser's title bar. */
const SITE_TITLE = /^\S.{5,}?\s*[-_—|｜]+\s*[\u4e00-\u9fa5]{2,24}(?:门户网站|网站|政府网|网)$/;

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
  // (财政部 公安部, 能源局: a ministry's or bureau's name may have three characters)
  const names = parts.length > 1 && parts.every(signedName) ? parts : [t.trim()];
  return names.flatMap((n) => {
    const m = PARTY_AND_GOVERNMENT.exec(n);
    return m ? [m[1], m[2]] : [n];
  });
}

/** A body that signs beside organs in a joint signature, its name ending otherwise (某县融媒体中心, 某县青少年活动中心). */
// (最高法院 and 最高检察院, 人民银行, 证监会, 全国总工会, 共青团中央 sign national joint documents beside the ministries)
const SIGNED_UNIT = /(?:中心|院|站|馆|社|联合会|协会|银行|监会|总工会|团中央|妇联|残联|科协)$/;
/** One name of a joint signature: an organ's, or a body's that signs beside them. */
function signedName(p: string): boolean {
  return p.length >= 3 && p.length <= 30 && !/[，。、；：:,]/.test(p) && (ORG.test(p) || SIGNED_UNIT.test(p));
}
/**
 * A line of a joint signature holding two or more names set apart by spaces, each an organ's or a
 * signing body's (生态环境部 最高法院): a signature line though its last name ends in no organ's word.
 */
function signedNamesLine(t: string): boolean {
  const parts = t.trim().split(/[\s\u3000]+/);
  return parts.length > 1 && parts.every(signedName);
}
/**
 * 中共某市委某市人民政府, 中共某县委办公室某县人民政府办公室: a party committee (or its office) and the
 * government (or its office) that issue together, their names run together on one line.
 */
const PARTY_AND_GOVERNMENT =
  /^(中共[\u4e00-\u9fa5]{1,20}?委(?:员会)?(?:办公室|办公厅)?)((?!中共)[\u4e00-\u9fa5]{2,20}?(?:人民政府(?:办公室|办公厅)?|管理委员会))$/;

export function header() {
  return (tree: Root, file: VFile) => {
    const doc = String(file.value);
    splitHeaderLines(tree, doc, lineIndexOf(file));
    liftCoveringNotice(tree, doc, lineIndexOf(file));
    const blocks: RootContent[] = [];
    for (const node of tree.children) {
      if (node.type === 'section') break;
      blocks.push(node);
    }
    const count = blocks.length;
    assignRoles(blocks, doc, lineIndexOf(file), count < tree.children.length);
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

/**
 * A covering notice with points of its own (通知如下：一、…二、…三、…), then its signature and
 * date, then the plan's title and the plan's outline: the notice's points are its paragraphs,
 * not the outline, which is the plan's below its title. The blocks from the notice's first
 * point to the plan's title leave the outline (they become header blocks, read by the roles
 * below); the plan's items nest again on their own.
 */
function liftCoveringNotice(tree: Root, doc: string, index: LineIndex): void {
  const first = tree.children.findIndex((n) => n.type === 'section');
  if (first <= 0) return;
  const text = (node: RootContent) =>
    node.type === 'paragraph' || node.type === 'heading' ? stripInvisible(foldDigits(inlineText(node, doc).text)).trim() : '';
  // a covering notice above: its title (关于印发…的通知) or its words (通知如下, 印发给你们)
  const head = tree.children.slice(0, first).map(text);
  if (!head.some((t) => (isNoticeTitle(t) && NOTICE_END.test(t) && /通知$/.test(t)) || /通知如下[：:]$|印发给你们/.test(t))) return;
  const flat = leaves(tree);
  const start = flat.findIndex((e) => e.parent !== tree);
  for (let i = start; i + 2 < flat.length; i++) {
    const sig = text(flat[i].node);
    if (flat[i].node.data?.outline || sig.length > 40 || !isSignature(sig)) continue;
    const date = text(flat[i + 1].node);
    if (!(DATE_ARABIC.test(date) || DATE_CHINESE.test(date))) continue;
    let j = i + 2;
    // an editor's note a reprint leaves under the date ((本文有删减)), the disclosure
    if (flat[j] && EDITOR_NOTE.test(text(flat[j].node))) j++;
    if (flat[j] && DISCLOSURE.test(text(flat[j].node))) j++;
    // the plan attached as the notice's 附件1 (附件1 alone on its line, over the plan's title and
    // its outline; a form under it, a table alone, is the notice's attachment, not its plan)
    const attached = !!flat[j] && ATTACHMENT_LABEL.test(text(flat[j].node));
    if (attached) j++;
    const title = flat[j] ? text(flat[j].node) : '';
    // the plan's title, then its outline — or, whatever word the title ends with, its table
    // (…量化指标任务分工 over 序号 工作任务 牵头负责部门)
    const table = flat[j + 1]?.node.type === 'table' && !attached;
    // (or a plan the notice names in 《》, whatever word it ends with: 《…重点工作责任分解》)
    const named = head.some((t) => t.includes(`《${title}》`));
    if (!title || flat[j].node.data?.outline || title.length > 60 || /[。；]/.test(title) || /^附件/.test(title) || !(TITLE_END.test(title) || table || named))
      return;
    if (!table && !flat.slice(j + 1).some((e) => e.node.data?.outline)) return;
    const lifted = flat.slice(start, j + 1).map((e) => e.node);
    for (const node of lifted) if (node.data?.outline) delete node.data.outline;
    const rest = flat.slice(j + 1).map((e) => e.node);
    tree.children = [...tree.children.slice(0, first), ...lifted, ...nest(rest, doc, index)];
    return;
  }
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
  const text = (node: RootContent) => (node.type === 'paragraph' || node.type === 'heading' ? foldDigits(inlineText(node, doc).text.trim()) : '');
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
    if (
      prev.parent === tree ||
      prev.node.type !== 'paragraph' ||
      prev.node.data?.outline ||
      prev.node.data?.role ||
      !short(prev.node) ||
      !isSignature(text(prev.node))
    )
      break;
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
    if (
      node.type === 'paragraph' &&
      last?.type === 'paragraph' &&
      node.data?.role === 'signature' &&
      last.data?.role === 'signature' &&
      last.position &&
      node.position
    ) {
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

/** 附件 / 附件1 alone on its line: the label over an attachment's title. */
const ATTACHMENT_LABEL = /^附\s*件\s*[0-9０-９一二三四五六七八九十]{0,2}\s*[：:]?$/;

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
    ({ node, parent }) => parent !== tree && node.type === 'paragraph' && !node.data?.outline && ATTACHMENT_LINE.test(inlineText(node, doc).text.trim()),
  );
  if (start === -1 || flat.slice(start).some(({ node }) => node.data?.outline)) return;
  while (start > 0 && flat[start - 1].node.data?.role === 'attachment' && flat[start - 1].parent !== tree) start--;
  const moved = flat.slice(start).filter(({ parent }) => parent !== tree);
  // a notice that lists its attachments above its date, no signature name over it (附件：X ⏎
  // 2022年2月21日): the date under the list is the notice's, not the attachment's
  const undated = !flat.some(({ node }) => node.data?.role === 'date');
  let listed = true;
  for (const { node, parent } of moved) {
    parent.children.splice(parent.children.indexOf(node), 1);
    const t = node.type === 'paragraph' ? foldDigits(inlineText(node, doc).text.trim()) : '';
    let role = node.data?.role ?? 'attachment';
    if (listed && undated && !node.data?.role && (DATE_ARABIC.test(t) || DATE_CHINESE.test(t))) role = 'date';
    if (!ATTACHMENT_LINE.test(t) && !/^[0-9０-９]{1,2}\s*[.．、]\s*\S.{1,59}$/.test(t)) listed = false;
    node.data = { ...node.data, role };
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
    e.node.type === 'paragraph' &&
    !e.node.data?.outline &&
    !e.node.data?.role &&
    /[。！]$/.test(text(e.node)) &&
    !endsWithClause(text(e.node)) &&
    !CLAUSE_LINE.test(text(e.node));
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

function assignRoles(blocks: RootContent[], doc: string, index: LineIndex, outlineAfter: boolean): void {
  const texts = blocks.map((b) =>
    b.type === 'paragraph' || b.type === 'heading' ? withoutCategoryTag(stripInvisible(foldDigits(inlineText(b, doc).text)).trim()) : null,
  );
  markInfoBlock(blocks, texts);
  for (let i = 0; i < Math.min(3, blocks.length); i++) {
    const t = texts[i];
    if (t && !blocks[i].data?.role && SITE_TITLE.test(t)) blocks[i].data = { ...blocks[i].data, role: 'webTitle' };
    // the site's banner (主办单位：某市委宣传部 ⏎ 承办单位：某网): who runs the site, not who issued the document
    else if (t && !blocks[i].data?.role && SITE_SPONSOR.test(t)) blocks[i].data = { ...blocks[i].data, role: 'webInfo' };
  }
  let inNoticeTitle = false;
  let noticeLines = 0;
  let noticeStart = -1;
  let noticeDone = false;
  let titleOpen = true;
  let titleSeen = false;
  // the recipients or prose read: an organ's name alone on a line is now a signature above its date, or a table's cell
  let bodyStarted = false;
  let recipientsSeen = false;
  const set = (i: number, role: string) => {
    blocks[i].data = { ...blocks[i].data, role };
    if (role === 'recipients') recipientsSeen = true;
    // (an excerpt that opens inside the notice's text: its sentence, 认真贯彻执行。, is the body too)
    if (
      role === 'recipients' ||
      role === 'notice' ||
      role === 'date' ||
      role === 'signature' ||
      (role === 'preamble' && (titleSeen || noticeDone || /[\u4e00-\u9fa5]{4}。$/.test(texts[i] ?? '')))
    )
      bodyStarted = true;
  };
  /** The previous block with text, if it was given `role`. */
  // a line of a notice's 附件 list: an entry (2.某某任务清单) or the rest of one broken over lines
  // (…2018年任务 ⏎ 清单), up to four lines under 附件：— the names of attachments, no title
  const attachmentListed = (i: number): boolean => {
    // the entries above it, each numbered, up to the 附件： line (the current line one of them, or the end of one)
    for (let j = previous(i), n = 0; j >= 0 && n < 4; j = previous(j), n++) {
      const u = texts[j] ?? '';
      if (/^附件\s*[：:]/.test(u)) return true;
      if (u.length > 60 || /[。；]/.test(u) || !ATTACHMENT_ENTRY.test(u)) return false;
    }
    return false;
  };
  const previous = (i: number) => {
    let j = i - 1;
    while (j >= 0 && !texts[j]) j--;
    return j;
  };
  /**
   * The lines of a joint signature above the date, from the line above it up (up to six), where
   * the departments sign two or more a line set apart by runs of spaces: at least one line holds
   * several names, every line names only bodies. Null when no such block ends at `i`.
   */
  const signatureRowsAbove = (i: number): number[] | null => {
    const at: number[] = [];
    let rows = 0;
    for (let j = i, n = 0; j >= 0 && n < 6; j = previous(j), n++) {
      const role = blocks[j].data?.role;
      if (j !== i && role !== 'preamble' && role !== 'notice' && role !== 'issuer') break;
      const names = (texts[j] ?? '').split(/[ \u3000]{2,}/);
      if (!names.every(signedName)) break;
      if (names.length > 1) rows++;
      at.push(j);
    }
    return rows > 0 ? at : null;
  };
  let signedRows: number[] | null = null;
  /** A notice title read over lines ends: 关于…的意见 that carries no plan is the document's own title. */
  const endNotice = (last: number) => {
    inNoticeTitle = false;
    noticeDone = true;
    const run = texts.slice(noticeStart, last + 1).join('');
    if (isOwnOpinions(run)) {
      for (let k = noticeStart; k <= last; k++) if (blocks[k].data?.role === 'noticeTitle') set(k, 'title');
      titleSeen = true;
    }
  };
  /** Under a signature's date (and disclosure), after a notice. */
  const underNoticeDate = (i: number) => {
    let j = previous(i);
    // the attachment's label above its title (附件1), the plan being the notice's first attachment
    if (j >= 0 && ATTACHMENT_LABEL.test(texts[j] ?? '')) j = previous(j);
    if (j >= 0 && EDITOR_NOTE.test(texts[j] ?? '')) j = previous(j);
    if (j >= 0 && blocks[j].data?.role === 'disclosure') j = previous(j);
    let s = previous(j);
    if (s >= 0 && blocks[s].data?.role === 'seal') s = previous(s);
    if (j < 0 || blocks[j].data?.role !== 'date' || !(noticeDone || bodyStarted)) return false;
    // a notice's date without its signature (an excerpt's notice, from its recipients to the date)
    return blocks[s]?.data?.role === 'signature' || (recipientsSeen && /^(?:notice|preamble)$/.test(String(blocks[s]?.data?.role)));
  };
  /** The line is how the notice title read so far ends (a second copy's last line, or the whole copy). */
  const noticeCopyEnd = (t: string) => {
    const notice = texts
      .filter((_, k) => blocks[k].data?.role === 'noticeTitle')
      .join('')
      .replace(/\s/g, '');
    // (or the whole title again, after the page's toolbar lines: 听全文 / 分享到)
    return notice.length >= t.length && notice.endsWith(t.replace(/\s/g, ''));
  };
  /** Right under a notice's 特此通知 (a page that leaves out its signature and date). */
  const afterClosingFormula = (i: number) => {
    const j = previous(i);
    return j >= 0 && CLOSING_FORMULA.test(texts[j] ?? '') && blocks[j].data?.role === 'notice';
  };
  /** The next line with text opens a notice's title (关于…, 某区人民政府办公室关于…): the page gives it again, whole, below. */
  const noticeTitleNext = (i: number) => {
    let j = i + 1;
    while (j < blocks.length && !texts[j]) j++;
    const n = texts[j] ?? '';
    return n.length <= 60 && !/[。；，,]/.test(n) && (/^关于/.test(n) || ISSUER_THEN_NOTICE.test(n));
  };
  /** A table's header cell (工作措施 ⏎ 责任单位): a short name with a column of units after it, no title. */
  const headerCell = (i: number) => {
    if ((texts[i]?.length ?? 0) > 6) return false;
    let j = i + 1;
    while (j < blocks.length && !texts[j]) j++;
    return /^[\u4e00-\u9fa5]{0,6}(?:单位|部门)$/.test(texts[j] ?? '');
  };
  /** The next block with content is a table. */
  const tableNext = (i: number) => {
    let j = i + 1;
    while (j < blocks.length && blocks[j].type !== 'table' && !texts[j]) j++;
    return j < blocks.length && blocks[j].type === 'table';
  };
  /** The next line with text is prose or an outline item (or the outline follows). */
  const bodyNext = (i: number) => {
    let j = i + 1;
    while (j < blocks.length && !texts[j]) j++;
    if (j >= blocks.length) return outlineAfter;
    const n = texts[j] ?? '';
    return n.length > 60 || /[。；]/.test(n) || matchLabelStart(n);
  };
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (texts[i] === null || !texts[i] || block.data?.role) continue;
    // a mirror's line that is the notice title in 《》 (《某市人民政府办公厅关于印发…的通知》): read without them
    const t = unwrapBookTitle(texts[i]!, !titleSeen && !noticeDone && !bodyStarted);
    const short = t.length <= 60 && !/[。；]/.test(t);
    // a notice's title with its 文号 after it in brackets (…的通知（岳办发〔2017〕2号）) is read as the title alone
    const nt = NUMBER_AFTER_TITLE.test(t) && NOTICE_END.test(t.replace(NUMBER_AFTER_TITLE, '')) ? t.replace(NUMBER_AFTER_TITLE, '') : t;
    if (inNoticeTitle) {
      // the lines of a long title: short, no sentence, no recipients; three more at most
      if (t.length <= 40 && !/[。；，,：:]/.test(t) && noticeLines < 4 && !DOC_NUMBER.test(t) && !DATE_ARABIC.test(t)) {
        set(i, 'noticeTitle');
        noticeLines++;
        if (NOTICE_END.test(t)) endNotice(i);
        continue;
      }
      endNotice(previous(i));
    }
    // length first: DOC_NUMBER tries 16 characters at every place of a long paragraph
    if (t.length <= 40 && !titleSeen && !noticeDone && headlineWithNumber(t)) {
      // a site's headline with the 文号 in brackets after it (2021年县政府重点工作任务(华政发〔2021〕2号)): the title
      set(i, 'title');
      titleSeen = true;
    } else if (t.length <= 40 && (DOC_NUMBER.test(t) || DAMAGED_DOC_NUMBER.test(t))) set(i, 'docNumber');
    // a page's second copy of the notice title run on after its 文号 (鞍立政发〔2023〕2号立山区人民政府关于…的通知):
    // read once, as the 文号's line
    // (or a law mirror's headline over a title that lacks its 的通知: 某政办发〔2017〕55号 某厅关于印发…工作方案)
    else if ((noticeDone || noticeTitleNext(i)) && NUMBER_THEN_TITLE.test(t) && (NOTICE_END.test(t) || CARRIES.test(t))) set(i, 'docNumber');
    // the 版头 of a printed 公文: 某县人民政府办公室文件 (the issuer's name, not prose)
    else if (i === 0 && /^[\u4e00-\u9fa5]{2,30}文件$/.test(t) && ORG.test(t.slice(0, -2))) set(i, 'masthead');
    else if (DATE_ARABIC.test(t) || DATE_CHINESE.test(t)) set(i, 'date');
    // a page's date alone on the line under the document's title (…的意见⏎2019-03-04)
    else if (ISO_DATE_LINE.test(t) && /^(?:title|noticeTitle)$/.test(String(blocks[previous(i)]?.data?.role))) set(i, 'date');
    // a draft's or a plan's date in brackets under its title: （2015年9月15日）
    // or on the first line of an excerpt that opens with it: （二OO八年二月二十六日） above the 文号
    else if (
      (titleSeen || noticeDone || previous(i) < 0) &&
      BRACKETED_DATE.test(t) &&
      (DATE_ARABIC.test(t.slice(1, -1).trim()) || DATE_CHINESE.test(t.slice(1, -1).trim()))
    )
      set(i, 'date');
    // 特此通知 closes a notice's text: never a title
    else if (CLOSING_FORMULA.test(t)) set(i, 'notice');
    else if (SPACED_DATE.test(t) && /^(?:signature|disclosure)$/.test(String(blocks[previous(i)]?.data?.role))) set(i, 'date');
    else if (digitDate(t) && (blocks[previous(i)]?.data?.role === 'signature' || (blocks[previous(i)]?.data?.role === 'notice' && disclosureNext(texts, i))))
      set(i, 'date');
    // (此件发至乡)        2017年6月13日: the note and the date on one line, as a page set them side by side
    else if (NOTE_THEN_DATE.test(t) && (DATE_ARABIC.test(withoutNote(t)) || DATE_CHINESE.test(withoutNote(t)))) set(i, 'date');
    else if (DISCLOSURE.test(t)) set(i, 'disclosure');
    // (某局代章) under the signature: the organ that sealed for it, no issuer of its own
    else if (SEAL_NOTE.test(t) && blocks[previous(i)]?.data?.role === 'signature') set(i, 'seal');
    else if (APPROVAL.test(t)) set(i, 'approval');
    else if (block.type === 'heading' && block.depth === 1 && !(isNoticeTitle(t) && !noticeDone && !titleSeen)) {
      set(i, 'title');
      titleSeen = true;
    } else if (block.type === 'heading' && block.depth === 1) {
      // # 某厅关于印发…的通知, then # 某方案: the covering notice's title, as on a text page
      set(i, 'noticeTitle');
      noticeDone = true;
    } else if (
      (/^关于/.test(nt) || ISSUER_THEN_NOTICE.test(nt)) &&
      // a joint notice's title with its issuers before 关于 may run long (four organs and the plan's name)
      (short || (t.length <= 140 && !/[。；]/.test(nt) && NOTICE_END.test(nt) && ISSUER_THEN_NOTICE.test(nt))) &&
      // a page repeats its notice title above the 公文's own (the first is read)
      (!noticeDone || (!titleSeen && !bodyStarted)) &&
      !isOwnOpinions(nt) &&
      // 关于推动…若干政策举措: a title that opens with 关于, no notice
      !(TITLE_END.test(nt) && !NOTICE_END.test(nt) && !CARRIES.test(nt))
    ) {
      set(i, 'noticeTitle');
      noticeStart = i;
      noticeLines = 0;
      if (NOTICE_END.test(nt)) endNotice(i);
      else inNoticeTitle = true;
    } else if (!noticeDone && !titleSeen && t.length <= 140 && (ISSUED_NOTICE.test(nt) || FORWARDED_NOTICE.test(nt))) {
      // 中共某区委办公室 某区人民政府办公室印发《X》的通知: a joint notice's title without 关于
      // (某省人民政府办公厅转发…的通知 too)
      set(i, 'noticeTitle');
      endNotice(i);
    } else if (isRecipients(t, noticeDone)) set(i, 'recipients');
    else if (block.type === 'paragraph' && t.includes('\n') && isRecipients(t.slice(0, t.indexOf('\n')).trim(), noticeDone)) {
      // 主送：\ then the body in one Markdown paragraph (a hard break): the first line is the recipients
      const cut = cutFirstLine(block, doc, index);
      if (!cut) continue;
      blocks.splice(i, 1, ...cut);
      texts.splice(i, 1, ...cut.map((b) => stripInvisible(foldDigits(inlineText(b, doc).text)).trim()));
      set(i, 'recipients');
    } else if (dateNext(texts, i) && (signedRows = signatureRowsAbove(i))) {
      // joint signatures two or more a line (某县教育局     某县财政局), the last line maybe one alone
      for (const j of signedRows) set(j, 'signature');
    } else if (
      short &&
      (ORG.test(t) || (signedNamesLine(t) && dateNext(texts, i))) &&
      !TITLE_END.test(t) &&
      t.length <= 40 &&
      !/[，、]/.test(t) &&
      // a field line (牵头单位：市生态环境局, an item's clause under it) is no organ's name alone
      !/[：:]/.test(t) &&
      !PAGE_TIME.test(t) &&
      (!bodyStarted || dateNext(texts, i))
    ) {
      if (dateNext(texts, i)) {
        // a joint signature: the issuers one under the other above the date (ten ministries and
        // four provinces, two a line, on seven lines)
        for (let j = previous(i), n = 0; j >= 0 && n < JOINT_SIGNATURE_LINES - 1; j = previous(j), n++) {
          const role = blocks[j].data?.role;
          if (
            (role !== 'preamble' && role !== 'notice' && role !== 'issuer') ||
            !(isSignature(texts[j] ?? '') || signedNamesLine(texts[j] ?? '')) ||
            (role === 'issuer' && !bodyStarted)
          )
            break;
          set(j, 'signature');
        }
        set(i, 'signature');
      } else set(i, 'issuer');
    } else if (noticeDone && !titleSeen && t.length >= 6 && NOTICE_END.test(t) && noticeCopyEnd(t)) {
      // the page's second copy of the notice title, broken over lines (…关于印发⏎《X》的通知): read once
      set(i, 'noticeTitle');
    } else if (
      short &&
      titleOpen &&
      !MENU_ITEM.test(t) &&
      !KIND_HEAD.test(t) &&
      (TITLE_END.test(t) || (titleSeen && PERIOD_LINE.test(t)) || (titleSeen && LETTER_SPACED.test(t) && TITLE_END.test(t.replace(/[ \u3000]+/g, '')))) &&
      !headerCell(i) &&
      !attachmentListed(i)
    ) {
      set(i, 'title');
      titleSeen = true;
      titleAbove(blocks, texts, i);
    } else if (titleSeen && short && PERIOD_LINE.test(t)) set(i, 'title');
    else if (
      !titleSeen &&
      !KIND_HEAD.test(t) &&
      (underNoticeDate(i) || afterClosingFormula(i)) &&
      TITLE_LINE.test(t.replace(/[《》〈〉]/g, '')) &&
      (bodyNext(i) || tableNext(i))
    ) {
      // the line right under a covering notice's date, before the plan's prose or its table: the
      // plan's title, whatever word it ends with (青溪县2024年十件民生实事, …量化指标任务分工)
      set(i, 'title');
      titleSeen = true;
    } else if (
      !titleSeen &&
      !bodyStarted &&
      tableNext(i) &&
      TITLE_PIECE.test(t.replace(/[（(][^（）()]*[）)]$/, '').replace(/[《》〈〉“”]/g, '')) &&
      /\d{4}年|表$/.test(t)
    ) {
      // a table's caption above its header, on a page that is the table (2023年…项目推进情况（1-11月）)
      set(i, 'title');
      titleSeen = true;
    } else if (!bodyStarted && t.length <= 40 && !/[\u4e00-\u9fa5]/.test(t)) {
      // a page's registration code (HHCR-2023-01005) between header lines: no body yet
      blocks[i].data = { ...blocks[i].data, role: 'preamble' };
    } else {
      // prose: the body of the notice, or the preamble of the plan
      if (titleSeen) titleOpen = false;
      set(i, noticeDone && !titleSeen ? 'notice' : 'preamble');
    }
  }
  if (inNoticeTitle) endNotice(previous(blocks.length));
  if (!blocks.some((b) => b.data?.role === 'title' || b.data?.role === 'noticeTitle')) headline(blocks, texts);
}

/**
 * A page's headline where no title was found (2024年十大民生实事项目出炉, 市政府工作报告重点工作责任分解
 * （2023年）): the short line between the page's clutter — breadcrumb or info block above, the page
 * info or toolbar below — whatever word it ends with.
 */
function headline(blocks: RootContent[], texts: (string | null)[]): void {
  const near = (i: number, step: 1 | -1) => {
    let j = i + step;
    while (j >= 0 && j < blocks.length && !texts[j]) j += step;
    return j >= 0 && j < blocks.length ? j : -1;
  };
  for (let i = 0; i < Math.min(blocks.length, 12); i++) {
    const t = texts[i];
    const role = blocks[i].data?.role;
    if (!t || (role && role !== 'preamble' && role !== 'notice')) continue;
    const above = near(i, -1);
    const below = near(i, 1);
    const clutterAbove = above !== -1 && /^web(?:Info|Breadcrumb|Tools|Title)$/.test(String(blocks[above].data?.role));
    const clutterBelow = below !== -1 && /^web(?:Info|Tools)$/.test(String(blocks[below].data?.role));
    if (clutterAbove && clutterBelow && t.length <= 40 && !/[。；;，,：:！？|｜]/.test(t)) {
      blocks[i].data = { ...blocks[i].data, role: 'title' };
      return;
    }
  }
}

const BRACKETED_DATE = /^[（(].{6,16}[）)]$/;
const ISO_DATE_LINE = /^(?:19|20)\d{2}-\d{1,2}-\d{1,2}$/;
/** A page's time before its source (2023-01-05 10:00 区人民政府办公室): page info, no issuer line. */
const PAGE_TIME = /^(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s/;
/** A date under the signature whose 年月日 a page turned into spaces ({ 2017 6 23): year, month, day. */
export const SPACED_DATE = /^[^\d\u4e00-\u9fa5]{0,3}((?:19|20)\d{2})[ \u3000]+(\d{1,2})[ \u3000]+(\d{1,2})[^\d\u4e00-\u9fa5]{0,3}$/;
/** A 文号 with a notice title run on after it: 鞍立政发〔2023〕2号立山区人民政府关于… */
const NUMBER_THEN_TITLE = new RegExp(`^${DOC_NUMBER.source}\\s*(?:关于|${ISSUER_THEN_NOTICE.source.slice(1)})`);
/** An editor's note a reprint puts under a notice: (本文有删减), （有删节）. */
const EDITOR_NOTE = /^[（(](?:本文|原文|正文)?(?:有删减|有删节|略有删节|有改动)[）)]$/;
/** The formula that closes a notice's text (特此通知, 特此公告): no title. */
const CLOSING_FORMULA = /^特此(?:通知|公告|通告|函告|函复|批复|报告)[。.]?$/;

/** The lines a joint signature may take above its date. */
const JOINT_SIGNATURE_LINES = 8;
/** （某局代章） under a signature: the organ whose seal stands for the signing one's. */
const SEAL_NOTE = /^[（(][\u4e00-\u9fa5]{2,30}代章[）)]$/;

/** The next line with text is a date (the line is a signature), a seal note (（某局代章）) between them or not. */
function dateNext(texts: (string | null)[], i: number): boolean {
  let j = i + 1;
  while (j < texts.length && !texts[j]) j++;
  if (SEAL_NOTE.test(texts[j] ?? '')) {
    j++;
    while (j < texts.length && !texts[j]) j++;
  }
  const next = texts[j];
  return !!next && (DATE_ARABIC.test(next) || DATE_CHINESE.test(next) || digitDate(next) !== null);
}

/** The next line with text is the disclosure (此件公开发布): the line is the notice's date. */
function disclosureNext(texts: (string | null)[], i: number): boolean {
  let j = i + 1;
  while (j < texts.length && !texts[j]) j++;
  return DISCLOSURE.test(texts[j] ?? '');
}

/** An item of a site's menu (- 十三五政策及新闻, • 产业政策): a bullet, never a title. */
const MENU_ITEM = /^[-•·●▪◆■*]\s/;
/** A page's section head that names only the kind of text under it (印发通知, 主要内容): no title. */
const KIND_HEAD = /^(?:(?:印发|发布)?(?:通知|公告|通告)|主要内容|全文|正文|原文)$/;

/** A line of a title broken over lines (推进以县城为重要载体的城镇化建设⏎行动方案): short, no punctuation. */
const TITLE_PIECE = /^[^，。；：:、！？,;!?]{2,30}$/;
/** A title's line set with a space between its characters (实 施 指 导 意 见), under the line above it. */
const LETTER_SPACED = /^[\u4e00-\u9fa5](?:[ \u3000]+[\u4e00-\u9fa5]){2,}$/;
/** An entry of a notice's 附件 list: its number, then the attachment's name (2.某区2018年任务清单). */
const ATTACHMENT_ENTRY = /^\d{1,2}[.．、]\s*\S/;
/** A title's first line broken right after the 、 of its list (…柴油货车污染治理、⏎臭氧污染防治和…方案). */
const BROKEN_AFTER_COMMA = /^[^，。；：:！？,;!?]{2,30}、$/;
// a whole plan title on its line under a notice's date runs longer (青島市深化新舊動能轉換…2023年重點工作任務: 33)
const TITLE_LINE = /^[^，。；：:、！？,;!?]{2,50}$/;

/**
 * The lines right above a title's last line that were read as prose are its first lines when
 * they are short pieces with no punctuation (up to three): the title broken over lines.
 */
function titleAbove(blocks: RootContent[], texts: (string | null)[], at: number): void {
  // the last line of a broken title is its short tail; a whole title on its line has none above
  if ((texts[at]?.length ?? 0) > 24) return;
  for (let j = at - 1, n = 0; j >= 0 && n < 3; j--) {
    const t = texts[j];
    if (!t) continue;
    const role = blocks[j].data?.role;
    if (
      (role !== 'preamble' && role !== 'notice') ||
      t.length < 8 ||
      !(TITLE_PIECE.test(t) || BROKEN_AFTER_COMMA.test(t)) ||
      /^附件/.test(t) ||
      /日$/.test(t) ||
      matchLabelStart(t)
    )
      return;
    // a 文号 line, however damaged (浦府〔20221), is no piece of a title
    if (/[〔［[]\s*(?:19|20)\d{2}/.test(t) || DAMAGED_DOC_NUMBER.test(t)) return;
    blocks[j].data = { ...blocks[j].data, role: 'title' };
    n++;
  }
}

/** A headline, then its 文号 in brackets and nothing after (某某工作任务(某政发〔2021〕2号)); not a notice's title. */
const HEADLINE_NUMBER = new RegExp(`^([^（(，。；：:、]{6,30}?)\\s*[（(]\\s*${DOC_NUMBER.source}\\s*[）)]$`);
function headlineWithNumber(t: string): boolean {
  const m = HEADLINE_NUMBER.exec(t);
  return !!m && !NOTICE_END.test(m[1]) && !/^关于/.test(m[1]) && /[\u4e00-\u9fa5]{4}/.test(m[1]);
}

/** A line that opens with an outline label (一、, （一）, 1.) is no piece of a title. */
function matchLabelStart(t: string): boolean {
  return /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])/.test(t);
}
