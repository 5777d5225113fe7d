import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import { fixtureLoader } from '../helpers/fixtures.js';

/**
 * QA7 faults of the text parser's line handling, the header and the closing block
 * (test/fixtures/qa7/EXPECTED.notes parts A and B): web-page clutter, labelled field lines,
 * the closing block after the last task, the approval line's date, joint issuers, zero-width
 * characters in header fields.
 */
const qa7 = fixtureLoader('qa7');
type Doc = Awaited<ReturnType<typeof qa7>>;
const paragraphWith = (doc: Doc, s: string) => doc.paragraphs.filter((p) => p.text.includes(s));

describe('QA7: web page clutter', () => {
  it('a notice copied from a government web page: breadcrumb, page info, toolbar and footer are no prose', async () => {
    const doc = await qa7('chengyang-web-copy-notice-2025.txt');
    expect(doc).toMatchObject({
      noticeTitle: '澄阳县人民政府办公室关于印发澄阳县县域商业体系建设实施方案（2025—2027年）的通知',
      title: '澄阳县县域商业体系建设实施方案（2025—2027年）',
      issuer: '澄阳县人民政府办公室',
      docNumber: '澄府办发〔2025〕17号',
      date: '2025-06-09',
      disclosure: '此件公开发布',
    });
    // each clutter line is a paragraph of its own, outside the outline, never joined with another
    for (const line of [
      '首页 > 政务公开',
      '来源：澄阳县人民政府办公室',
      '【字体：大 中 小】',
      '分享到：',
      '上一篇：',
      '下一篇：',
      '相关链接',
      '中国政府网',
      '扫一扫',
      '网站标识码',
      '版权所有',
    ]) {
      const ps = paragraphWith(doc, line);
      expect(ps, line).toHaveLength(1);
      expect(ps[0]).toMatchObject({ kind: 'web', section: null, task: null });
    }
    expect(paragraphWith(doc, '来源：')[0].text).not.toContain('的通知');
    expect(paragraphWith(doc, '上一篇：')[0].text).not.toContain('下一篇');
    const s43 = doc.sections.find((s) => s.title === '加强督促检查')!;
    expect(s43.text).not.toMatch(/版权所有|上一篇|扫一扫|分享到/);
    expect(s43.position.end.line).toBe(42);
    expect(doc.departments.map((d) => d.name)).not.toContain('省商务厅');
    expect(doc.departments.find((d) => d.name === '县商务委')!.mentions.every((m) => m.position.start.line < 44)).toBe(true);
  });

  it('other clutter of government sites, around a plan whose items close with their clause', async () => {
    const text = [
      '当前位置：网站首页 » 信息公开 » 规划计划',
      '发布日期：2024-03-05 09:12　　信息来源：市发展改革委　　【字号：大 中 小】',
      '',
      '某市推进物流降本增效工作方案',
      '为降低全社会物流成本，提高物流运行效率，制定本方案。',
      '一、重点任务',
      '（一）完善物流枢纽布局。建设国家物流枢纽2个，培育省级物流园区5个。（牵头单位：市发展改革委；责任单位：市交通运输局、市商务局）',
      '（二）发展多式联运。推动铁水联运集装箱运量年均增长15%以上。（牵头单位：市交通运输局；责任单位：市发展改革委）',
      '',
      '打印本页　关闭窗口',
      '友情链接：国务院 | 省人民政府 | 省交通运输厅',
      'Copyright © 2024 某市人民政府 版权所有',
      '主办单位：某市人民政府办公室　承办：某市大数据中心',
      '网站标识码：1234000001　某ICP备05001234号',
    ].join('\n');
    const doc = await ingestText(text, { fileName: 'web-plan.txt' });
    expect(doc.title).toBe('某市推进物流降本增效工作方案');
    // no 成文日期 and no signature date: the page's 发布日期 is the date of last resort (real-metadata issue)
    expect(doc.date).toBe('2024-03-05');
    expect(doc.tasks).toHaveLength(2);
    expect(doc.tasks[1].text).not.toMatch(/打印本页|版权所有|主办单位|网站标识码/);
    expect(doc.tasks[1].responsible).toEqual(['市发展改革委']);
    // nothing dropped: the footer stays, as paragraphs of kind web outside the outline
    for (const line of ['打印本页', '友情链接', 'Copyright', '主办单位', '网站标识码', '当前位置', '发布日期']) {
      expect(
        paragraphWith(doc, line).map((p) => [p.kind, p.section, p.task]),
        line,
      ).toEqual([['web', null, null]]);
    }
    expect(doc.departments.map((d) => d.name)).not.toContain('省交通运输厅');
  });

  it('a page title above the page info is the notice title when the page does not repeat it', async () => {
    const text = [
      '首页 > 政务公开 > 通知公告',
      '某县人民政府办公室关于做好2025年春季森林防火工作的通知',
      '发布时间：2025-02-10　来源：县政府办公室　浏览次数：356',
      '各乡镇人民政府，县政府各部门：',
      '为切实做好今春森林防火工作，现就有关事项通知如下。',
      '一、压实防火责任',
      '各乡镇要落实属地责任，县林业局要加强督促指导。',
      '某县人民政府办公室',
      '2025年2月8日',
    ].join('\n');
    const doc = await ingestText(text, { fileName: 'web-notice.txt' });
    expect(doc.noticeTitle).toBe('某县人民政府办公室关于做好2025年春季森林防火工作的通知');
    expect(doc.date).toBe('2025-02-08');
    expect(doc.recipients).toBe('各乡镇人民政府，县政府各部门');
  });
});

describe('QA7: labelled field lines', () => {
  it('a long 责任单位 line is not joined with the 整改时限 line below it', async () => {
    const doc = await qa7('daiyu-rectification-plan-2025.txt');
    expect(paragraphWith(doc, '整改时限').every((p) => p.text.startsWith('整改时限：'))).toBe(true);
    expect(doc.departments.filter((d) => /整改时限|立行立改/.test(d.name))).toEqual([]);
    const units = doc.departments.map((d) => d.name);
    for (const u of ['滨江街道办事处', '石门镇人民政府', '岱屿工业园区管委会', '有关乡镇人民政府']) expect(units).toContain(u);
  });

  it('field lines start a paragraph where the document lays fields out; wrapped prose still joins', async () => {
    const text = [
      '某县农村人居环境整治工作方案',
      '一、重点任务',
      '（一）推进农村厕所革命。新改建农村户用卫生厕所1200户，整村推进示范村10个。',
      '牵头单位：县农业农村局、县卫生健康委、县住房城乡建设局、县生态环境局、各乡镇人民政府',
      '完成时限：2025年11月底前',
      '（二）加强生活污水治理。新建农村生活污水处理设施15处，治理率达到45%以上。',
      '牵头单位：县生态环境局、县住房城乡建设局、县农业农村局、县水利局、各乡镇人民政府',
      '完成时限：2025年12月底前',
      '二、保障措施',
      '各乡镇要建立健全工作机制，统筹各方力量推进整治工作，明确一名分管领导具体负责，主要',
      '要求：一是每月报送进展，二是每季度开展一次督查，三是年底组织考核验收。',
    ].join('\n');
    const doc = await ingestText(text, { fileName: 'fields.txt' });
    expect(doc.departments.map((d) => d.name).filter((n) => /完成时限/.test(n))).toEqual([]);
    expect(paragraphWith(doc, '完成时限').every((p) => p.text.startsWith('完成时限：'))).toBe(true);
    expect(doc.tasks.map((t) => t.lead.at(-1))).toEqual(['各乡镇人民政府', '各乡镇人民政府']);
    // 要求： starts no field: one label once, in prose cut by the page width
    expect(paragraphWith(doc, '要求：一是')[0].text).toMatch(/^各乡镇要建立健全/);
  });
});

describe('QA7: the closing block after the last task', () => {
  it('closing remarks, a trailing 附件 form, 抄送 and 印发 lines are out of the last task', async () => {
    const doc = await qa7('junyang-2025-key-work-breakdown.txt');
    expect(doc.tasks).toHaveLength(20);
    const last = doc.tasks[19];
    expect(last.title).toBe('守牢安全生产底线');
    expect(last.text).not.toMatch(/绩效考核|附件|填报单位|抄送|印发/);
    for (const s of ['绩效考核', '附件：钧阳县2025年', '填报单位', '抄送：', '2025年2月18日印发']) {
      const ps = paragraphWith(doc, s);
      expect(ps.length, s).toBeGreaterThan(0);
      for (const p of ps) expect(p, s).toMatchObject({ task: null, section: null });
    }
    expect(doc.sections.at(-1)!.position.end.line).toBe(48);
    expect(doc.diagnostics).not.toContainEqual(expect.objectContaining({ rule: 'missing-assignment' }));
  });

  it('a plan without a covering notice: its 附件 form and 版记 after the last task', async () => {
    const text = [
      '某区2025年优化营商环境重点任务清单',
      '一、提升政务服务效能',
      '1.推行“一件事一次办”。年内实现20个高频事项集成办理。（牵头单位：区政务服务中心；责任单位：区级各部门）',
      '2.深化“证照分离”改革。（牵头单位：区市场监管局；责任单位：区司法局）',
      '附件：某区优化营商环境工作进展统计表',
      '填报单位：　　　　填报时间：',
      '序号\t任务\t进展',
      '抄送：区委办公室，区人大常委会办公室。',
      '某区人民政府办公室　　　　2025年3月2日印发',
    ].join('\n');
    const doc = await ingestText(text, { fileName: 'list.txt' });
    expect(doc.tasks).toHaveLength(2);
    expect(doc.tasks[1].text).toBe('深化“证照分离”改革。（牵头单位：区市场监管局；责任单位：区司法局）');
    expect(doc.tasks[1].responsible).toEqual(['区司法局']);
  });
});

describe('QA7: header fields', () => {
  it('the approval line under a 纲要 title gives the date when the document has no other', async () => {
    const doc = await qa7('chenglan-15th-five-year-outline.md');
    expect(doc.date).toBe('2026-01-18');
    expect(paragraphWith(doc, '会议批准')[0]).toMatchObject({ kind: 'header', section: null });
    // a signature date still wins over an approval line
    const text = [
      '# 某县乡村振兴促进办法',
      '',
      '（2024年6月3日县人民政府第12次常务会议通过）',
      '',
      '第一条 为促进乡村振兴，制定本办法。',
      '',
      '某县人民政府',
      '',
      '2024年6月10日',
    ].join('\n');
    expect((await ingestText(text, { fileName: 'rule.md' })).date).toBe('2024-06-10');
  });

  it('joint issuers on one line are the issuers of the document, each named', async () => {
    const doc = await qa7('daiyu-rectification-plan-2025.txt');
    expect(doc.issuer).toBe('中共岱屿县委办公室、岱屿县人民政府办公室');
    const single = await qa7('junyang-2025-key-work-breakdown.txt');
    expect(single.issuer).toBe('钧阳县人民政府办公室');
  });

  it('zero-width characters are not part of header fields', async () => {
    const doc = await qa7('chengyang-web-copy-notice-2025.txt');
    expect(doc.recipients).toBe('各乡镇人民政府、街道办事处，县政府各部门，有关单位');
    const text = [
      '\u200b某县人民政府办公室',
      '关于印发某县\u200b养老服务实施方案的通知',
      '某府办发〔2025〕\u200b3号',
      '\u2060各乡镇人民政府：',
      '现印发给你们。',
      '某县人民政府办公室',
      '2025年1月6日',
    ].join('\n');
    const d = await ingestText(text, { fileName: 'zw.txt' });
    expect(d).toMatchObject({
      issuer: '某县人民政府办公室',
      noticeTitle: '关于印发某县养老服务实施方案的通知',
      // nothing follows the notice's date: the plan is not on the page, and the notice that is
      // titles it (test/real/README.md: a 通知 that carries the content itself)
      title: '关于印发某县养老服务实施方案的通知',
      docNumber: '某府办发〔2025〕3号',
      recipients: '各乡镇人民政府',
    });
  });
});

describe('a page date stamp glued before a field label', () => {
  it('2026年01月30日来源:市政府办公厅 under the 文号 is page info, not the issuer; the signature names it', () => {
    const doc = ingestText(
      `当前位置 :首页 > 政务公开 > 市政府文件
青川市人民政府关于印发2026年重点工作分工方案的通知
青政发〔2026〕2号
2026年02月03日来源:市政府办公厅
[字体: ] 打印

各区、县(市)人民政府,市政府各部门:

  现将《2026年重点工作分工方案》印发给你们,请认真贯彻落实。

  青川市人民政府

  2026年1月28日

2026年重点工作分工方案

  1.持续做好重大项目谋划储备工作。

  牵头单位:市发展改革委
`,
      { fileName: 'stamp-before-label.txt' },
    );
    expect([doc.issuer, doc.docNumber, doc.date]).toEqual(['青川市人民政府', '青政发〔2026〕2号', '2026-01-28']);
    expect(doc.paragraphs.find((p) => p.text.startsWith('2026年02月03日来源'))?.kind).not.toBe('body');
  });
});

describe('a breadcrumb labelled 位置: alone', () => {
  it('位置:首页 > 职场 > 工作报告 is the site trail, not the title', () => {
    const doc = ingestText(
      `某某简历馆

位置:首页 > 职场 > 工作报告

2021年市政府工作报告重点工作责任分解

一、经济发展

1.推进现代流通体系建设。

责任单位:市商务局
`,
      { fileName: 'bare-breadcrumb.txt' },
    );
    expect(String(doc.title)).not.toMatch(/位置/);
    expect(doc.paragraphs.find((p) => p.text.startsWith('位置'))?.kind).not.toBe('body');
  });
});
