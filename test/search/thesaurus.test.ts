import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, ingestText } from '../../src/ingest.js';
import { saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import type { SearchEngine, SearchResult } from '../../src/search/engine.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { buildSearchIndex, type EngineName, loadSearchIndex, writeSearchIndex } from '../../src/search/store.js';
import { THESAURUS_FILE, Thesaurus, ThesaurusError, thesaurusForm } from '../../src/search/thesaurus.js';
import { getTokenizer } from '../../src/search/tokenizer.js';
import { runInProcess } from '../helpers/cli.js';

// Synonyms and abbreviations (issue 12, item 5): a query word of a thesaurus group also finds the
// other words of its groups, on every engine. `npm test` runs this file on MiniSearch and SQLite;
// `npm run test:store` and `npm run test:pg` run it again with their engine as the default.

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/search/qingshui-housing-services-2025.txt');

/** MiniSearch and SQLite always; the engine of the run (POLICY_SEARCH_ENGINE) too. */
const env = process.env.POLICY_SEARCH_ENGINE;
const ENGINES: EngineName[] = [...new Set<EngineName>(['minisearch', 'sqlite', ...(env === 'postgres' ? (['postgres'] as const) : [])])];

let doc: PolicyDocument;
const engines = new Map<EngineName, SearchEngine>();

beforeAll(async () => {
  doc = await ingestFile(FIXTURE);
  for (const e of ENGINES) engines.set(e, buildSearchIndex([doc], { engine: e }));
});

/** Task numbers of the hits, best first. */
const tasks = (r: SearchResult) => r.hits.map((h) => h.number);
/** The marked words of each hit. */
const marked = (r: SearchResult) => r.hits.map((h) => h.snippet.highlights.map(([s, e]) => h.snippet.text.slice(s, e)));

describe.each(ENGINES)('thesaurus on %s', (engine) => {
  const index = () => engines.get(engine)!;

  it('an abbreviation finds the full form and the full form the abbreviation (公租房 ↔ 公共租赁住房)', () => {
    const short = index().search('公租房', { kind: 'task' });
    expect(tasks(short)).toEqual(['1', '2']);
    expect(short.synonyms).toEqual([{ word: '公租房', synonyms: ['公共租赁住房'] }]);
    // the snippet marks whichever word the clause has
    expect(marked(short)[0]).toContain('公租房');
    expect(marked(short)[1]).toContain('公共租赁住房');
    const long = index().search('公共租赁住房', { kind: 'task' });
    expect(tasks(long)).toEqual(['2', '1']);
  });

  it('a clause with the word as typed ranks above one with only a synonym', () => {
    // task 6 says 户籍 in a short clause (a higher BM25 than task 5's 户口), yet 户口 puts task 5 first
    expect(tasks(index().search('户口', { kind: 'task' }))).toEqual(['5', '6']);
    expect(tasks(index().search('户籍', { kind: 'task' }))).toEqual(['6', '5']);
    for (const q of ['户口', '户籍', '公租房', '公共租赁住房', '低保', '最低生活保障']) {
      // (bare headings rank last whatever they have: left out here)
      const r = index().search(q, { limit: 20, kind: ['task', 'goal'] });
      const scores = r.hits.map((h) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      // every hit that has the word as typed comes before every hit with only a synonym
      const typed = r.hits.map((h) => h.snippet.highlights.some(([s, e]) => h.snippet.text.slice(s, e).includes(q)));
      expect(typed.indexOf(false) === -1 || typed.lastIndexOf(true) < typed.indexOf(false)).toBe(true);
    }
  });

  it('is AND between query words and OR inside a group', () => {
    // 公租房 (or 公共租赁住房) and 管理: task 2 only
    expect(tasks(index().search('公租房 管理', { kind: 'task' }))).toEqual(['2']);
    // 户口 or 户籍, with 居住证: task 6 (户籍人口), not task 5 (户口 without 居住证)
    const both = index().search('户口 居住证', { kind: 'task' });
    expect(tasks(both)).toEqual(['6']);
    expect(both.matchedAll).toBe(true);
    // two expanded words: each group must be there
    const two = index().search('医保 农业转移人口');
    expect(tasks(two)).toEqual(['8']);
    expect(two.synonyms.map((s) => s.word)).toEqual(['医保']);
  });

  it('a word of two groups expands to both; a member of one does not reach the other (医保)', () => {
    const r = index().search('医保', { kind: 'task' });
    expect(r.synonyms).toEqual([{ word: '医保', synonyms: ['医疗保险', '医疗保障'] }]);
    expect(new Set(tasks(r))).toEqual(new Set(['8', '9']));
    // 医疗保险 finds 医保 but not the broader 医疗保障
    const insurance = index().search('医疗保险', { kind: 'task' });
    expect(insurance.synonyms).toEqual([{ word: '医疗保险', synonyms: ['医保'] }]);
    expect(index().search('"医疗保障制度"').total).toBe(1);
    expect(index().search('医疗保障 制度', { kind: 'task', synonyms: false }).total).toBe(1);
  });

  it('a quoted phrase that is a thesaurus word is expanded; a longer phrase is not', () => {
    const phrase = index().search('"公租房"', { kind: 'task' });
    expect(tasks(phrase)).toEqual(['1', '2']);
    expect(phrase.synonyms).toEqual([{ word: '公租房', synonyms: ['公共租赁住房'] }]);
    const longer = index().search('"公租房供给"');
    expect(tasks(longer)).toEqual(['1']);
    expect(longer.synonyms).toEqual([]);
  });

  it('finds words jieba cuts in parts and words with no index term (碳达峰、碳中和, PPP)', () => {
    // 双碳 ↔ 碳达峰碳中和 ↔ 碳达峰、碳中和: the last is matched by its parts and its text
    const carbon = index().search('双碳', { kind: 'task' });
    expect(tasks(carbon)).toEqual(['14']);
    expect(marked(carbon)[0]).toContain('碳达峰、碳中和');
    // PPP is no dictionary word: the group is checked in the text
    const ppp = index().search('PPP', { kind: 'task' });
    expect(tasks(ppp)).toEqual(['15']);
    expect(marked(ppp)[0]).toContain('政府和社会资本合作');
  });

  it('synonyms: false searches the words as typed only', () => {
    const off = index().search('户口', { kind: 'task', synonyms: false });
    expect(tasks(off)).toEqual(['5']);
    expect(off.synonyms).toEqual([]);
    expect(index().search('疾控', { synonyms: false }).total).toBe(1);
    expect(index().search('疾控').total).toBe(1);
    expect(index().search('高铁', { synonyms: false }).hits[0].snippet.highlights.length).toBeGreaterThan(0);
  });

  it('a user thesaurus adds groups, also of words jieba does not know', () => {
    const own = Thesaurus.parse(
      JSON.stringify({
        groups: [
          ['千万工程', '千村示范万村整治工程'],
          ['厕改', '改厕'],
          ['落户', '户口'],
        ],
      }),
      'mine.json',
    ).over(Thesaurus.bundled());
    const village = index().search('千万工程', { thesaurus: own });
    expect(tasks(village)).toEqual(['16']);
    expect(marked(village)[0]).toContain('千村示范万村整治工程');
    // 改厕: two single characters, no index term: a scan of the texts
    expect(tasks(index().search('厕改', { thesaurus: own }))).toEqual(['16']);
    // a word in a bundled group and a user's: both
    expect(index().search('户口', { thesaurus: own }).synonyms).toEqual([{ word: '户口', synonyms: ['户籍', '落户'] }]);
    // without the bundled groups
    const alone = Thesaurus.parse('{"bundled": false, "groups": [["落户", "户口"]]}', 'mine.json').over(Thesaurus.bundled());
    expect(index().search('户口', { thesaurus: alone }).synonyms).toEqual([{ word: '户口', synonyms: ['落户'] }]);
  });

  it('leaves a word inside a department name alone, synonyms included (医保 in 县医保局)', () => {
    // 县医保局 leads tasks 8 and 9; task 9's text says 医疗保险, not 医保: found by the synonym only
    const r = index().search('医保', { kind: 'task' });
    const nine = r.hits.find((h) => h.number === '9')!;
    expect(nine.snippet.highlights.map(([s, e]) => nine.snippet.text.slice(s, e))).not.toContain('医保');
  });
});

describe('every bundled group', () => {
  // One paragraph for each word of each group; searching any other word of its group finds it.
  const thesaurus = Thesaurus.bundled();
  const lines: Array<{ word: string; group: string[]; line: number }> = [];
  const text = ['青山县人民政府办公室', '', '关于做好同义词检索测试的通知', ''];
  thesaurus.groups.forEach((group, g) => {
    for (const word of group) {
      text.push(`第${g + 1}项：各地要把${word.toUpperCase()}工作摆在突出位置，按季度报送进展情况。`, '');
      lines.push({ word, group, line: text.length - 1 });
    }
  });
  let indexes: Array<[EngineName, SearchEngine]>;

  beforeAll(() => {
    const all = ingestText(text.join('\n'), { fileName: 'thesaurus-groups.txt' });
    indexes = ENGINES.map((e) => [e, buildSearchIndex([all], { engine: e })]);
  });

  it('has 60 to 150 groups, each of two or more words, no word a department name', () => {
    expect(thesaurus.size).toBeGreaterThanOrEqual(60);
    expect(thesaurus.size).toBeLessThanOrEqual(150);
    const aliases = JSON.parse(readFileSync(path.join(ROOT, 'data/aliases.json'), 'utf8')) as { groups: string[][] };
    const names = new Set(aliases.groups.flat());
    expect(thesaurus.words.filter((w) => names.has(w))).toEqual([]);
    // the file reads as it is documented, and is written in normalised form (read as is)
    const checked = Thesaurus.parse(readFileSync(THESAURUS_FILE, 'utf8'), THESAURUS_FILE).thesaurus;
    expect(checked.groups).toEqual(thesaurus.groups);
    for (const w of thesaurus.words) expect(thesaurusForm(w), w).toBe(w);
  });

  it('each word of a group is one index term, cut as the index cuts it (or matched as a phrase)', () => {
    const tk = getTokenizer();
    for (const w of thesaurus.words) {
      if (/^\p{Script=Han}+$/u.test(w)) {
        expect(tk.inDictionary(w), w).toBe(true);
        expect(tk.allWords(`推进${w}工作`), w).toContain(w);
      }
    }
  });

  it('a paragraph with a word is found by every other word of its group, on each engine', () => {
    for (const [engine, index] of indexes) {
      const missing: string[] = [];
      for (const { word, group } of lines) {
        for (const other of group) {
          if (other === word) continue;
          const r = index.search(other.toUpperCase(), { limit: 50 });
          const want = lines.find((l) => l.word === word && l.group === group)!.line;
          if (!r.hits.some((h) => h.line === want)) missing.push(`${other} → ${word}`);
        }
      }
      expect(missing, engine).toEqual([]);
    }
  });
});

describe('MiniSearch with compact postings', () => {
  it('gives the same hits for a query with synonyms when its terms are frequent', () => {
    const plain = SearchIndex.build([doc]);
    const compact = SearchIndex.build([doc], { frequent: { share: 0, minUnits: 0 } });
    for (const q of ['户口', '公租房 管理', '医保', '双碳', '户口 居住证']) {
      const a = plain.search(q, { limit: 20 });
      const b = compact.search(q, { limit: 20 });
      expect(
        b.hits.map((h) => h.id),
        q,
      ).toEqual(a.hits.map((h) => h.id));
    }
  });
});

describe('thesaurus files', () => {
  const problem = (text: string) => {
    try {
      Thesaurus.parse(text, 'my.json');
    } catch (error) {
      expect(error).toBeInstanceOf(ThesaurusError);
      return (error as ThesaurusError).problem;
    }
    return null;
  };

  it('refuses what is not a thesaurus, naming the group and the problem', () => {
    expect(problem('{"groups": [')).toMatch(/^not JSON/);
    expect(problem('{"words": []}')).toMatch(/^not a thesaurus/);
    expect(problem('{"groups": [["公租房"]]}')).toBe('group 1: only "公租房" (a group needs two or more different words)');
    expect(problem('{"groups": [["公租房", "公租房"]]}')).toMatch(/^group 1: only "公租房"/);
    expect(problem('{"groups": [["a", "b"], ["公租房", 3]]}')).toMatch(/^group 1: "a" is one character/);
    expect(problem('{"groups": [["公租房", 3]]}')).toBe('group 1: 3 is not a word (words are strings)');
    expect(problem('{"groups": ["公租房"]}')).toMatch(/^group 1: expected a list of words/);
    expect(problem('{"groups": [["公租 房", "公共租赁住房"]]}')).toMatch(/has a space/);
    expect(problem('{"groups": [["——", "公共租赁住房"]]}')).toMatch(/no letter or character/);
    expect(problem('{"bundled": "no", "groups": []}')).toBe('"bundled" must be true or false');
    // headings, notes, a bare list, traditional script (folded as queries are)
    expect(problem('{"groups": [{"topic": "住房"}, {"words": ["公租房", "公共租賃住房"], "note": "abbreviation"}]}')).toBeNull();
    expect(Thesaurus.parse('[["公租房", "公共租賃住房"]]', 'x').thesaurus.synonymsOf('公租房')).toEqual(['公共租赁住房']);
    expect(() => Thesaurus.load(path.join(os.tmpdir(), 'no-such-thesaurus.json'))).toThrow(/no-such-thesaurus\.json: no such file/);
  });
});

describe("a data folder's thesaurus and the CLI", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'policy-thesaurus-'));
    await saveDocument(dataDir, await ingestFile(FIXTURE));
    await writeSearchIndex(dataDir);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints one line of what the thesaurus added, says it in --json, and --no-synonyms turns it off', async () => {
    const text = await runInProcess('search', '户口', '--kind', 'task', '--data', dataDir);
    expect(text.code).toBe(0);
    expect(text.out.split('\n').slice(0, 2)).toEqual(['2 clauses for "户口", kind task', '同义词：户口 → 户籍']);
    expect(text.out).toContain('【户籍】');
    const json = JSON.parse((await runInProcess('search', '医保', '--data', dataDir, '--json')).out) as { synonyms: unknown };
    expect(json.synonyms).toEqual([{ word: '医保', synonyms: ['医疗保险', '医疗保障'] }]);
    const off = await runInProcess('search', '户口', '--kind', 'task', '--data', dataDir, '--no-synonyms');
    expect(off.out.split('\n')[0]).toBe('1 clause for "户口", kind task');
    expect(off.out).not.toContain('同义词');
    expect(JSON.parse((await runInProcess('search', '户口', '--data', dataDir, '--json', '--no-synonyms')).out)).not.toHaveProperty('synonyms');
    // with no hit the line still says what was searched
    expect((await runInProcess('search', '廉租房', '--data', dataDir)).out).toBe(
      'No clause matches "廉租房".\n同义词：廉租房 → 廉租住房\nDid you mean 公租房?\n',
    );
  });

  it('reads <data>/thesaurus.json and --thesaurus FILE; a bad one is one line naming the file', async () => {
    const own = path.join(dataDir, 'thesaurus.json');
    await writeFile(own, JSON.stringify({ groups: [['落户', '户口']] }));
    try {
      expect((await loadSearchIndex(dataDir)).search('户口').synonyms).toEqual([{ word: '户口', synonyms: ['户籍', '落户'] }]);
      const extra = path.join(dataDir, 'more.json');
      await writeFile(extra, '{"groups": [["厕改", "改厕"]]}');
      const r = await runInProcess('search', '厕改', '--data', dataDir, '--thesaurus', extra);
      expect(r.out).toContain('同义词：厕改 → 改厕');
      expect(r.out).toContain('【改厕】');
      await writeFile(extra, '{"groups": [["厕改"]]}');
      const bad = await runInProcess('search', '厕改', '--data', dataDir, '--thesaurus', extra);
      expect(bad.code).toBe(1);
      expect(bad.err.trim().split('\n')).toEqual([
        `policy: thesaurus ${extra}: group 1: only "厕改" (a group needs two or more different words) (see docs/search.md, Thesaurus)`,
      ]);
      await writeFile(own, '{"groups": [');
      const broken = await runInProcess('search', '户口', '--data', dataDir);
      expect(broken.code).toBe(1);
      expect(broken.err.trim().split('\n')).toHaveLength(1);
      expect(broken.err).toMatch(new RegExp(`^policy: thesaurus ${own.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not JSON`));
    } finally {
      await rm(own, { force: true });
    }
  });
});
