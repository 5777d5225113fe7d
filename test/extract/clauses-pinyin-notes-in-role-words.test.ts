import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';

// Mirror pages that annotate characters with their pinyin put the notes inside the role words too:
// 責(zé)任單位, 負(fù)責(zé). The notes are read as invisible characters of the same length, so the
// role word is split (責, four invisibles, 任單位) — the clause must still be read. Our own words.
const bracketed = [
  '某某市促進夜間消費若干措施',
  '1.發(fā)放夜間消費券1000萬元,重點支持餐飲行業(yè)。(市商務局、市財政局負(fù)責(zé))',
  '2.延長主要商圈營業(yè)時間至22時。(責(zé)任單位:市商務局、市公安局交警支隊(duì))',
  '3.舉辦夜市美食節(jié)活動。(市文化廣電旅游局牽頭,市商務局協(xié)助)',
].join('\n');

const labelLines = [
  '某某縣2024年政府工作報告重點工作責(zé)任分解',
  '一、縣長牽頭重點工作',
  '1.一般公共預算收入增長5%。',
  '責(zé)任單位:縣財政局、縣稅務局。',
  '2.完善縣域商業(yè)體系。',
  '牽頭單位:縣商務局',
  '責(zé)任單位:縣供銷社,各鄉(xiāng)鎮(zhèn)人民政府',
  '3.加密城鄉(xiāng)公交班次。責(zé)任單位:縣交通運輸局',
].join('\n');

describe('pinyin notes inside role words (責(zé)任單位, 負(fù)責(zé))', () => {
  it('reads a bracketed clause whose role word carries a note', () => {
    const doc = ingestText(bracketed, { fileName: 'notes-bracketed.txt' });
    const tasks = doc.tasks.map((t) => [t.number, t.lead, t.responsible]);
    expect(tasks).toEqual([
      ['1', ['市商務局', '市財政局'], []],
      ['2', [], ['市商務局', '市公安局交警支隊']],
      ['3', ['市文化廣電旅游局'], ['市商務局']],
    ]);
  });

  it('reads label lines and a label after the sentence whose label carries a note', () => {
    const doc = ingestText(labelLines, { fileName: 'notes-label-lines.txt' });
    const tasks = doc.tasks.map((t) => [t.number, t.lead, t.responsible]);
    expect(tasks).toEqual([
      ['1', [], ['縣財政局', '縣稅務局']],
      ['2', ['縣商務局'], ['縣供銷社', '各鄉鎮人民政府']],
      ['3', [], ['縣交通運輸局']],
    ]);
  });

  it("keeps the clause where it is written: its raw text is the page's, notes and all", () => {
    const doc = ingestText(bracketed, { fileName: 'notes-bracketed.txt' });
    expect(doc.tasks[1].clause?.raw).toBe('(責(zé)任單位:市商務局、市公安局交警支隊(duì))');
    expect(doc.tasks[0].clause?.raw).toBe('(市商務局、市財政局負(fù)責(zé))');
  });
});
