import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/search/query.js';
import { findMatches, makeSnippet } from '../../src/search/snippet.js';
import { GLOSSARY_FILE, getTokenizer, readWordList } from '../../src/search/tokenizer.js';

const tk = getTokenizer();

describe('tokenizer', () => {
  it('keeps glossary terms whole and also emits their parts (search mode)', () => {
    const tokens = tk.tokens('持续促进农业转移人口市民化，保障随迁子女受教育权利，健全城镇低效用地再开发激励约束机制。');
    for (const term of ['农业转移人口', '农业转移人口市民化', '市民化', '随迁子女', '低效用地']) expect(tokens).toContain(term);
    // parts, so a query for part of a term matches
    for (const part of ['农业', '转移', '人口', '随迁', '子女', '用地']) expect(tokens).toContain(part);
  });

  it('precise words keep a multi-term query in its terms', () => {
    expect(tk.words('农业转移人口落户')).toEqual(['农业转移人口', '落户']);
    expect(tk.words('探索宅基地三权分置')).toEqual(['探索', '宅基地', '三权分置']);
    expect(tk.words('成渝地区双城经济圈和一区两群')).toEqual(['成渝地区双城经济圈', '一区两群']);
  });

  it('normalises traditional characters, full-width forms and Latin case', () => {
    expect(tk.words('農業轉移人口')).toEqual(['农业转移人口']);
    expect(tk.tokens('隨遷子女')).toContain('随迁子女');
    expect(tk.tokens('ＰＰＰ模式５Ｇ基站')).toEqual(expect.arrayContaining(['ppp', '5g']));
    expect(tk.normalize('ＡＢｃ（一）')).toBe('abc(一)');
  });

  it('drops punctuation, whitespace and stop words', () => {
    const tokens = tk.tokens('县交通局、县财政局等部门和各乡镇（街道）要按照“四好农村路”要求。');
    expect(tokens.some((t) => /^[\s\p{P}]+$/u.test(t))).toBe(false);
    for (const stop of ['等', '和', '按照']) expect(tokens).not.toContain(stop);
    expect(tokens).toContain('四好农村路');
    expect(tk.words('，。、！')).toEqual([]);
    expect(tk.words('的 和 与 及')).toEqual([]);
  });

  it('user words (department names) stay whole once added', () => {
    const before = tk.cut('由县乡村振兴服务中心牵头');
    expect(before).not.toContain('县乡村振兴服务中心');
    getTokenizer({ userWords: ['县乡村振兴服务中心'] });
    expect(tk.cut('由县乡村振兴服务中心牵头')).toContain('县乡村振兴服务中心');
  });

  it('ships a glossary of more than 100 policy terms', () => {
    const terms = readWordList(GLOSSARY_FILE);
    expect(terms.length).toBeGreaterThan(100);
    expect(new Set(terms).size).toBe(terms.length);
  });
});

describe('parseQuery', () => {
  it('splits words and quoted phrases (ASCII, full-width and Chinese quotes)', () => {
    expect(parseQuery('宅基地 "三权分置"', tk)).toMatchObject({ words: ['宅基地', '三权分置'], phrases: ['三权分置'] });
    expect(parseQuery('“闲置宅基地”盘活', tk).phrases).toEqual(['闲置宅基地']);
    expect(parseQuery('＂城乡融合＂', tk).phrases).toEqual(['城乡融合']);
    expect(parseQuery('「隨遷子女」', tk).phrases).toEqual(['随迁子女']);
  });

  it('an unpaired quote is punctuation, not an error', () => {
    expect(parseQuery('"宅基地', tk)).toMatchObject({ words: ['宅基地'], phrases: [] });
  });

  it('refuses empty, punctuation-only, stop-word-only and over-long queries with a message', () => {
    expect(() => parseQuery('   ', tk)).toThrow(/empty query/);
    expect(() => parseQuery('，。！', tk)).toThrow(/nothing to search for/);
    expect(() => parseQuery('的和与', tk)).toThrow(/only punctuation or stop words/);
    expect(() => parseQuery('""', tk)).toThrow(/nothing to search for/);
    expect(() => parseQuery('宅基地'.repeat(70), tk)).toThrow(/210 characters long; the limit is 200/);
  });
});

describe('snippet', () => {
  const text =
    '20. 促进城乡要素双向自由流动。深化农村土地制度改革，完善农村承包地“三权分置”制度，探索建立宅基地“三权分置”实现形式，赋予农民住房财产权流转、抵押等权能。允许农村集体经济组织在农民自愿的前提下，依法将有偿收回的闲置宅基地转变为集体经营性建设用地入市。';

  it('centres on the window with the most query words and marks them', () => {
    const s = makeSnippet(text, text, ['宅基地', '三权分置'], { width: 40 });
    expect(s.text.startsWith('…')).toBe(true);
    const marked = s.highlights.map(([a, b]) => s.text.slice(a, b));
    expect(marked).toContain('宅基地');
    expect(marked).toContain('三权分置');
    expect(s.text.length).toBeLessThanOrEqual(42);
  });

  it('never cuts a marked word in two', () => {
    for (const width of [10, 20, 30, 41, 55]) {
      const s = makeSnippet(text, text, ['宅基地', '三权分置', '集体经营性建设用地'], { width });
      for (const [a, b] of s.highlights) expect(['宅基地', '三权分置', '集体经营性建设用地']).toContain(s.text.slice(a, b));
    }
  });

  it('prefers the longest term where terms overlap', () => {
    const m = findMatches('盘活闲置宅基地和农房', ['宅基地', '闲置宅基地', '基地']);
    expect(m).toEqual([[2, 7]]);
  });

  it('returns the start of the text when nothing matches', () => {
    const s = makeSnippet(text, text, ['高标准农田'], { width: 20 });
    expect(s.text).toBe(text.slice(0, 20) + '…');
    expect(s.highlights).toEqual([]);
  });
});
