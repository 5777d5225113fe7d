import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import { fixtureLoader } from '../helpers/fixtures.js';

/**
 * Header and metadata of documents as government web pages give them (fixtures in
 * test/fixtures/real-shapes, written in the shapes of real pages): info blocks, titles broken
 * over lines or repeated by the page, news lead-ins, damaged 文号 and dates.
 */
const shape = fixtureLoader('real-shapes');

describe('web page info blocks', () => {
  it('fields two on a line set apart by | pipes, spaced labels (标 题): 成文日期 before the signature date, 发文字号', async () => {
    const doc = await shape('web-info-pipes.txt');
    expect(doc).toMatchObject({
      title: '青河县老旧小区改造提升行动方案',
      noticeTitle: '关于印发青河县老旧小区改造提升行动方案的通知',
      issuer: '青河县人民政府办公室',
      docNumber: '青政办发〔2024〕12号',
      date: '2024-08-16',
    });
    // the info block is the page's clutter, never prose of the notice
    for (const p of doc.paragraphs.filter((p) => /索引号|发布机构|成文日期|标 题/.test(p.text))) expect(p.kind).toBe('web');
    expect(doc.tasks).toHaveLength(2);
  });

  it('a label alone on its line with its value below; the title naming its issuer wins over the 发文单位 field; the attachment table is the plan', async () => {
    const doc = await shape('web-info-label-lines.txt');
    expect(doc).toMatchObject({
      title: '2024年区政府工作目标任务分解表',
      noticeTitle: '石湾区人民政府关于分解落实2024年区政府工作目标任务的通知',
      issuer: '石湾区人民政府',
      docNumber: '石政发〔2024〕3号',
      date: '2024-01-29',
    });
    expect(doc.paragraphs.find((p) => p.text === '区人民政府办公室')?.kind).toBe('web');
  });

  it('an info block issuer never carries the time written before it; a garbled date under the signature is no date', async () => {
    const doc = await shape('info-issuer-garbled-date.txt');
    expect(doc).toMatchObject({ title: '北塘县高标准农田建设工作方案', issuer: '北塘县农业农村局', date: null });
  });
  it("an info block whose fields line up in columns under the breadcrumb (索引号:  X 发文时间:  Y, 文件编号:  Z 发布机构:  W) is the page's fields, not a table: its 文号 is read", () => {
    const doc = ingestText(
      [
        '县级行政规范性文件以外的文件',
        '当前位置:首页 > 政务公开 >',
        '索引号:  331100/2024-00321 发文时间:  2024-03-12',
        '公开方式:   主动公开 公开时限:   长期公开',
        '文件编号:  青政办发〔2024〕9号 发布机构:  青河县政府办公室',
        '青河县人民政府办公室关于印发2024年县政府工作报告重点工作责任分解的通知',
        '',
        '各乡镇人民政府,县政府直属各单位:',
        '',
        '《2024年县政府工作报告重点工作责任分解》已经县政府同意,现印发给你们,请认真贯彻执行。',
        '',
        '青河县人民政府办公室',
        '2024年3月12日',
      ].join('\n'),
      { fileName: 'lined-up-info.txt' },
    );
    expect(doc).toMatchObject({ docNumber: '青政办发〔2024〕9号', date: '2024-03-12', issuer: '青河县人民政府办公室' });
    expect(doc.paragraphs.filter((p) => /索引号|文件编号/.test(p.text)).every((p) => p.kind === 'web')).toBe(true);
  });
});

describe('文号 and dates as pages damage them', () => {
  it('a 文号 that lost its 〔〕 and 号 is read in a 文号 shape; a date that lost 年月日 is read when only one split is a date', async () => {
    const doc = await shape('damaged-number-date.txt');
    expect(doc).toMatchObject({
      noticeTitle: null,
      title: '江城市城市更新工作方案',
      issuer: '江城市人民政府办公室',
      docNumber: '江城政办秘〔2023〕41号',
      date: '2023-09-11',
    });
  });
});

describe('titles', () => {
  it('a news lead-in before the document, a title that opens with 关于 and its edition line below it, the preamble after it', async () => {
    const doc = await shape('news-lead-title-preamble.txt');
    expect(doc).toMatchObject({
      title: '关于支持民营经济发展若干政策举措（2024年版）',
      noticeTitle: '东阳市南塘区人民政府关于印发关于支持民营经济发展若干政策举措（2024年版）的通知',
      issuer: '东阳市南塘区人民政府',
      date: '2024-03-08',
    });
    expect(doc.tasks).toHaveLength(1);
  });

  it("an 意见 titled over two lines (某省人民政府关于⏎落实…的意见) under the page title with the site name: the document's own title, its issuer from the title", async () => {
    const doc = await shape('own-opinions-split-title.txt');
    expect(doc).toMatchObject({
      title: '江南省人民政府关于落实重点工作部门分工的意见',
      noticeTitle: null,
      issuer: '江南省人民政府',
      docNumber: '江政发〔2022〕2号',
      date: '2022-02-18',
    });
  });
});

describe('a covering notice with points of its own', () => {
  it("通知如下：一、二、三、 then signature and date: the points are the notice's paragraphs; the plan under its title is the outline and its tasks", async () => {
    const doc = await shape('notice-with-points.txt');
    expect(doc).toMatchObject({
      title: '西岭市养老服务提质行动方案',
      noticeTitle: '西岭市人民政府办公室关于印发西岭市养老服务提质行动方案的通知',
      issuer: '西岭市人民政府办公室',
      docNumber: '西政办发〔2024〕21号',
      date: '2024-05-20',
    });
    expect(doc.tasks.map((t) => t.number)).toEqual(['一', '二', '三']);
    expect(doc.tasks.map((t) => t.responsible)).toEqual([['市民政局', '市住建局'], ['市人社局', '市民政局'], ['市卫生健康委']]);
    // the notice's points are no sections
    expect(doc.sections.map((s) => s.title)).not.toContain('提高思想认识');
    expect(doc.paragraphs.find((p) => p.text.includes('严格督查考核'))).toMatchObject({ section: null, task: null });
  });
});

describe('a covering notice and the plan without blank lines (the common web shape)', () => {
  it("recipients, one-sentence notice, signature, date, disclosure, then the plan's title and preamble (half-width punctuation): the title is the plan's", async () => {
    const doc = await shape('notice-plan-no-blank-lines.txt');
    expect(doc).toMatchObject({
      title: '青溪县深化农村人居环境整治提升和全域美丽乡村建设三年行动实施方案',
      issuer: '青溪县人民政府办公室',
      date: '2023-05-12',
    });
    expect(doc.recipients).toBe('各镇人民政府,街道办事处,县政府各部门,县属各企事业单位');
    expect(doc.tasks).toHaveLength(2);
  });

  it("the notice title with its 文号 on one line, then a second copy of the title: title and 文号 split, the title read once; the plan's title is the line after the date that repeats 《X》", async () => {
    const doc = await shape('notice-title-number-one-line.txt');
    expect(doc).toMatchObject({
      title: '青溪县2024年为民办实事项目',
      noticeTitle: '关于印发《青溪县2024年为民办实事项目》的通知',
      issuer: '青溪县人民政府办公室',
      docNumber: '青政办发〔2024〕8号',
      date: '2024-02-26',
    });
    expect(doc.tasks).toHaveLength(2);
  });
});

describe('issuers', () => {
  it("a title that opens with the organ and 关于 is kept whole; the organ is the issuer, not the page's 来源", async () => {
    const doc = await shape('organ-guanyu-title.txt');
    expect(doc).toMatchObject({ title: '省人民政府关于加快建设现代化产业体系推动制造业高质量发展的若干措施', issuer: '省人民政府' });
    expect(doc.tasks).toHaveLength(2);
  });

  it("a 来源 line with a bullet is the page's source: the issuer only as the last resort, without bullet or label", async () => {
    const doc = await shape('source-line-bullet.txt');
    expect(doc).toMatchObject({ title: '关于促进民营经济发展壮大的若干措施', issuer: '省政府办公厅' });
    expect(doc.paragraphs.find((p) => p.text.includes('来源'))?.kind).toBe('web');
  });

  it("a news reprint's lead-in names the issuer and the notice title; the 来源 line does not", async () => {
    const doc = await shape('news-reprint-issuer.txt');
    expect(doc).toMatchObject({
      title: '推动农业转移人口市民化若干措施',
      noticeTitle: '关于推动农业转移人口市民化若干措施的通知',
      issuer: '江南省人民政府',
    });
  });

  it('a national document signed 国务院 above its date: the issuer is 国务院', async () => {
    const doc = await shape('state-council-signature.txt');
    expect(doc).toMatchObject({ issuer: '国务院', docNumber: '国发〔2020〕6号', date: '2020-03-20' });
    expect(doc.tasks).toHaveLength(2);
  });
});

describe('info-block labels never in a title', () => {
  it('名称: X 文号: — the info block names the document: X is the title, without the label', async () => {
    const doc = await shape('info-name-label.txt');
    expect(doc).toMatchObject({ title: '江北区推进城市更新行动实施方案', issuer: '江北区住房和城乡建设局', date: '2024-03-05' });
    expect(doc.paragraphs.find((p) => p.text.startsWith('名称'))?.kind).toBe('web');
  });

  it('标  题: X likewise', async () => {
    const doc = await shape('info-title-label.txt');
    expect(doc).toMatchObject({ title: '江北区推进城市更新行动实施方案', issuer: '江北区住房和城乡建设局' });
  });

  it('a gov.cn info block, label and value on lines of their own between blank lines, under its one-line copy, a URL and a timestamp (traditional script)', async () => {
    const doc = await shape('govcn-info-block.txt');
    expect(doc).toMatchObject({
      title: '國務院辦公廳關于開展城市內澇治理專項檢查的通知',
      issuer: '國務院辦公廳',
      docNumber: '國辦函〔2016〕27號',
      date: '2016-05-12',
    });
    expect(doc.tasks).toHaveLength(2);
  });
});

describe("the plan's title under the covering notice's date", () => {
  it("any short line right after the date, before the plan's prose, is the plan's title (no title word, not named in 《》)", async () => {
    const doc = await shape('notice-plan-title-any-line.txt');
    expect(doc).toMatchObject({ title: '青溪县2024年十件民生实事', issuer: '青溪县人民政府办公室', date: '2024-03-01' });
    expect(doc.tasks).toHaveLength(2);
  });

  it("the page repeats the notice title (issuer line, title broken over lines) under a registration code; the plan's title broken over three lines after the date", async () => {
    const doc = await shape('repeated-notice-broken-plan-title.txt');
    expect(doc).toMatchObject({
      title: '柳岸市贯彻落实《关于稳住经济大盘的若干措施》实施方案',
      noticeTitle: '柳岸市人民政府办公室关于印发《柳岸市贯彻落实〈关于稳住经济大盘的若干措施〉实施方案》的通知',
      issuer: '柳岸市人民政府办公室',
      docNumber: '柳政办发〔2023〕6号',
      date: '2023-04-10',
    });
    expect(doc.tasks).toHaveLength(2);
  });

  it('a notice title that opens with a 委 (某发展改革委关于印发《X》的通知): the notice; X, after the date, the title', async () => {
    const doc = await ingestText(
      '江南省发展改革委关于印发《2024年江南省新型城镇化建设重点任务》的通知\n江发改规划〔2024〕12号\n各市发展改革委：\n现将《2024年江南省新型城镇化建设重点任务》印发给你们，请认真贯彻落实。\n江南省发展改革委\n2024年4月3日\n2024年江南省新型城镇化建设重点任务\n2024年是实施“十四五”规划的关键一年，为深入推进新型城镇化，现提出以下重点任务。\n一、推进农业转移人口市民化。（省公安厅牵头）\n',
      { fileName: 'x.txt' },
    );
    expect(doc).toMatchObject({
      title: '2024年江南省新型城镇化建设重点任务',
      noticeTitle: '江南省发展改革委关于印发《2024年江南省新型城镇化建设重点任务》的通知',
      issuer: '江南省发展改革委',
    });
  });
});

describe("a web page's site header", () => {
  it("the site's name above the breadcrumb and the breadcrumb's trail on the line under 您当前的位置: are the page's, not the issuer; a title ending in 政策 is the title", async () => {
    const doc = await shape('site-name-breadcrumb.txt');
    expect(doc).toMatchObject({ title: '加快推进数字经济高质量发展若干政策', issuer: null, date: '2023-05-08' });
    for (const t of ['江岭市人民政府', '>> 走进江岭 >> 投资江岭 >> 投资政策']) expect(doc.paragraphs.find((p) => p.text === t)?.kind).toBe('web');
    expect(doc.tasks).toHaveLength(2);
  });
});

describe('more header lines', () => {
  it("a draft's date in brackets under its title (and its 征求意见稿 tag) is its date; a city that opens the title (no 关于) is no organ", async () => {
    const doc = await shape('draft-dated-title.txt');
    expect(doc).toMatchObject({ title: '江岭市加快发展数字贸易实施意见', date: '2024-03-05', issuer: null });
  });

  it("a place's short name before 关于 in a title (江岭关于印发…的通知, a reprint's headline): the title whole, the place the issuer", async () => {
    const doc = await shape('place-guanyu-title.txt');
    expect(doc).toMatchObject({ title: '江岭关于印发推动外贸稳规模优结构行动方案的通知', issuer: '江岭' });
    expect(doc.tasks).toHaveLength(2);
  });
});

describe('page headers of more sites', () => {
  it('info fields set apart by spaces only (发布机构 区政府办公室 发文日期 2025-03-14) and the headline between the block and the toolbar', async () => {
    const doc = await shape('spaced-info-headline.txt');
    expect(doc).toMatchObject({ title: '2025年八件民生实事项目公布', issuer: '区政府办公室', date: '2025-03-14' });
    for (const p of doc.paragraphs.filter((p) => /索引号|公开方式|发布机构/.test(p.text))) expect(p.kind).toBe('web');
    expect(doc.tasks.map((t) => t.responsible)).toEqual([['区民政局'], ['区教育局', '区公安分局']]);
  });

  it('a 标 题 label spread over its cell with a title longer than a short field after it: a field, not the headline', async () => {
    const doc = await shape('spaced-title-label-long.txt');
    expect(doc).toMatchObject({
      title: '区人民政府办公室关于印发2026年区《政府工作报告》确定的主要目标任务责任分解方案的通知',
      issuer: '青山区人民政府办公室',
      docNumber: '青政办〔2026〕2号',
    });
  });

  it('a breadcrumb trail going on under its line, the headline above the page info, 信息来源 an organ as the last resort', async () => {
    const doc = await shape('breadcrumb-headline-source.txt');
    expect(doc).toMatchObject({ title: '市政府重点工作责任分解(2025年)', issuer: '青山市政府', date: null });
    expect(doc.paragraphs.find((p) => p.text.startsWith('>>'))?.kind).toBe('web');
  });

  it('a joint notice title naming four organs set apart by spaces: a notice title however long, the four organs the issuer', async () => {
    const doc = await shape('joint-four-issuers-tagged.txt');
    expect(doc.issuer).toBe('青山市发展和改革委员会、中共青山市委社会工作部、青山市民政局、青山市住房和城乡建设局');
    expect(doc.noticeTitle).toMatch(/^青山市发展和改革委员会.*关于印发青山市社区服务设施补短板实施方案的通知$/);
  });

  it("a site's 【规范性文件】 tag is no part of the title; (此件主动公开) under a notice cut after its comma is a line of its own", async () => {
    const doc = await shape('category-tag-cut-notice.txt');
    expect(doc).toMatchObject({
      title: '江城市稳定外贸外资实施方案',
      noticeTitle: '江城市人民政府办公厅关于印发江城市稳定外贸外资实施方案的通知',
      issuer: '江城市人民政府办公厅',
    });
  });

  it('a 文号 line with pinyin notes inside (鎮政辦發(fā)〔2024〕21號) is never joined to the title; ?? for indentation is no part of a name or date', async () => {
    const doc = await shape('masked-number-question-indent.txt');
    expect(doc).toMatchObject({
      docNumber: '鎮政辦發〔2024〕21號',
      issuer: '鎮原縣人民政府辦公室',
      date: '2024-04-30',
      title: '鎮原縣蘋果產業提質增效實施方案',
    });
  });

  it('a news lead-in naming two organs joined by 、 (近日，A、B印发了《X》)', async () => {
    const doc = await shape('news-joint-leadin-digit-date.txt');
    expect(doc).toMatchObject({ title: '江城市推进县域商业体系建设实施方案', issuer: '中共江城市委办公厅、江城市人民政府办公厅' });
  });

  it("a dash-list info block's 公文生成日期 is the 成文日期: it wins over the later 发布日期", async () => {
    const doc = await shape('info-block-document-generated-date.txt');
    expect(doc).toMatchObject({ issuer: '青河市人民政府办公室', docNumber: '青政办〔2025〕2号', date: '2025-01-20' });
  });

  it('an info block whose 成文日期 is the day it was published: the earlier date under the notice (20211103, 年月日 lost) is the 成文日期', async () => {
    const doc = await shape('info-date-equals-published.txt');
    expect(doc).toMatchObject({ title: '健康青山行动推进方案', date: '2021-11-03' });
  });
});

describe('titles and issuers of party-government and ministry pages', () => {
  it('a site menu of bullets (- 区域经济政策) is never the title; a 文号 with pinyin notes without tone marks (發改地(di)區) is read clean', async () => {
    const doc = await shape('menu-bare-pinyin-number.txt');
    expect(doc).toMatchObject({
      title: '關于推進邊境地區協調發展的指導意見',
      issuer: '國家發展改革委',
      docNumber: '發改地區[2019]2215號',
      date: '2019-12-02',
    });
  });

  it('中共某区委办公室 某区人民政府办公室印发《X》的通知: a joint notice title without 关于 (after a site tag), its two organs the issuer, the plan title over three lines', async () => {
    const doc = await shape('joint-notice-without-guanyu.txt');
    expect(doc).toMatchObject({
      title: '江岸区打造“江岸服务”品牌三年行动计划(2024—2026年)',
      issuer: '中共江岸区委办公室、江岸区人民政府办公室',
      noticeTitle: '中共江岸区委办公室江岸区人民政府办公室印发《江岸区打造“江岸服务”品牌三年行动计划(2024—2026年)》的通知',
    });
  });

  it("a page date alone under an 意见's title (2024-05-08) is its date", async () => {
    const doc = await shape('opinion-date-line.txt');
    expect(doc).toMatchObject({ title: '青溪县人民政府关于促进创业带动就业的意见', issuer: '青溪县人民政府', date: '2024-05-08' });
  });
});

describe('one-line pages, markup and damaged fields', () => {
  it('文号, notice title, notice, signature, date and plan title on one line set apart by spaces', async () => {
    const doc = await shape('one-line-number-first.txt');
    expect(doc).toMatchObject({
      docNumber: '溪委农发〔2023〕7号',
      noticeTitle: '关于印发《青溪县巩固提升农村饮水安全等“五大专项行动”实施方案》的通知',
      issuer: '中共青溪县委农村工作领导小组',
      date: '2023-08-15',
    });
  });

  it("a township's notice on one line after a pipe info block: signature, date and the 预案's title inside the line", async () => {
    const doc = await shape('one-line-township-plan.txt');
    expect(doc).toMatchObject({ title: '石门镇防汛抗旱应急预案', issuer: '江城市北区石门镇人民政府', docNumber: '石镇政〔2022〕31号', date: '2022-06-10' });
  });

  it('HTML markup copied with the text (<p>…</p> on one line) ends lines and is no part of any field', async () => {
    const doc = await shape('markup-in-text.txt');
    expect(doc).toMatchObject({ title: '江城省促进农民持续增收的实施方案', issuer: '江城省人民政府', docNumber: '江政发〔2022〕9号', date: '2022-05-06' });
    expect(doc.paragraphs.some((p) => p.kind !== 'web' && /^[\s<]*(?:p|strong|br)\b/.test(p.text.trim()))).toBe(false);
  });

  it("a 文号 that lost 〕 and 号 (溪政办发〔201915), a date that lost 年月日 ({ 2019 4 22), before the page's 发文日期", async () => {
    const doc = await shape('garbled-number-spaced-date.txt');
    expect(doc).toMatchObject({ title: '青溪县森林火灾应急预案(试行)', docNumber: '溪政办发〔2019〕15号', date: '2019-04-22', issuer: '青溪县人民政府办公室' });
  });
});

describe('more page headers seen on district sites', () => {
  it("info lines of one label and its value (索引号 SY-…, 发布机构 区政府), and the page's second copy of the notice title broken over two lines, read once", async () => {
    const doc = await shape('lone-label-info-notice-copy.txt');
    expect(doc).toMatchObject({
      title: '江北新区人民政府工作规则',
      noticeTitle: '江北新区人民政府关于印发《江北新区人民政府工作规则》的通知',
      issuer: '江北新区人民政府',
      docNumber: '江北府〔2023〕2号',
    });
    for (const p of doc.paragraphs.filter((p) => /^(?:索引号|文件编号|发布机构|公开类别) /.test(p.text))) expect(p.kind).toBe('web');
  });

  it("a page's time before its source (2024-01-08 09:30 区人民政府办公室) is no issuer line: the signature is", async () => {
    const doc = await shape('page-time-source-line.txt');
    expect(doc).toMatchObject({ issuer: '江北区人民政府办公室', docNumber: '江政办〔2024〕2号', date: '2024-01-05' });
  });

  it('某市人民政府印发《X》的通知: a notice title without 关于 from one organ', async () => {
    const doc = await shape('single-organ-issued-notice.txt');
    expect(doc).toMatchObject({
      noticeTitle: '江城市人民政府印發《關于本市加強社會信用建設的實施意見》的通知',
      title: '關于本市加強社會信用建設的實施意見',
      issuer: '江城市人民政府',
      docNumber: '江府發〔2019〕15號',
      date: '2019-06-03',
    });
  });
});

describe('印发 without 关于 before it', () => {
  it("某办公厅印发关于…方案的通知 (no 《》) is the notice title; the plan's title that opens with 关于, broken over two lines, is the title", async () => {
    const doc = await shape('issued-notice-plain-name.txt');
    expect(doc).toMatchObject({
      noticeTitle: '江城市人民政府办公厅印发关于推进我市园区提质增效实施方案的通知',
      title: '关于推进我市园区提质增效的实施方案',
      issuer: '江城市人民政府办公厅',
      docNumber: '江政办函〔2021〕66号',
      date: '2021-09-02',
    });
  });
});

describe('excerpts of notices without their title or signature', () => {
  it("a date in brackets on the excerpt's first line (二OO九, Latin O for 〇) is its date; 特此通知 is no title, the line under it is the plan's", async () => {
    const doc = await shape('excerpt-dated-closing-formula.txt');
    expect(doc).toMatchObject({ title: '2009年区政府工作任务分解', docNumber: '松江府办〔2009〕7号', date: '2009-03-12' });
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['发改委', '统计局'], []],
      ['2', ['发改委'], ['建设局', '各镇']],
    ]);
  });

  it("a title naming its organ without the place (县人民政府办公室关于…) takes the place from the info block's 发文单位", async () => {
    const doc = await shape('info-issuer-placeless-title.txt');
    expect(doc).toMatchObject({ issuer: '青溪县人民政府办公室', docNumber: '青政办发〔2025〕3号', date: '2025-02-20' });
  });
  it("a site's column tag in 【】 before the title (【市政府重点工作及责任分解】某市人民政府关于…) is no part of it; the title names the issuer", async () => {
    const doc = await shape('column-tag-title.txt');
    expect(doc).toMatchObject({ title: '云江市人民政府关于2025年市政府重点工作及责任分解的通知', issuer: '云江市人民政府', date: '2025-02-10' });
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([['1', ['市发展改革委'], ['市统计局', '市经信局', '各县、市、区政府']]]);
  });
  it("a news report's headline figures, one a line, above its lead-in do not hide the lead-in: issuer and title from 近日，某区人民政府办公室印发《X》", async () => {
    const doc = await shape('news-headline-figures.txt');
    expect(doc).toMatchObject({ title: '2025年区政府工作报告重点任务分解', issuer: '青湾区人民政府办公室' });
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['区发改委'], ['各产业主管部门']],
      ['2', ['区财政局'], ['区税务局']],
    ]);
  });
  it("a page's second copy of the notice title run on after its 文号 (临政发〔2024〕3号临川区人民政府关于…) is read once; the plan's title broken over two lines under the date", async () => {
    const doc = await shape('number-glued-notice-copy.txt');
    expect(doc).toMatchObject({
      title: '临川区政府2024年重点工作任务分解和责任分工方案',
      noticeTitle: '临川区人民政府关于印发《临川区政府2024年重点工作任务分解和责任分工方案》的通知',
      issuer: '临川区人民政府',
      docNumber: '临政发〔2024〕3号',
      date: '2024-02-26',
    });
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([['1', ['区发改局'], ['各街道', '区统计局']]]);
  });
  it('a page that is a table: the caption above its header (2024年…推进情况(1-6月)) is the title', async () => {
    const doc = await shape('table-page-caption.txt');
    expect(doc.title).toBe('2024年区政府重点民生实事项目推进情况(1-6月)');
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['7', ['园林局'], ['住建局', '相关街道']],
      ['8', ['住建局'], ['各街道']],
    ]);
  });
  it("a whole plan title of more than 30 characters on its line under the notice's date and (此件公開發布), before the preamble, is the title whatever word ends it", async () => {
    const doc = await shape('long-title-under-notice-date.txt');
    expect(doc).toMatchObject({
      title: '東湖市推動新舊動能轉換促進製造業綠色低碳高質量發展2024年重點工作任務',
      issuer: '東湖市人民政府辦公室',
      date: '2024-02-20',
    });
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['市工業和信息化局'], ['市生態環境局']],
      ['2', ['市發展改革委'], []],
    ]);
  });
  it("a mirror's notice title in 《》 on its own line is the notice title; a notice with points of its own (…通知如下) and no plan title below is the document: its title the title", async () => {
    const doc = await shape('notice-in-book-marks-points-of-its-own.txt');
    expect(doc).toMatchObject({
      title: '東湖市人民政府辦公廳關于印發2024年市〈政府工作報告〉重點任務分工方案的通知',
      issuer: '東湖市人民政府辦公廳',
      docNumber: '東湖政辦〔2024〕3號',
    });
    expect(doc.tasks).toEqual([]);
  });
  it("a notice with points of its own (一、二、三、), signed and dated, then a plan the notice names in 《》 (…责任分解, no usual title word): the plan's title and its outline, items read", async () => {
    const doc = await shape('notice-points-then-plan-named-in-book-marks.txt');
    expect(doc).toMatchObject({ title: '2025年市政府重点工作责任分解', issuer: '青河市人民政府办公室', date: '2025-02-10' });
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['市政府办公室'], ['市级有关单位', '各区县政府']],
      ['2', ['市政府办公室'], ['市司法局']],
    ]);
  });
  it("a notice covering two plans, then 附件1 alone on its line above the first plan's title and its table: that plan's title, not the notice's pair of names", async () => {
    const doc = await shape('notice-two-attachments-plan-under-label.txt');
    expect(doc).toMatchObject({ title: '2025年政府工作报告重点工作责任分解', issuer: '青河市人民政府办公室', date: '2025-02-12' });
    expect(doc.tasks.map((t) => [t.number, t.responsible])).toEqual([
      ['1', ['发改局']],
      ['2', ['财政局']],
    ]);
  });
  it("a wiki page's release note in its first lines (2024年3月，A、B發布《X》) names the issuers and the title; the year and month are no date", async () => {
    const doc = await shape('wiki-release-year-month-lead-in.txt');
    expect(doc).toMatchObject({
      title: '東湖省農村人居環境整治責任制實施細則',
      issuer: '中共東湖省委辦公廳、東湖省人民政府辦公廳',
      docNumber: null,
      date: null,
    });
  });
});

describe('law-database pages: fields as 【label】value lines', () => {
  it('∙【制定机关】 / 【公布日期】 with a dotted date / 【字 号】: issuer, date and 文号, never a bullet in the issuer', async () => {
    const doc = await shape('law-db-bracket-fields.txt');
    expect(doc).toMatchObject({
      title: '市人民政府办公室关于印发2021年市《政府工作报告》确定的重点任务责任分解方案的通知',
      issuer: '青河市人民政府办公室',
      docNumber: '青政办〔2021〕4号',
      date: '2021-03-05',
    });
    for (const p of doc.paragraphs.filter((p) => p.text.includes('【'))) expect(p.kind).toBe('web');
  });

  it('【发布部门】 / 【发文字号】 with a space after the bracket: the page fields, the signature date first, the tasks below', async () => {
    const doc = await shape('law-db-bracket-fields-plain.txt');
    expect(doc).toMatchObject({
      title: '北湖县2022年重点工作任务分工方案',
      issuer: '北湖县人民政府',
      docNumber: '北政发〔2022〕2号',
      date: '2022-02-16',
    });
    expect(doc.tasks.map((t) => t.lead)).toEqual([['县住建局'], ['县交通运输局']]);
  });
});

describe('a plan title right above its table', () => {
  it("a notice with points of its own, its date, an editor's (本文有删减), then the plan title over its table one row a line", async () => {
    const doc = await shape('plan-title-above-table-abridged.txt');
    expect(doc).toMatchObject({
      title: '2019年节能降耗量化任务分工',
      noticeTitle: '国务院办公厅关于印发2019年节能降耗量化任务分工的通知',
      issuer: '国务院办公厅',
      date: '2019-03-18',
    });
    expect(doc.tasks.map((t) => [t.number, t.lead])).toEqual([
      ['1', ['发展改革委']],
      ['2', ['交通运输部']],
      ['3', ['生态环境部']],
    ]);
  });
});

describe('titles of plans a page gives without their usual ending', () => {
  it('a plan title ending in 责任分解 under a news lead-in is the title', async () => {
    const doc = await ingestText(
      [
        '某省2025年重点工作分工公布',
        '近日，某省人民政府办公厅印发2025年政府工作报告重点工作责任分解的通知，公布重点工作的责任分解。',
        '2025年政府工作报告重点工作责任分解',
        '一、李某副省长牵头重点工作',
        '1.全年新增城镇就业50万人以上。',
        '责任单位：省人力社保厅',
      ].join('\n\n'),
      { fileName: 'duty-split-news.txt' },
    );
    expect(doc.title).toBe('2025年政府工作报告重点工作责任分解');
    expect(doc.tasks.map((t) => t.responsible)).toEqual([['省人力社保厅']]);
  });

  it("a wiki's section heads (印发通知, 主要内容) around a notice 某市人民政府印发关于…的通知; the plan without its title line is named as the notice's text writes it", async () => {
    const doc = await ingestText(
      [
        '印发通知',
        '某市人民政府印发关于落实省《政府工作报告》重点工作任务分工的通知',
        '（某政规〔2024〕2号）',
        '各区人民政府，市政府各委、办、局：',
        '现将《关于落实省〈政府工作报告〉重点工作的任务分工》印发给你们，望遵照执行。',
        '某市人民政府',
        '2024年3月8日',
        '主要内容',
        '一、任务分工',
        '1.全年地区生产总值增长6%左右。（市发展改革委牵头，各区人民政府负责）',
      ].join('\n'),
      { fileName: 'wiki-notice.txt' },
    );
    expect(doc).toMatchObject({
      title: '关于落实省〈政府工作报告〉重点工作的任务分工',
      noticeTitle: '某市人民政府印发关于落实省《政府工作报告》重点工作任务分工的通知',
      issuer: '某市人民政府',
      docNumber: '某政规〔2024〕2号',
      date: '2024-03-08',
    });
  });
});

describe("a gazette's table of contents", () => {
  it('目录 and the titles of the issue under it are the page, not the header: no title, no issuer from them', async () => {
    const doc = await ingestText(
      [
        '某市人民政府主办 2021年第3号',
        '目录',
        '市政府文件',
        '市人民政府关于印发某市城市绿化管理办法的通知',
        '市人民政府关于某市落实稳就业若干措施责任分工的通知',
        '市人民政府办公室关于2020年度政务公开工作情况的通报',
        '重点任务',
        '工作措施',
        '责任单位',
        '一、稳定就业岗位',
        '1.对不裁员或少裁员的企业返还失业保险费。',
        '市人社局、市财政局',
      ].join('\n'),
      { fileName: 'gazette-contents.txt' },
    );
    expect(doc).toMatchObject({ title: null, noticeTitle: null, issuer: null });
  });
});

describe("an essay site's copy of a PDF that opens inside the notice", () => {
  it("the site's headline (the plan's title without its place) over its info line (栏目:…发布:…浏览:…) is the page's; the title broken over two lines under the date is the document's", async () => {
    const doc = await ingestText(
      [
        '落实《关于加强社区工作的意见》的任务分解方案',
        '',
        '栏目:工作方案发布:2020-05-12浏览:1520下载88次收藏',
        '请认真组织实施。',
        '中共某某区委办公室',
        '某某区人民政府办公室',
        '2020 年 5 月 11 日',
        '某某区落实《关于加强社区',
        '工作的意见》的任务分解方案',
        '为落实全市社区工作会议精神，制定本任务分解方案。',
        '一、加强社区党建',
        '1.健全社区党组织领导体制。（责任单位：区委组织部）',
      ].join('\n'),
      { fileName: 'essay-site-pdf-copy.txt' },
    );
    expect(doc).toMatchObject({
      title: '某某区落实《关于加强社区工作的意见》的任务分解方案',
      issuer: '中共某某区委办公室、某某区人民政府办公室',
      date: '2020-05-11',
    });
  });
});
