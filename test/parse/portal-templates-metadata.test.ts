import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';

/**
 * Header fields of page shapes seen across many portals and mirrors (text in our own words):
 * a toolbar line above the title, an info-block issuer that is a website, a government's own
 * 工作规则, a title set in 《》 on a news page, a plan's contents heading (X目录), a headline with
 * its 文号 and the page's date glued after it, a notice's date under its attachments list, a
 * column name before the headline (栏目丨…), a law mirror's '文号 title' headline over a notice title
 * without 的通知, an info block laid out as a pipe table, a law database's fields glued to their
 * labels, and a bulleted 发布: field.
 */
const meta = (text: string, fileName = 'page.txt') => {
  const d = ingestText(text, { fileName });
  return { title: d.title, issuer: d.issuer, docNumber: d.docNumber, date: d.date };
};

describe('portal and mirror shapes: header fields', () => {
  it('返回顶部 is the toolbar; an info block whose 发文机构 is a website names no issuer; a government issues its own 工作规则', () => {
    expect(
      meta(`返回顶部

某县人民政府工作规则

  • 索引号:

    0000/2023-000101
  • 发文机构:

    县政府网站
  • 发文字号:

    某政发〔2023〕5号
  • 发文日期:

    2023年03月02日 09:10
  • 内容概述:

某县人民政府工作规则

第一章 总则

一、为规范县政府工作,制定本规则。
`),
    ).toEqual({ title: '某县人民政府工作规则', issuer: '某县人民政府', docNumber: '某政发〔2023〕5号', date: '2023-03-02' });
  });

  it('a 工作规则 under its 文号, no signature: the government the rules belong to', () => {
    expect(
      meta(`某政发〔2018〕12号
某县人民政府工作规则
第一章 总 则
第一条 为规范县人民政府的工作,制定本规则。
第二条 县人民政府是县人民代表大会的执行机关。
`),
    ).toEqual({ title: '某县人民政府工作规则', issuer: '某县人民政府', docNumber: '某政发〔2018〕12号', date: null });
  });

  it("a news page's first line that is the rules' own title in 《》", () => {
    expect(
      meta(`《关于进一步支持小微企业渡过难关的实施细则》
为落实省里的若干措施,结合本市实际,制定如下实施细则。
一、加大财政支持
1.设立专项资金,支持小微企业技术改造。(责任单位:市工信局、市财政局)
`).title,
    ).toBe('关于进一步支持小微企业渡过难关的实施细则');
  });

  it("the plan's contents heading under the notice (X目录): the plan is X", () => {
    expect(
      meta(`某市人民政府办公室关于印发《某市森林火灾应急预案》的通知
各县(区)人民政府,市政府各部门:
《某市森林火灾应急预案》已经市人民政府同意,现印发给你们,请遵照执行。
某市人民政府办公室
2016年3月8日
某市森林火灾应急预案目录
1.总则
1.1编制目的
1.2编制依据
2.组织机构
1.总则
1.1编制目的
为及时有效处置森林火灾,制定本预案。
`).title,
    ).toBe('某市森林火灾应急预案');
  });

  it("a headline with its 文号 in brackets and the page's date and counter glued after it", () => {
    const m = meta(`某省人民政府 关于印发某省国民经济和社会发展 第十四个五年规划纲要的通知(某政发〔2021〕3号)2021.05.10512
摘要:
各市人民政府,省政府各部门:
《某省国民经济和社会发展第十四个五年规划纲要》已经省人民代表大会审查批准,现印发给你们,请认真贯彻实施。
各级各部门要认真抓好《纲要》的贯彻落实。
某省人民政府
2021年4月20日
(此件公开发布)
`);
    expect({ issuer: m.issuer, docNumber: m.docNumber, date: m.date }).toEqual({
      issuer: '某省人民政府',
      docNumber: '某政发〔2021〕3号',
      date: '2021-04-20',
    });
  });

  it("a notice whose attachments list stands above its date (no signature name): the date is the notice's", () => {
    expect(
      meta(`某旗人民政府办公室
关于印发2023年重点工作责任分工的通知
各苏木乡镇人民政府,旗政府各部门:
经旗人民政府同意,现将《2023年重点工作责任分工》印发给你们,请认真贯彻落实。
一、各部门要高度重视,确保任务落实。
二、旗政府督查室要加强调度,及时通报进展。
此通知
附件:2023年重点工作落实情况表
2023年2月10日
(联系人:某某,联系电话:1234567)
(此件公开发布)
用微信扫描二维码分享至好友和朋友圈
`),
    ).toMatchObject({ issuer: '某旗人民政府办公室', date: '2023-02-10' });
  });

  it('a page that put the notice and the plan on one line: the signature and date inside it, the plan named in the notice', () => {
    expect(
      meta(`信息公开元数据
|
||||||||||||||||||||
各乡镇人民政府,县政府直属各单位: 《某县应急管理“十四五”规划》已经县政府常务会议审议通过,现印发给你们,请认真贯彻执行。 某县人民政府 2021年12月20日 “十四五”时期是开启新征程的第一个五年。为推进应急管理体系现代化,制定本规划。 一、发展基础 (一)工作成效 全县安全形势稳定。
`),
    ).toEqual({ title: '某县应急管理“十四五”规划', issuer: '某县人民政府', docNumber: null, date: '2021-12-20' });
  });

  it('a page from the recipients whose plan is an attachment not on the page names no title', () => {
    expect(
      meta(`各镇人民政府,区政府各部门:
为全面完成好2021年各项工作任务,现将《<政府工作报告>任务分解表》印发给你们。请各牵头单位严格按照任务分工抓好落实。
附件:《政府工作报告》任务分解表
某区人民政府办公室
2021年1月25日
(此件公开发布)
`),
    ).toMatchObject({ title: null, issuer: '某区人民政府办公室', date: '2021-01-25' });
  });

  it("a news page's headline above its byline (site | date) is the news's: the notice below is the document", () => {
    expect(
      meta(`打开
某部门发布某区域发展规划
某新闻网站 | 2018-03-02 10:15

  某部关于印发某区域

  发展规划的通知

  某发〔2018〕12号

  各省人民政府,国务院各部委:

  经国务院同意,现将《某区域发展规划》印发你们,并就有关事项通知如下:

  一、推动区域发展具有重要意义。各地要认真贯彻落实。
`),
    ).toEqual({ title: '某部关于印发某区域发展规划的通知', issuer: '某部', docNumber: '某发〔2018〕12号', date: null });
  });

  it("a mirror's page title above its date-and-source line, given again whole below with the issuer's full name", () => {
    expect(
      meta(`某部关于印发某城市群发展规划的通知

2018-05-06 10:20 来源: 某部网站
字号: 默认 超大 | 打印 |

国家某部关于印发
某城市群发展规划的通知

某发〔2018〕20号

某省、某省人民政府,国务院有关部委:

经国务院批准,现将《某城市群发展规划》印发你们,并就有关事项通知如下:

一、推动城市群发展具有重要意义。
`),
    ).toEqual({ title: '国家某部关于印发某城市群发展规划的通知', issuer: '国家某部', docNumber: '某发〔2018〕20号', date: null });
  });

  it("a compilation's contents (numbered titles with page numbers, a Word TOC field) is no part of the document under it", () => {
    expect(
      meta(`正文复制

1.{ TOC \\o "1-1" \\h \\z \\u }
2.某省人民政府办公厅 关于加强草原保护的实施意见 10
3.某省人民政府办公厅 关于做好防汛工作的紧急通知 19
4.某省人民政府办公厅 关于全面实行清单管理的通知 23


某办函〔2022〕47号
各市(州)人民政府,省政府有关部门:
为激发各地干事创业的积极性,省政府决定予以激励支持。现将有关措施通知如下:
一、对成效明显的地方给予资金支持。
`),
    ).toEqual({ title: null, issuer: null, docNumber: '某办函〔2022〕47号', date: null });
  });

  it('a one-line copy of a printed 公文 that opens with its 版头 and 文号 (某市人民政府办公室文件 某政办发〔2018〕32号 …)', () => {
    expect(
      meta(`编辑: 某某 2018-06-25
某市人民政府办公室文件 某政办发〔2018〕32号 市政府办公室关于分解落实2018年 政府工作任务的通知 各镇人民政府,市各委办局: 市政府将2018年政府工作分解为11项工作目标,现下达给你们,请认真组织实施.
`).docNumber,
    ).toBe('某政办发〔2018〕32号');
  });

  it("a column's name before the headline (政策文件丨…) is no part of the title", () => {
    expect(
      meta(`政策文件丨某市人民政府关于深化“放管服”改革的实施意见
- 发布日期:2022-05-10
某市人民政府
关于深化“放管服”改革的实施意见
某政字〔2022〕8号
各县(市、区)人民政府,市政府各部门:
为深化改革,结合我市实际,制定本意见。
一、总体要求
`),
    ).toMatchObject({ title: '某市人民政府关于深化“放管服”改革的实施意见', issuer: '某市人民政府', docNumber: '某政字〔2022〕8号' });
  });

  it("a law mirror's '文号 title' headline over a notice title that lacks 的通知: the plan under the date is the title", () => {
    expect(
      meta(`某政办发〔2019〕21号 某省人民政府办公厅关于印发某省贯彻落实《某区域发展规划》工作方案
某省人民政府办公厅关于印发某省贯彻落实《某区域发展规划》工作方案
某政办发〔2019〕21号
各市人民政府,省政府各部门:
《某省贯彻落实〈某区域发展规划〉工作方案》已经省人民政府同意,现印发给你们,请认真贯彻执行。
某省人民政府办公厅
2019年6月3日
某省贯彻落实《某区域发展规划》工作方案
为贯彻落实规划,制定本方案。
一、总体要求
`),
    ).toEqual({ title: '某省贯彻落实《某区域发展规划》工作方案', issuer: '某省人民政府办公厅', docNumber: '某政办发〔2019〕21号', date: '2019-06-03' });
  });

  it('an info block laid out as a pipe table (公开责任部门 | … | 公开形式: | …) is page info, not a table', () => {
    expect(
      meta(`某县人民政府办公室关于印发《某县涉农资金管理办法》的通知
索引号 | abc/2022-0101 | 公开目录: | 县政府办文件 |
公开责任部门 | 某县人民政府办公室 | 公开形式: | 主动公开 |
文号 | 某政办发〔2022〕9号 | 成文日期: | 2022年03月15日 |
有效性 | 有效 | 公开日期: | 2022-03-18 09:30 |
现将《某县涉农资金管理办法》印发给你们,请遵照执行。
某县人民政府办公室
2022年3月15日
某县涉农资金管理办法
第一条 为规范资金管理,制定本办法。
`),
    ).toEqual({ title: '某县涉农资金管理办法', issuer: '某县人民政府办公室', docNumber: '某政办发〔2022〕9号', date: '2022-03-15' });
  });

  it("a law database's fields glued to their labels (发文机关X, 发文字号X)", () => {
    expect(
      meta(`发文机关中共某省某厅党组
发文日期2022年11月2日
时效性现行有效
发文字号某发〔2022〕40号
施行日期2022年11月2日
效力级别地方党内规范性文件
厅直各单位,厅机关各处室:
经厅党组会议审议同意,现将《关于深化法治建设的实施意见》印发给你们,请认真抓好落实。
中共某省某厅党组
2022年11月2日
关于深化法治建设的实施意见
为深化法治建设,制定本实施意见。
`),
    ).toEqual({ title: '关于深化法治建设的实施意见', issuer: '中共某省某厅党组', docNumber: '某发〔2022〕40号', date: '2022-11-02' });
  });

  it('a bulleted 发布: field with the short name is page info; the signature names the issuer', () => {
    expect(
      meta(`当前位置: 首页
>政务公开 >本局文件
某市卫生健康委关于印发 2024年全市卫生健康工作要点的通知
  • 时间:2024-04-02 09:10:11
  • 发布:某市卫生健康委
某卫健发〔2024〕2号
某市卫生健康委关于印发
2024年全市卫生健康工作要点的通知
各区县卫生健康局,委机关各处室:
现将《2024年全市卫生健康工作要点》下发给你们,请认真贯彻执行。
某市卫生健康委员会
2024年3月28日
2024年全市卫生健康工作要点
2024年全市卫生健康工作的总体要求是:推进健康建设。
`),
    ).toEqual({ title: '2024年全市卫生健康工作要点', issuer: '某市卫生健康委员会', docNumber: '某卫健发〔2024〕2号', date: '2024-03-28' });
  });
});
