/** Reports number tasks and sections as the document does: （三）, 第二节 …, not "三.". */
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/index.js';
import { headingText, taskHeading, taskLabel } from '../../src/model/headings.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { taskRows } from '../../src/report/export.js';
import { renderIndicators } from '../../src/report/indicators.js';
import { renderMatrix, sectionGroups } from '../../src/report/matrix.js';
import { PolicyPdf } from '../../src/report/pdf/document.js';
import { splitList } from '../../src/report/pdf/line-break.js';
import { renderSheet } from '../../src/report/sheet.js';
import { buildSheet } from '../../src/report/sheet-data.js';
import { requireDepartment } from '../../src/select/departments.js';
import { ingestFixture } from '../helpers/fixtures.js';
import { pdfText, squash, WUXI_FILE } from '../helpers/report.js';

const DATE = new Date(Date.UTC(2026, 0, 1));
let yichun: PolicyDocument; // tasks （一）…（七） under 二、重点工作
let yunchuan: PolicyDocument; // 第X章 / 第X节 / 1. tasks, indicators with 2025 and 2035 targets
let wuxi: PolicyDocument;

beforeAll(async () => {
  yichun = await ingestFixture('qa/yichun-forest-fire-notice-2025.txt');
  yunchuan = await ingestFixture('compare/yunchuan-urbanization-plan-2021-2035.txt');
  wuxi = await ingestFile(WUXI_FILE);
});

describe('labels', () => {
  it('joins label and title as Chinese documents do', () => {
    expect(headingText('（一）', '严格落实防火责任')).toBe('（一）严格落实防火责任');
    expect(headingText('一、', '总体要求')).toBe('一、总体要求');
    expect(headingText('第二节', '强化要素保障')).toBe('第二节 强化要素保障');
    expect(headingText('12.', '推进')).toBe('12. 推进');
    expect(headingText('', '推进')).toBe('推进');
  });

  it('labels tasks by their outline item', () => {
    expect(yichun.tasks.map((t) => taskLabel(t))).toEqual(['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）']);
    expect(taskHeading(yichun.tasks[2])).toBe('（三）开展隐患排查整治');
    expect(taskLabel(wuxi.tasks[0])).toBe('1.');
    // The bare "16 " the document forgot the period of still reads 16.
    expect(taskLabel(wuxi.tasks.find((t) => t.number === '16')!)).toBe('16.');
  });
});

describe('responsibility sheet headings', () => {
  it('numbers a task （一） when the document does, and names its section with its label', async () => {
    const dept = requireDepartment('林业局', yichun.departments, yichun.id);
    const text = await pdfText((await renderSheet(buildSheet(yichun, dept), { date: DATE })).bytes);
    expect(text.flat).toContain(squash('（二）加强野外火源管控（牵头）'));
    expect(text.flat).not.toMatch(/[一二三四五六七]\.(严格|加强|开展|提升|强化|推进)/);
    expect(text.flat).toContain(squash('所属：二、重点工作'));
    // the 任务一览 table numbers it the same way: （二）, not a bare 二
    const rows = text.segments[0].join('\n');
    expect(rows).toMatch(/^（二） 加强野外火源管控 牵头/m);
    expect(rows).not.toMatch(/^二 /m);
  });

  it('keeps 1. numbering and shows 第X节 sections with a space', async () => {
    const dept = requireDepartment('住建委', yunchuan.departments, yunchuan.id);
    const text = await pdfText((await renderSheet(buildSheet(yunchuan, dept), { date: DATE })).bytes);
    const segs = text.segments.flat().join('\n');
    expect(segs).toContain('4.2.3 扩大住房保障覆盖面');
    expect(segs).not.toContain('4.2.3.');
    expect(segs).toContain('所属：第二节 推进城镇基本公共服务均等化');
  });

  it('lists every target year of an indicator a task touches', async () => {
    const found = yunchuan.departments
      .map((d) => buildSheet(yunchuan, d))
      .find((data) => data.tasks.some((t) => t.indicators.some((l) => l.indicator.targets.length > 1)));
    expect(found).toBeDefined();
    const link = found!.tasks.flatMap((t) => t.indicators).find((l) => l.indicator.targets.length > 1)!;
    const text = await pdfText((await renderSheet(found!, { date: DATE })).bytes);
    for (const target of link.indicator.targets) expect(text.flat).toContain(squash(`${target.year}年目标${target.raw}`));
  });
});

describe('matrix section groups', () => {
  it('labels groups by title when their labels repeat (第一节 in every chapter)', () => {
    const groups = sectionGroups(yunchuan, yunchuan.tasks);
    expect(groups.length).toBeGreaterThan(10);
    for (const g of groups) expect(g.label).not.toMatch(/^第.节/);
    expect(groups.map((g) => g.label)).toContain('深化户籍制度改革');
  });

  it('keeps distinct labels: （一）…（八）', () => {
    const labels = sectionGroups(wuxi, wuxi.tasks).map((g) => g.label);
    expect(labels[0].startsWith('（一）')).toBe(true);
    expect(labels.at(-1)!.startsWith('（八）')).toBe(true);
  });

  it('prints those labels in the PDF', async () => {
    const text = await pdfText((await renderMatrix(yunchuan, { date: DATE })).bytes);
    expect(text.flat).not.toContain('第一节');
  });
});

describe('indicator sheet', () => {
  it('gives the name column room for the longest name when the values can spare it', async () => {
    const longest = yunchuan.indicators.map((i) => i.name).sort((a, b) => b.length - a.length)[0];
    expect(longest.length).toBeGreaterThanOrEqual(14);
    const text = await pdfText((await renderIndicators(yunchuan, { date: DATE })).bytes);
    expect(text.segments.flat().some((s) => s.includes(longest))).toBe(true);
  });

  it('keeps a long unit on one line and says which target year the chart shows', async () => {
    const doc = await ingestFixture('shapes/municipal-plan-chapters.txt');
    const unit = doc.indicators.map((i) => i.unit ?? '').find((u) => u.length >= 6);
    expect(unit).toBeDefined();
    expect(new Set(doc.indicators.flatMap((i) => i.targets.map((t) => t.year))).size).toBeGreaterThan(1);
    const text = await pdfText((await renderIndicators(doc, { date: DATE })).bytes);
    expect(text.segments.flat().some((s) => s.includes(unit!))).toBe(true);
    expect(text.flat).toContain(`${doc.indicators[0].target!.year}年目标（★约束性）`);
  });
});

describe('mentions in an 办法 of articles', () => {
  it('are placed by article label (第十四条), even when the article is one short sentence', async () => {
    const doc = await ingestFixture('shapes/article-style.txt');
    const data = buildSheet(doc, requireDepartment('发改委', doc.departments, doc.id));
    expect(data.mentions.length).toBeGreaterThan(3);
    for (const m of data.mentions) expect(m.where).toMatch(/^第[一二三四五六七八九十百]+条$/);
  });
});

describe('unit lists in tables', () => {
  it('splits a 、 list between names, never inside one (各县（市、区）人民政府 is one name)', () => {
    const pdf = new PolicyPdf({ date: DATE });
    const list = '县交通局、县文化旅游委、县城市管理局、县创建服务中心、各县（市、区）人民政府、县规划自然资源局';
    const names = list.split(/、(?![^（]*）)/);
    for (const width of [40, 60, 110, 130, 160]) {
      const lines = pdf.wrapList(list, width, 'sans', 9.5);
      expect(lines.join('')).toBe(list);
      for (const line of lines) expect(pdf.textWidth(line.replace(/、$/, ''), 'sans', 9.5)).toBeLessThanOrEqual(width + 0.01);
      // Where the longest name fits on a line, every line holds whole names.
      if (width >= 105) for (const line of lines) for (const name of line.split(/、(?![^（]*）)/).filter(Boolean)) expect(names).toContain(name);
    }
    expect(splitList('市林业局、各县（市、区）人民政府')).toEqual(['市林业局、', '各县（市、区）人民政府']);
    // A name wider than the column breaks after its bracket, not before its last character.
    const narrow = pdf.textWidth('各县（市、区）人民政', 'sans', 9.5);
    expect(pdf.wrapList('市林业局、各县（市、区）人民政府', narrow, 'sans', 9.5)).toEqual(['市林业局、', '各县（市、区）', '人民政府']);
  });

  it('keeps the names whole in the task table of a sheet', async () => {
    const dept = requireDepartment('规划自然资源局', wuxi.departments, wuxi.id);
    const data = buildSheet(wuxi, dept);
    const text = await pdfText((await renderSheet(data, { date: DATE })).bytes);
    const page1 = text.segments[0].join('\n');
    const onPage1 = data.tasks.filter((t) => page1.includes(t.task.title));
    expect(onPage1.length).toBeGreaterThan(3);
    for (const t of onPage1) {
      for (const name of [...t.task.lead, ...t.task.responsible].filter((n) => n !== dept.name)) expect(page1, name).toContain(name);
    }
    // the department's own place in each row reads 本单位, once per task in the table
    expect(page1.split('本单位').length - page1.split('本单位角色').length).toBeGreaterThanOrEqual(onPage1.length);
  });
});

describe('keeping labels with what they label', () => {
  it('never leaves 量化目标 / 相关指标 at the foot of a page without its first item', async () => {
    const docs = [await ingestFixture('shapes/halfwidth-punctuation.txt'), yunchuan, wuxi];
    let labels = 0;
    for (const doc of docs) {
      for (const dept of doc.departments) {
        const data = buildSheet(doc, dept);
        if (!data.tasks.some((t) => t.targets.length > 0 || t.indicators.length > 0)) continue;
        const text = await pdfText((await renderSheet(data, { date: DATE })).bytes);
        for (const page of text.segments) {
          page.forEach((seg, i) => {
            if (seg.trim() !== '量化目标' && seg.trim() !== '相关指标') return;
            labels++;
            expect(page[i + 1]?.trim().startsWith('•'), `${doc.id} ${dept.name}: ${seg} then ${page[i + 1]}`).toBe(true);
          });
        }
      }
    }
    expect(labels).toBeGreaterThan(20);
  });
});

describe('task table (export)', () => {
  it('names each task’s section unambiguously and as written', () => {
    const rows = taskRows(yunchuan);
    expect(rows[0][0]).toBe('第三章第一节 构建“一主两副多节点”城镇空间结构');
    expect(new Set(rows.map((r) => r[0])).size).toBe(new Set(yunchuan.tasks.map((t) => t.section)).size);
    expect(taskRows(wuxi)[0][0]).toBe('（一）积极构建城镇化空间格局');
    expect(taskRows(yichun)[0][0]).toBe('二、重点工作');
  });
});
