import { beforeAll, describe, expect, it } from 'vitest';
import { type Comparison, comparePlans } from '../../src/compare/compare.js';
import { correspondingLeads } from '../../src/compare/departments.js';
import { splitNames } from '../../src/extract/clause.js';
import { ingestFile, ingestText } from '../../src/ingest.js';
import { defaultAliases } from '../../src/model/departments.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { resolveDepartment } from '../../src/select/departments.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * QA9 part B, units: a province's own name as a level prefix (湖南省市场监督管理局 = 省市场监管局),
 * a shared tail after a list of places (长沙市、怀化市、岳阳市人民政府), the short and long names of
 * national bodies (市场监管总局 = 国家市场监督管理总局), and ministries paired with provincial
 * bureaus in compare (财政部 ↔ 省财政厅). Expectations from test/fixtures/qa9/EXPECTED.notes.
 */
const NATIONAL = fixture('qa9/national-cold-chain-action-plan.txt');

/** A provincial 实施方案 whose tasks repeat the national plan's, with clauses naming provincial units. */
const PROVINCIAL = [
  '湖南省冷链物流降本提质实施方案',
  '',
  '一、重点任务',
  '',
  '　　（一）布局建设国家骨干冷链物流基地。争取长沙、怀化、岳阳等地纳入国家骨干冷链物流基地建设名单，推动基地与产地冷链设施、城市冷链配送网络有效衔接。（省发展改革委牵头，省财政厅、省交通运输厅、长沙市、怀化市、岳阳市人民政府配合）',
  '',
  '　　（二）补齐产地冷藏保鲜设施短板。支持家庭农场、农民合作社建设产地预冷、分级包装和冷藏保鲜设施。（省农业农村厅牵头，省发展改革委、省财政厅、省商务厅配合）',
  '',
  '　　（三）推进冷链干线运输高效衔接。完善公铁联运冷链换装设施，规范冷藏车通行管理。（省交通运输厅牵头，省发展改革委、省公安厅、省市场监管局配合）',
  '',
  '　　（四）推进冷链物流数字化改造。推动冷库、冷藏车运行数据接入省级物流公共信息平台。（省工业和信息化厅牵头，省交通运输厅、省商务厅配合）',
  '',
  '　　（五）健全冷链物流标准和认证体系。实施冷库、冷藏车、冷链包装等国家标准，开展冷链物流服务认证。（省市场监管局牵头，省工业和信息化厅、省商务厅配合）',
  '',
  '　　（六）强化冷链全程温控和质量监管。推动冷链食品全程温度数据接入国家冷链食品追溯平台，依法查处违规“断链”行为。（湖南省市场监督管理局牵头，省卫生健康委、省商务厅配合）',
  '',
  '　　（七）加大冷链物流金融支持力度。用好科技创新和技术改造再贷款等政策工具，引导银行保险机构开发冷链仓单质押、冷藏车融资租赁等产品。（人民银行湖南省分行牵头，国家金融监督管理总局湖南监管局、省发展改革委、省财政厅配合）',
  '',
].join('\n');

let national: PolicyDocument;
let province: PolicyDocument;
let c: Comparison;

beforeAll(async () => {
  national = await ingestFile(NATIONAL);
  province = ingestText(PROVINCIAL, { fileName: 'hunan-cold-chain.txt' });
  c = comparePlans(province, national);
});

const dept = (doc: PolicyDocument, name: string) => doc.departments.find((d) => d.name === name || d.aliases.includes(name));

describe('QA9 units: a place name before its level word (6a)', () => {
  const aliases = defaultAliases();

  it('folds a province’s full name into the level word: 湖南省市场监督管理局 = 省市场监管局', () => {
    expect(aliases.key('湖南省市场监督管理局')).toBe(aliases.key('省市场监管局'));
    expect(aliases.key('广西壮族自治区发展和改革委员会')).toBe(aliases.key('自治区发展改革委'));
    const d = dept(province, '省市场监管局')!;
    expect(d.name).toBe('省市场监管局');
    expect(d.aliases).toContain('湖南省市场监督管理局');
    expect(d.lead.sort()).toEqual(['五', '六']);
    expect(province.departments.filter((x) => x.name.includes('市场监'))).toHaveLength(1);
  });

  it('keeps cities and counties apart: 长沙市财政局 ≠ 株洲市财政局, but 长沙市财政局 = 长沙市财政局’s other spellings', () => {
    expect(aliases.key('长沙市财政局')).not.toBe(aliases.key('株洲市财政局'));
    expect(aliases.key('长沙市财政局')).not.toBe(aliases.key('市财政局'));
    expect(aliases.key('长沙县发展改革局')).toBe(aliases.key('长沙县发改局'));
    expect(aliases.key('长沙市市场监督管理局')).toBe(aliases.key('长沙市市场监管局'));
  });

  it('leaves a place that is part of the unit, and 市 inside words, alone', () => {
    // 长沙海关, a bank's branch, a county's 城市管理局: no place prefix to take off
    expect(aliases.key('长沙海关')).not.toBe(aliases.key('海关'));
    expect(aliases.key('人民银行湖南省分行')).not.toBe(aliases.key('人民银行'));
    expect(aliases.key('县城市管理局')).toBe(aliases.key('县城管局'));
    expect(aliases.key('智慧城市建设办公室')).not.toBe(aliases.key('建设办公室'));
    // bare 市场监管局 is the word 市场, not a 市 prefix: it folds with its long form
    expect(aliases.key('市场监管局')).toBe(aliases.key('市场监督管理局'));
    expect(aliases.key('市场监管局')).not.toBe(aliases.key('市市场监管局'));
  });
});

describe('QA9 units: a shared tail after a list of places (6b)', () => {
  it('gives each bare place the unit written once after the list', () => {
    expect(splitNames('省财政厅、长沙市、怀化市、岳阳市人民政府')).toEqual(['省财政厅', '长沙市人民政府', '怀化市人民政府', '岳阳市人民政府']);
    expect(splitNames('长沙县、浏阳市、宁乡市人民政府')).toEqual(['长沙县人民政府', '浏阳市人民政府', '宁乡市人民政府']);
    expect(splitNames('湖南省、湖北省市场监督管理局')).toEqual(['湖南省市场监督管理局', '湖北省市场监督管理局']);
    // a district list before one 区政府 (a 分工表's 配合单位 cell)
    expect(splitNames('荔湾区、黄埔区政府')).toEqual(['荔湾区政府', '黄埔区政府']);
    expect(splitNames('长沙市、县政府')).toEqual(['长沙市', '县政府']);
    const d = province.departments.map((x) => x.name);
    expect(d).toEqual(expect.arrayContaining(['长沙市人民政府', '怀化市人民政府', '岳阳市人民政府']));
    expect(d).not.toContain('长沙市');
    // other shapes stay as written
    expect(splitNames('县财政局、税务局')).toEqual(['县财政局', '税务局']);
    // a collective's levels before the unit they share are one collective (as the real documents' gold reads 各县、区人民政府（管委会）)
    expect(splitNames('各市、县人民政府')).toEqual(['各市、县人民政府']);
    expect(splitNames('长沙市、怀化市')).toEqual(['长沙市', '怀化市']);
    expect(splitNames('长沙市、省财政厅')).toEqual(['长沙市', '省财政厅']);
    expect(splitNames('长沙市、县城市管理局')).toEqual(['长沙市', '县城市管理局']);
    expect(splitNames('长沙市人民政府、怀化市人民政府')).toEqual(['长沙市人民政府', '怀化市人民政府']);
  });
});

describe('QA9 units: national bodies in short and long form (7)', () => {
  const aliases = defaultAliases();

  it('市场监管总局 and 国家市场监督管理总局 are one department, with the prose mention', () => {
    const d = dept(national, '市场监管总局')!;
    expect(d.name).toBe('市场监管总局');
    expect(d.aliases).toContain('国家市场监督管理总局');
    // 3.2 and 3.7: (A、B、C负责), no 牵头 — the units that 负责 a task lead it
    expect(d.lead).toEqual(['3.1', '3.2', '3.7']);
    expect(d.responsible).toEqual([]);
    expect(d.mentions.length).toBeGreaterThan(0);
    expect(national.departments.filter((x) => x.name.includes('市场监'))).toHaveLength(1);
  });

  it('other national bodies: short and long names are one unit, and not the provincial one', () => {
    expect(aliases.key('金融监管总局')).toBe(aliases.key('国家金融监督管理总局'));
    expect(aliases.key('工信部')).toBe(aliases.key('工业和信息化部'));
    expect(aliases.key('国家发改委')).toBe(aliases.key('国家发展和改革委员会'));
    expect(aliases.key('中国人民银行')).toBe(aliases.key('人民银行'));
    expect(aliases.key('市场监管总局')).not.toBe(aliases.key('省市场监管局'));
    expect(resolveDepartment('国家市场监督管理总局', national.departments)).toMatchObject({ status: 'found', department: { name: '市场监管总局' } });
  });
});

describe('QA9 units: ministries and provincial bureaus in compare (8)', () => {
  it('pairs each national unit with its provincial form', () => {
    const pairs = c.departments.map((p) => `${p.a}↔${p.b}`);
    for (const p of [
      '省发展改革委↔国家发展改革委',
      '省财政厅↔财政部',
      '省交通运输厅↔交通运输部',
      '省商务厅↔商务部',
      '省农业农村厅↔农业农村部',
      '省公安厅↔公安部',
      '省工业和信息化厅↔工业和信息化部',
      '省市场监管局↔市场监管总局',
      '省卫生健康委↔国家卫生健康委',
      '人民银行湖南省分行↔人民银行',
      '国家金融监督管理总局湖南监管局↔国家金融监督管理总局',
    ])
      expect(pairs).toContain(p);
    // a level pair, not the same unit
    expect(c.departments.find((p) => p.a === '省财政厅')!.relation).toBe('level');
    // no pair across lines of work
    expect(pairs).not.toContain('省财政厅↔商务部');
    expect(pairs).not.toContain('人民银行湖南省分行↔国家金融监督管理总局');
  });

  it('a lead handed down from ministry to provincial bureau corresponds', () => {
    expect(correspondingLeads(['省农业农村厅'], ['农业农村部'])).toHaveLength(1);
    expect(correspondingLeads(['省市场监管局'], ['市场监管总局'])).toHaveLength(1);
    expect(correspondingLeads(['湖南省市场监督管理局'], ['市场监管总局'])).toHaveLength(1);
    expect(correspondingLeads(['省商务厅'], ['农业农村部'])).toHaveLength(0);
    const row = c.tasks.find((t) => t.lead.includes('省农业农村厅'))!;
    expect(row.leadsCorrespond).toHaveLength(1);
  });
});
