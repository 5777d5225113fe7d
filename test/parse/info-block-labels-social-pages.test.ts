import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';

/**
 * Info blocks of county and department pages (our own text in their shapes): the fields set
 * apart by spaces with a label the parser did not know among them (时效 现行有效), and a
 * department page's source line whose date is its 发表时间.
 */
describe('info block labels', () => {
  it('space-set fields with an unknown label among them stay the info block: the 文号 is read', () => {
    const doc = ingestText(
      `无障碍
索引号: 123456789/2023-00111 时效: 现行有效
主题分类 民政 发文日期 2023-05-12
公开方式 主动公开 文号 澄政办规〔2023〕6号
澄阳市人民政府办公室关于印发澄阳市居家养老服务实施方案的通知

各乡镇政府，各有关单位：

现将《澄阳市居家养老服务实施方案》印发给你们，请认真贯彻执行。

澄阳市人民政府办公室
2023年5月12日

澄阳市居家养老服务实施方案

一、工作目标
到2025年，全市社区居家养老服务设施覆盖率达到100%。
`,
      { fileName: 'chengyang-yanglao.txt' },
    );
    expect(doc).toMatchObject({ docNumber: '澄政办规〔2023〕6号', date: '2023-05-12', issuer: '澄阳市人民政府办公室' });
  });

  it('文章来源：… 浏览量： 发表时间：… on one line: the 发表时间 dates a page with no other date', () => {
    const doc = ingestText(
      `县教育局2022年政府工作报告任务分解

文章来源:澄阳县教育局 浏览量: 发表时间:2022-04-18 09:30 责任编辑:县教育局办公室

1.新建城区小学1所，新增学位1080个。

牵头责任单位:县教育局

主要协作单位:县住建局、县自然资源局
`,
      { fileName: 'jiaoyu-fenjie-2022.txt' },
    );
    expect(doc.date).toBe('2022-04-18');
    expect(doc.issuer).toBe('澄阳县教育局');
  });
});

describe('a 转发 notice over the plan it forwards, cut before the plan’s outline', () => {
  it('the plan’s title under the notice’s date is the title: the portal’s 相关办事指南 link is none, nor the drafting departments’ line', () => {
    const doc = ingestText(
      `澄江省人民政府办公厅转发省卫生健康委等部门关于加快发展普惠托育服务实施意见的通知
发布日期:2019-06-03 10:20 信息来源:省人民政府办公厅

相关办事指南

各市人民政府，省政府各部门：

    经省人民政府同意，现将省卫生健康委、教育厅、民政厅、财政厅、住房城乡建设厅《关于加快发展普惠托育服务的实施意见》转发给你们，请认真贯彻执行。

                                  2019年5月30日

  (此件公开发布)

  关于加快发展普惠托育服务的实施意见

  省卫生健康委、教育厅、民政厅、财政厅、住房城乡建设厅

    为贯彻落实《国务院办公厅关于促进3岁以下婴幼儿照护服务发展的指导意见》，加快发展普惠托育服务，现提出如下实施意见。
`,
      { fileName: 'tuoyu-zhuanfa.txt' },
    );
    expect(doc).toMatchObject({
      title: '关于加快发展普惠托育服务的实施意见',
      noticeTitle: '澄江省人民政府办公厅转发省卫生健康委等部门关于加快发展普惠托育服务实施意见的通知',
      date: '2019-05-30',
      issuer: '澄江省人民政府办公厅',
    });
  });
});
