import { describe, expect, it } from 'vitest';
import { parseClause } from '../../src/extract/clause.js';
import { kindOf } from '../../src/extract/departments.js';
import { ingestText } from '../../src/ingest.js';
import { secondName } from '../../src/model/departments.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { unitsMeant } from '../../src/select/departments.js';
import { fixtureLoader } from '../helpers/fixtures.js';

/**
 * QA9 part A: a labelled field in the verb style (责任单位：A牵头，B、C配合), a unit written with and
 * without its prefix-less second name (镇纪委（监察办） / 镇纪委), a joint signature on two lines above
 * the date, kinds of 镇 units named after a body (镇纪委, 镇派出所). From test/fixtures/qa9/EXPECTED.notes.
 */
const qa9 = fixtureLoader('qa9');
const byTitle = (doc: PolicyDocument, title: string) => doc.tasks.find((t) => t.title === title)!;
const names = (raw: string) => parseClause(raw).map((n) => [n.role, n.raw]);

const plan = (body: string, closing = '') => `某县2026年教育强县工作方案

一、重点任务
${body}
二、保障措施
（一）加强组织领导。各单位要高度重视。
${closing}`;

describe('QA9 a labelled field written in the verb style', () => {
  it('chengtang 1.3 and 3.3: （责任单位：A牵头，B、C配合） gives the lead and the units, no verb in a name', async () => {
    const doc = await qa9('chengtang-plan-from-word.md');
    const collective = byTitle(doc, '壮大村级集体经济');
    expect(collective.lead).toEqual(['镇经济发展办']);
    expect(collective.responsible).toEqual(expect.arrayContaining(['镇财政所', '镇农业服务中心']));
    const traffic = byTitle(doc, '整治农村道路交通安全');
    expect(traffic.lead).toEqual(['镇派出所']);
    expect(traffic.responsible).toEqual(expect.arrayContaining(['镇安监站', '镇规划建设办']));
    for (const d of doc.departments) expect(d.name).not.toMatch(/(牵头|配合)$/);
    // `tasks --dept 派出所`: both tasks, one led
    const police = doc.departments.find((d) => d.name === '镇派出所')!;
    expect(police.lead).toEqual([traffic.number]);
    expect(police.responsible).toHaveLength(1);
  });

  it('reads the value as the same clause without its label would be read', () => {
    const unlabelled = names('县教育局牵头，县财政局、县人力资源社会保障局配合');
    expect(unlabelled).toEqual([
      ['lead', '县教育局'],
      ['responsible', '县财政局'],
      ['responsible', '县人力资源社会保障局'],
    ]);
    expect(names('责任单位：县教育局牵头，县财政局、县人力资源社会保障局配合')).toEqual(unlabelled);
    // except 负责, which makes a unit the lead only outside a 责任单位 list
    expect(names('县教育局负责')).toEqual([['lead', '县教育局']]);
    expect(names('责任单位：县教育局负责')).toEqual([['responsible', '县教育局']]);
    // other fields beside it stay as they are
    expect(names('责任领导：王明；责任单位：县教育局牵头，县财政局配合；完成时限：2026年底前')).toEqual([
      ['lead', '县教育局'],
      ['responsible', '县财政局'],
    ]);
  });

  it('a labelled list with a 按职责分工负责 tail stays a list of the label’s role', () => {
    expect(names('责任单位：县财政局、县审计局按职责分工负责')).toEqual([
      ['responsible', '县财政局'],
      ['responsible', '县审计局'],
    ]);
    expect(names('牵头单位：县教育局；责任单位：县财政局，县审计局')).toEqual([
      ['lead', '县教育局'],
      ['responsible', '县财政局'],
      ['responsible', '县审计局'],
    ]);
  });

  it('through the pipeline: a task whose labelled clause is in the verb style', () => {
    const doc = ingestText(
      plan(
        '（一）改善办学条件。新建学校两所。（责任单位：县教育局牵头，县财政局、县自然资源局配合）\n（二）加强师资建设。引进教师100名。（责任单位：县教育局）\n',
      ),
      { fileName: 'edu.txt' },
    );
    expect(doc.tasks.map((t) => [t.lead, t.responsible])).toEqual([
      [['县教育局'], ['县财政局', '县自然资源局']],
      [[], ['县教育局']],
    ]);
  });
});

describe('QA9 a unit written with and without its second name', () => {
  it('secondName: a bracketed name without a prefix of its own is the office’s other nameplate', () => {
    expect(secondName('镇纪委（监察办）')).toEqual({ main: '镇纪委', second: '监察办' });
    expect(secondName('县纪委（监委）')).toEqual({ main: '县纪委', second: '监委' });
    expect(secondName('镇纪委（镇监察办）')).toEqual({ main: '镇纪委', second: '镇监察办' });
    expect(secondName('县委宣传部（县网信办）')).toEqual({ main: '县委宣传部', second: '县网信办' });
    // alternatives and qualifiers, no second name
    for (const n of [
      '有关乡镇（街道）',
      '各乡镇（街道）',
      '县城投（集团）',
      '镇政府（街道办事处）',
      '各乡镇人民政府（街道办事处）',
      '各村（社区）',
      '县人民医院（医共体）',
    ])
      expect(secondName(n)).toBeNull();
  });

  it('luting: 镇纪委（监察办） and 镇纪委 are one department, in all 7 tasks', async () => {
    const doc = await qa9('luting-supervision-schedule.txt');
    const named = doc.departments.filter((d) => d.name.includes('纪委'));
    expect(named.map((d) => d.name)).toEqual(['镇纪委']);
    const [jiwei] = named;
    expect(jiwei.aliases).toEqual(expect.arrayContaining(['镇纪委（监察办）', '监察办']));
    expect(jiwei.responsible).toEqual(doc.tasks.map((t) => t.number));
    expect(jiwei.responsible).toHaveLength(7);
    for (const t of doc.tasks) expect(t.responsible).toContain('镇纪委');
    // the prose's 镇纪委（监察办） are its mentions
    expect(jiwei.mentions.length).toBeGreaterThanOrEqual(2);
    for (const q of ['监察办', '纪委', '镇纪委', '镇纪委（监察办）']) expect(unitsMeant(q, doc.departments).map((d) => d.name)).toEqual(['镇纪委']);
  });

  it('a bracket with a prefix of its own names a unit kept apart (县财政局（县国资中心）, as in QA7)', () => {
    const doc = ingestText(
      plan(
        '（一）深化国资国企改革。推进企业整合。（牵头单位：县财政局（县国资中心）；责任单位：县审计局）\n（二）加强财政监督。开展专项检查。（牵头单位：县财政局；责任单位：县纪委（监委））\n（三）强化审计监督。完成审计项目20个。（牵头单位：县审计局；责任单位：县纪委）\n',
      ),
      { fileName: 'finance.txt' },
    );
    expect(doc.departments.map((d) => d.name).sort()).toEqual(['县审计局', '县纪委', '县财政局', '县财政局（县国资中心）'].sort());
    expect(doc.departments.find((d) => d.name === '县纪委')!.responsible).toEqual([doc.tasks[1].number, doc.tasks[2].number]);
    expect(doc.tasks[1].responsible).toEqual(['县纪委']);
  });
});

describe('QA9 a joint signature on lines one under the other above the date', () => {
  it('luting: both offices sign; the first line is no paragraph of 四（三）', async () => {
    const doc = await qa9('luting-supervision-schedule.txt');
    expect(doc.issuer).toBe('中共鹭汀镇委员会办公室、鹭汀镇人民政府办公室');
    expect(doc.date).toBe('2026-02-26');
    const inOutline = doc.paragraphs.filter((p) => p.section !== null).map((p) => p.text);
    expect(inOutline.some((t) => t.includes('中共鹭汀镇委员会办公室'))).toBe(false);
    // nothing dropped: both names still in the model's paragraphs
    const all = doc.paragraphs.map((p) => p.text).join('\n');
    expect(all).toContain('中共鹭汀镇委员会办公室');
    expect(all).toContain('鹭汀镇人民政府办公室');
  });

  it('three short organisation lines above the date are the signature; one stays as before', () => {
    const three = ingestText(
      plan('（一）改善办学条件。新建学校两所。（责任单位：县教育局）\n', '\n中共某县委员会办公室\n某县人民政府办公室\n某县教育局\n2026年3月1日\n'),
      { fileName: 'three.txt' },
    );
    expect(three.issuer).toBe('中共某县委员会办公室、某县人民政府办公室、某县教育局');
    expect(three.paragraphs.filter((p) => p.section !== null).map((p) => p.text)).not.toContain('某县人民政府办公室');
    const one = ingestText(plan('（一）改善办学条件。新建学校两所。（责任单位：县教育局）\n', '\n某县人民政府办公室\n2026年3月1日\n'), { fileName: 'one.txt' });
    expect(one.issuer).toBe('某县人民政府办公室');
    expect(one.date).toBe('2026-03-01');
  });

  it('Markdown: the first of two signature paragraphs is no part of the last task', () => {
    const doc = ingestText(
      '# 某县2026年教育强县工作方案\n\n## 一、重点任务\n\n（一）改善办学条件。新建学校两所。（责任单位：县教育局）\n\n（二）加强师资建设。引进教师100名。（责任单位：县人力资源社会保障局）\n\n中共某县委员会办公室\n\n某县人民政府办公室\n\n2026年3月1日\n',
      { fileName: 'signed.md' },
    );
    expect(doc.issuer).toBe('中共某县委员会办公室、某县人民政府办公室');
    expect(doc.tasks.at(-1)!.text).not.toContain('办公室');
    expect(doc.paragraphs.filter((p) => p.task !== null).map((p) => p.text)).not.toContain('中共某县委员会办公室');
  });
});

describe('QA9 kinds of units named after a township and a body', () => {
  it('镇纪委 is a party body, 镇派出所 a department; the township itself stays township', () => {
    expect(kindOf('镇纪委')).toBe('party');
    expect(kindOf('镇纪委（监察办）')).toBe('party');
    expect(kindOf('镇党委')).toBe('party');
    expect(kindOf('镇派出所')).toBe('department');
    expect(kindOf('镇司法所')).toBe('department');
    for (const n of [
      '镇农业服务中心',
      '镇社会事务办',
      '镇人民政府',
      '镇政府',
      '各乡镇',
      '各镇',
      '有关乡镇（街道）',
      '各乡镇人民政府',
      '镇党政办',
      '镇经济发展办',
    ])
      expect(kindOf(n)).toBe('township');
  });
});

describe("a partner's verb with a helping word (B予以保障, C予以配合, D给予支持): no part of the name", () => {
  it('parseClause strips the whole tail and gives the partner its role', () => {
    expect(names('县教育局牵头负责，县财政局予以保障')).toEqual([
      ['lead', '县教育局'],
      ['responsible', '县财政局'],
    ]);
    expect(names('县教育局牵头，县人社局、县卫生健康委予以配合')).toEqual([
      ['lead', '县教育局'],
      ['responsible', '县人社局'],
      ['responsible', '县卫生健康委'],
    ]);
    expect(names('县教育局负责，县科技局给予支持，各乡镇积极参与')).toEqual([
      ['lead', '县教育局'],
      ['responsible', '县科技局'],
      ['responsible', '各乡镇'],
    ]);
  });

  it("in a plan's text: the clause is read, and prose that ends in 予以保障 is no clause", () => {
    const doc = ingestText(
      plan(`1. 新建公办幼儿园3所。（县教育局牵头负责，县财政局予以保障）
2. 改造薄弱学校校舍。所需经费由县财政予以保障。
3. 建设智慧校园示范校5所。（对达标学校给予支持）
`),
      { fileName: 'helped-verbs.txt' },
    );
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['县教育局'], ['县财政局']],
      ['2', [], []],
      ['3', [], []],
    ]);
  });
});
