import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';

/**
 * A 部门分工意见 that writes its work items as unnumbered paragraphs under a numbered heading,
 * each paragraph closing with its own clause (…。（A、B、C等负责）): each paragraph is a task, the
 * heading none. Our own words, in the shape of a provincial office's 2015 分工意见.
 */
const DOC = `青川省人民政府办公厅关于落实《政府工作报告》重点工作部门分工的意见

青政办字〔2016〕12号

省政府各部门、有关单位:

经省政府同意,现就《政府工作报告》确定的重点工作提出部门分工意见如下:

一、保持经济平稳健康发展

(一)推动经济稳定增长,必须发挥好消费、投资和出口的作用。

稳定和扩大居民消费,发展现代流通,营造放心消费环境。(省发展改革委、省商务厅、省市场监管局等负责)

发挥投资的关键作用,引导资金投向民生、水利和交通等领域。(省发展改革委、省财政厅、省交通运输厅等负责)

发挥出口的支撑作用,培育外贸竞争新优势。(省商务厅、省财政厅等负责)

(二)必须进一步拓展发展空间。

推进区域协同发展,支持中心城市提高辐射带动能力。(省发展改革委负责)
`;

describe('work items written as unnumbered paragraphs, each closing with its clause', () => {
  it('each paragraph under (一) is a task with its own units; an item of one paragraph stays one task', () => {
    const doc = ingestText(DOC, { fileName: 'paragraph-items.txt' });
    expect(doc.tasks.map((t) => [t.text.slice(0, 8), t.lead])).toEqual([
      ['稳定和扩大居民消', ['省发展改革委', '省商务厅', '省市场监管局']],
      ['发挥投资的关键作', ['省发展改革委', '省财政厅', '省交通运输厅']],
      ['发挥出口的支撑作', ['省商务厅', '省财政厅']],
      ['必须进一步拓展发', ['省发展改革委']],
    ]);
    expect(new Set(doc.tasks.map((t) => t.number)).size).toBe(4);
    expect(doc.tasks[0].title).toBe('稳定和扩大居民消费,发展现代流通,营造放心消费环境');
  });
});
