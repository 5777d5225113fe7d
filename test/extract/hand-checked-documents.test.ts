import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import { buildSearchIndex } from '../../src/search/store.js';
import { resolveDepartment } from '../../src/select/departments.js';
import { fixtureLoader, ingestFixture, readFixture } from '../helpers/fixtures.js';

/**
 * Documents written for QA in shapes the other fixtures lack; expectations come from
 * test/fixtures/qa/EXPECTED.notes, written by hand from the text.
 */
const qa = fixtureLoader('qa');
const roles = (doc: Awaited<ReturnType<typeof qa>>) => doc.tasks.map((t) => [t.number, t.lead, t.responsible]);

describe('QA documents', () => {
  it('clause lines under the task (牵头单位：… then 配合单位：… on the next line)', async () => {
    const doc = await qa('chengkou-county-commerce-plan-2025.txt');
    expect(doc).toMatchObject({ docNumber: '城府办发〔2025〕31号', date: '2025-03-18' });
    expect(doc.tasks.map((t) => t.lead)).toEqual([
      ['县商务委'],
      ['县商务委'],
      ['县商务委'],
      ['县交通局'],
      ['县商务委'],
      ['县农业农村委'],
      ['县商务委'],
      ['县供销合作社'],
    ]);
    expect(doc.tasks[4].responsible).toEqual(['县人力社保局', '县农业农村委', '团县委', '县妇联']);
    expect(doc.tasks[1].title).toBe('改造提升乡镇商贸中心');
    expect(doc.departments.find((d) => d.name === '城口公路运输有限责任公司')?.kind).toBe('enterprise');
    expect(doc.targets).toContainEqual(expect.objectContaining({ value: 3, unit: '万件' }));
  });

  it('a PDF copy: page numbers inside clauses, full-width digits, space-separated table', async () => {
    const doc = await qa('yichun-forest-fire-notice-2025.txt');
    expect(doc).toMatchObject({ docNumber: '宜府办字〔２０２５〕８号', date: '2025-02-20', issuer: '宜春市人民政府办公室' });
    expect(doc.tasks.map((t) => t.lead)).toEqual([['市应急管理局'], ['市林业局'], ['市林业局'], ['市林业局'], ['市应急管理局'], ['市林业局'], ['市林业局']]);
    expect(doc.tasks[0].responsible).toEqual(['市林业局', '各县（市、区）人民政府']);
    expect(doc.tasks[6].responsible).toEqual(['市发展改革委', '市财政局', '市自然资源局', '市交通运输局']);
    expect(doc.paragraphs.some((p) => /[—－]\s*[0-9０-９]+\s*[—－]/.test(p.text))).toBe(false);
    expect(doc.indicators.map((i) => [i.name, i.unit, i.baseline?.year, i.baseline?.value, i.target?.year, i.target?.value])).toEqual([
      ['森林火灾受害率', '‰', 2024, 0.9, 2025, 0.8],
      ['森林火灾当日扑灭率', '%', 2024, 93, 2025, 95],
      ['专业扑火队伍人数', '人', 2024, 420, 2025, 500],
      ['林区视频监控覆盖率', '%', 2024, 78, 2025, 90],
    ]);
    expect(doc.targets.length).toBeGreaterThan(0);
    expect(doc.diagnostics).toEqual([]);
  });

  it('a provincial 实施意见 whose tasks are （一）…（十二）', async () => {
    const doc = await qa('jiangxi-industry-education-opinions.txt');
    expect(doc).toMatchObject({ docNumber: '赣府厅发〔2025〕14号', date: '2025-04-09', issuer: '江西省人民政府办公厅' });
    expect(doc.tasks).toHaveLength(12);
    // (A、B、C按职责分工负责) with no 牵头: the units that 负责 the task lead it
    expect(roles(doc)[2]).toEqual(['三', ['省国资委', '省财政厅', '省税务局'], []]);
    expect(roles(doc)[8]).toEqual(['九', ['中国人民银行江西省分行'], ['国家金融监督管理总局江西监管局', '省地方金融管理局']]);
    const find = (q: string) => {
      const r = resolveDepartment(q, doc.departments);
      return r.status === 'found' ? r.department.name : r.status;
    };
    expect(find('人社厅')).toBe('省人力资源社会保障厅');
    expect(find('人行')).toBe('中国人民银行江西省分行');
  });

  it('a national 规划 in Markdown: bold task titles, several target years, 〔〕 cumulative values', async () => {
    const doc = await qa('national-water-saving-plan-2021-2030.md');
    expect(doc.tasks.map((t) => t.title).slice(0, 2)).toEqual(['推进大中型灌区现代化改造', '加快高标准农田建设']);
    expect(doc.tasks).toHaveLength(11);
    for (const t of doc.tasks) expect(t.text).not.toContain('**');
    const gdp = doc.indicators.find((i) => i.name === '万元国内生产总值用水量下降')!;
    expect(gdp.targets.map((t) => [t.year, t.value])).toEqual([
      [2025, 16],
      [2030, 28],
    ]);
    expect(doc.targets).toContainEqual(expect.objectContaining({ value: 6400, unit: '亿立方米', comparator: '<=', year: 2025 }));
    expect(doc.targets).toContainEqual(expect.objectContaining({ value: 1.5, unit: '亿亩', year: 2025 }));
  });

  it('GB18030 with CRLF; a deadline year is not taken from a description of the past', async () => {
    const doc = await qa('tianxin-old-community-renovation-2025.txt');
    expect(doc.source).toMatchObject({ encoding: 'gb18030', lineEnding: 'crlf' });
    expect(doc.tasks.map((t) => t.lead[0] ?? null)).toEqual([
      '区住房城乡建设局',
      '区住房城乡建设局',
      '区交通运输局',
      '区民政局',
      '区住房城乡建设局',
      '区住房城乡建设局',
      '区财政局',
      '区行政审批服务局',
    ]);
    expect(doc.targets.some((t) => t.year === 2000)).toBe(false);
    expect(doc.targets).toContainEqual(expect.objectContaining({ value: 120, unit: '台', comparator: '>=' }));
    expect(doc.departments.map((d) => d.name)).not.toContain('区公安分局');
  });
});

/** Second QA round: test/fixtures/qa2/EXPECTED.notes. */
const qa2 = fixtureLoader('qa2');

describe('QA documents, second round', () => {
  it('a 任务分工方案 written as a table: its rows are the tasks', async () => {
    const doc = await qa2('zhuzhou-business-environment-task-division-2024.txt');
    expect(doc.title).toBe('株洲市2024年优化营商环境重点任务分工方案');
    expect(doc.tasks).toHaveLength(10);
    expect(doc.tasks[0]).toMatchObject({ number: '1', lead: ['市市场监管局'], responsible: ['市税务局', '市公安局', '市人力资源社会保障局'] });
    expect(doc.paragraphs.some((p) => p.kind === 'task' && p.text.includes('免申即享'))).toBe(true);
  });

  it('the printing block, attachments and signature after the last task stay out of it', async () => {
    const doc = await qa2('fengjie-flood-season-notice-2024.txt');
    expect(doc).toMatchObject({ issuer: '奉节县人民政府办公室', date: '2024-05-06', disclosure: '此件公开发布' });
    expect(doc.tasks.at(-1)).toMatchObject({ number: '六', lead: ['县政府办公室'], responsible: ['县级有关部门'] });
    expect(doc.tasks.at(-1)!.text).not.toContain('抄送');
    expect(doc.paragraphs.some((p) => p.text.includes('永乐镇大坪滑坡'))).toBe(true); // attachment tables are kept
    expect(doc.diagnostics).toEqual([]);
  });

  it('deadlines inside clauses are not units; (A，B按职责分工负责) makes A the lead', async () => {
    const doc = await qa2('tongliang-housing-security-plan-2025.txt');
    const units = doc.departments.map((d) => d.name);
    for (const time of ['2025年底', '长期坚持', '每年12月底前', '2026年6月底']) expect(units).not.toContain(time);
    expect(doc.tasks[0].lead).toEqual(['区住房城乡建委']);
    expect(doc.tasks[7]).toMatchObject({ lead: ['区城投集团'], responsible: ['区住房城乡建委', '区规划自然资源局'] });
  });

  it('numbering that restarts in another hand (3、 then １．) nests, and those items are tasks', async () => {
    const doc = await qa2('pingxiang-digital-economy-action-2027.txt');
    expect(doc.tasks).toHaveLength(7);
    expect(doc.tasks.slice(-2).map((t) => t.lead)).toEqual([['市通信发展管理办公室'], ['市发展改革委']]);
    expect(doc.diagnostics.filter((d) => d.rule === 'numbering-gap')).toEqual([]);
  });

  it('第X篇 above 第X章, and a 专栏 after a task does not swallow it', async () => {
    const doc = await qa2('liuyang-14th-five-year-plan-excerpt.txt');
    expect(doc.sections.filter((s) => s.level === 1).map((s) => s.label)).toEqual(expect.arrayContaining(['第一篇', '第二篇']));
    expect(doc.tasks).toHaveLength(11);
    expect(doc.period).toEqual({ start: 2021, end: 2025 });
  });

  it('issuer and 关于印发 on one line; a sub-unit is not its parent unit', async () => {
    const doc = await qa2('dongba-town-living-environment-2024.txt');
    expect(doc).toMatchObject({ title: '东坝镇2024年农村人居环境整治提升工作方案', docType: '工作方案' });
    expect(doc.departments.map((d) => d.name)).not.toContain('县生态环境局');
  });
});

/** Third QA round: test/fixtures/qa3/EXPECTED.notes. */
const qa3 = fixtureLoader('qa3');

describe('QA documents, third round', () => {
  it('items run together after their clauses split, each with its lead', async () => {
    const doc = await qa3('runon-items.txt');
    expect(doc.tasks.map((t) => t.lead)).toEqual([['县农业农村委'], ['县商务委'], ['县财政局']]);
    expect(doc.diagnostics.filter((d) => d.rule === 'count-mismatch')).toEqual([]);
  });

  it('a task naming a lead for each of its parts keeps them all', async () => {
    const doc = await qa3('two-clauses.txt');
    expect(doc.tasks.at(-1)!.lead).toEqual(['县教委', '县卫生健康委']);
  });

  it('Markdown front matter is metadata, not outline', async () => {
    const doc = await qa3('markdown-shapes-crlf.md');
    expect(doc.title).toBe('某区智慧社区建设三年行动方案（2024—2026年）');
    expect(doc.sections.some((s) => s.title.includes('title:'))).toBe(false);
    expect(doc.tasks.length).toBeGreaterThan(0);
  });

  it('labels beyond one hundred (一百一十八、) are outline', async () => {
    const doc = await qa3('label-120.txt');
    expect(doc.sections.filter((s) => s.level === 1).map((s) => s.label)).toEqual(['一百一十八、', '一百一十九、', '一百二十、', '一百二十一、']);
  });
});

/** Fourth QA round: test/fixtures/qa4/EXPECTED.notes. */
const qa4 = fixtureLoader('qa4');

describe('QA documents, fourth round', () => {
  it("deadlines (完成时限) from clauses and from a task table's column", async () => {
    const report = await qa4('qingxi-2025-work-report-task-breakdown.txt');
    expect(report.tasks.every((t) => t.deadline !== null)).toBe(true);
    expect(report.tasks.find((t) => t.number === '4')?.deadline).toBe('2025年11月底前');
    // outline tasks completed by the attached 分工表: its 完成时限 column
    const attached = await qa4('tongchuan-digital-village-plan-2026.txt');
    expect(attached.tasks.map((t) => t.deadline)).toEqual([
      '2025年12月底',
      '2026年12月底',
      '2026年12月底',
      '2025年6月底',
      '2025年12月底',
      '长期坚持',
      '2026年12月底',
    ]);
    // a 任务分工方案 that is only a table
    const division = await ingestFixture('qa2/zhuzhou-business-environment-task-division-2024.txt');
    expect(division.tasks[0].deadline).toBe('2024年6月底');
  });

  it('责任领导/牵头领导/分管领导 name people: neither units nor departments', async () => {
    const doc = await qa4('qingxi-2025-work-report-task-breakdown.txt');
    expect(doc.tasks).toHaveLength(18);
    expect(roles(doc)[2]).toEqual(['3', ['县经济信息委'], ['青溪工业园区管委会', '县市场监管局']]);
    expect(roles(doc)[7]).toEqual(['8', ['县乡村振兴局'], ['县农业农村委', '县人力社保局', '县民政局', '县医保局']]);
    const names = doc.departments.map((d) => d.name);
    for (const person of ['王振华', '刘思远', '陈晓梅', '赵德明', '孙海涛']) expect(names).not.toContain(person);
  });

  it('a long notice title is not joined with the 文号 line below it', async () => {
    const doc = await qa4('tongchuan-digital-village-plan-2026.txt');
    expect(doc).toMatchObject({
      title: '桐川区数字乡村建设实施方案（2024—2026年）',
      noticeTitle: '关于印发桐川区数字乡村建设实施方案（2024—2026年）的通知',
      docType: '实施方案',
      docNumber: '桐府办发〔2024〕46号',
      date: '2024-09-12',
      disclosure: '此件公开发布',
    });
    const other = await qa4('qingxi-2025-work-report-task-breakdown.txt');
    expect(other).toMatchObject({ docNumber: '青府发〔2025〕3号', noticeTitle: '关于印发2025年《政府工作报告》重点工作任务分解的通知' });
  });

  it('a Word export: indents of any kind, \\f page breaks, a clause broken over two lines', async () => {
    const doc = await qa4('fenglin-rural-water-notice-2024.txt');
    expect(doc).toMatchObject({ issuer: '枫林县人民政府办公室', docNumber: '枫府办发〔2024〕21号', date: '2024-06-03' });
    expect(doc.tasks.map((t) => t.title)).toEqual([
      '全面排查供水风险隐患',
      '加强水源保护和水质监测',
      '加快供水工程提档升级',
      '落实应急供水措施',
      '压实工程管护责任',
    ]);
    expect(roles(doc)[0]).toEqual(['一', ['县水利局'], ['县卫生健康委', '各乡镇人民政府']]);
    expect(roles(doc)[1]).toEqual(['二', ['县生态环境局', '县卫生健康委'], ['县水利局', '县疾控中心', '各乡镇人民政府']]);
    for (const d of doc.departments) expect(d.name).toMatch(/^[^\s\u00a0\u3000）)]+$/);
    expect(doc.paragraphs[0]).toMatchObject({ kind: 'header', text: '枫林县人民政府办公室文件' }); // the 版头
    expect(doc.diagnostics).toEqual([]);
  });

  it('a clause followed by more text in its paragraph (…）重点推进以下项目：) still assigns the task', async () => {
    const doc = await qa4('jiangcheng-sports-city-plan-2035.md');
    expect(doc.tasks).toHaveLength(6);
    expect(roles(doc)[1]).toEqual(['2', ['市教育局'], ['市体育局', '市财政局']]);
    expect(doc.tasks[1].text).toContain('游泳馆恒温系统更新');
    expect(doc.departments.map((d) => d.name).filter((n) => /[）：]/.test(n))).toEqual([]);
  });

  it('（1） tasks with 牵头单位 lines; the count declared in the opening of the notice is checked', async () => {
    const doc = await qa4('linlan-commerce-circulation-notice-2025.txt');
    expect(doc.tasks).toHaveLength(18);
    expect(doc.tasks[1]).toMatchObject({ label: '（2）', lead: ['市商务局'] });
    expect(doc.tasks[5]).toMatchObject({ lead: ['市交通运输局', '市商务局'], responsible: [] });
    expect(doc.declaredCounts).toEqual([expect.objectContaining({ subject: 'tasks', declared: 18, found: 18 })]);
  });

  it('an attached 重点任务分工表 completes the outline tasks: no duplicates, nothing dropped', async () => {
    const doc = await qa4('tongchuan-digital-village-plan-2026.txt');
    expect(doc.tasks.map((t) => t.label)).toEqual(['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）']);
    expect(roles(doc)[4]).toEqual(['五', ['区农业农村委'], ['区市场监管局', '区商务委']]);
    expect(roles(doc)[5]).toEqual(['六', ['区委政法委', '区民政局'], ['区农业农村委', '区政务服务中心', '各镇街']]);
    expect(doc.departments.find((d) => d.name === '区市场监管局')?.responsible).toEqual(['五']);
    expect(doc.diagnostics).toEqual([]);
    const rows = doc.paragraphs.filter((p) => p.text.includes(' | 长期坚持') || p.text.startsWith('5 | '));
    expect(rows.map((p) => [p.kind, p.task])).toEqual([
      ['task', '五'],
      ['task', '六'],
    ]);
    // the attachment is not prose of the last 保障措施 item
    expect(doc.sections.at(-1)!.text).not.toContain('附件');
  });

  it("the notice's closing remarks after the last task's clause are not part of that task", async () => {
    for (const [file, remark] of [
      ['qingxi-2025-work-report-task-breakdown.txt', '各责任领导要加强统筹调度'],
      ['fenglin-rural-water-notice-2024.txt', '要于7月10日前'],
      ['linlan-commerce-circulation-notice-2025.txt', '要按照本通知要求'],
    ]) {
      const doc = await qa4(file);
      expect(doc.tasks.at(-1)!.text).not.toContain(remark);
      expect(doc.tasks.at(-1)!.text).toMatch(/[）)]$/);
      expect(doc.paragraphs.find((p) => p.text.includes(remark))).toMatchObject({ kind: 'paragraph', task: null });
    }
  });

  it('Markdown: issuer and date on two lines joined by a hard break are read', async () => {
    const doc = await qa4('jiangcheng-sports-city-plan-2035.md');
    expect(doc).toMatchObject({ issuer: '江澄市人民政府', date: '2021-11-08', title: '江澄市体育强市建设规划（2021—2035年）' });
    expect(doc.indicators.map((i) => [i.name, i.unit, i.baseline?.year, ...i.targets.map((t) => [t.year, t.value])])).toEqual([
      ['人均体育场地面积', '平方米', 2020, [2025, 2.6], [2035, 3.2]],
      ['经常参加体育锻炼人数比例', '%', 2020, [2025, 42], [2035, 50]],
      ['国民体质监测合格率', '%', 2020, [2025, 93], [2035, 95]],
      ['每千人拥有社会体育指导员', '名', 2020, [2025, 3], [2035, 3.5]],
      ['体育产业总规模', '亿元', 2020, [2025, 300], [2035, 600]],
    ]);
  });
});

/** Fifth QA round: test/fixtures/qa5/EXPECTED.notes. */
const qa5 = fixtureLoader('qa5');

describe('QA documents, fifth round', () => {
  it('a closing sentence assigns the group of items before it (以上工作由区商务委牵头，区财政局配合)', async () => {
    const doc = await qa5('chenghu-2026-government-work-points.txt');
    for (const n of ['10', '11', '12', '13']) {
      expect(
        roles(doc).find((r) => r[0] === n),
        n,
      ).toEqual([n, ['区商务委'], ['区财政局']]);
    }
    // tasks with their own clause keep it; no warning for the grouped ones
    expect(roles(doc).find((r) => r[0] === '9')).toEqual(['9', ['区发展改革委'], []]);
    expect(doc.diagnostics.filter((d) => d.rule === 'missing-assignment')).toEqual([]);
    expect(doc.departments.find((d) => d.name === '区商务委')?.lead).toEqual(['10', '11', '12', '13']);
  });

  it('types 工作要点, 任务清单, 任务分解 and 分工方案 documents by their own title', async () => {
    const types = await Promise.all(
      [
        'qa5/chenghu-2026-government-work-points.txt',
        'qa5/shiliang-2025-county-economy-task-list.txt',
        'qa4/qingxi-2025-work-report-task-breakdown.txt',
        'qa2/zhuzhou-business-environment-task-division-2024.txt',
      ].map(async (f) => (await ingestFixture(f)).docType),
    );
    expect(types).toEqual(['工作要点', '任务清单', '任务分解', '分工方案']);
  });

  it("a declared count of 项工作 in a plan's opening is checked; 3个工作日 is no count", async () => {
    const doc = await qa5('chenghu-2026-government-work-points.txt');
    expect(doc.declaredCounts.map((c) => [c.raw, c.subject, c.declared, c.found])).toEqual([['25项工作', 'tasks', 25, 25]]);
    const days = ingestText('某县实施方案\n\n一、重点任务\n1. 压缩审批时限，办理时间压减至3个工作日。（牵头单位：县政务服务中心）\n', { fileName: 'days.txt' });
    expect(days.declaredCounts).toEqual([]);
  });

  it('the document\'s rule "排在第一位的为牵头单位" makes the first unit of each clause the lead', async () => {
    const doc = await qa5('lanjiang-manufacturing-digital-action-2027.md');
    expect(doc.tasks.length).toBeGreaterThan(0);
    for (const t of doc.tasks) {
      expect(t.lead, t.title).toHaveLength(1);
      expect(t.lead[0], t.title).toBe(t.assignments[0].name);
    }
    // without the rule a clause of 责任单位 only has no lead
    const plain = ingestText('某省行动方案\n\n一、重点任务\n1. 建设算力基础设施。（责任单位：省发展改革委、省大数据局）\n', { fileName: 'plain.md' });
    expect(plain.tasks[0].lead).toEqual([]);
  });

  it('a running head repeated at every page break is page furniture, not prose (雁平 纲要 pasted from PDF)', async () => {
    const doc = await qa5('yanping-14th-five-year-plan-pdf.txt');
    const head = '雁平市国民经济和社会发展第十四个五年规划纲要';
    const texts = [...doc.paragraphs.map((p) => p.text), ...doc.tasks.map((t) => t.text), ...doc.sections.map((s) => s.title)];
    expect(texts.filter((t) => t.includes(head))).toEqual([]);
    // the project line cut by the page break reads as one, as across a page number alone
    expect(doc.paragraphs.filter((p) => p.kind === 'box').map((p) => p.text)).toContain(
      '01 雁平新能源电池产业园：建设年产20GWh动力电池生产基地，总投资150亿元。',
    );
    expect(doc.targets).toContainEqual(expect.objectContaining({ value: 150, unit: '亿元' }));
    expect(doc.paragraphs.filter((p) => p.task === doc.tasks[9].number)).toHaveLength(1);
    const hits = buildSearchIndex([doc]).search('海绵城市').hits;
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.snippet.text).not.toContain('规划纲要');
  });

  it('a line that repeats away from page breaks, or more often than at them, is not a running head', () => {
    const page = (n: number, body: string) => `${body}\n\n— ${n} —\n\n`;
    const text =
      '某县工作方案\n\n一、重点任务\n' +
      page(1, '（一）修路。\n工作要求\n到2025年，新建道路10公里。（牵头单位：县交通局）') +
      page(2, '（二）架桥。\n工作要求\n到2025年，新建桥梁3座。（牵头单位：县交通局）') +
      page(3, '（三）建校。\n工作要求\n到2025年，新建学校2所。（牵头单位：县教委）') +
      '二、保障措施\n加强领导。\n';
    expect(ingestText(text, { fileName: 'repeat.txt' }).paragraphs.filter((p) => p.text === '工作要求')).toHaveLength(3);
    // a table whose pages end after a 预期性 cell: the cell stays, every row is read
    const rows = Array.from(
      { length: 12 },
      (_, r) => `${r + 1}\n指标${'甲乙丙丁戊己庚辛壬癸子丑'[r]}（%）\n${r + 10}\n${r + 20}\n预期性\n${r % 3 === 2 && r < 9 ? `\n— ${(r + 1) / 3} —\n\n` : ''}`,
    );
    const table = ingestText(`某市规划纲要\n\n表1 主要指标\n序号\n指标\n2020年\n2025年\n属性\n${rows.join('')}\n— 4 —\n`, { fileName: 'pages.txt' });
    expect(table.indicators.map((i) => [i.number, i.target?.value, i.attribute])).toEqual(
      Array.from({ length: 12 }, (_, r) => [String(r + 1), r + 20, '预期性']),
    );
    expect(table.diagnostics).toEqual([]);
  });

  it('a one-cell-per-line 指标 table without 序号 or unit column is read across a page break', async () => {
    const doc = await qa5('yanping-14th-five-year-plan-pdf.txt');
    expect(
      doc.indicators.map((i) => [i.name, i.unit, i.baseline?.year, i.baseline?.raw, i.target?.year, i.target?.value, i.target?.comparator, i.attribute]),
    ).toEqual([
      ['地区生产总值年均增长', '%', 2020, '6.8', 2025, 6, '~', '预期性'],
      ['研发经费投入强度', '%', 2020, '1.9', 2025, 2.8, '=', '预期性'],
      ['常住人口城镇化率', '%', 2020, '63.5', 2025, 68, '=', '预期性'],
      ['森林覆盖率', '%', 2020, '41.2', 2025, 43, '=', '约束性'],
    ]);
    expect(doc.paragraphs.filter((p) => ['6.8', '1.9', '2.8', '预期性'].includes(p.text))).toEqual([]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('the same table with a 序号 column: every row read across the page break; a row that does not fit is warned about', async () => {
    const text = readFixture('qa5/yanping-14th-five-year-plan-pdf.txt');
    let n = 0;
    const numbered = text.replace('\n指标\n', '\n序号\n指标\n').replace(/\n(?=[^\n]{2,12}（%）\n)/g, () => `\n${++n}\n`);
    expect(n).toBe(4);
    const doc = ingestText(numbered, { fileName: 'numbered.txt' });
    expect(doc.indicators.map((i) => [i.number, i.name, i.target?.raw])).toEqual([
      ['1', '地区生产总值年均增长', '6左右'],
      ['2', '研发经费投入强度', '2.8'],
      ['3', '常住人口城镇化率', '68'],
      ['4', '森林覆盖率', '43'],
    ]);
    // row 3 lost its 2025 cell: rows 1–2 are read, the rest stay paragraphs, with a warning where it stopped
    const cut = ingestText(numbered.replace('63.5\n68\n', '63.5\n'), { fileName: 'cut.txt' });
    expect(cut.indicators.map((i) => i.name)).toEqual(['地区生产总值年均增长', '研发经费投入强度']);
    expect(cut.paragraphs.map((p) => p.text)).toEqual(expect.arrayContaining(['常住人口城镇化率（%）', '森林覆盖率（%）', '41.2']));
    const line = numbered.split('\n').indexOf('3') + 1;
    expect(cut.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['partial-table', line, 1]]);
    // without 序号 too
    const plain = ingestText(text.replace('63.5\n68\n', '63.5\n'), { fileName: 'plain-cut.txt' });
    expect(plain.indicators).toHaveLength(2);
    expect(plain.diagnostics.map((d) => [d.rule, d.line])).toEqual([['partial-table', text.split('\n').indexOf('常住人口城镇化率（%）') + 1]]);
  });

  it("Markdown: (1)/(2) paragraphs inside a numbered task are part of it, and the clause after them is the task's", async () => {
    const doc = await qa5('lanjiang-manufacturing-digital-action-2027.md');
    expect(doc.tasks.map((t) => t.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(doc.tasks[0].text).toContain('建设工业互联网标识解析二级节点12个');
    expect(doc.tasks[2].text).toContain('单个项目最高不超过500万元');
    expect(roles(doc)[0]).toEqual(['1', ['省通信管理局'], ['省经济和信息化厅', '省发展改革委']]);
    // each unit counted once per task: 省经济和信息化厅 is in all 8, not 10
    const dept = doc.departments.find((d) => d.name === '省经济和信息化厅')!;
    expect([...dept.lead, ...dept.responsible].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    // the sub-items stay task prose, under their task
    expect(doc.paragraphs.filter((p) => p.text.startsWith('对数字化改造项目')).map((p) => p.task)).toEqual(['3']);
  });

  it("a clause on its own line after an item's sub-items closes the item, in text and in Markdown; sub-items with their own clauses stay tasks", () => {
    const text = [
      '某县数字经济实施方案',
      '一、重点任务',
      '1.建设工业网络。推进园区网络改造。',
      '（1）每年新建基站800个。',
      '（2）建设标识解析节点2个。',
      '（牵头单位：县经信局；责任单位：县发改委）',
      '2.建设算力设施。统筹布局算力中心。（牵头单位：县发改委；责任单位：县大数据局）',
      '3.实施智改数转行动。编制路线图。（牵头单位：县经信局；责任单位：县财政局）',
      '',
    ].join('\n');
    for (const fileName of ['a.txt', 'a.md']) {
      const doc = ingestText(text, { fileName });
      expect(roles(doc), fileName).toEqual([
        ['1', ['县经信局'], ['县发改委']],
        ['2', ['县发改委'], ['县大数据局']],
        ['3', ['县经信局'], ['县财政局']],
      ]);
    }
    // every sub-item closing with its own clause: they are the tasks
    const own = ingestText(
      text
        .replace('（1）每年新建基站800个。', '（1）每年新建基站800个。（牵头单位：县通信办）')
        .replace('（2）建设标识解析节点2个。\n（牵头单位', '（2）建设标识解析节点2个。（牵头单位'),
      { fileName: 'own.txt' },
    );
    expect(own.tasks.map((t) => t.title)).toEqual(['每年新建基站800个', '建设标识解析节点2个', '建设算力设施', '实施智改数转行动']);
  });

  it('Markdown: a # notice title before the # plan title is the notice title, as on a text page', async () => {
    const doc = await qa5('lanjiang-manufacturing-digital-action-2027.md');
    expect(doc).toMatchObject({
      title: '澜江省制造业数字化转型行动方案（2025—2027年）',
      noticeTitle: '澜江省人民政府办公厅关于印发澜江省制造业数字化转型行动方案（2025—2027年）的通知',
      issuer: '澜江省人民政府办公厅',
      docType: '行动方案',
      period: { start: 2025, end: 2027 },
    });
    // one # heading that is a plan's title stays the title
    const plan = ingestText('# 某市体育强市建设规划（2021—2035年）\n\n## 一、重点任务\n\n1. 建设场地。新建体育公园5个。\n', { fileName: 'plan.md' });
    expect(plan).toMatchObject({ title: '某市体育强市建设规划（2021—2035年）', noticeTitle: null });
  });

  it("closing remarks at the end of the document, after the last task's clause, are not part of that task", async () => {
    for (const [file, remark] of [
      ['chenghu-2026-government-work-points.txt', '各镇街、各部门要坚持'],
      ['shiliang-2025-county-economy-task-list.txt', '县发展和改革委员会要加强统筹调度'],
    ]) {
      const doc = await qa5(file);
      expect(doc.tasks.at(-1)!.text, file).not.toContain(remark);
      expect(doc.tasks.at(-1)!.text, file).toMatch(/[）)]$/);
      expect(
        doc.paragraphs.find((p) => p.text.startsWith(remark)),
        file,
      ).toMatchObject({ kind: 'paragraph', task: null });
      expect(doc.diagnostics, file).toEqual([]);
    }
  });

  it('a paragraph after the last clause stays in its task where tasks go on after their clause', () => {
    const tasks = (last: string) =>
      ingestText(
        [
          '某县工作方案',
          '一、重点任务',
          '1.修建道路。（牵头单位：县交通局）',
          '其中，农村公路新改建50公里。',
          '2.新建学校。（牵头单位：县教委）',
          last,
          '',
        ].join('\n'),
        { fileName: 'go-on.txt' },
      ).tasks;
    expect(tasks('其中，新增学位3000个。').at(-1)!.text).toContain('新增学位3000个');
    // the last item with no clause yet keeps its paragraphs too
    const noClause = ingestText('某县工作方案\n一、重点任务\n1.修建道路。（牵头单位：县交通局）\n2.新建学校。\n其中，新增学位3000个。\n', {
      fileName: 'no-clause.txt',
    });
    expect(noClause.tasks.at(-1)!.text).toContain('新增学位3000个');
  });
});

const qa6 = fixtureLoader('qa6');

describe('QA documents, sixth round', () => {
  it('国务院 style: a clause after each sentence of a task paragraph names units of the task, all of them', async () => {
    const doc = await qa6('xiuchuan-digital-village-opinions-2025.txt');
    expect(roles(doc).find((r) => r[0] === '二')).toEqual(['二', ['省水利厅', '省能源局', '国网岫川省电力公司', '省交通运输厅'], []]);
    expect(doc.departments.find((d) => d.name === '省水利厅')?.lead).toEqual(['二']);
    // the clauses are no part of the prose a target is read from, and the title is the first sentence
    expect(doc.tasks[1].title).toBe('推进农村基础设施数字化改造');
    // a bracket inside a sentence that merely mentions a duty is no clause
    const mention = ingestText('某县实施方案\n\n一、重点任务\n1. 建立联席会议（由县长负责召集）制度，定期会商。（牵头单位：县发展改革委）\n', {
      fileName: 'mention.txt',
    });
    expect(roles(mention)).toEqual([['1', ['县发展改革委'], []]]);
  });

  it('（A，B、C按职责分工负责；D负责落实）: the unit set apart by the comma still leads when another part follows', async () => {
    const doc = await qa6('xiuchuan-digital-village-opinions-2025.txt');
    expect(roles(doc).find((r) => r[0] === '四')).toEqual(['四', ['省商务厅'], ['省农业农村厅', '省邮政管理局', '省供销合作社', '各市（州）人民政府']]);
    // no unit set apart, no 牵头: the units that 负责 the task lead it
    expect(roles(doc).find((r) => r[0] === '五')).toEqual(['五', ['省文化和旅游厅', '省住房城乡建设厅', '省委网信办'], []]);
    expect(roles(doc).find((r) => r[0] === '八')![2]).toEqual([]);
  });

  // found in QA8: the text route took a 关于…的实施意见 title line for a covering notice's title
  it('an 实施意见 that is the document itself has no notice title (text route)', async () => {
    const doc = await qa6('xiuchuan-digital-village-opinions-2025.txt');
    expect([doc.title, doc.noticeTitle, doc.docType]).toEqual(['岫川省人民政府关于加快推进数字乡村建设的实施意见', null, '实施意见']);
    // a 意见 that carries another document is a covering title still
    const carried = ingestText(
      '某市人民政府办公室关于转发市发展改革委关于促进消费的意见的通知\n\n某府办发〔2025〕3号\n\n各区县人民政府：\n现将该意见转发给你们，请认真贯彻执行。\n',
      { fileName: 'carried.txt' },
    );
    expect(carried.noticeTitle).toBe('某市人民政府办公室关于转发市发展改革委关于促进消费的意见的通知');
  });

  it('Markdown front matter gives issuer, 文号 and date when the text does not', async () => {
    const doc = await qa6('linfeng-ecology-15th-plan.md');
    expect(doc).toMatchObject({
      title: '临沣市“十五五”生态环境保护规划（2026—2030年）',
      issuer: '临沣市人民政府',
      docNumber: '临府发〔2026〕3号',
      date: '2026-02-10',
      docType: '规划',
    });
    // Chinese keys and a 2026年2月10日 date too; the text's own header wins over the front matter
    const zh = ingestText(
      '---\n标题: 某县行动方案\n发文机关: 某县人民政府办公室\n文号: 某府办发〔2025〕2号\n成文日期: 2025年5月6日\n---\n\n## 一、重点任务\n\n1. 修路。\n',
      { fileName: 'zh.md' },
    );
    expect(zh).toMatchObject({ title: '某县行动方案', issuer: '某县人民政府办公室', docNumber: '某府办发〔2025〕2号', date: '2025-05-06' });
    const own = ingestText(
      '---\ntitle: 某县行动方案\ndate: 2025-05-06\n---\n\n# 某县行动方案\n\n某府办发〔2025〕2号\n\n## 一、重点任务\n\n1. 修路。\n\n某县人民政府办公室\n\n2025年6月1日\n',
      { fileName: 'own.md' },
    );
    expect(own.date).toBe('2025-06-01');
  });

  it('an indicator cell with a year note (≥95（2030年）) gives the target that year, and 〔18〕（2030年） its value', async () => {
    const doc = await qa6('linfeng-ecology-15th-plan.md');
    expect(
      doc.indicators.map((i) => [i.name, i.baseline?.year, i.baseline?.value, i.target?.year, i.target?.value, i.target?.comparator, i.target?.raw]),
    ).toEqual([
      ['城市空气质量优良天数比率', 2025, 91.2, 2030, 95, '>=', '≥95（2030年）'],
      ['细颗粒物（PM2.5）平均浓度', 2025, 31, 2030, 28, '<=', '≤28（2030年）'],
      ['地表水国控断面水质优良比例', 2025, 88.5, 2030, 92, '=', '92（2030年）'],
      ['受污染耕地安全利用率', 2025, 93, 2028, 95, '>=', '≥95（2028年）'],
      ['单位地区生产总值二氧化碳排放降低', 2025, null, 2030, 18, '=', '〔18〕（2030年）'],
      ['森林覆盖率', 2025, 45.6, 2030, 47, '=', '47（2030年）'],
    ]);
  });

  it('Markdown: a 专栏 blockquote whose project lines follow the name line by line is named by its first line', async () => {
    const doc = await qa6('linfeng-ecology-15th-plan.md');
    const box = doc.sections.find((s) => s.style === 'box')!;
    expect(box.title).toBe('大气污染防治重点工程');
    expect(
      doc.paragraphs
        .filter((p) => p.kind === 'box')
        .map((p) => p.text)
        .join('\n'),
    ).toContain('01 钢铁行业超低排放改造工程');
    expect(doc.tasks[1].text).not.toContain('01 钢铁行业');
  });

  it('a rate per day (20万吨/日) is a target with its unit', async () => {
    const doc = await qa6('linfeng-ecology-15th-plan.md');
    expect(doc.targets).toContainEqual(expect.objectContaining({ value: 20, unit: '万吨/日', task: '4' }));
  });
});
