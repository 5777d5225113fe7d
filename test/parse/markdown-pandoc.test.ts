import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import { ingestFixture } from '../helpers/fixtures.js';

/**
 * QA9 part A: Markdown as pandoc writes it from a Word file (<br> in pipe cells, footnotes,
 * grid and simple tables, a heading typed bold, a recipients line ending in a `\` break).
 * Expectations from test/fixtures/qa9/EXPECTED.notes.
 */
const chengtang = () => ingestFixture('qa9/chengtang-plan-from-word.md');
const md = (text: string) => ingestText(text, { fileName: 'x.md' });

describe('QA9 Markdown from pandoc', () => {
  it('<br> in a pipe-table cell is a line break: the units of a cell are no longer glued', async () => {
    const doc = await chengtang();
    const rows = doc.paragraphs.filter((p) => p.task !== null && p.text.includes(' | '));
    expect(rows).toHaveLength(9);
    expect(rows[0].text).toBe('1 | 壮大茶叶和稻虾主导产业 | 镇农业服务中心\n镇经济发展办\n各村（社区） | 2026年10月底前');
    expect(doc.departments.map((d) => d.name).filter((n) => /中心镇|办镇|所镇/.test(n))).toEqual([]);
  });

  it('<br/> and <br /> are line breaks too; other inline html keeps its text', () => {
    const doc = md(
      [
        '# 某县2026年营商环境优化工作方案',
        '',
        '## 一、重点任务',
        '',
        '1\\. 压缩审批时限。全面推行<u>容缺受理</u>。（责任单位：县行政审批局、县市场监管局）',
        '',
        '2\\. 提升办税便利度。推广非接触式办税。（责任单位：县税务局）',
        '',
        '附件：重点任务分工表',
        '',
        '| 序号 | 重点任务 | 责任单位 |',
        '|---|---|---|',
        '| 1 | 压缩审批时限 | 县行政审批局<br/>县市场监管局 |',
        '| 2 | 提升办税便利度 | 县税务局<br />县财政局 |',
        '',
      ].join('\n'),
    );
    const rows = doc.paragraphs.filter((p) => p.text.includes(' | '));
    expect(rows.map((p) => p.text.split(' | ')[2])).toEqual(['责任单位', '县行政审批局\n县市场监管局', '县税务局\n县财政局']);
    expect(doc.tasks[0].title).toBe('压缩审批时限');
    expect(doc.paragraphs.some((p) => p.text.includes('全面推行容缺受理'))).toBe(true);
  });

  it('footnotes: markers glue into no word, a definition read as a link definition is kept', async () => {
    const doc = await chengtang();
    const all = doc.paragraphs.map((p) => p.text).join('\n');
    expect(all).toContain('规划保留村以《临溪县村庄布局规划（2021—2035年）》确定的名单为准');
    expect(doc.references.map((r) => r.title)).toContain('临溪县村庄布局规划（2021—2035年）');
    const t22 = doc.paragraphs.find((p) => p.task === '2.2')!;
    expect(t22.text).toContain('生活污水治理全覆盖。');
    expect(doc.paragraphs.find((p) => p.text.startsWith('为深入贯彻'))?.text).toContain('部署要求，加快');
    // the definitions are no part of a task or of the 附件 table
    expect(doc.paragraphs.filter((p) => p.text.includes('确定的名单为准')).every((p) => p.task === null)).toBe(true);
  });

  it('a footnote definition without a space after the colon is no silent link definition', () => {
    const doc = md(
      ['# 某镇工作方案', '', '## 一、主要任务', '', '（一）推进道路硬化[^a]。（责任单位：镇交通办）', '', '[^a]:按《某县农村公路建设规划》执行。', ''].join(
        '\n',
      ),
    );
    expect(doc.paragraphs.map((p) => p.text).join('\n')).toContain('按《某县农村公路建设规划》执行。');
    expect(doc.paragraphs.find((p) => p.task)?.text).toContain('推进道路硬化。');
  });

  it('a pandoc grid table is a table: 4 indicators, header cells on two lines joined', async () => {
    const doc = await chengtang();
    expect(doc.indicators.map((i) => i.name.replace(/(?:（[^）]*）)?\*$/, ''))).toEqual([
      '县级和美乡村示范村',
      '卫生厕所普及率',
      '生活污水治理率',
      '村级集体经济经营性收入最低值',
    ]);
    expect(doc.paragraphs.some((p) => p.text.includes('+---'))).toBe(false);
  });

  it('a grid table of units (no indicators) gives one paragraph a row, with positions', () => {
    const text = [
      '# 某县工作方案',
      '',
      '## 一、职责分工',
      '',
      '+------+------------------+',
      '| 序号 | 责任单位         |',
      '+======+==================+',
      '| 1    | 县发展改革局     |',
      '+------+------------------+',
      '| 2    | 县财政局         |',
      '+------+------------------+',
      '',
    ].join('\n');
    const doc = md(text);
    const rows = doc.paragraphs.filter((p) => p.text.includes(' | '));
    expect(rows.map((p) => p.text)).toEqual(['序号 | 责任单位', '1 | 县发展改革局', '2 | 县财政局']);
    expect(text.slice(rows[2].position.start.offset, rows[2].position.end.offset)).toMatch(/^2 .*县财政局$/);
  });

  it('a bold-only 二、 after a ## 一、 heading is its sibling, not its child', async () => {
    const doc = await chengtang();
    expect(doc.sections.filter((s) => s.label.endsWith('、')).map((s) => [s.id, s.title])).toEqual([
      ['s1', '总体目标'],
      ['s2', '重点任务'],
      ['s3', '保障措施'],
    ]);
    expect(doc.tasks[0].sectionPath[0]).toBe('重点任务');
    expect(doc.diagnostics.filter((d) => d.rule === 'numbering-gap')).toEqual([]);
  });

  it("recipients line ending with a `\\` hard break: read from the paragraph's first line", async () => {
    const doc = await chengtang();
    expect(doc.recipients).toBe('各村（社区）党组织、村（居）委会，镇级各部门、各站所');
    const body = doc.paragraphs.find((p) => p.text.includes('现将《澄塘镇'));
    expect(body?.text.startsWith('各村')).toBe(false);
  });

  it('a pandoc simple table (indented header, dashes row) is a table, one paragraph a row', async () => {
    const doc = await chengtang();
    const rows = doc.paragraphs.filter((p) => p.section === doc.tasks.find((t) => t.number === '2.3')?.outlineId && p.text.includes(' | '));
    expect(rows.map((p) => p.text.split(' | ')[0])).toEqual(['序号', '1', '2', '3']);
    expect(rows[1].text).toBe('1 | 古渡村污水管网延伸工程 | 古渡村 | 180 | 镇农业服务中心');
    expect(doc.tasks.find((t) => t.number === '2.3')?.responsible).toEqual(expect.arrayContaining(['镇规划建设办', '镇财政所']));
    expect(doc.tasks.find((t) => t.number === '2.3')?.responsible).not.toContain('镇综合执法队');
  });
});

describe('QA9: units in a table cell one a line (<br>)', () => {
  it('are separate units, not one name with line breaks in it', async () => {
    const doc = await ingestFixture('qa9/chengtang-plan-from-word.md');
    expect(doc.departments.filter((d) => /\n/.test(d.name))).toEqual([]);
    expect(doc.tasks.find((t) => t.number === '1.1')?.responsible).toEqual(['镇农业服务中心', '镇经济发展办', '各村（社区）']);
  });
});
