import { describe, expect, it } from 'vitest';
import { maskJammer, readingText } from '../../src/model/script.js';
import { fixtureLoader } from '../helpers/fixtures.js';

/**
 * Documents of departments and of several issuers together (部门文件, 联合发文): the shapes their
 * pages take in the header and the signature. Fixtures in test/fixtures/real-shapes, our own text.
 */
const shape = fixtureLoader('real-shapes');

describe('joint issuers in the signature and the title', () => {
  it('A+B印发《X》的通知(文号) on one line: a notice title, its 文号 read from the brackets, the plan title under the date', async () => {
    const doc = await shape('joint-party-notice-number-after-title.txt');
    expect(doc).toMatchObject({
      noticeTitle: '中共青溪县委办公室青溪县人民政府办公室印发《关于加强村级组织减负工作的实施意见》的通知',
      title: '关于加强村级组织减负工作的实施意见',
      issuer: '中共青溪县委办公室、青溪县人民政府办公室',
      docNumber: '青办发〔2021〕6号',
      date: '2021-03-30',
    });
  });

  it('a joint signature of ten organs, two a line, names of three characters among them: every organ is an issuer', async () => {
    const doc = await shape('joint-ministries-two-a-line.txt');
    expect(doc).toMatchObject({
      title: '江淮地区冬春季秸秆禁烧攻坚方案',
      issuer: '生态环境部、农业农村部、财政部、公安部、交通运输部、商务部、能源局、气象局、江北省人民政府、江南省人民政府',
      date: '2021-11-05',
    });
  });

  it('an attachment line ending in a file name (.xls) never runs on into the signature under it', async () => {
    const doc = await shape('signature-after-attachment-files.txt');
    expect(doc).toMatchObject({ issuer: '中共澄阳县委办公室、澄阳县人民政府办公室', date: '2022-05-18' });
    expect(doc.paragraphs.find((p) => p.text.includes('.xls'))?.text).not.toContain('中共');
  });

  it('a signature with (某局代章) under it is still the signature above its date; the seal note is no part of the name', async () => {
    const doc = await shape('signature-seal-on-behalf.txt');
    expect(doc).toMatchObject({
      title: '青山县道路运输事故应急预案',
      issuer: '青山县安全生产委员会交通运输专业委员会办公室',
      date: '2024-03-12',
    });
  });

  it('中共某市委某市人民政府关于…的实施意见: the party committee and the government the title names run together are two issuers', async () => {
    const doc = await shape('party-government-title-run-together.txt');
    expect(doc).toMatchObject({
      title: '中共江城市委江城市人民政府关于加快建设文化旅游名城的实施意见',
      issuer: '中共江城市委、江城市人民政府',
      docNumber: '江发〔2024〕7号',
    });
  });
});

describe('page clutter around department notices', () => {
  it("a breadcrumb after the column's name (行业动态 | 当前位置:首页 > …) is clutter, never part of the title under it", async () => {
    const doc = await shape('column-label-breadcrumb.txt');
    expect(doc).toMatchObject({ title: '关于公布2023年现代农业园区创建名单的通知', docNumber: '农办规〔2023〕8号' });
  });

  it("a forum's anti-copy junk (c6 R) x2 {4 …) glued to the lines is no part of the title, 文号, signature (a national bureau's 综合司 among its organs) or list title", async () => {
    const doc = await shape('forum-jammer-joint-notice.txt');
    expect(doc).toMatchObject({
      noticeTitle: '关于印发城市社区医养结合试点名单的通知',
      title: '城市社区医养结合试点名单',
      docNumber: '国卫办老龄函〔2024〕31号',
      issuer: '国家卫生健康委办公厅、民政部办公厅、国家中医药局综合司',
      date: '2024-06-03',
    });
  });

  it("a notice whose 要点 is only a download (附件下载:) and no plan follows: the title is the notice's own", async () => {
    const doc = await shape('notice-only-attachment-download.txt');
    expect(doc).toMatchObject({
      title: '江北省农业农村厅办公室关于印发《2023年农业科技推广工作要点》的通知',
      issuer: '江北省农业农村厅办公室',
      date: '2023-02-20',
    });
  });
});

describe('the anti-copy junk mask', () => {
  it('masks the runs with spaces, same length, only on a page that has three of them or more', () => {
    const page = ['某局办公室 9 }\' T% s4 e" [7 R! m3 y', '某厅办公室6 N* z( Q; ]/ w7 b# d', '/ L! }, {! ?2 [$ W p1 z1 ?某名单'].join('\n');
    const masked = maskJammer(page);
    expect(masked).toHaveLength(page.length);
    expect(masked.split('\n').map((l) => l.trim())).toEqual(['某局办公室', '某厅办公室', '某名单']);
    // one run alone is left as written
    expect(maskJammer(page.split('\n')[0])).toBe(page.split('\n')[0]);
  });

  it("leaves a table's cells and plain codes as they are", () => {
    const rows = ['| 1 | 2 | 3 | 4 | 5 | 6 |', '| 10 | 11 | 12 | 13 | 14 | 15 |', 'A B C D E F G', '| 7 | 8 | 9 | 10 | 11 | 12 |'].join('\n');
    expect(maskJammer(rows)).toBe(rows);
  });
});

describe('pinyin notes without tone marks', () => {
  it('a mirror that writes toneless notes all over ((huan), (qu)(qu)): notes are no part of the title or the issuers', async () => {
    const doc = await shape('toneless-pinyin-joint-departments.txt');
    expect(doc).toMatchObject({
      // (a title the reader joined from two lines is given in the reading's simplified characters)
      title: expect.stringMatching(/^江北省耕地(?:質量提升行動|质量提升行动)方案\(2024—2026年\)$/),
      // joint issuers as the page writes them
      issuer: '江北省農業農村廳、江北省財政廳',
      docNumber: '江農廳發〔2023〕58號',
      date: '2023-12-08',
    });
  });

  it('a page with a few lowercase letters in brackets keeps them ((a) list markers, 条件(b))', () => {
    const text = '符合下列条件(a)的企业,或条件(b)的个人,可以申请。';
    expect(readingText(text)).toBe(text);
  });
});

describe('collection pages', () => {
  it("an essay-collection page's 第一篇: before the document's name is no part of the title", async () => {
    const doc = await shape('collection-page-first-piece.txt');
    expect(doc).toMatchObject({
      title: '江北省省级文化产业发展专项资金管理办法',
      issuer: '江北省财政厅',
      docNumber: '江财教〔2019〕12号',
      date: '2019-03-08',
    });
  });
});

describe('joint signatures that name courts and a bank beside the ministries', () => {
  it('two a line set apart by one space, a line led by 最高法院 or closed by 人民银行: every name is an issuer', async () => {
    const doc = await shape('joint-ministries-with-courts-two-a-line.txt');
    expect(doc).toMatchObject({
      title: '清河流域水生态保护攻坚行动方案',
      noticeTitle: '关于印发《清河流域水生态保护攻坚行动方案》的通知',
      issuer: '生态环境部、最高法院、最高检察院、公安部、水利部、农业农村部、人民银行、林草局',
      date: '2023-06-12',
    });
  });
});

describe('a joint notice whose plan is only a download, the site asking to follow its WeChat account under the date', () => {
  it("the footer (关注我们的微信公众号, 获得更多资讯) is the page's leftovers: the title is the notice's own, the lines are clutter", async () => {
    const doc = await shape('joint-notice-download-wechat-footer.txt');
    expect(doc).toMatchObject({
      title: '关于印发《清河航道沿线农田排灌设施整治行动方案》的通知',
      issuer: '水利部、交通运输部、农业农村部',
      docNumber: '水运〔2023〕18号',
      date: '2023-09-06',
    });
    expect(doc.paragraphs.some((p) => p.text.includes('获得更多资讯') && p.kind !== 'web')).toBe(false);
  });
});
