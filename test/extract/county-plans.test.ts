import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';
import { taskColumnKind } from '../../src/parse/text-tables.js';

/**
 * County, district and township plans and notices in the shapes their sites give them (fixtures
 * in test/fixtures/real-shapes, our own words): tables with a column of leaders, tasks given one
 * field a line, joint signatures, page chrome.
 */
const F = (name: string) => `test/fixtures/real-shapes/${name}.txt`;
type Doc = Awaited<ReturnType<typeof ingestFile>>;
const rows = (doc: Doc) => doc.tasks.map((t) => [t.number, t.lead, t.responsible]);

describe('county task tables', () => {
  it('a task column named 具体工作任务和要求 (two names joined by 和) is the task column', () => {
    expect(taskColumnKind('具体工作任务和要求')).toBe('task');
    expect(taskColumnKind('目标任务及措施')).toBe('task');
    expect(taskColumnKind('落实情况')).toBe('text');
  });

  it('a pipe table with a 责任领导 column of people: units from 责任单位 only, two units set apart by a space', async () => {
    const doc = await ingestFile(F('county-pipe-table-leader-column'));
    expect(rows(doc)).toEqual([
      ['1', [], ['县教育体育局', '各相关乡镇政府']],
      ['2', [], ['县卫生健康委']],
      ['3', [], ['县水利局', '各相关乡镇政府']],
    ]);
    expect(doc.tasks[0].title).toContain('新建城东小学教学楼');
    // the leader is no unit, and the progress column is not the task's text
    expect(doc.tasks.flatMap((t) => [...t.lead, ...t.responsible])).not.toContain('王明');
    expect(doc.tasks[1].text).not.toContain('主体封顶');
  });
});

describe('clauses cut by the end of an excerpt', () => {
  it('a 责任单位 line cut after its level word (责任单位：县) names no unit', async () => {
    const doc = await ingestFile(F('county-indicators-cut-label-line'));
    expect(rows(doc)).toEqual([
      ['一', [], ['县发展和改革局']],
      ['二', [], ['县财政局', '县税务局']],
      ['三', [], []],
    ]);
    expect(doc.departments.some((d) => d.name === '县')).toBe(false);
  });
});

describe('county notices', () => {
  it('a joint notice title without 关于 followed by its 文号 on the same line (…的通知 青发〔2025〕2 号): title, 文号 and both issuers', async () => {
    const doc = await ingestFile(F('county-joint-notice-number-after-title'));
    expect(doc).toMatchObject({
      title: '关于加快发展县域特色产业的实施意见',
      noticeTitle: '中共青溪县委青溪县人民政府印发《关于加快发展县域特色产业的实施意见》的通知',
      issuer: '中共青溪县委、青溪县人民政府',
      docNumber: '青发〔2025〕2号',
      date: '2025-04-08',
    });
    expect(rows(doc)).toEqual([['1', [], ['县农业农村局', '各乡镇']]]);
  });
});

describe('a notice with points of its own, then its plan as 附件1, its items grouped by their lead', () => {
  it("附件1 between the notice's closing block and the plan's title; headings 县农业农村局牵头工作（3项） and 由县住建局牵头的任务 give the lead of the items under them", async () => {
    const doc = await ingestFile(F('notice-points-list-by-lead'));
    expect(doc).toMatchObject({ title: '2025年县政府工作报告任务清单', issuer: '某县人民政府办公室', date: '2025-03-12' });
    expect(rows(doc)).toEqual([
      ['1.1', ['县农业农村局'], []],
      ['1.2', ['县农业农村局'], []],
      // an item's own clause stands: the heading's lead goes only to the items that name no unit
      ['1.3', [], ['县商务局']],
      ['2.1', ['县住建局'], []],
      ['2.2', ['县住建局'], []],
    ]);
    expect(doc.tasks[0].title).toBe('新建高标准农田2万亩，完成农田水利配套工程');
    // the notice's points are no tasks
    expect(doc.tasks.map((t) => t.title).join('')).not.toMatch(/压实责任|强化调度/);
  });
});

describe('joint signatures of county departments', () => {
  it('departments signed two a line set apart by spaces, the last alone (…活动中心): every one is an issuer', async () => {
    const doc = await ingestFile(F('county-departments-joint-signature-rows'));
    expect(doc.issuer).toBe('青溪县教育局、青溪县财政局、青溪县人力资源和社会保障局、青溪县市场监督管理局、青溪县青少年活动中心');
    expect(doc.date).toBe('2024-03-05');
  });
});

describe('district pages: info blocks and titles', () => {
  it('an info line closing with an empty label (所属机构:) does not take the notice title under it; the plan title over two lines, the second letter-spaced', async () => {
    const doc = await ingestFile(F('district-joint-offices-info-block-spaced-title'));
    expect(doc).toMatchObject({
      title: '青溪区创建基层治理示范区工作方案',
      issuer: '中共青溪区委办公室、青溪区人民政府办公室',
      date: '2023-10-10',
    });
    expect(doc.noticeTitle).toContain('关于印发《青溪区创建基层治理示范区工作方案》的通知');
    expect(doc.recipients).toContain('各街道');
    expect(rows(doc)).toEqual([['一', ['区委组织部'], ['各街道']]]);
  });
});

describe('page chrome', () => {
  it('accessibility switches before the site name (无障碍浏览, 长者模式 某县人民政府) are the page, not the issuer', async () => {
    const doc = await ingestFile(F('county-site-chrome-elder-mode'));
    expect(doc).toMatchObject({
      title: '青溪县人民政府关于加快推进农村公路建设的意见',
      issuer: '青溪县人民政府',
      docNumber: '青政发〔2024〕3号',
    });
    expect(rows(doc)).toEqual([['一', [], ['县交通运输局', '各乡镇人民政府']]]);
  });
});

describe('headlines and info blocks of county sites', () => {
  it('a headline with its 文号 in brackets (2022年县政府重点民生实事(青政发〔2022〕3号)) is the title and the 文号; the info block 生成日期 is the date', async () => {
    const doc = await ingestFile(F('county-headline-bracketed-number-generated-date'));
    expect(doc).toMatchObject({ title: '2022年县政府重点民生实事', docNumber: '青政发〔2022〕3号', date: '2022-03-15' });
    // the notice's own points name no unit
    expect(doc.tasks.flatMap((t) => [...t.lead, ...t.responsible])).toEqual([]);
  });
});

describe('mirror pages of district notices', () => {
  it('a line of 文号 and the notice title, then the title again over three lines: the 文号, and the title read whole', async () => {
    const doc = await ingestFile(F('district-mirror-number-title-copy-three-line-title'));
    expect(doc).toMatchObject({
      title: '区人民政府办公室关于印发2021年区政府工作报告确定的重点工作责任分解方案的通知',
      issuer: '区人民政府办公室',
      docNumber: '青政办〔2021〕3号',
      date: '2021-03-02',
    });
  });
});

describe('a task given as a card', () => {
  it("a site's page for one task, each field's name alone on a line and its value under it (具体任务 / 责任单位 / 配合单位 / 完成时限): one task", async () => {
    const doc = await ingestFile(F('county-task-card-label-lines'));
    expect(doc.tasks).toHaveLength(1);
    const [t] = doc.tasks;
    expect(t.title).toContain('推进县域医共体建设');
    expect([...t.lead, ...t.responsible]).toEqual(['卫健局', '医保局', '各乡镇']);
    expect(t.deadline).toContain('12月底前');
    expect(t.text).not.toContain('责任单位');
  });
});
