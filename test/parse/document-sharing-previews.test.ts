import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';

// A document-sharing site's preview of an uploaded file (our own words, traditional script as
// such mirrors often serve it): the file's name, the site's fields, then the file's text in
// chunks numbered 1、2、 with its line ends lost — the document's title runs into its first
// sentence.
const header = ['某某縣鄉村治理示範創建工作方案(2022-2024年)(9頁).docx', '下載文檔', '上傳人:ab****12', '編號:102938', '2023-04-02', '9頁', '20.10KB'];
const chunk =
  '1、某某縣鄉村治理示範創建實施方案(2022-2024年)為推進鄉村治理體系建設,根據上級有關要求,結合我縣實際,制定本方案。一、工作目標到2024年,建成市級以上鄉村治理示範村10個。二、重點任務(一)健全村級組織體系。(縣委組織部牽頭,縣民政局配合)';

describe('document-sharing previews', () => {
  it('reads the title run into the first sentence of the first chunk, where the file name begins as it does', () => {
    const doc = ingestText([...header, chunk].join('\n'), { fileName: 'preview.txt' });
    expect(doc.title).toBe('某某縣鄉村治理示範創建實施方案(2022-2024年)');
    // the sentence after it stays text of the document
    expect(doc.tasks.some((t) => t.lead.includes('縣委組織部'))).toBe(true);
  });

  it('cuts nothing without the file name over it, or where the name begins otherwise', () => {
    expect(ingestText([...header.slice(1), chunk].join('\n'), { fileName: 'preview.txt' }).title).toBeNull();
    const other = ['某某市年度工作總結彙編(9頁).docx', ...header.slice(1), chunk];
    expect(ingestText(other.join('\n'), { fileName: 'preview.txt' }).title).toBeNull();
  });
});
