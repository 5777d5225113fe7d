import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';

/**
 * A city's 工作报告责任分工 table as a web page copies it: one cell per line with a blank line
 * between cells, a header cell wrapped over two lines (市政府 ⏎ 分管领导), and section rows that
 * carry no number of their own (强化创新支撑。, then （一） ⏎ 加强科研力量建设。) between the
 * numbered rows. Text in our own words.
 */
const rows = (doc: PolicyDocument) => doc.tasks.map((t) => [t.number, t.lead, t.responsible]);

const cells = (lines: string[]) => lines.join('\n\n');

const page = (table: string) => `某市人民政府关于印发2024年市政府工作报告部署工作责任分工的通知

各区人民政府，市政府各部门：

  《2024年市政府工作报告部署工作责任分工》已经市政府常务会议审议通过，现印发给你们。

某市人民政府

2024年2月20日

2024年市政府工作报告部署工作责任分工

${table}
`;

const HEADER = ['序号', '重点工作', '市政府', '分管领导', '牵头单位', '配合单位', '备注'];

describe('a web copy of a 责任分工 table with section rows that carry no number', () => {
  it('reads the numbered rows as tasks, past the unnumbered section rows and the wrapped header', () => {
    const doc = ingestText(
      page(
        cells([
          ...HEADER,
          '强化创新支撑能力。',
          '',
          '',
          '(一)',
          '加强科研力量建设。',
          '',
          '',
          '1',
          '加快建设东部科学城，链接全市创新节点。',
          '张 某',
          '市科技局',
          '东山区、西湖区政府',
          '',
          '2',
          '做好省实验室筹建保障服务工作。',
          '张 某',
          '市科技局',
          '市发展改革委、市财政局',
          '',
          '(二)',
          '壮大创新主体。',
          '',
          '',
          '3',
          '新增高新技术企业500家。',
          '李 某',
          '市工业和信息化局',
          '各区政府',
        ]),
      ),
      { fileName: 'fengong.txt' },
    );
    expect(rows(doc)).toEqual([
      ['1', ['市科技局'], ['东山区政府', '西湖区政府']],
      ['2', ['市科技局'], ['市发展改革委', '市财政局']],
      ['3', ['市工业和信息化局'], ['各区政府']],
    ]);
  });

  it('a task row whose text is one short sentence is still a row, not a section', () => {
    const doc = ingestText(
      page(cells([...HEADER, '1', '建设科技馆。', '张 某', '市科技局', '市财政局', '', '2', '建设图书馆。', '张 某', '市文广旅局', '市财政局'])),
      { fileName: 'short.txt' },
    );
    expect(rows(doc)).toEqual([
      ['1', ['市科技局'], ['市财政局']],
      ['2', ['市文广旅局'], ['市财政局']],
    ]);
  });
});
