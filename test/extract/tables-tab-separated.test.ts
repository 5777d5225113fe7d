import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';

/**
 * Found while checking QA7 part C: a tab-separated indicator table (copied from Excel/WPS) with
 * one empty cell lost every row from that one on, silently — runs of tabs were one separator,
 * so the row had a cell fewer and ended the table.
 */
const plan = (table: string) => `某县养老服务体系建设实施方案

一、主要指标

${table}

二、重点任务

（一）推进居家养老。完善服务网络。（牵头单位：县民政局）
`;

describe('tab-separated tables', () => {
  it('an empty cell (two tabs in a row) is a cell: every row is read', () => {
    const doc = ingestText(
      plan(
        '序号\t指标\t单位\t2024年\t2027年\t属性\n1\t养老机构护理型床位占比\t%\t55\t≥65\t约束性\n2\t老年助餐服务点\t\t30\t50\t预期性\n3\t社区养老服务设施覆盖率\t%\t90\t100\t预期性',
      ),
      { fileName: 'tsv.txt' },
    );
    expect(doc.indicators.map((i) => [i.name, i.unit, i.baseline?.raw, i.target?.raw, i.attribute])).toEqual([
      ['养老机构护理型床位占比', '%', '55', '≥65', '约束性'],
      ['老年助餐服务点', null, '30', '50', '预期性'],
      ['社区养老服务设施覆盖率', '%', '90', '100', '预期性'],
    ]);
    expect(doc.diagnostics.filter((d) => d.rule === 'partial-table')).toEqual([]);
  });

  it('columns aligned with several tabs (Word) are still one separator', () => {
    const doc = ingestText(
      plan('序号\t\t指标\t\t\t单位\t2024年\t2027年\t属性\n1\t\t城镇化率\t\t\t%\t45\t50\t预期性\n2\t\t养老床位\t\t\t张\t300\t400\t预期性'),
      { fileName: 'word.txt' },
    );
    expect(doc.indicators.map((i) => [i.name, i.target?.raw])).toEqual([
      ['城镇化率', '50'],
      ['养老床位', '400'],
    ]);
  });

  it('a tab-separated row that does not fit the columns is not dropped silently', () => {
    const doc = ingestText(
      plan('序号\t指标\t单位\t2024年\t2027年\t属性\n1\t护理型床位占比\t%\t55\t≥65\t约束性\n2\t老年助餐服务点\t个\t30\t50\t预期性\n3\t设施覆盖率\t%\t90\t100'),
      { fileName: 'short-row.txt' },
    );
    expect(doc.indicators).toHaveLength(2);
    const partial = doc.diagnostics.filter((d) => d.rule === 'partial-table');
    expect(partial.map((d) => d.line)).toEqual([8]);
  });

  it('empty cells at the ends of a row (an empty 备注, a row without its 序号) are cells: the rows stay in the table', () => {
    // a sheet copied from Excel, or a .docx/.xlsx table converted: the tabs at the ends separate empty cells
    const doc = ingestText(
      '某县任务分工表\n\n序号\t重点任务\t牵头单位\t责任单位\t备注\n1\t新建社区食堂5个\t县民政局\t县财政局\t\n\t每个食堂配备适老化设施\t\t\t\n2\t改造老旧小区12个\t县住建局\t县财政局\t续建\n',
      { fileName: 'edges.txt' },
    );
    expect(doc.diagnostics.filter((d) => d.rule === 'partial-table')).toEqual([]);
    expect(doc.tasks.map((t) => [t.number, t.text, t.lead])).toEqual([
      ['1', '新建社区食堂5个 每个食堂配备适老化设施', ['县民政局']],
      ['2', '改造老旧小区12个', ['县住建局']],
    ]);
  });
});
