/**
 * Findings of a newcomer's review of `policy search`, on the bundled plan and the search
 * fixtures: topic words inside department names, --dept edge cases, what the header and the
 * no-hit line say, marks of single characters, "did you mean", --help.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/index.js';
import { saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { formatText } from '../../src/search/format.js';
import type { SearchEngine, SearchHit } from '../../src/search/search-index.js';
import { loadSearchIndex, writeSearchIndex } from '../../src/search/store.js';
import { normalizeText } from '../../src/search/tokenizer.js';
import { documentUnits } from '../../src/search/units.js';
import { runInProcess } from '../helpers/cli.js';
import { corpus, fixture } from '../helpers/fixtures.js';

const WUXI = 'wuxi-urbanization-plan-2021-2035';
const LONGXI = 'longxi-rural-revitalization-2024';
let dataDir: string;
let index: SearchEngine;
const docs: PolicyDocument[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-review-'));
  for (const file of [corpus(`${WUXI}.txt`), fixture('search', `${LONGXI}.txt`)]) {
    const doc = await ingestFile(file);
    docs.push(doc);
    await saveDocument(dataDir, doc);
  }
  await writeSearchIndex(dataDir);
  index = await loadSearchIndex(dataDir);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const search = (...args: string[]) => runInProcess('search', ...args, '--data', dataDir);
const marked = (h: SearchHit) => h.snippet.highlights.map(([a, b]) => h.snippet.text.slice(a, b));

/** A unit's text with every department name and alias of its document blanked out. */
function withoutUnitNames(doc: PolicyDocument, text: string): string {
  const names = doc.departments.flatMap((d) => [d.name, ...d.aliases]).map(normalizeText);
  let out = normalizeText(text);
  for (const n of names.sort((a, b) => b.length - a.length)) out = out.split(n).join('□'.repeat(n.length));
  return out;
}

describe('a topic word only inside a department name is no match', () => {
  const units = () => docs.flatMap((d) => documentUnits(d).map((u) => ({ ...u, topic: withoutUnitNames(d, u.text), full: normalizeText(u.text) })));

  it('旅游 finds the clauses about tourism, not those that only name 县文化旅游委', () => {
    const all = units();
    const about = all.filter((u) => u.topic.includes('旅游')).map((u) => u.id);
    const onlyInName = all.filter((u) => u.full.includes('旅游') && !u.topic.includes('旅游')).map((u) => u.id);
    expect(onlyInName).toEqual(expect.arrayContaining([`${WUXI}#task-15`, `${WUXI}#task-21`]));
    const r = index.search('旅游', { limit: 1000 });
    expect(r.hits.map((h) => h.id).sort()).toEqual(about.sort());
    // The same for a quoted phrase (checked in the text, not looked up).
    expect(
      index
        .search('"旅游"', { limit: 1000 })
        .hits.map((h) => h.id)
        .sort(),
    ).toEqual(about.sort());
  });

  it('never marks 旅游 inside 县文化旅游委', () => {
    const out = formatText(index.search('旅游', { limit: 1000 }), false);
    expect(out).toContain('【旅游】');
    expect(out).not.toContain('文化【旅游】委');
  });

  it('--dept 交通局: what 交通局 carries about 旅游, not task 21 through 县文化旅游委', () => {
    const r = index.search('旅游', { dept: '交通局', limit: 100 });
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits.map((h) => h.id)).not.toContain(`${WUXI}#task-21`);
    for (const h of r.hits) expect(marked(h).length, h.id).toBeGreaterThan(0);
  });

  it('the unit named as a query still finds it, and is marked', () => {
    const all = units();
    const naming = all.filter((u) => u.full.includes('县文化旅游委')).map((u) => u.id);
    expect(naming.length).toBeGreaterThan(3);
    for (const q of ['文化旅游委', '县文化旅游委']) {
      const r = index.search(q, { limit: 1000 });
      expect(
        r.hits.map((h) => h.id),
        q,
      ).toEqual(expect.arrayContaining(naming));
      expect(r.hits.flatMap(marked), q).toContain(q);
    }
  });
});

describe('--dept', () => {
  it('--dept "" is refused like `policy tasks --dept ""`', async () => {
    const r = await search('旅游', '--dept', '');
    expect(r).toMatchObject({ code: 1, out: '', err: 'policy: --dept: empty department name\n' });
    const tasks = await runInProcess('tasks', '--dept', '', '--data', dataDir);
    expect(tasks.err).toBe(r.err);
  });

  it('folds traditional characters as the query does: 交通運輸局 is 县交通局', async () => {
    const r = await search('旅游', '--dept', '交通運輸局', '--doc', WUXI);
    expect(r.code, r.err).toBe(0);
    const simplified = await search('旅游', '--dept', '交通运输局', '--doc', WUXI);
    expect(r.out).toBe(simplified.out);
    expect(r.out.split('\n')[0]).toMatch(/department 县交通局/);
  });
});

describe('options and messages', () => {
  it('accepts -d for --data, like the other commands', async () => {
    const r = await runInProcess('search', '宅基地', '-d', dataDir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^\d+ clauses? for "宅基地"/);
  });

  it('names the filters when nothing matches', async () => {
    const r = await search('旅游', '--kind', 'indicator');
    expect(r).toMatchObject({ code: 0, out: 'No clause matches "旅游" (kind indicator).\n' });
    const d = await search('宅基地', '--dept', '交通局', '--role', 'lead', '--doc', WUXI);
    expect(d.out).toBe(`No clause matches "宅基地" (department 县交通局, role lead, document ${WUXI}).\n`);
  });

  it('names --role in the results header, after the department', async () => {
    const r = await search('旅游', '--dept', '交通局', '--role', 'lead');
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^\d+ clauses? for "旅游", department 县交通局, role lead/);
  });

  it('--help has examples and shows the --limit default as a number', async () => {
    const r = await runInProcess('search', '--help');
    expect(r.out).toContain('Examples:');
    expect(r.out).toMatch(/\$ policy search \S+/);
    expect(r.out).toContain('(default: 10)');
    expect(r.out).not.toContain('(default: "10")');
  });
});

describe('marks', () => {
  it('５Ａ級 marks 5A级, not every lone 级', () => {
    const r = index.search('５Ａ級');
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) for (const m of marked(h)) expect(normalizeText(m)).toBe('5a级');
    // The text has lone 级 too (国家级旅游度假区): they are not marked.
    expect(r.hits[0].snippet.text).toMatch(/国家级/);
  });

  it('a query of that one character still marks it', () => {
    const r = index.search('级', { doc: WUXI });
    expect(r.hits.flatMap(marked)).toContain('级');
  });
});

describe('did you mean', () => {
  it('suggests an index term one character away: 宅几地 → 宅基地', async () => {
    const r = await search('宅几地');
    expect(r.out).toBe('No clause matches "宅几地".\nDid you mean 宅基地?\n');
    const json = JSON.parse((await search('宅几地', '--json')).out);
    expect(json).toMatchObject({ total: 0, suggestions: ['宅基地'] });
  });

  it('suggests only what has hits with the same filters, and only for a word without hits', () => {
    expect(index.search('宅几地', { dept: '交通局' }).suggestions).toEqual([]);
    // 建设 is a word of the plan, only not in an indicator row (建成 is): no typo.
    expect(index.search('建成', { kind: 'indicator', doc: WUXI }).total).toBeGreaterThan(0);
    const r = index.search('建设', { kind: 'indicator', doc: WUXI });
    expect(r.total).toBe(0);
    expect(r.suggestions).toEqual([]);
    expect(index.search('交同').suggestions).toContain('交通');
    expect(index.search('航空母舰').suggestions).toEqual([]);
    expect(index.search('宅基地').suggestions).toEqual([]);
  });
});
