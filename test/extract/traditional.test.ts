import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import { normalizeForMatch } from '../../src/model/normalize.js';
import { foldTraditional, maskGarbledLabels, maskPinyinNotes, readingText } from '../../src/model/script.js';
import { resolveDepartment } from '../../src/select/departments.js';
import { readFixture } from '../helpers/fixtures.js';

const text = readFixture('real-shapes', 'traditional-plan.txt');
const doc = ingestText(text, { fileName: 'traditional-plan.txt' });

describe('traditional script', () => {
  it('folds one character for one, so offsets stay', () => {
    expect(foldTraditional('牽頭單位：縣發展改革委')).toBe('牵头单位：县发展改革委');
    expect(readingText(text)).toHaveLength(text.length);
    // ordinary simplified words are left alone (显著 is not 显着)
    expect(foldTraditional('成效显著，乾坤')).toBe('成效显著，乾坤');
  });

  it('masks pinyin notes of mirror sites, and only those', () => {
    expect(maskPinyinNotes('發(fā)改委')).toBe('發\u200b\u200b\u200b\u200b改委');
    expect(maskPinyinNotes('（a）项目（PPP）')).toBe('（a）项目（PPP）');
  });

  it('reads clauses written in traditional script, names kept as written', () => {
    expect(doc.tasks.map((t) => t.number)).toEqual(['一', '二', '三']);
    expect(doc.tasks[0].lead).toEqual(['縣行政審批局']);
    expect(doc.tasks[0].responsible).toEqual(['縣發展改革委', '縣司法局']);
    expect(doc.tasks[1].responsible).toEqual(['縣財政局', '各鄉鎮人民政府']);
    // the pinyin note is no part of the name, and 發改委 is 發展改革委 (one alias group)
    expect(doc.tasks[2].lead).toEqual(['縣發展改革委']);
    expect(doc.tasks[2].assignments[0].raw).toBe('縣發改委');
  });

  it('reads the header: 文号 with 號, notice title, plan title, issuer, date', () => {
    expect(doc.docNumber).toBe('某府辦發〔2024〕12號');
    expect(doc.title).toBe('某某縣優化營商環境工作方案');
    expect(doc.issuer).toBe('某某縣人民政府辦公室');
    expect(doc.date).toBe('2024-03-08');
  });

  it('keeps the text as written at its positions', () => {
    for (const t of doc.tasks) expect(text.slice(t.position.start.offset, t.position.end.offset)).toContain(t.title);
    for (const p of doc.paragraphs.filter((p) => p.kind === 'task')) expect(text.slice(p.position.start.offset, p.position.end.offset)).toContain(p.text);
    expect(doc.tasks[0].text).toContain('（牽頭單位：縣行政審批局；責任單位：縣發展改革委、縣司法局）');
  });

  it('gives back as written a text the reader joined from pieces of one run-together line', () => {
    // a preview that lost its line ends: the task's text is pieces of one line joined by line ends
    const runTogether = ingestText(
      '某某縣鄉村治理工作方案\n一、工作目標建成示範村10個。二、重點任務(一)健全村級組織體系。(縣委組織部牽頭,縣民政局配合)(二)推行積分制管理。2、(縣農業農村局牽頭,各鄉鎮人民政府負責)',
      { fileName: 'run-together.txt' },
    );
    const texts = runTogether.tasks.map((t) => t.text).join('\n');
    expect(texts).toContain('健全村級組織體系');
    // nothing of the page comes back in simplified script
    expect(foldTraditional(texts) === texts).toBe(false);
    expect(texts).not.toMatch(/[组织体务县农业级]/);
  });

  it('finds a unit by its simplified or traditional name', () => {
    expect(normalizeForMatch('縣發展改革委')).toBe(normalizeForMatch('县发展改革委'));
    for (const q of ['发改委', '發改委', '县发展改革委', '行政审批局']) {
      const r = resolveDepartment(q, doc.departments);
      expect(r.status, q).toBe('found');
    }
  });

  it('reads item labels a mirror garbled one GBK byte off (?。ǘ┩…) as （二）…, same length', () => {
    const garbled = readFixture('real-shapes', 'traditional-garbled-labels.txt');
    const g = ingestText(garbled, { fileName: 'traditional-garbled-labels.txt' });
    expect(g.tasks.map((t) => t.number)).toEqual(['一', '二', '三', '四']);
    expect(g.tasks[1].lead).toEqual(['縣郵政管理局']);
    expect(g.tasks[1].responsible).toEqual(['各鄉鎮人民政府']);
    expect(g.tasks[2].lead).toEqual(['縣農業農村局']);
    expect(g.tasks[2].responsible).toEqual(['縣財政局']);
    expect(g.tasks[3].lead).toEqual(['縣郵政管理局']);
    // the first task keeps only its own clause
    expect(g.tasks[0].responsible).toEqual(['縣交通運輸局', '縣自然資源局']);
    expect(readingText(garbled)).toHaveLength(garbled.length);
    // a label whose numeral bytes were all lost continues the one before it; 此件公开发布 garbled is no label
    expect(maskGarbledLabels('（五）甲\n?。﹩优f乙\n')).toBe('（五）甲\n（六）优f乙\n');
    expect(maskGarbledLabels('?。ù思_發布)\n')).toBe('?。ù思_發布)\n');
  });
});
