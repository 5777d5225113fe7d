/**
 * Documents of other shapes than the bundled plan, read with the real pipeline and compared
 * with expectations written by hand from each text (test/fixtures/shapes/<name>.expected.json,
 * format described in docs/fixtures.md). One `it` per aspect so a failure names what broke.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeScaleCorpus } from '../../scripts/make-scale-corpus.js';
import { defaultAliases, ingestFile } from '../../src/index.js';
import type { PolicyDocument, Position, Quantity, Section } from '../../src/model/types.js';
import { fixture } from '../helpers/fixtures.js';

const DIR = fixture('shapes/');

interface ExpectedQuantity {
  year?: number | null;
  raw: string;
  value: number | null;
  comparator?: string;
}

interface Expected {
  source: { encoding: string; lineEnding: string; format: 'text' | 'markdown' };
  title: string;
  /** Checked when present: the covering 关于印发…的通知 title, or null when there is none. */
  noticeTitle?: string | null;
  docType?: string;
  issuer: string;
  docNumber: string | null;
  date: string;
  disclosureIncludes?: string;
  recipientsIncludes?: string;
  period?: { start: number; end: number };
  sections: {
    style?: string;
    number?: string;
    title?: string;
    level?: number;
    parentTitle?: string;
    textIncludes?: string;
  }[];
  sectionsAbsent?: { title: string }[];
  sectionCounts?: Record<string, number>;
  tasks: {
    number: string;
    title: string;
    lead: string[];
    responsible: string[];
    sectionPath?: string[];
    clause?: boolean;
  }[];
  indicators: {
    number: string;
    name: string;
    unit: string | null;
    category?: string;
    table?: string;
    attribute: string;
    baseline: ExpectedQuantity | null;
    target: ExpectedQuantity | null;
    targets?: ExpectedQuantity[];
  }[];
  targets: { metric: string; value: number; unit: string | null; comparator: string; year?: number }[];
  references: string[];
  declaredCounts: { subject: string; declared: number; found: number }[];
  diagnostics: { include: string[]; exclude: string[] };
  departments: {
    name: string;
    kind?: string;
    aliasesInclude?: string[];
    lead: string[];
    responsible: string[];
    minMentions?: number;
  }[];
}

interface Fixture {
  name: string;
  file: string;
  expected: Expected;
}

function listFixtures(): Fixture[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.expected.json'.length);
      const file = ['.txt', '.md'].map((ext) => join(DIR, name + ext)).find((p) => existsSync(p));
      if (!file) throw new Error(`${f}: no ${name}.txt or ${name}.md next to it`);
      return { name, file, expected: JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Expected };
    });
}

const fixtures = listFixtures();

/** The decoded text, independently of the pipeline, to check that positions point at what they claim. */
function decode(file: string, encoding: string): string {
  const bytes = readFileSync(file);
  switch (encoding) {
    case 'utf-8':
      return bytes.toString('utf8');
    case 'utf-8-bom':
      return bytes.subarray(3).toString('utf8');
    case 'utf-16le':
      return iconv.decode(bytes.subarray(2), 'utf-16le');
    case 'gb18030':
      return iconv.decode(bytes, 'gb18030');
    default:
      throw new Error(`unknown encoding in expectations: ${encoding}`);
  }
}

function slice(text: string, p: Position): string {
  return text.slice(p.start.offset, p.end.offset);
}

function sorted(xs: readonly string[]): string[] {
  return [...xs].sort();
}

/** Quantity as the expectations write it: comparator only where the cell has a sign. */
function quantityView(q: Quantity | null, e: ExpectedQuantity | null) {
  if (q === null || e === null) return q;
  const view: Record<string, unknown> = { raw: q.raw, value: q.value };
  if ('year' in e) view.year = q.year;
  if (e.comparator !== undefined) view.comparator = q.comparator;
  return view;
}

function describeSection(s: Section, doc: PolicyDocument): string {
  const parent = doc.sections.find((p) => p.id === s.parent);
  return `${s.style} ${s.number} "${s.title}" level ${s.level} parent "${parent?.title ?? ''}"`;
}

/** Every string in the model, to check no BOM or carriage return leaks into it. */
function* strings(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], `${path}[${i}]`);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
  }
}

describe.each(fixtures)('shape $name', ({ file, expected }) => {
  let doc: PolicyDocument;
  let text: string;

  beforeAll(async () => {
    doc = await ingestFile(file);
    text = decode(file, expected.source.encoding);
  });

  it('detects encoding, line ends and format', () => {
    expect({ encoding: doc.source.encoding, lineEnding: doc.source.lineEnding, format: doc.source.format }).toEqual(expected.source);
    expect(doc.source.bytes).toBe(readFileSync(file).length);
  });

  it('keeps no BOM or carriage return in any string of the model', () => {
    const leaks = [...strings({ ...doc, source: null })].filter(([, s]) => /[\r\uFEFF]/.test(s)).map(([p]) => p);
    expect(leaks).toEqual([]);
  });

  it('reads the header: title, type, issuer, 文号, date', () => {
    const got: Record<string, unknown> = {
      title: doc.title,
      issuer: doc.issuer,
      docNumber: doc.docNumber,
      date: doc.date,
    };
    const want: Record<string, unknown> = {
      title: expected.title,
      issuer: expected.issuer,
      docNumber: expected.docNumber,
      date: expected.date,
    };
    if (expected.noticeTitle !== undefined) {
      got.noticeTitle = doc.noticeTitle;
      want.noticeTitle = expected.noticeTitle;
    }
    if (expected.docType !== undefined) {
      got.docType = doc.docType;
      want.docType = expected.docType;
    }
    if (expected.period !== undefined) {
      got.period = doc.period;
      want.period = expected.period;
    }
    expect(got).toEqual(want);
    if (expected.disclosureIncludes) expect(doc.disclosure ?? '').toContain(expected.disclosureIncludes);
    if (expected.recipientsIncludes) expect(doc.recipients ?? '').toContain(expected.recipientsIncludes);
  });

  it('builds the outline', () => {
    const missing: string[] = [];
    for (const e of expected.sections) {
      const found = doc.sections.find(
        (s) =>
          (e.style === undefined || s.style === e.style) &&
          (e.number === undefined || s.number === e.number) &&
          (e.title === undefined || s.title === e.title) &&
          (e.level === undefined || s.level === e.level) &&
          (e.parentTitle === undefined || doc.sections.find((p) => p.id === s.parent)?.title === e.parentTitle) &&
          (e.textIncludes === undefined || s.text.includes(e.textIncludes)),
      );
      if (!found) missing.push(JSON.stringify(e));
    }
    expect(missing, `sections found:\n${doc.sections.map((s) => describeSection(s, doc)).join('\n')}`).toEqual([]);
    for (const e of expected.sectionsAbsent ?? []) {
      expect(doc.sections.map((s) => s.title)).not.toContain(e.title);
    }
    if (expected.sectionCounts) {
      const counts: Record<string, number> = {};
      for (const style of Object.keys(expected.sectionCounts)) {
        counts[style] = doc.sections.filter((s) => s.style === style).length;
      }
      expect(counts).toEqual(expected.sectionCounts);
    }
  });

  it('gives sections unique ids and parents that exist', () => {
    const ids = doc.sections.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of doc.sections) if (s.parent !== null) expect(ids).toContain(s.parent);
  });

  it('finds exactly the numbered tasks', () => {
    expect(doc.tasks.map((t) => t.number)).toEqual(expected.tasks.map((t) => t.number));
  });

  it.each(expected.tasks.map((t) => [t.number, t] as const))('task %s: title, lead, responsible, section', (number, e) => {
    const task = doc.tasks.find((t) => t.number === number);
    expect(task, `task ${number} not found`).toBeDefined();
    if (!task) return;
    expect({ title: task.title, lead: task.lead, responsible: task.responsible }).toEqual({
      title: e.title,
      lead: e.lead,
      responsible: e.responsible,
    });
    if (e.sectionPath) expect(task.sectionPath).toEqual(e.sectionPath);
    const hasClause = e.clause ?? true;
    expect(task.clause !== null, `task ${number} clause`).toBe(hasClause);
    // Positions point into the decoded original text.
    expect(slice(text, task.position)).toContain(e.title);
    if (task.clause) expect(slice(text, task.clause.position)).toBe(task.clause.raw);
    // Every assignment names a department of the document, in the role the task lists it.
    for (const a of task.assignments) {
      expect(doc.departments.map((d) => d.name)).toContain(a.name);
      expect(a.role === 'lead' ? task.lead : task.responsible).toContain(a.name);
    }
  });

  it('reads the indicator table', () => {
    expect(doc.indicators.map((i) => `${i.number} ${i.name}`)).toEqual(expected.indicators.map((i) => `${i.number} ${i.name}`));
    for (const e of expected.indicators) {
      const got = doc.indicators.find((i) => i.number === e.number);
      if (!got) continue;
      const view: Record<string, unknown> = {
        number: got.number,
        name: got.name,
        unit: got.unit,
        attribute: got.attribute,
        baseline: quantityView(got.baseline, e.baseline),
        target: quantityView(got.target, e.target),
      };
      const want: Record<string, unknown> = {
        number: e.number,
        name: e.name,
        unit: e.unit,
        attribute: e.attribute,
        baseline: e.baseline,
        target: e.target,
      };
      if (e.category !== undefined) {
        view.category = got.category;
        want.category = e.category;
      }
      if (e.table !== undefined) {
        view.table = got.table;
        want.table = e.table;
      }
      if (e.targets !== undefined) {
        view.targets = got.targets.map((q, k) => quantityView(q, e.targets![k] ?? e.targets![0]));
        want.targets = e.targets;
      }
      expect(view).toEqual(want);
      // A sign-less cell is a plain value: no comparator, or '='.
      for (const q of [got.baseline, got.target, ...got.targets]) {
        if (q && /^[\d.]+$/.test(q.raw)) expect([null, '=']).toContain(q.comparator);
      }
    }
  });

  it('finds the prose targets', () => {
    const missing = expected.targets.filter(
      (e) =>
        !doc.targets.some(
          (t) =>
            t.value === e.value &&
            t.unit === e.unit &&
            t.comparator === e.comparator &&
            (e.year === undefined || t.year === e.year) &&
            t.metric.length >= 2 &&
            (t.metric.includes(e.metric) || e.metric.includes(t.metric)),
        ),
    );
    const found = doc.targets.map((t) => `${t.metric} ${t.comparator} ${t.value}${t.unit ?? ''} (${t.year})`);
    expect(missing, `targets found:\n${found.join('\n')}`).toEqual([]);
    for (const t of doc.targets) expect(slice(text, t.position)).toBe(t.raw);
  });

  it('lists the 《》 references', () => {
    expect(sorted([...new Set(doc.references.map((r) => r.title))])).toEqual(sorted(expected.references));
    for (const r of doc.references) expect(slice(text, r.position)).toContain(r.title);
  });

  it('checks the counts the document declares', () => {
    expect(doc.declaredCounts.map((c) => ({ subject: c.subject, declared: c.declared, found: c.found }))).toEqual(expected.declaredCounts);
  });

  it('reports the expected diagnostics and not the others', () => {
    const rules = doc.diagnostics.map((d) => d.rule);
    for (const rule of expected.diagnostics.include) expect(rules, JSON.stringify(doc.diagnostics)).toContain(rule);
    for (const rule of expected.diagnostics.exclude) expect(rules, JSON.stringify(doc.diagnostics)).not.toContain(rule);
    if (expected.diagnostics.include.includes('missing-assignment')) {
      const lines = doc.diagnostics.filter((d) => d.rule === 'missing-assignment').map((d) => d.line);
      const withoutClause = expected.tasks.filter((t) => t.clause === false).map((t) => t.number);
      const taskLines = doc.tasks.filter((t) => withoutClause.includes(t.number)).map((t) => t.position.start.line);
      expect(sorted(lines.map(String))).toEqual(sorted(taskLines.map(String)));
    }
  });

  it('folds departments and records what they lead', () => {
    for (const e of expected.departments) {
      const d = doc.departments.find((x) => x.name === e.name);
      expect(d, `department ${e.name} among ${doc.departments.map((x) => x.name).join('、')}`).toBeDefined();
      if (!d) continue;
      expect({ lead: sorted(d.lead), responsible: sorted(d.responsible) }).toEqual({
        lead: sorted(e.lead),
        responsible: sorted(e.responsible),
      });
      if (e.kind) expect(d.kind).toBe(e.kind);
      for (const alias of e.aliasesInclude ?? []) expect(d.aliases).toContain(alias);
      if (e.minMentions !== undefined) expect(d.mentions.length).toBeGreaterThanOrEqual(e.minMentions);
    }
    // No department is listed twice, and every name in a task is a department.
    const names = doc.departments.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of doc.tasks) for (const n of [...t.lead, ...t.responsible]) expect(names).toContain(n);
  });
});

describe('one text in three encodings', () => {
  const variants = ['gb18030-crlf.txt', 'utf16le-bom.txt', 'utf8-bom.txt'];

  it('gives the same tasks, sections and departments whatever the bytes', async () => {
    const docs = await Promise.all(variants.map((f) => ingestFile(join(DIR, f))));
    const view = (d: PolicyDocument) => ({
      title: d.title,
      tasks: d.tasks.map((t) => ({ number: t.number, title: t.title, lead: t.lead, responsible: t.responsible, text: t.text })),
      sections: d.sections.map((s) => ({ id: s.id, title: s.title, line: s.position.start.line })),
      departments: d.departments.map((x) => x.name),
      targets: d.targets.map((t) => t.raw),
    });
    const [a, b, c] = docs.map(view);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // The id comes from the file name, so three files give three ids.
    expect(new Set(docs.map((d) => d.id)).size).toBe(3);
  });
});

describe('generated plans (scripts/make-scale-corpus.ts) read back to what was generated', () => {
  // A small seeded sample of every shape, clause style and encoding the scale corpus uses; the
  // generator's manifest is the ground truth. Names are compared after alias folding, because the
  // manifest records them as written and the model gives canonical names.
  let dir: string;
  let manifest: { documents: ManifestDoc[] };

  interface ManifestDoc {
    file: string;
    encoding: string;
    format: string;
    title: string;
    issuer: string;
    docNumber: string;
    date: string;
    declaredTasks: number;
    indicators: number;
    tasks: { number: string; title: string; clause: string; lead: string[]; responsible: string[] }[];
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scale-sample-'));
    const result = makeScaleCorpus({ count: 40, out: join(dir, 'corpus'), seed: 'shapes-test', meanBytes: 12_000 });
    manifest = JSON.parse(readFileSync(result.manifest, 'utf8'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is deterministic: the same seed gives the same bytes', async () => {
    const again = makeScaleCorpus({ count: 5, out: join(dir, 'again'), seed: 'shapes-test', meanBytes: 12_000 });
    for (const f of readdirSync(again.dir)) {
      expect(readFileSync(join(again.dir, f)).equals(readFileSync(join(dir, 'corpus', f))), f).toBe(true);
    }
  });

  it('covers every shape, encoding and clause style', () => {
    const docs = manifest.documents;
    expect(new Set(docs.map((d) => d.encoding))).toEqual(new Set(['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le']));
    expect(new Set(docs.map((d) => d.format))).toEqual(new Set(['text', 'markdown']));
    const styles = new Set(docs.flatMap((d) => d.tasks.map((t) => t.clause)));
    for (const s of ['standard', 'hexagon', 'lead-support', 'halfwidth', 'line', 'sole', 'dept-labels', 'none']) expect(styles).toContain(s);
  });

  it('gives back header, tasks, assignments, indicators and declared counts', async () => {
    const aliases = defaultAliases();
    const key = (names: string[]) => names.map((n) => aliases.key(n)).sort();
    const problems: string[] = [];
    for (const e of manifest.documents) {
      const doc = await ingestFile(join(dir, 'corpus', e.file));
      const header = { title: doc.title, issuer: doc.issuer, docNumber: doc.docNumber, date: doc.date, encoding: doc.source.encoding };
      const want = { title: e.title, issuer: e.issuer, docNumber: e.docNumber, date: e.date, encoding: e.encoding };
      if (JSON.stringify(header) !== JSON.stringify(want)) problems.push(`${e.file}: header ${JSON.stringify(header)} ≠ ${JSON.stringify(want)}`);
      if (doc.indicators.length !== e.indicators) problems.push(`${e.file}: ${doc.indicators.length} indicators ≠ ${e.indicators}`);
      const numbers = doc.tasks.map((t) => t.number).join(',');
      if (numbers !== e.tasks.map((t) => t.number).join(',')) {
        problems.push(`${e.file}: tasks ${numbers} ≠ 1..${e.tasks.length}`);
        continue;
      }
      e.tasks.forEach((t, i) => {
        const d = doc.tasks[i];
        const got = { title: d.title, lead: key(d.lead), responsible: key(d.responsible) };
        const exp = { title: t.title, lead: key(t.lead), responsible: key(t.responsible) };
        if (JSON.stringify(got) !== JSON.stringify(exp)) {
          problems.push(`${e.file} task ${t.number} (${t.clause}): ${d.title} L=${d.lead} R=${d.responsible} ≠ ${t.title} L=${t.lead} R=${t.responsible}`);
        }
      });
      const declared = doc.declaredCounts.find((c) => c.subject === 'tasks');
      if (declared?.declared !== e.declaredTasks) problems.push(`${e.file}: declared ${declared?.declared} ≠ ${e.declaredTasks}`);
      const mismatch = doc.diagnostics.some((x) => x.rule === 'count-mismatch');
      if (mismatch !== (e.declaredTasks !== e.tasks.length)) problems.push(`${e.file}: count-mismatch reported ${mismatch}`);
    }
    expect(problems).toEqual([]);
  });
});
