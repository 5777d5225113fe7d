import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile, ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { writeSheets } from '../../src/report/sheets.js';
import { resolveDepartment, unitsMeant } from '../../src/select/departments.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * QA7, the department directory: a unit that carries a second name (县政府办公室（县大数据局）),
 * kinds of bracketed names, and units read from prose that a place name cuts
 * (江屿省商务厅 → 省商务厅). Expectations from test/fixtures/qa7/EXPECTED.notes, parts A and B.
 */
const JUNYANG = fixture('qa7/junyang-2025-key-work-breakdown.txt');
const CHENGYANG = fixture('qa7/chengyang-web-copy-notice-2025.txt');
const dept = (doc: PolicyDocument, name: string) => doc.departments.find((d) => d.name === name);
const found = (doc: PolicyDocument, query: string) => {
  const r = resolveDepartment(query, doc.departments);
  return r.status === 'found' ? r.department.name : r.status;
};
/** Numbers of the tasks a user asking for `query` gets: the unit found and those carrying its name. */
const tasksOf = (doc: PolicyDocument, query: string) => {
  const names = unitsMeant(query, doc.departments).map((d) => d.name);
  return doc.tasks.filter((t) => [...t.lead, ...t.responsible].some((n) => names.includes(n))).map((t) => t.number);
};

describe('a unit with a second name in brackets (县政府办公室（县大数据局）)', () => {
  it('the bracketed name is an alias of the unit that carries it, not a department of its own', async () => {
    const doc = await ingestFile(JUNYANG);
    expect(doc.departments.map((d) => d.name)).not.toContain('县大数据局');
    const office = dept(doc, '县政府办公室（县大数据局）')!;
    expect(office.lead).toEqual(['5', '13', '16']);
    expect(office.aliases).toContain('县大数据局');
    expect(dept(doc, '县委宣传部（县网信办）')!.aliases).toContain('县网信办');
    expect(dept(doc, '县委组织部（县委编办）')!.aliases).toContain('县委编办');
    // what `sheet 大数据局` and `tasks --dept 大数据局` resolve
    for (const q of ['大数据局', '县大数据局', '大数据发展局']) expect(found(doc, q)).toBe('县政府办公室（县大数据局）');
    expect(tasksOf(doc, '大数据局')).toEqual(['5', '13', '16']);
  });

  it('a clause unit inside a longer assigned name makes no department (县财政局 of 县财政局（县国资中心）)', () => {
    const doc = ingestText(
      '某县国资国企改革工作方案\n\n一、重点任务\n1.深化国资国企改革。推进县属国有企业整合重组。（牵头单位：县财政局（县国资中心）；责任单位：县审计局）\n2.加强国有资产监管。完善国有资产监管制度。（牵头单位：县财政局（县国资中心）；责任单位：县发展改革委（县粮食和物资储备局））\n',
      { fileName: 'guozi.txt' },
    );
    expect(doc.departments.map((d) => d.name).sort()).toEqual(['县发展改革委（县粮食和物资储备局）', '县审计局', '县财政局（县国资中心）'].sort());
    expect(found(doc, '财政局')).toBe('县财政局（县国资中心）');
    expect(found(doc, '发改委')).toBe('县发展改革委（县粮食和物资储备局）');
    // the second name is found in prose too: a mention of the unit, not a new one
    const prose = ingestText(
      '某县数字政府建设方案\n\n一、重点任务\n1.建设数据共享平台。完成政务数据归集。（牵头单位：县政府办公室（县大数据局）；责任单位：县财政局）\n二、保障措施\n各单位每季度向县大数据局报送进展情况。\n',
      { fileName: 'shuzi.txt' },
    );
    expect(prose.departments.map((d) => d.name)).toEqual(['县政府办公室（县大数据局）', '县财政局']);
    expect(dept(prose, '县政府办公室（县大数据局）')!.mentions.map((m) => m.raw)).toEqual(['县大数据局']);
  });

  it('`--dept 财政局` means 县财政局 and the unit whose main name it is (县财政局（县国资中心）, task 14)', async () => {
    const doc = await ingestFile(JUNYANG);
    expect(found(doc, '财政局')).toBe('县财政局');
    expect(unitsMeant('财政局', doc.departments).map((d) => d.name)).toEqual(['县财政局', '县财政局（县国资中心）']);
    expect(tasksOf(doc, '财政局')).toEqual(expect.arrayContaining(['1', '6', '11', '14', '15', '18']));
    // the full name still means the one unit
    expect(unitsMeant('县财政局（县国资中心）', doc.departments).map((d) => d.name)).toEqual(['县财政局（县国资中心）']);
    expect(tasksOf(doc, '国资中心')).toEqual(['14']);
  });

  it('the kind of a bracketed name is the kind of its main name', async () => {
    const doc = await ingestFile(JUNYANG);
    const kind = (name: string) => dept(doc, name)?.kind;
    expect(kind('县政府办公室（县大数据局）')).toBe('department');
    expect(kind('县财政局（县国资中心）')).toBe('department');
    expect(kind('县委宣传部（县网信办）')).toBe('party');
    expect(kind('县委组织部（县委编办）')).toBe('party');
    expect(kind('各乡镇（街道）')).toBe('township');
    expect(kind('县农商银行')).toBe('bank');
    expect(kind('中国电信钧阳分公司')).toBe('enterprise');
    const other = ingestText(
      '某县医共体建设方案\n\n一、重点任务\n1.组建县域医共体。整合县乡医疗资源。（牵头单位：县卫生健康委；责任单位：县人民医院（医共体总院）、县城投（集团）、有关乡镇（街道））\n',
      { fileName: 'yigongti.txt' },
    );
    expect(other.departments.map((d) => [d.name, d.kind])).toEqual([
      ['县卫生健康委', 'department'],
      ['县人民医院（医共体总院）', 'agency'],
      ['县城投（集团）', 'enterprise'],
      ['有关乡镇（街道）', 'township'],
    ]);
  });
});

describe('units read from prose', () => {
  it('a unit name cut from a longer place name (江屿省商务厅 → 省商务厅) is no department', async () => {
    const doc = await ingestFile(CHENGYANG);
    expect(doc.departments.flatMap((d) => [d.name, ...d.aliases])).not.toContain('省商务厅');
    expect(dept(doc, '县商务委')!.lead).toEqual(['1', '2', '7', '8']);
    // the same in the body of a plan with clauses: the units after 送/由 are mentions, the place-glued one nothing
    const plan = ingestText(
      '澄阳县县域商业体系建设实施方案\n\n一、重点任务\n1.改造提升县城商业中心。推动步行街改造提升。（牵头单位：县商务委；责任单位：县财政局）\n二、保障措施\n各乡镇每季度将推进情况报送县商务委，由县商务委汇总后报江屿省商务厅。\n',
      { fileName: 'shangye.txt' },
    );
    expect(plan.departments.map((d) => d.name)).toEqual(['县商务委', '县财政局']);
    expect(dept(plan, '县商务委')!.mentions).toHaveLength(2);
  });

  it('in a document without clauses: units after 由/会同/向/报送 are found, units glued to a place name are not cut', () => {
    const doc = ingestText(
      '湖川市重点项目资金管理办法\n\n第一条 为规范市级重点项目资金管理，制定本办法。\n第二条 市发展改革委会同市财政局负责项目资金的统筹安排。\n第三条 项目单位应于每年1月底前向市审计局报送上年度资金使用情况。\n第四条 省级补助资金按照江屿省财政厅有关规定执行，年度计划报送省发展改革委备案。\n第五条 本办法由市发展改革委负责解释。\n',
      { fileName: 'banfa.txt' },
    );
    const names = doc.departments.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['市发展改革委', '市财政局', '市审计局', '省发展改革委']));
    expect(names).not.toContain('省财政厅');
  });
});

describe('responsibility sheets', () => {
  it('`sheets` writes no sheet for a unit with no task and no mention (nothing to print)', async () => {
    const doc = await ingestFile(CHENGYANG);
    // a unit the directory keeps although it carries nothing (e.g. from a clause the parser could not read)
    doc.departments.push({ name: '县统计局', aliases: [], kind: 'department', lead: [], responsible: [], mentions: [] });
    const dir = await mkdtemp(path.join(tmpdir(), 'qa7-sheets-'));
    try {
      const index = await writeSheets(doc, dir, { date: new Date('2025-07-01') });
      expect(index.sheets.map((s) => s.department)).not.toContain('县统计局');
      expect(
        index.sheets.every((s) => s.lead.length + s.responsible.length > 0 || doc.departments.find((d) => d.name === s.department)!.mentions.length > 0),
      ).toBe(true);
      expect(await readdir(dir)).not.toContain('县统计局责任清单.pdf');
      expect(index.sheets.map((s) => s.department)).toContain('县商务委');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
