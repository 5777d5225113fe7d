import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';

/**
 * Header shapes of county, city and banner pages that publish rural and environment plans
 * (生态环境, 草原, 河湖长制, 人居环境): page clutter, info rows, short issuers, damaged dates and 附件
 * lists around the notice. Our own text, in the shapes of held-out set S.
 */
const read = (text: string) => ingestText(text, { fileName: 'page.txt' });
const meta = (text: string) => {
  const d = read(text);
  return { title: d.title, noticeTitle: d.noticeTitle, issuer: d.issuer, docNumber: d.docNumber, date: d.date };
};

describe('lines that are no issuer and no title', () => {
  it('a page that starts inside a plan: the item clause line 牵头单位：… above the next item is no issuer', () => {
    const d = read(`范文汇编(第3/20页)
牵头单位：市林业和草原局
4.加强湿地保护。落实湿地面积总量管控，完成退化湿地修复1200亩。
牵头单位：市林业和草原局
配合单位：市自然资源局、市水务局
5.推进国土绿化。完成营造林任务3万亩，建设绿色通道50公里。
牵头单位：市林业和草原局
配合单位：市交通运输局、各县区政府
`);
    expect(d.issuer).toBeNull();
    expect(d.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['4', ['市林业和草原局'], ['市自然资源局', '市水务局']],
      ['5', ['市林业和草原局'], ['市交通运输局', '各县区政府']],
    ]);
  });

  it('a 附件 list whose entry is broken over two lines (…2024年任务 ⏎ 清单): its tail is no title', () => {
    const d = read(`关于印发区农村环境整治和河道保洁2024年任务清单的通知
区各相关部门：
现将两份任务清单印发给你们，请抓好落实。
附件：1.区农村环境整治2024年任务清单
2.区河道保洁长效管理2024年任务
清单
东湖区农村环境整治协调办公室
2024年3月6日
`);
    expect(d.title).not.toBe('清单');
    expect(d.issuer).toBe('东湖区农村环境整治协调办公室');
    expect(d.date).toBe('2024-03-06');
  });
});

describe('issuers and notice titles', () => {
  it('a notice of a government 督查室 that carries the tasks itself: the office named before 关于 issues it', () => {
    const d = read(`青河市人民政府督查室关于开展全市村庄清洁专项督查的通知
各乡镇人民政府，市直有关部门：为推进村庄清洁工作，现将督查事项通知如下。一、督办事项 1.清理村内垃圾和杂物。(责任单位:各乡镇) 2.整治河塘沟渠。(责任单位:水利局、各乡镇)
`);
    expect(d.issuer).toBe('青河市人民政府督查室');
    expect(d.title).toBe('青河市人民政府督查室关于开展全市村庄清洁专项督查的通知');
  });

  it('市政府关于印发…的通知 (the issuer in short): a notice title, the plan under the date its title', () => {
    expect(
      meta(`市政府关于印发青江市湿地保护行动方案(2024-2026年)的通知
各镇人民政府，市各相关部门：
《青江市湿地保护行动方案(2024-2026年)》已经市政府同意，现予印发。
青江市人民政府
2024年4月2日
青江市湿地保护行动方案
(2024-2026年)
为保护湿地生态，制定本方案。
`),
    ).toMatchObject({
      title: '青江市湿地保护行动方案(2024-2026年)',
      noticeTitle: '市政府关于印发青江市湿地保护行动方案(2024-2026年)的通知',
      issuer: '青江市人民政府',
      date: '2024-04-02',
    });
  });

  it('a plan title broken after the 、 of its list, a blank line between (paragraphs of a page): both lines are the title', () => {
    const page = [
      '北原县人民政府办公室',
      '关于印发北原县秸秆禁烧、农膜回收工作方案的通知',
      '各乡镇人民政府，县政府有关部门：',
      '县农业农村局拟定的方案已经县人民政府同意，现转发给你们。',
      '北原县人民政府办公室',
      '2023年5月8日',
      '北原县秸秆禁烧、',
      '农膜回收和畜禽粪污资源化利用工作方案',
      '为改善农村环境，制定本方案。',
    ].join('\n\n');
    expect(meta(page).title).toBe('北原县秸秆禁烧、农膜回收和畜禽粪污资源化利用工作方案');
  });
});

describe('page clutter and info rows', () => {
  it('a breadcrumb whose steps are set apart by spaces (首页 栏目 title): the plan under the date gives the title', () => {
    expect(
      meta(`首页 政策文件 南川市人民政府办公室关于印发南川市2019年水土保持行动计划的通知
南川市人民政府办公室关于印发南川市2019年水土保持行动计划的通知
各县区人民政府，市政府有关部门：
《南川市2019年水土保持行动计划》已经市政府同意，现印发给你们。
南川市人民政府办公室
2019年6月3日
南川市2019年水土保持工作计划
为加强水土保持，编制本计划。
`),
    ).toMatchObject({ title: '南川市2019年水土保持工作计划', issuer: '南川市人民政府办公室', date: '2019-06-03' });
  });

  it('info rows of label and value set apart by spaces, with 公开日, 时效, 信息分类 among the labels', () => {
    expect(
      meta(`关于印发《西山区草原补奖政策实施方案(2024年)》的通知
索 引 号 0123456/2024-00031 发布机构 西山区政府办公室 公开日 2024-07-09
文  号 西区农〔2024〕12号 主题分类 生态保护 时效 有效
信息分类 通知公告  \\  通知
各乡镇人民政府：
现将方案印发你们，请认真执行。
西山区草原补奖政策实施方案
一、实施范围
`),
    ).toMatchObject({ title: '西山区草原补奖政策实施方案', issuer: '西山区政府办公室', docNumber: '西区农〔2024〕12号', date: '2024-07-09' });
  });

  it('a signature date whose 月 and 日 a page lost (2025年612): the date, and no part of the plan title', () => {
    expect(
      meta(`东旗人民政府关于印发《东旗草畜平衡工作方案》的通知
东政发〔2025〕41号
各苏木镇人民政府，旗人民政府各部门：
现将《东旗草畜平衡工作方案》印发给你们，请认真执行。
东旗人民政府
2025年612
东旗草畜平衡工作方案
为落实草畜平衡制度，制定本方案。
`),
    ).toMatchObject({ title: '东旗草畜平衡工作方案', issuer: '东旗人民政府', docNumber: '东政发〔2025〕41号', date: '2025-06-12' });
  });
});

describe('dates and titles a page damaged', () => {
  it('the disclosure note and the date side by side on one line: the date under the signature', () => {
    expect(
      meta(`中共南溪县委办公室 南溪县人民政府办公室
关于印发《南溪县湖长制工作方案》的通知
南办发〔2019〕8号
各乡镇党委、人民政府：
《南溪县湖长制工作方案》已经县委、县政府同意，现印发给你们。
中共南溪县委办公室
南溪县人民政府办公室
(此件发至乡镇)                  2019年4月9日
南溪县湖长制工作方案
为加强湖泊管理保护，制定本方案。
`).date,
    ).toBe('2019-04-09');
  });

  it('a page that posts the notice inside its own 公示 (附件：then the notice): the plan under the date is the title', () => {
    expect(
      meta(`中共南溪县委办公室 南溪县人民政府办公室 关于对《南溪县湖长制工作方案》的公示

来源:南溪县门户网 2019-09-02 10:11 浏览次数:

现将《南溪县湖长制工作方案》进行公示，欢迎社会各界监督。

附件:

中共南溪县委办公室 南溪县人民政府办公室

关于印发《南溪县湖长制工作方案》的通知

南办发〔2019〕8号

各乡镇党委、人民政府：

《南溪县湖长制工作方案》已经县委、县政府同意，现印发给你们。

中共南溪县委办公室
南溪县人民政府办公室

(此件发至乡镇)                  2019年4月9日

南溪县湖长制工作方案

为加强湖泊管理保护，制定本方案。
`),
    ).toMatchObject({ title: '南溪县湖长制工作方案', docNumber: '南办发〔2019〕8号', date: '2019-04-09' });
  });

  it('a title line set with spaces between its characters, and its period line damaged: the name the notice gives', () => {
    const page = [
      '北山盟行政公署关于印发《北山盟草原禁牧休牧补助政策实施意见(2021—2025年)》的通知',
      '北署发〔2021〕15号',
      '各旗县人民政府：',
      '现将《北山盟草原禁牧休牧补助政策实施意见(20212025)》印发给你们，请认真贯彻执行。',
      '北山盟行政公署',
      '2021年3月2日',
      '北山盟草原禁牧休牧补助政策',
      '实 施 意 见',
      '(20212025)',
      '一、总体要求',
    ].join('\n\n');
    expect(meta(page).title).toBe('北山盟草原禁牧休牧补助政策实施意见(2021—2025年)');
  });

  it('a plan title whose period line lost its opening bracket (2024年)): the name the notice gives', () => {
    expect(
      meta(`关于印发《西山区草原补奖政策实施方案(2024年)》的通知
各乡镇人民政府：
结合我区实际，制定了《西山区草原补奖政策实施方案(2024年)》，现印发你们。

西山区草原补奖政策实施方案

2024年)

一、实施范围
`).title,
    ).toBe('西山区草原补奖政策实施方案(2024年)');
  });

  it('an info row opening with a label of its own (责任部门：…) before 发布日期: the site’s day, not the 成文日期', () => {
    expect(
      meta(`索 引 号:1164-2023-00213 效力状态:有效
发布机构:南川市生态环境局 成文日期:2023-09-12
责任部门:南川市生态环境局 发布日期:2023-09-12
南川市生态环境保护委员会办公室关于印发《南川市生态保护修复三年行动方案》的通知
委员会各成员单位：
现将《南川市生态保护修复三年行动方案》印发给你们，请抓好落实。
南川市生态环境保护委员会办公室
2023年3月28日
南川市生态保护修复三年行动方案
为加强生态保护修复，制定本方案。
`).date,
    ).toBe('2023-03-28');
  });
});
