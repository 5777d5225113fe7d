import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile, ingestText } from '../../src/ingest.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * QA9 part B: a 任务分工方案 whose table is laid out one cell per line (a Word copy), columns
 * 序号 / 重点任务 / 牵头单位 / 参与单位 / 完成时限, task cells wrapped over 1–3 lines and unit
 * cells over 2 (the first line ending in 、). Each row is a task.
 */
const FIXTURE = fixture('qa9/hunan-cold-chain-task-division.txt');

const rowsOf = (doc: Awaited<ReturnType<typeof ingestFile>>) => doc.tasks.map((t) => [t.number, t.lead, t.responsible, t.deadline]);

// 长沙市、怀化市、岳阳市人民政府: each place takes the unit written once after the list; 湖南省市场监督管理局 folds into 省市场监管局
const EXPECTED_ROWS = [
  [
    '1',
    ['省发展改革委'],
    ['省财政厅', '省交通运输厅', '省商务厅', '省农业农村厅', '省自然资源厅', '长沙市人民政府', '怀化市人民政府', '岳阳市人民政府'],
    '2027年底前',
  ],
  ['2', ['省农业农村厅'], ['省发展改革委', '省财政厅', '省商务厅', '省供销合作总社', '各市（州）人民政府'], '2027年底前'],
  ['3', ['省交通运输厅', '省发展改革委'], ['中国铁路广州局集团有限公司', '省公安厅', '省商务厅', '各市（州）人民政府'], '持续推进'],
  ['4', ['省商务厅'], ['省交通运输厅', '省公安厅', '省自然资源厅', '省住房城乡建设厅', '各市（州）人民政府'], '2026年底前'],
  ['5', ['省工业和信息化厅'], ['省交通运输厅', '省商务厅', '省数据局'], '2027年底前'],
  ['6', ['省市场监管局'], ['省工业和信息化厅', '省商务厅', '省农业农村厅'], '2026年底前'],
  ['7', ['省市场监管局'], ['省卫生健康委', '省商务厅', '长沙海关', '各市（州）人民政府'], '持续推进'],
  ['8', ['长沙海关'], ['人民银行湖南省分行', '省商务厅', '国家外汇管理局湖南省分局'], '2025年底前'],
  ['9', ['省能源局'], ['省发展改革委', '省工业和信息化厅', '国网湖南省电力有限公司'], '2027年底前'],
  ['10', ['人民银行湖南省分行'], ['国家金融监督管理总局湖南监管局', '省发展改革委', '省财政厅', '省委金融办', '各银行机构'], '持续推进'],
  ['11', ['省发展改革委'], ['省市场监管局', '省交通运输厅', '中国铁路广州局集团有限公司长沙办事处'], '2025年底前'],
  ['12', ['省教育厅'], ['省人力资源社会保障厅', '省商务厅', '省直有关部门'], '持续推进'],
];

/** The fixture's table region (header to last row), and the text around it. */
function tableParts() {
  const text = readFileSync(FIXTURE, 'utf8');
  const lines = text.split('\n');
  const from = lines.indexOf('序号');
  const to = lines.lastIndexOf('持续推进');
  return { before: lines.slice(0, from), table: lines.slice(from, to + 1), after: lines.slice(to + 1) };
}

describe('QA9: a 分工表 one cell per line, cells wrapped over lines', () => {
  it('the fixture: 12 rows become 12 tasks with lead, responsible units and deadline', async () => {
    const doc = await ingestFile(FIXTURE);
    expect(rowsOf(doc)).toEqual(EXPECTED_ROWS);
    // title = first sentence of the task cell, text = the cell joined over its lines
    expect(doc.tasks[0].title).toBe('布局建设国家骨干冷链物流基地');
    expect(doc.tasks[0].text).toBe(
      '布局建设国家骨干冷链物流基地。争取长沙、怀化、岳阳等地纳入国家骨干冷链物流基地建设名单，积极争取中央预算内投资支持基地公共性设施建设，推动基地与产地冷链设施、城市冷链配送网络有效衔接。',
    );
    // no cell glued to the next row's (PDF re-join)
    expect(doc.tasks[10].text).toBe('规范冷链物流收费行为。清理规范冷库、铁路场站等环节不合理收费，公示收费目录清单。');
    expect(doc.tasks.every((t) => !/\d{4}年底前|持续推进/.test(t.text))).toBe(true);
    // the （牵头） in a cell is no clause: no empty-assignment, no partial-table
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('empty-assignment');
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('partial-table');
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('unclear-table-row');
  });

  it('（牵头） in a 牵头单位 cell is a role mark, not part of the name; 牵头 makes the unit lead', () => {
    const doc = ingestText(
      `某县交通物流任务分工方案

一、重点任务分工

序号\t重点任务\t牵头单位\t配合单位
1\t推进干线运输衔接。完善换装设施。\t县交通运输局（牵头）、县发展改革局\t县公安局
2\t优化配送网络。建设配送中心。\t县商务局\t县财政局（牵头）、县住房城乡建设局（配合）
`,
      { fileName: 'marks.txt' },
    );
    expect(doc.tasks.map((t) => t.assignments.map((a) => [a.role, a.raw]))).toEqual([
      [
        ['lead', '县交通运输局'],
        ['lead', '县发展改革局'],
        ['responsible', '县公安局'],
      ],
      [
        ['lead', '县商务局'],
        ['lead', '县财政局'],
        ['responsible', '县住房城乡建设局'],
      ],
    ]);
    expect(doc.departments.map((d) => d.name).some((n) => /[（(]/.test(n))).toBe(false);
  });

  it('a bare row number of a table not read as one is never joined to the line before', () => {
    // columns no 分工表 names: the lines stay paragraphs, and the long cell line keeps to itself
    const doc = ingestText(
      `某县冷链物流工作安排

一、工作安排

序号
事项
经办
1
清理不合理收费
县发展改革局、县市场监管局、县交通运输局、县商务局、县农业农村局、县财政局
2
开展技能培训
县教育局、县人力资源社会保障局、县商务局、县农业农村局、县财政局、县总工会
`,
      { fileName: 'numbers.txt' },
    );
    const texts = doc.paragraphs.map((p) => p.text);
    expect(texts).toContain('2');
    expect(texts.some((t) => /局\d/.test(t))).toBe(false);
  });

  it('every cell on one line, no indentation: the same 12 tasks', () => {
    const { before, table, after } = tableParts();
    // each wrapped cell on one line: a task cell runs to its 。, a unit cell past lines ending in 、
    const joined = table.slice(0, 5);
    let cells: string[] = [];
    let cur = '';
    for (const l of table.slice(5)) {
      if (/^\d{1,2}$/.test(l) && !cur) {
        joined.push(...cells, l);
        cells = [];
        continue;
      }
      cur += l;
      if (cells.length === 0 ? /。$/.test(l) : !/[、，]$/.test(l)) cells.push(cur), (cur = '');
    }
    joined.push(...cells);
    expect(joined.length).toBe(5 + 12 * 5);
    const doc = ingestText([...before, ...joined, ...after].join('\n'), { fileName: 'one-line.txt' });
    expect(rowsOf(doc)).toEqual(EXPECTED_ROWS);
  });

  it('tab-indented, rows apart by blank lines, cells wrapped: the same 12 tasks, nothing shifted', () => {
    const { before, table, after } = tableParts();
    const out: string[] = [];
    for (const l of table) {
      if (/^\d{1,2}$/.test(l)) out.push('');
      out.push('\t' + l);
    }
    const doc = ingestText([...before, ...out, '', ...after].join('\n'), { fileName: 'tabbed.txt' });
    expect(rowsOf(doc)).toEqual(EXPECTED_ROWS);
  });

  it('a row whose lines cannot be assigned to the columns is warned about, its units not guessed', () => {
    const doc = ingestText(
      `某县冷链物流任务分工方案

一、重点任务分工

序号
重点任务
牵头单位
责任单位
完成时限
1
建设县级冷链物流中心。完善冷库设施。
县发展改革局
县财政局、县商务局
2025年底前
2
完善乡镇冷链配送网点
县商务局
县交通运输局
县农业农村局
持续推进
`,
      { fileName: 'unclear.txt' },
    );
    expect(doc.tasks[0]).toMatchObject({ number: '1', lead: ['县发展改革局'], responsible: ['县财政局', '县商务局'], deadline: '2025年底前' });
    const unclear = doc.diagnostics.filter((d) => d.rule === 'unclear-table-row');
    expect(unclear).toHaveLength(1);
    expect(unclear[0].line).toBe(16);
    // row 2 keeps its text, with no unit taken from a guess
    expect(doc.tasks[1].text).toContain('完善乡镇冷链配送网点');
    expect(doc.tasks[1].lead).toEqual([]);
  });

  it('a PDF hard-wrapped paragraph before the table does not swallow a row number; the table is read', () => {
    // a long unit line (≥ 28 characters, no 。) right before the next row's 序号
    const doc = ingestText(
      `某市冷链物流任务分工方案

一、重点任务分工

序号
重点任务
牵头单位
配合单位
完成时限
1
规范冷链物流收费行为。清理规范冷库、铁路场站等环节不合理收费。
市发展改革委
市市场监管局、市交通运输局、中国铁路广州局集团有限公司长沙办事处
2025年底前
2
加强冷链物流人才培养。支持职业院校开设冷链物流相关专业。
市教育局
市人力资源社会保障局、市商务局、市直有关部门、各区县人民政府
持续推进
`,
      { fileName: 'long-units.txt' },
    );
    expect(doc.tasks.map((t) => [t.number, t.lead, t.deadline])).toEqual([
      ['1', ['市发展改革委'], '2025年底前'],
      ['2', ['市教育局'], '持续推进'],
    ]);
    expect(doc.tasks[0].responsible).toContain('中国铁路广州局集团有限公司长沙办事处');
  });
});
