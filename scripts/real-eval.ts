/**
 * The real-document evaluation: the reader's models against the gold files written by hand
 * (test/real/<name>.gold.json, format in test/real/README.md) for the documents in
 * ../shared/real-docs/. Used by `npm run eval:real` (scripts/eval-real.ts) and by the test that
 * holds the totals (test/real/real-docs.test.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestFile } from '../src/ingest.js';
import { defaultAliases } from '../src/model/departments.js';
import { normalizeForMatch } from '../src/model/normalize.js';
import type { PolicyDocument, Task } from '../src/model/types.js';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GOLD_DIR = path.join(ROOT, 'test', 'real');
export const REAL_DOCS_DIR = path.resolve(ROOT, '..', 'shared', 'real-docs');

export interface GoldTask {
  number: string;
  match: string;
  lead: string[];
  responsible: string[];
  cut?: boolean;
}

export interface Gold {
  file: string;
  title: string | null;
  noticeTitle?: string | null;
  issuer: string | null;
  docNumber: string | null;
  date: string | null;
  tasks: GoldTask[];
  notes?: string;
}

export const META_FIELDS = ['title', 'issuer', 'docNumber', 'date'] as const;
type MetaField = (typeof META_FIELDS)[number];

export interface DocResult {
  file: string;
  traditional: boolean;
  error: string | null;
  goldTasks: number;
  foundTasks: number;
  leadExact: number;
  responsibleExact: number;
  tp: number;
  fp: number;
  fn: number;
  meta: Record<MetaField, { gold: string | null; got: string | null; ok: boolean }>;
  /** Documents whose gold has units but whose model gives none. */
  noUnits: boolean;
  differences: string[];
}

export interface Totals {
  documents: number;
  goldTasks: number;
  taskRecall: number;
  leadExact: number;
  responsibleExact: number;
  micro: { precision: number; recall: number; f1: number };
  macroF1: number;
  macroF1Traditional: number;
  macroF1Simplified: number;
  metadata: number;
  noUnitDocuments: string[];
  errors: string[];
}

let t2s: ((text: string) => string) | null = null;
function fold(text: string): string {
  t2s ??= (require('opencc-js/t2cn') as typeof import('opencc-js')).Converter({ from: 'tw', to: 'cn' });
  return t2s!(text);
}

const PINYIN = /[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]/g;
const TONE = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;

/** What two spellings of one string have in common: simplified, no spaces, no pinyin notes, half-width. */
export function canon(text: string | null | undefined): string {
  if (!text) return '';
  const noPinyin = text.replace(PINYIN, (m) => (TONE.test(m) ? '' : m));
  return fold(normalizeForMatch(noPinyin))
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '')
    .replace(/[“”"「」『』]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/[〔［[]/g, '〔')
    .replace(/[〕］\]]/g, '〕');
}

function unitKey(name: string): string {
  return defaultAliases().key(canon(name).replace(/[（(]/g, '（').replace(/[）)]/g, '）'));
}

export function loadGolds(dir = GOLD_DIR): Gold[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Gold);
}

function taskNumberKey(n: string): string {
  return canon(n).replace(/[（）()、.．。\s]/g, '');
}

/** The extracted task a gold task is: its text holds the gold's `match`; ties go to the same number. */
function matchTasks(gold: GoldTask[], tasks: Task[]): (Task | null)[] {
  const texts = tasks.map((t) => canon(t.text));
  const used = new Set<number>();
  return gold.map((g) => {
    const m = canon(g.match);
    const candidates = texts.flatMap((t, i) => (t.includes(m) && !used.has(i) ? [i] : []));
    if (candidates.length === 0) return null;
    // the task whose text starts nearest its match (a task that merely contains the next item loses)
    const best = candidates
      .map((i) => ({ i, at: texts[i].indexOf(m), same: taskNumberKey(tasks[i].number.split('.').pop() ?? '') === taskNumberKey(g.number) }))
      .sort((a, b) => Number(b.same) - Number(a.same) || a.at - b.at)[0];
    used.add(best.i);
    return tasks[best.i];
  });
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

export async function evaluateDocument(gold: Gold, docsDir = REAL_DOCS_DIR): Promise<DocResult> {
  const file = path.join(docsDir, gold.file);
  let doc: PolicyDocument | null = null;
  let error: string | null = null;
  try {
    doc = await ingestFile(file);
  } catch (e) {
    error = (e as Error).message.split('\n')[0];
  }
  let raw = '';
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    /* reported as error above */
  }
  const traditional = fold(raw.slice(0, 3000)) !== raw.slice(0, 3000) && countChanged(raw) >= 20;
  const tasks = doc?.tasks ?? [];
  const matched = matchTasks(gold.tasks, tasks);
  const differences: string[] = [];
  let found = 0;
  let leadExact = 0;
  let responsibleExact = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const matchedSet = new Set(matched.filter(Boolean) as Task[]);
  gold.tasks.forEach((g, i) => {
    const t = matched[i];
    const roles = [
      ['lead', g.lead, t?.lead ?? []],
      ['responsible', g.responsible, t?.responsible ?? []],
    ] as const;
    if (t) found++;
    else differences.push(`task ${g.number} 「${g.match}」 not found`);
    for (const [role, want, got] of roles) {
      const wantKeys = new Map(want.map((n) => [unitKey(n), n]));
      const gotKeys = new Map(got.map((n) => [unitKey(n), n]));
      const wantSet = new Set(wantKeys.keys());
      const gotSet = new Set(gotKeys.keys());
      const exact = g.cut ? [...wantSet].every((k) => gotSet.has(k)) : sameSet(wantSet, gotSet);
      if (t && exact) {
        if (role === 'lead') leadExact++;
        else responsibleExact++;
      }
      const missing = [...wantSet].filter((k) => !gotSet.has(k));
      const extra = g.cut ? [] : [...gotSet].filter((k) => !wantSet.has(k));
      tp += wantSet.size - missing.length;
      fn += missing.length;
      fp += extra.length;
      if (t && (missing.length || extra.length)) {
        differences.push(
          `task ${g.number} ${role}: ${missing.length ? `missing ${missing.map((k) => wantKeys.get(k)).join('、')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `extra ${extra.map((k) => gotKeys.get(k)).join('、')}` : ''}`,
        );
      }
    }
  });
  // units of tasks the gold does not have are wrong units
  for (const t of tasks) {
    if (matchedSet.has(t)) continue;
    const n = new Set(t.lead.map(unitKey)).size + new Set(t.responsible.map(unitKey)).size;
    if (n > 0) {
      fp += n;
      differences.push(`extra task ${t.number} 「${t.title.slice(0, 14)}」 with ${n} unit(s)`);
    }
  }
  const meta = {} as DocResult['meta'];
  for (const f of META_FIELDS) {
    const want = gold[f] ?? null;
    const got = (doc?.[f] as string | null | undefined) ?? null;
    const ok = f === 'date' ? (want ?? null) === (got ?? null) : canon(want) === canon(got);
    meta[f] = { gold: want, got, ok };
    if (!ok) differences.push(`${f}: want ${want ?? '—'}, got ${got ?? '—'}`);
  }
  const goldUnits = gold.tasks.some((g) => g.lead.length + g.responsible.length > 0);
  const gotUnits = tasks.some((t) => t.lead.length + t.responsible.length > 0);
  return {
    file: gold.file,
    traditional,
    error,
    goldTasks: gold.tasks.length,
    foundTasks: found,
    leadExact,
    responsibleExact,
    tp,
    fp,
    fn,
    meta,
    noUnits: goldUnits && !gotUnits,
    differences: error ? [`error: ${error}`, ...differences] : differences,
  };
}

function countChanged(text: string): number {
  const folded = fold(text);
  let n = 0;
  for (let i = 0; i < Math.min(text.length, folded.length); i++) if (text[i] !== folded[i]) n++;
  return n;
}

function f1(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

export function docF1(r: DocResult): number {
  return f1(r.tp, r.fp, r.fn).f1;
}

export function totals(results: DocResult[]): Totals {
  const sum = (f: (r: DocResult) => number) => results.reduce((a, r) => a + f(r), 0);
  const goldTasks = sum((r) => r.goldTasks);
  const withUnits = results.filter((r) => r.tp + r.fn > 0);
  const macro = (rs: DocResult[]) => (rs.length ? rs.reduce((a, r) => a + docF1(r), 0) / rs.length : 1);
  const metaOk = sum((r) => META_FIELDS.filter((f) => r.meta[f].ok).length);
  return {
    documents: results.length,
    goldTasks,
    taskRecall: goldTasks ? sum((r) => r.foundTasks) / goldTasks : 1,
    leadExact: goldTasks ? sum((r) => r.leadExact) / goldTasks : 1,
    responsibleExact: goldTasks ? sum((r) => r.responsibleExact) / goldTasks : 1,
    micro: f1(
      sum((r) => r.tp),
      sum((r) => r.fp),
      sum((r) => r.fn),
    ),
    macroF1: macro(withUnits),
    macroF1Traditional: macro(withUnits.filter((r) => r.traditional)),
    macroF1Simplified: macro(withUnits.filter((r) => !r.traditional)),
    metadata: results.length ? metaOk / (results.length * META_FIELDS.length) : 1,
    noUnitDocuments: results.filter((r) => r.noUnits).map((r) => r.file),
    errors: results.filter((r) => r.error).map((r) => `${r.file}: ${r.error}`),
  };
}

export async function evaluateAll(golds = loadGolds(), docsDir = REAL_DOCS_DIR): Promise<DocResult[]> {
  const results: DocResult[] = [];
  for (const g of golds) results.push(await evaluateDocument(g, docsDir));
  return results;
}
