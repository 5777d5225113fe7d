/**
 * QA8 (user journey): responsibility sheets and the PDF text layout they share with the
 * comparison — units in 相关指标, indicator links through a generic tail, a unit carrying a
 * second name, `sheet` over several documents, `sheets` for a document that assigns no units,
 * line breaks inside names and labels.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { comparePlans } from '../../src/compare/compare.js';
import { renderComparisonPdf } from '../../src/compare/pdf.js';
import { ingestFile } from '../../src/ingest.js';
import { saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { breakLines } from '../../src/report/pdf/line-break.js';
import { renderSheet } from '../../src/report/sheet.js';
import { buildSheet, indicatorMatch } from '../../src/report/sheet-data.js';
import { writeSheets } from '../../src/report/sheets.js';
import { requireDepartment } from '../../src/select/departments.js';
import { runInProcess as run } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';
import { pdfText } from '../helpers/report.js';

const DATE = new Date(Date.UTC(2026, 0, 1));
const qa7 = (name: string) => fixture('qa7', name);

let chengyang: PolicyDocument; // 县商务委, indicators in 亿元 / %
let qichuan: PolicyDocument; // 县民政局, 每千名老年人拥有养老床位数（张）
let yuanning: PolicyDocument; // 市 level; task 三 is about 农村区域养老服务中心
let junyang: PolicyDocument; // 县财政局 and 县财政局（县国资中心）; 县政府办公室（县大数据局）
let chenglan: PolicyDocument; // a 纲要: tasks without units
let dataDir: string;

beforeAll(async () => {
  [chengyang, qichuan, yuanning, junyang, chenglan] = await Promise.all(
    [
      'chengyang-web-copy-notice-2025.txt',
      'qichuan-elderly-care-plan-2025.txt',
      'yuanning-elderly-care-plan-2025.txt',
      'junyang-2025-key-work-breakdown.txt',
      'chenglan-15th-five-year-outline.md',
    ].map((f) => ingestFile(qa7(f))),
  );
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'policy-qa8-sheets-'));
  for (const doc of [chengyang, qichuan, yuanning, junyang, chenglan]) await saveDocument(dataDir, doc);
});

/** Sheet of a department (as people write it) read back as text. */
async function sheetText(doc: PolicyDocument, query: string) {
  const data = buildSheet(doc, requireDepartment(query, doc.departments, doc.id));
  return { data, text: await pdfText((await renderSheet(data, { date: DATE })).bytes) };
}

describe('相关指标 carry the indicator’s unit', () => {
  it('names the unit of every related indicator that has one', async () => {
    for (const [doc, query] of [
      [qichuan, '民政局'],
      [yuanning, '民政局'],
      [chengyang, '商务委'],
    ] as const) {
      const { data, text } = await sheetText(doc, query);
      const links = data.tasks.flatMap((t) => t.indicators.map((l) => l.indicator));
      expect(links.length, `${doc.id} ${query}`).toBeGreaterThan(0);
      for (const i of links) {
        if (i.unit) expect(text.flat, i.name).toContain(`${i.name}（${i.unit}）`);
        else expect(text.flat).toContain(i.name);
      }
    }
    // the ones the report saw without their unit
    expect((await sheetText(qichuan, '民政局')).text.flat).toContain('每千名老年人拥有养老床位数（张）：');
  });
});

describe('a related indicator needs the task’s words, not only a generic tail', () => {
  it('does not link a tail the task gives another qualifier', () => {
    // 农村区域 vs 街道综合: another kind of centre
    expect(indicatorMatch('建设具备全托功能的农村区域养老服务中心。', '街道综合养老服务中心覆盖率')).toBeNull();
    // 物流业 vs 规模以上工业: the shared tail starts inside the task's word
    expect(indicatorMatch('到2025年物流业增加值达到12亿元。', '规模以上工业增加值增速')).toBeNull();
    // 家庭养老床位 is its own measure, not 每千名老年人…床位数
    expect(indicatorMatch('大力发展家庭养老床位。', '每千名老年人拥有养老床位数')).toBeNull();
    // still linked: the tail after a verb, a conjunction, punctuation, or a qualifier the indicator has
    expect(indicatorMatch('推动社区卫生服务中心与养老服务中心毗邻建设。', '街道综合养老服务中心覆盖率')).toBe('养老服务中心');
    expect(indicatorMatch('到2027年全县新增养老床位400张。', '每千名老年人拥有养老床位数')).toBe('养老床位');
    expect(indicatorMatch('每千名老年人养老床位数之比由1:3提高到1:2。', '每千名老年人拥有养老床位数')).toBe('养老床位');
    expect(indicatorMatch('推进工业数字化改造。', '规上工业企业数字化改造覆盖率')).toBe('业数字化改造');
    expect(indicatorMatch('实施县城污水处理厂扩建。', '县城生活污水处理率')).toBe('污水处理');
    // one occurrence with another qualifier does not hide a plain one elsewhere in the text
    expect(indicatorMatch('建设农村区域养老服务中心，推进养老服务中心连锁运营。', '街道综合养老服务中心覆盖率')).toBe('养老服务中心');
  });

  it('yuanning 三 (农村区域养老服务中心) is not given the street-level coverage rate', () => {
    const data = buildSheet(yuanning, requireDepartment('民政局', yuanning.departments, yuanning.id));
    const t3 = data.tasks.find((t) => t.task.label.includes('三'))!;
    expect(t3.task.text).toContain('农村区域养老服务中心');
    const names = t3.indicators.map((l) => l.indicator.name);
    expect(names).not.toContain('街道综合养老服务中心覆盖率');
    expect(names).toContain('每千名老年人拥有养老床位数');
  });
});

describe('a unit that carries a second name', () => {
  it('县财政局’s sheet holds the tasks led as 县财政局（县国资中心）, marked, as `tasks --dept` lists them', async () => {
    const { data, text } = await sheetText(junyang, '财政局');
    expect(data.department.name).toBe('县财政局');
    const listed = await run('tasks', '--dept', '财政局', '--doc', junyang.id, '--data', dataDir, '--json');
    expect(listed.code).toBe(0);
    const numbers = (JSON.parse(listed.out) as { number: string }[]).map((t) => t.number);
    expect(data.tasks.map((t) => t.task.number).sort()).toEqual([...numbers].sort());
    const carried = data.tasks.find((t) => t.task.lead.includes('县财政局（县国资中心）'))!;
    expect(carried.via).toBe('县财政局（县国资中心）');
    expect(carried.role).toBe('lead');
    expect(data.leadCount + data.responsibleCount).toBe(numbers.length);
    // the sheet says under which name it carries the task
    expect(text.flat).toContain('以“县财政局（县国资中心）”名义');
  });

  it('the second-name unit’s own sheet points to the main name’s', async () => {
    const { data, text } = await sheetText(junyang, '国资中心');
    expect(data.department.name).toBe('县财政局（县国资中心）');
    expect(text.flat).toContain('另见县财政局责任清单');
  });
});

describe('`policy sheet` over several documents', () => {
  it('writes one sheet in each document where the name resolves, and says which', async () => {
    const out = path.join(dataDir, 'several');
    const r = await run('sheet', '大数据局', '--data', dataDir, '--out', out + path.sep, '--date', '2026-01-01');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.length).toBe(2);
    for (const [doc, name] of [
      [junyang, '县政府办公室（县大数据局）'],
      [yuanning, '市大数据局'],
    ] as const) {
      const file = path.join(out, doc.id, `${name}责任清单.pdf`);
      expect(existsSync(file), file).toBe(true);
      expect(lines.some((l) => l.includes(file) && l.includes(doc.id))).toBe(true);
    }
    // the one document where the name resolves; one --out file cannot serve several
    const one = await run('sheet', '国资中心', '--data', dataDir, '--date', '2026-01-01');
    expect(one.code).toBe(0);
    expect(one.out.trim().split('\n')).toHaveLength(1);
    const single = path.join(dataDir, 'one.pdf');
    const refused = await run('sheet', '财政局', '--data', dataDir, '--out', single);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^policy: [^\n]*财政局[^\n]*--doc[^\n]*\n$/);
    expect(existsSync(single)).toBe(false);
  });
});

describe('`policy sheets` for a document that assigns no units', () => {
  it('writes no empty index and says why', async () => {
    expect(chenglan.tasks.length).toBeGreaterThan(0);
    const dir = path.join(dataDir, 'none');
    const index = await writeSheets(chenglan, dir, { date: DATE });
    expect(index.sheets).toEqual([]);
    expect(existsSync(path.join(dir, 'index.md'))).toBe(false);
    expect(existsSync(path.join(dir, 'index.json'))).toBe(false);

    const r = await run('sheets', '--data', dataDir, '--doc', chenglan.id, '--date', '2026-01-01');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^[^\n]*chenglan[^\n]*本文件的任务没有列出单位[^\n]*\n$/);
    expect(r.out).not.toMatch(/0 sheets/);
    expect(existsSync(path.join(dataDir, 'sheets', chenglan.id, 'index.md'))).toBe(false);
  });
});

describe('line breaks inside names and labels', () => {
  it('a label wider than its cell stays whole', () => {
    const measure = (s: string) => [...s].length * 10;
    expect(breakLines('（八）', 27, measure)).toEqual(['（八）']);
    expect(breakLines('（十二）', 30, measure)).toEqual(['（十二）']);
    // a long run is still cut to fit
    expect(breakLines('县人力资源和社会保障局', 50, measure).every((l) => measure(l) <= 50)).toBe(true);
  });

  it('the sheet’s unit columns break between names, and before a bracket rather than inside it', async () => {
    const { data, text } = await sheetText(junyang, '大数据局');
    const segments = text.segments.flat();
    const names = new Set(data.tasks.flatMap((t) => [...t.task.lead, ...t.task.responsible]));
    expect(names.has('县委宣传部（县网信办）')).toBe(true);
    expect(segments.some((s) => s.includes('（县网信办）'))).toBe(true);
    expect(segments.some((s) => /（县网信$/.test(s))).toBe(false);
    // every name of up to 10 characters is whole on one line of the table
    for (const name of names) {
      const plain = name.replace(/（[^）]*）$/, '');
      if ([...plain].length <= 10)
        expect(
          segments.some((s) => s.includes(plain)),
          name,
        ).toBe(true);
    }
  });

  it('the comparison’s 序号 column never splits （八）', async () => {
    const bytes = await renderComparisonPdf(comparePlans(qichuan, yuanning), qichuan, yuanning, { date: DATE });
    const segments = (await pdfText(bytes)).segments.flat();
    expect(segments.some((s) => s.trim() === '（')).toBe(false);
    expect(segments.some((s) => /^[一二三四五六七八九十]+）$/.test(s.trim()))).toBe(false);
  });
});
