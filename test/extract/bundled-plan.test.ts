import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile, ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { resolveDepartment } from '../../src/select/departments.js';
import { fixture, WUXI_FILE } from '../helpers/fixtures.js';

const path = WUXI_FILE;
const source = readFileSync(path, 'utf8');
const doc: PolicyDocument = await ingestFile(path);
const slice = (p: { start: { offset: number }; end: { offset: number } }) => source.slice(p.start.offset, p.end.offset);

describe('the bundled county plan', () => {
  it('reads the header of its 通知', () => {
    expect(doc).toMatchObject({
      id: 'wuxi-urbanization-plan-2021-2035',
      title: '巫溪县新型城镇化实施方案（2021—2035年）',
      noticeTitle: '关于印发巫溪县新型城镇化实施方案（2021—2035年）的通知',
      docType: '实施方案',
      issuer: '巫溪县人民政府',
      docNumber: '巫溪府发〔2023〕25号',
      date: '2023-04-26',
      disclosure: '此件公开发布',
      period: { start: 2021, end: 2035 },
    });
    expect(doc.recipients).toContain('县政府各部门');
  });

  it('finds the 27 numbered tasks in order, each in its task group', () => {
    expect(doc.tasks.map((t) => t.number)).toEqual(Array.from({ length: 27 }, (_, i) => String(i + 1)));
    for (const t of doc.tasks) {
      expect(t.sectionPath[0]).toBe('重点任务');
      expect(slice(t.position)).toContain(t.title);
      expect(source).toContain(t.text.split('\n')[0]);
    }
    // "16 提升…" has no period after its number; it is still task 16, with a warning
    expect(doc.tasks[15].title).toBe('提升城镇国土空间规划水平');
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ rule: 'bare-number', line: doc.tasks[15].position.start.line }));
  });

  it('reads every unit of every assignment clause, whatever its brackets', () => {
    for (const t of doc.tasks) {
      expect(t.clause, `task ${t.number}`).not.toBeNull();
      const raw = t.clause!.raw;
      expect(slice(t.clause!.position)).toBe(raw);
      // names = 、-separators + one per labelled part; no name lost or invented
      const inner = raw.slice(1, -1).replace(/（[^（）]*）/g, '');
      const parts = inner.split(/[；;]/).length;
      const separators = (inner.match(/、/g) ?? []).length;
      expect(t.assignments.length, `task ${t.number}: ${raw}`).toBe(parts + separators);
      for (const a of t.assignments) expect(raw).toContain(a.raw);
      expect(t.lead.length).toBeGreaterThan(0);
    }
    const byNumber = (n: string) => doc.tasks.find((t) => t.number === n)!;
    expect(byNumber('4').responsible).toContain('县创建服务中心'); // 等部门（单位） dropped
    expect(byNumber('19').responsible).toContain('宁之源（集团）公司'); // brackets inside a name
    expect(byNumber('7').responsible).toContain('有关乡镇（街道）');
    expect(byNumber('26')).toMatchObject({ lead: ['县住房城乡建委'], responsible: ['县税务局'] });
  });

  it('builds the department directory with aliases, kinds, roles and mentions', () => {
    const ndrc = doc.departments.find((d) => d.name === '县发展改革委')!;
    expect(ndrc.aliases).toEqual(expect.arrayContaining(['县发改委', '县发展和改革委员会']));
    expect(ndrc.lead).toEqual(doc.tasks.filter((t) => t.lead.includes('县发展改革委')).map((t) => t.number));
    expect(ndrc.mentions.some((m) => m.context.includes('办公室设在县发展改革委'))).toBe(true);
    for (const m of ndrc.mentions) expect(slice(m.position)).toBe(m.raw);
    const kinds = Object.fromEntries(doc.departments.map((d) => [d.name, d.kind]));
    expect(kinds).toMatchObject({ 人民银行巫溪支行: 'bank', '宁之源（集团）公司': 'enterprise', '各乡镇（街道）': 'township', 县交通局: 'department' });
    // every department is named by some task, and every task unit is in the directory
    const named = new Set(doc.tasks.flatMap((t) => [...t.lead, ...t.responsible]));
    expect(new Set(doc.departments.map((d) => d.name))).toEqual(named);
  });

  it('resolves the names people use', () => {
    const find = (q: string) => {
      const r = resolveDepartment(q, doc.departments);
      return r.status === 'found' ? r.department.name : r.status;
    };
    expect(find('交通局')).toBe('县交通局');
    expect(find('住建委')).toBe('县住房城乡建委');
    expect(find('发改委')).toBe('县发展改革委');
    expect(find('县发展和改革委员会')).toBe('县发展改革委');
    expect(find('局')).toBe('ambiguous');
    expect(find('外交部')).toBe('unknown');
  });

  it('folds the 委 forms of municipal units (交通运输委, 教育委, 科学技术委)', () => {
    const city = ingestText(
      '某市实施方案\n\n一、重点任务\n' +
        '1.完善农村公路网络。（牵头单位：市交通运输委；责任单位：市教育委）\n' +
        '2.建设科技创新平台。（牵头单位：市科学技术委员会；责任单位：市交通委）\n',
      { fileName: 'city.txt' },
    );
    const find = (q: string) => {
      const r = resolveDepartment(q, city.departments);
      return r.status === 'found' ? r.department.name : r.status;
    };
    // one unit, however it is written
    expect(city.departments.filter((d) => /交通/.test(d.name))).toHaveLength(1);
    expect(find('交通运输委员会')).toBe(find('交通委'));
    expect(find('交通运输委员会')).not.toBe('unknown');
    expect(find('教育委员会')).toBe('市教育委');
    expect(find('科委')).toBe('市科学技术委员会');
  });

  it('reads the 8 indicators with baselines, targets, comparators and attributes', () => {
    expect(doc.indicators.map((i) => i.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const [urban, , jobless, rental, , air, , income] = doc.indicators;
    expect(urban).toMatchObject({
      name: '常住人口城镇化率',
      unit: '%',
      attribute: '预期性',
      baseline: { year: 2020, value: 39.7 },
      target: { year: 2025, value: 44 },
    });
    expect(jobless.baseline).toMatchObject({ raw: '≦5.7', value: 5.7, comparator: '<=' });
    expect(rental.baseline).toMatchObject({ raw: '—', value: null, comparator: null });
    expect(air).toMatchObject({ attribute: '约束性', target: { raw: '≧92.6', value: 92.6, comparator: '>=' } });
    expect(income).toMatchObject({ name: '城乡居民收入比', baseline: { raw: '2.56:1', value: 2.56 }, target: { value: 2.4 } });
  });

  it('finds prose targets with the year in force', () => {
    const t = (metric: string) => doc.targets.filter((x) => x.metric === metric);
    expect(t('城区公交站点500米覆盖率')[0]).toMatchObject({ value: 90, unit: '%', year: 2025 });
    expect(t('学前三年毛入园率')[0]).toMatchObject({ value: 95, comparator: '>=', comparatorText: '以上', year: 2025 });
    expect(t('常住人口城镇化率').map((x) => [x.year, x.value, x.comparator])).toEqual([
      [2025, 44, '='],
      [2035, 50, '~'],
    ]);
    expect(t('普通国道二级以上')[0]).toMatchObject({ value: 85, year: 2027, task: '8' });
    for (const x of doc.targets) expect(slice(x.position)).toBe(x.raw);
    // numbers that are part of a name are not targets
    expect(doc.targets.some((x) => x.value === 5 && x.unit === null)).toBe(false);
    expect(doc.targets.some((x) => x.raw.includes('500米'))).toBe(false);
  });

  it('lists the documents it cites', () => {
    expect(doc.references.map((r) => r.title)).toEqual(
      expect.arrayContaining(['重庆市新型城镇化规划（2021—2035年）', '国家铁路网规划', '重庆市通用航空布局规划']),
    );
    for (const r of doc.references) expect(slice(r.position)).toBe(`《${r.title}》`);
  });

  it('checks the counts it declares: 27项重点工作 and “八大”工程', () => {
    expect(doc.declaredCounts.map((c) => [c.subject, c.declared, c.found])).toEqual([
      ['sections', 8, 8],
      ['tasks', 27, 27],
    ]);
    expect(doc.diagnostics.filter((d) => d.rule === 'count-mismatch')).toEqual([]);
  });

  it('classifies the paragraphs for search', () => {
    const kinds = (k: string) => doc.paragraphs.filter((p) => p.kind === k);
    expect(kinds('principle').some((p) => p.text.startsWith('党揽全局'))).toBe(true);
    expect(kinds('measure').some((p) => p.text.startsWith('强化组织领导'))).toBe(true);
    expect(kinds('goal').some((p) => p.text.includes('常住人口城镇化率达44%'))).toBe(true);
    expect(kinds('task').length).toBe(27);
  });
});

describe('clause styles and irregularities', () => {
  const plan = (body: string) => ingestText(`某县实施方案\n\n一、重点任务\n${body}`, { fileName: 'styles.txt' });

  it('reads each clause style', () => {
    const doc = plan(
      [
        '1. 甲。（牵头单位：县交通局、县财政局；责任单位：县教委）',
        '2. 乙。〔牵头单位：县交通局；配合单位：县城投（集团）有限公司、有关乡镇（街道）〕',
        '3. 丙。(牵头单位:县交通局;责任单位:县民政局、县水利局)',
        '4. 丁。（县农业农村委牵头，县财政局、县水利局配合）',
        '5. 戊。（县教委负责）',
        '6. 己。',
        '责任单位：县民政局，县卫生健康委',
        '7. 庚。（牵头部门：县林业局；协同单位：县文化旅游委等部门（单位））',
      ].join('\n'),
    );
    const roles = doc.tasks.map((t) => [t.number, t.lead, t.responsible]);
    expect(roles).toEqual([
      ['1', ['县交通局', '县财政局'], ['县教委']],
      ['2', ['县交通局'], ['县城投（集团）有限公司', '有关乡镇（街道）']],
      ['3', ['县交通局'], ['县民政局', '县水利局']],
      ['4', ['县农业农村委'], ['县财政局', '县水利局']],
      // a unit that 负责 the task, with no 牵头 written, is its lead
      ['5', ['县教委'], []],
      ['6', [], ['县民政局', '县卫生健康委']],
      ['7', ['县林业局'], ['县文化旅游委']],
    ]);
  });

  it("keeps a county bureau's other names at its own level (工信局, not 工信厅)", () => {
    const doc = plan('1. 甲。（牵头单位：县工业和信息化局；责任单位：县经济和信息化委员会）');
    const bureau = doc.departments.find((d) => d.name === '县工业和信息化局')!;
    expect(bureau.aliases).toContain('县工信局');
    expect(bureau.aliases.filter((a) => a.endsWith('厅'))).toEqual([]);
  });

  it('tells governments from their departments', () => {
    const doc = plan('1. 甲。（牵头单位：各区县政府、青溪工业园区管委会；责任单位：县国有资产监督管理委员会、县政府办公室、各乡镇人民政府）');
    const kinds = Object.fromEntries(doc.departments.map((d) => [d.name, d.kind]));
    expect(kinds).toEqual({
      各区县政府: 'government',
      青溪工业园区管委会: 'government',
      县国有资产监督管理委员会: 'department',
      县政府办公室: 'department',
      各乡镇人民政府: 'township',
    });
  });

  it('reads a role written after a name: （共同牵头）, （牵头）, （配合）', () => {
    const doc = plan(
      [
        '1. 甲。（牵头单位：县委宣传部、县文化旅游委（共同牵头）；责任单位：县财政局）',
        '2. 乙。（责任单位：县财政局（牵头）、县税务局（配合））',
        '3. 丙。（牵头单位：县文化旅游委；责任单位：有关乡镇（街道））',
      ].join('\n'),
    );
    expect(doc.tasks.map((t) => [t.lead, t.responsible])).toEqual([
      [['县委宣传部', '县文化旅游委'], ['县财政局']],
      [['县财政局'], ['县税务局']],
      [['县文化旅游委'], ['有关乡镇（街道）']],
    ]);
    // one unit, not 县文化旅游委 and 县文化旅游委（共同牵头）
    expect(doc.departments.find((d) => d.name === '县文化旅游委')?.lead).toEqual(['1', '3']);
    expect(doc.departments.some((d) => d.name.includes('牵头'))).toBe(false);
  });

  it('keeps the deadline (完成时限) a clause states, labelled or among the units', () => {
    const doc = plan(
      [
        '1. 甲。（牵头单位：县交通局；责任单位：县财政局；完成时限：2025年12月底前）',
        '2. 乙。（县民政局牵头，县财政局配合；2024年底前完成）',
        '3. 丙。（牵头单位：县教委；时间节点：长期坚持）',
        '4. 丁。（牵头单位：县水利局；责任单位：县财政局）',
        '5. 戊。（县林业局负责，每年12月底前）',
      ].join('\n'),
    );
    expect(doc.tasks.map((t) => t.deadline)).toEqual(['2025年12月底前', '2024年底前完成', '长期坚持', null, '每年12月底前']);
    // the deadline is not a unit
    expect(doc.tasks[1].responsible).toEqual(['县财政局']);
    expect(doc.departments.map((d) => d.name).filter((n) => /年|坚持/.test(n))).toEqual([]);
  });

  it('warns about a task without a clause, a wrong declared count and unbalanced brackets, with positions', () => {
    const doc = plan('实施以下3项重点任务。\n1. 甲。（牵头单位：县交通局）\n2. 乙（未闭合。\n');
    const rules = doc.diagnostics.map((d) => `${d.rule}@${d.line}`);
    expect(rules).toEqual(expect.arrayContaining(['missing-assignment@6', 'count-mismatch@4', 'unbalanced-brackets@6']));
  });
});

describe('text copied from a PDF', () => {
  // hard-wrapped lines, a page number between two tasks, and a numbered list of attachments
  const file = fixture('pdf-pasted-notice.txt');
  const text = readFileSync(file, 'utf8');
  const pasted = ingestText(text, { fileName: 'pdf-pasted-notice.txt' });

  it('keeps the attachment list out of the outline and the header intact', () => {
    expect(pasted).toMatchObject({ title: '某县城乡供水一体化实施方案', issuer: '某县人民政府办公室', date: '2024-03-01', docNumber: '某府办发〔2024〕9号' });
    expect(pasted.sections.map((s) => s.label)).toEqual(['一、', '1.', '2.']);
  });

  it('joins hard-wrapped lines and leaves page numbers out of the task text', () => {
    expect(pasted.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['县水利局'], ['县财政局']],
      ['2', ['县水利局'], ['县住房城乡建委', '各乡镇人民政府']],
    ]);
    expect(pasted.tasks[0].text).not.toContain('— 2 —');
    expect(pasted.targets).toContainEqual(expect.objectContaining({ metric: '农村自来水普及率', value: 95, comparator: '>=', year: 2025 }));
    expect(pasted.diagnostics).toEqual([]);
    expect(text).toContain('达到\n95%以上');
  });
});

describe('prose targets: the metric, not the words around it', () => {
  const doc = ingestText(
    [
      '某县实施方案',
      '一、发展基础',
      '城市建成区面积由2015年的52平方公里扩大到2020年的78平方公里。',
      '二、主要目标',
      '到2025年，具备条件的自然村(组)通硬化路比例达到100%，路基宽度原则上不低于6.5米，万元国内生产总值用水量较2020年下降16%左右。',
    ].join('\n'),
    { fileName: 'metrics.txt' },
  );
  it('keeps brackets inside the metric, drops hedges and base years, skips the background', () => {
    expect(doc.targets.map((t) => [t.metric, t.comparator, t.value, t.unit, t.year])).toEqual([
      ['具备条件的自然村(组)通硬化路比例', '=', 100, '%', 2025],
      ['路基宽度', '>=', 6.5, '米', 2025],
      ['万元国内生产总值用水量下降', '~', 16, '%', 2025],
    ]);
  });

  it('reads time limits, concentrations, bare 万/亿, quoted names and "down to" verbs (QA5)', () => {
    const more = ingestText(
      [
        '某区工作要点',
        '一、重点工作',
        '1.企业投资项目审批时限压缩至30个工作日以内，PM2.5平均浓度控制在30微克/立方米以内。',
        '2.新增国家级专精特新“小巨人”企业5家，标识注册量突破30亿。',
        '3.社会物流总费用占地区生产总值比率下降到13.5%，单位GDP能耗下降13.5%。',
      ].join('\n'),
      { fileName: 'more-targets.txt' },
    );
    expect(more.targets.map((t) => [t.metric, t.comparator, t.value, t.unit])).toEqual([
      ['企业投资项目审批时限', '<=', 30, '个工作日'],
      ['PM2.5平均浓度', '<=', 30, '微克/立方米'],
      ['新增国家级专精特新“小巨人”企业', '=', 5, '家'],
      ['标识注册量', '>', 30, '亿'],
      ['社会物流总费用占地区生产总值比率', '=', 13.5, '%'],
      ['单位GDP能耗下降', '=', 13.5, '%'],
    ]);
  });
});
