import { type AliasTable, defaultAliases } from '../model/departments.js';
import { SECTION_SEPARATOR, sectionTrail, taskLabel } from '../model/headings.js';
import type { PolicyDocument } from '../model/types.js';
import { getTokenizer } from '../search/tokenizer.js';
import { correspondingDepartments, correspondingLeads, type DepartmentPair } from './departments.js';
import { type IndicatorPair, type IndicatorSide, matchIndicators, round } from './indicators.js';
import { type Citation, citationsOf } from './references.js';
import { LENGTH_RATIO_FLOOR, TfIdfSpace, TITLE_NEAR, type TokenSource, titleSimilarity, withTitle } from './similarity.js';
import { matchTargets, type TargetPair } from './targets.js';
import { contentLength, documentUnits, type Unit, type UnitKind } from './units.js';

/**
 * Plan comparison: which tasks of A have a counterpart in B, what of B that A leaves out,
 * how their shared indicators differ, whether A cites B, and which units correspond.
 * Typically A is the lower-level plan (a county's 实施方案) and B the plan it implements
 * (the municipal 规划). Reads the model only.
 */

export type Verdict = 'counterpart' | 'weak' | 'none';
export type CoverageStatus = 'covered' | 'partial' | 'uncovered';

export interface CompareOptions {
  /** Tokenizer for similarity. Default: the shared jieba tokenizer (glossary, stop words, normalisation). */
  tokenizer?: TokenSource;
  /** Least similarity (TfIdfSpace.score) for a counterpart. Default 0.35. */
  counterpart?: number;
  /** Least similarity for a weak match (below: none). Default 0.2. */
  weak?: number;
  /** Norm ratio below which a short unit's cosine with a long one is lifted (see similarity.ts). Default 0.5; 0 = plain cosine. */
  lengthFloor?: number;
  /** Matches listed per task of A. Default 3. */
  maxMatches?: number;
  /**
   * Title similarity (2·LCS/(|a|+|b|)) from which two tasks' or sections' titles are
   * near-identical and weigh as much as their bodies (see withTitle). Default 0.8; 0 = bodies only.
   */
  titleNear?: number;
  /** Least indicator-name similarity (2·LCS/(|a|+|b|)) for a pair. Default 0.6. */
  indicatorThreshold?: number;
  /** Department alias table. Default: the bundled data/aliases.json. */
  aliases?: AliasTable;
  /** Hook: the units of a document to compare. Default `documentUnits` (tasks, sections with prose, paragraphs outside tasks). */
  units?: (doc: PolicyDocument) => Unit[];
}

export const DEFAULT_THRESHOLDS = { counterpart: 0.35, weak: 0.2, indicator: 0.6 } as const;

export interface DocumentSummary {
  id: string;
  title: string | null;
  period: { start: number; end: number } | null;
  tasks: number;
  sections: number;
  indicators: number;
}

export interface Match {
  kind: UnitKind;
  /** Task number, section id or paragraph id in B. */
  id: string;
  /** Task number or section label; null for a paragraph. */
  number: string | null;
  /** A task's label as B writes it (（一）, 12.). */
  label?: string;
  title: string;
  /** Headings of the enclosing sections in B, joined with ' › ' (四、重点任务 › （一）…). */
  section: string;
  score: number;
  /** For a task of B: its lead units (牵头单位). */
  lead?: string[];
}

export interface TaskAlignment {
  number: string;
  /** The task's numbering as A writes it: （三）, 12. (see src/report/labels.ts). */
  label: string;
  title: string;
  section: string;
  lead: string[];
  verdict: Verdict;
  /** Score of the best match (0 when B has nothing to compare). */
  score: number;
  matches: Match[];
  /**
   * When the best match is a task: the pairs of lead units that are the same unit at the two
   * levels ([县交通运输局, 市交通局]); empty when the leads differ. Absent otherwise.
   */
  leadsCorrespond?: [string, string][];
}

export interface Gap {
  kind: 'task' | 'section';
  /** Task number or section id. */
  id: string;
  /** Task number or section label. */
  number: string;
  /** A task's label as B writes it (（二）, 12.): what the terminal, Markdown and PDF show. */
  label?: string;
  title: string;
  section: string;
  status: CoverageStatus;
  /** Best similarity any unit of A reaches. */
  score: number;
  /** The unit of A that comes closest, if any reaches the weak threshold. */
  closest: { kind: UnitKind; id: string; label?: string; title: string; score: number } | null;
  line: number;
}

export interface SectionCoverage {
  id: string;
  label: string;
  title: string;
  level: number;
  status: CoverageStatus;
  /** (covered + ½ partial) / units counted: tasks when the section has tasks, else its prose units. */
  ratio: number;
  /**
   * For B's 保障措施 / 组织实施 part and the sections inside it: A's part of the same kind,
   * which covers it whatever its words (see safeguardPart).
   */
  coveredBy?: { id: string; label: string; title: string };
  /** Status of each counted unit, in document order: the cells of the heat strip. */
  cells: CoverageStatus[];
  counted: 'tasks' | 'prose';
}

export interface Comparison {
  a: DocumentSummary;
  b: DocumentSummary;
  thresholds: { counterpart: number; weak: number; indicator: number; lengthFloor: number; titleNear: number };
  /**
   * Median length (letters and digits) of each side's tasks (of all its units when it has no
   * tasks): when B's are a fraction of A's, a short B task covers only part of a long A task.
   */
  unitLengths: { a: number; b: number };
  tasks: TaskAlignment[];
  /** B's tasks and sections that A does not take up (status uncovered), or only weakly (partial). */
  uncovered: Gap[];
  /** Every section of B that has something to compare. */
  coverage: SectionCoverage[];
  indicators: IndicatorPair[];
  indicatorsOnlyA: IndicatorSide[];
  indicatorsOnlyB: IndicatorSide[];
  /**
   * Quantitative targets of the same metric where at least one side states it in the prose
   * (an indicator table rarely holds them all): see targets.ts.
   */
  targets: TargetPair[];
  /** A's references that cite B. */
  references: Citation[];
  citesB: boolean;
  /** B's references that cite A (a plan may name its implementing plans). */
  citedByB: Citation[];
  departments: DepartmentPair[];
  summary: {
    counterpart: number;
    weak: number;
    none: number;
    bTasks: { covered: number; partial: number; uncovered: number };
  };
}

export class PlanComparer {
  readonly options: Required<Omit<CompareOptions, 'tokenizer' | 'aliases'>> & { tokenizer: TokenSource | null; aliases: AliasTable | null };

  constructor(options: CompareOptions = {}) {
    const counterpart = options.counterpart ?? DEFAULT_THRESHOLDS.counterpart;
    const weak = options.weak ?? DEFAULT_THRESHOLDS.weak;
    if (!(weak >= 0 && weak <= counterpart && counterpart <= 1)) {
      throw new RangeError(`thresholds must satisfy 0 ≤ weak (${weak}) ≤ counterpart (${counterpart}) ≤ 1`);
    }
    const lengthFloor = options.lengthFloor ?? LENGTH_RATIO_FLOOR;
    if (!(lengthFloor >= 0 && lengthFloor <= 1)) throw new RangeError(`lengthFloor must be from 0 to 1, got ${lengthFloor}`);
    if (options.titleNear !== undefined && !(options.titleNear >= 0 && options.titleNear <= 1))
      throw new RangeError(`titleNear must be from 0 to 1, got ${options.titleNear}`);
    this.options = {
      tokenizer: options.tokenizer ?? null,
      counterpart,
      weak,
      maxMatches: options.maxMatches ?? 3,
      lengthFloor,
      titleNear: options.titleNear ?? TITLE_NEAR,
      indicatorThreshold: options.indicatorThreshold ?? DEFAULT_THRESHOLDS.indicator,
      aliases: options.aliases ?? null,
      units: options.units ?? documentUnits,
    };
  }

  compare(a: PolicyDocument, b: PolicyDocument): Comparison {
    const o = this.options;
    const tokenizer = o.tokenizer ?? getTokenizer();
    const unitsA = o.units(a);
    const unitsB = o.units(b);
    const space = new TfIdfSpace(
      [...unitsA, ...unitsB].map((u) => tokenizer.tokens(u.text)),
      o.lengthFloor,
    );
    const offset = unitsA.length;
    // scores[i][j]: unit i of A against unit j of B; a near-identical title weighs as much as the body.
    const titled = (u: Unit) => u.kind !== 'paragraph'; // a paragraph's "title" is its first sentence
    const scores = unitsA.map((u, i) =>
      unitsB.map((v, j) => {
        const body = space.score(i, offset + j);
        return titled(u) && titled(v) && o.titleNear > 0 ? withTitle(body, titleSimilarity(u.title, v.title), o.titleNear) : body;
      }),
    );

    // Judged on the score as reported (3 decimals), so that what is shown is what was judged.
    const verdict = (s: number): Verdict => (round(s) >= o.counterpart ? 'counterpart' : round(s) >= o.weak ? 'weak' : 'none');
    const status = (s: number): CoverageStatus => (round(s) >= o.counterpart ? 'covered' : round(s) >= o.weak ? 'partial' : 'uncovered');

    const aliases = o.aliases ?? defaultAliases();
    const bTaskLead = new Map(b.tasks.map((t) => [t.number, t.lead]));
    const tasks: TaskAlignment[] = [];
    unitsA.forEach((u, i) => {
      if (u.kind !== 'task') return;
      const ranked = unitsB
        .map((v, j) => ({ v, score: scores[i][j] }))
        .filter((m) => m.score > 0)
        .sort((x, y) => y.score - x.score || kindRank(x.v.kind) - kindRank(y.v.kind));
      const best = ranked[0]?.score ?? 0;
      const task = a.tasks.find((t) => t.number === u.id);
      const matches = ranked
        .slice(0, o.maxMatches)
        .filter((m) => m.score >= o.weak || m === ranked[0])
        .map((m) => toMatch(m.v, m.score, bTaskLead));
      const alignment: TaskAlignment = {
        number: u.id,
        label: task ? taskLabel(task) : `${u.id}.`,
        title: u.title,
        section: u.sectionPath.join(SECTION_SEPARATOR),
        lead: task?.lead ?? [],
        verdict: verdict(best),
        score: round(best),
        matches,
      };
      if (matches[0]?.lead) alignment.leadsCorrespond = correspondingLeads(alignment.lead, matches[0].lead, aliases);
      tasks.push(alignment);
    });

    // Best score each unit of B receives from any unit of A (tasks, sections or paragraphs).
    const bestForB = unitsB.map((_, j) => {
      let best = 0;
      let from = -1;
      unitsA.forEach((_, i) => {
        if (scores[i][j] > best) {
          best = scores[i][j];
          from = i;
        }
      });
      return { score: best, from };
    });

    // B's 保障措施 part is covered, whatever its words, when A has a part of the same kind.
    const partA = safeguardPart(a);
    const partB = partA ? safeguardPart(b) : null;
    const inPart = (v: Unit) => partB !== null && v.section !== null && isWithin(v.section, partB.id);
    const statusB = unitsB.map((v, j): CoverageStatus => (inPart(v) ? 'covered' : status(bestForB[j].score)));

    const gaps: Gap[] = [];
    unitsB.forEach((v, j) => {
      if (v.kind !== 'task') return;
      const s = bestForB[j];
      const st = statusB[j];
      if (st !== 'covered') gaps.push(taskGap(v, st, s.score, s.from >= 0 && s.score >= o.weak ? unitsA[s.from] : null));
    });

    const coverage = sectionCoverage(b, unitsB, statusB);
    if (partA && partB) {
      const by = { id: partA.id, label: partA.label, title: partA.title };
      for (const c of coverage) if (isWithin(c.id, partB.id)) c.coveredBy = by;
    }
    const bySection = new Map(b.sections.map((s) => [s.id, s]));
    for (const c of coverage) {
      if (c.status === 'covered') continue;
      // A section is a gap when it is wholly left out; partly covered sections show through their tasks.
      if (c.status !== 'uncovered') continue;
      // A numbered item that is also a task is reported once, as the task.
      if (b.tasks.some((t) => t.title === c.title)) continue;
      const parent = bySection.get(c.id)?.parent;
      if (parent && coverage.some((p) => p.id === parent && p.status === 'uncovered')) continue;
      const s = bySection.get(c.id)!;
      const inside = unitsB
        .map((v, j) => ({ v, j }))
        .filter(({ v }) => v.section !== null && isWithin(v.section, s.id))
        .map(({ j }) => bestForB[j].score);
      const score = inside.length > 0 ? Math.max(...inside) : 0;
      gaps.push({
        kind: 'section',
        id: s.id,
        number: s.label,
        title: s.title,
        section: sectionTrail(s.parent, bySection).join(SECTION_SEPARATOR),
        status: 'uncovered',
        score: round(score),
        closest: null,
        line: s.position.start.line,
      });
    }
    gaps.sort((x, y) => x.line - y.line || (x.kind === 'section' ? -1 : 1));

    const ind = matchIndicators(a.indicators, b.indicators, o.indicatorThreshold);
    const bTasks = { covered: 0, partial: 0, uncovered: 0 };
    unitsB.forEach((v, j) => {
      if (v.kind === 'task') bTasks[statusB[j]]++;
    });
    const references = citationsOf(a, b);
    return {
      a: summarize(a),
      b: summarize(b),
      thresholds: { counterpart: o.counterpart, weak: o.weak, indicator: o.indicatorThreshold, lengthFloor: o.lengthFloor, titleNear: o.titleNear },
      unitLengths: { a: medianLength(unitsA), b: medianLength(unitsB) },
      tasks,
      uncovered: gaps,
      coverage,
      indicators: ind.pairs,
      indicatorsOnlyA: ind.onlyA,
      indicatorsOnlyB: ind.onlyB,
      targets: matchTargets(a, b),
      references,
      citesB: references.length > 0,
      citedByB: citationsOf(b, a),
      departments: correspondingDepartments(a, b, aliases),
      summary: {
        counterpart: tasks.filter((t) => t.verdict === 'counterpart').length,
        weak: tasks.filter((t) => t.verdict === 'weak').length,
        none: tasks.filter((t) => t.verdict === 'none').length,
        bTasks,
      },
    };
  }
}

/** Compare with the given options (see PlanComparer). */
export function comparePlans(a: PolicyDocument, b: PolicyDocument, options: CompareOptions = {}): Comparison {
  return new PlanComparer(options).compare(a, b);
}

// Equal scores: a task is the more useful match than a section or a paragraph.
function kindRank(kind: UnitKind): number {
  return kind === 'task' ? 0 : kind === 'section' ? 1 : 2;
}

function toMatch(v: Unit, score: number, leads: Map<string, string[]>): Match {
  const m: Match = {
    kind: v.kind,
    id: v.id,
    number: v.number,
    ...(v.label ? { label: v.label } : {}),
    title: v.title,
    section: v.sectionPath.join(SECTION_SEPARATOR),
    score: round(score),
  };
  if (v.kind === 'task' && leads.has(v.id)) m.lead = leads.get(v.id);
  return m;
}

function taskGap(v: Unit, st: CoverageStatus, score: number, closest: Unit | null): Gap {
  return {
    kind: 'task',
    id: v.id,
    number: v.number ?? v.id,
    ...(v.label ? { label: v.label } : {}),
    title: v.title,
    section: v.sectionPath.join(SECTION_SEPARATOR),
    status: st,
    score: round(score),
    closest: closest
      ? { kind: closest.kind, id: closest.id, ...(closest.label ? { label: closest.label } : {}), title: closest.title, score: round(score) }
      : null,
    line: v.line,
  };
}

function medianLength(units: Unit[]): number {
  const tasks = units.filter((u) => u.kind === 'task');
  const lengths = (tasks.length > 0 ? tasks : units).map((u) => contentLength(u.text)).sort((x, y) => x - y);
  if (lengths.length === 0) return 0;
  const mid = lengths.length >> 1;
  return lengths.length % 2 === 1 ? lengths[mid] : Math.round((lengths[mid - 1] + lengths[mid]) / 2);
}

function summarize(doc: PolicyDocument): DocumentSummary {
  return {
    id: doc.id,
    title: doc.title,
    period: doc.period,
    tasks: doc.tasks.length,
    sections: doc.sections.length,
    indicators: doc.indicators.length,
  };
}

/**
 * The words a 保障措施 part's heading is made of: 保障措施, 组织实施, 实施保障, 组织保障, 保障机制,
 * 规划实施保障, 保障规划实施, 强化组织保障, 组织领导和保障措施 … — a heading of these words only,
 * so that a chapter on a subject (强化要素保障) is not taken for the part.
 */
const SAFEGUARD_TITLE = /^(?:加强|强化|健全|完善|做好)?(?:(?:规划|方案|组织|实施|保障|措施|机制|体系|工作|政策|领导)(?:和|与|及)?)+$/;

/**
 * A document's part on how it is carried out (保障措施, 组织实施, 保障): the outermost section
 * whose heading is of those words and names 保障 or 实施; null when it has none. Such parts say
 * the same things in every plan (lead, money, supervision) in words of their own, so two of
 * them are matched by their kind, not by their words.
 */
export function safeguardPart(doc: PolicyDocument): { id: string; label: string; title: string } | null {
  for (const s of doc.sections) {
    const title = s.title.replace(/[\s。.:：]/g, '');
    if (!/保障|实施/.test(title) || !SAFEGUARD_TITLE.test(title)) continue;
    if (s.parent && doc.sections.some((p) => p.id !== s.id && isWithin(s.id, p.id) && SAFEGUARD_TITLE.test(p.title.replace(/[\s。.:：]/g, '')))) continue;
    return { id: s.id, label: s.label, title: s.title };
  }
  return null;
}

/** Section ids nest by prefix: s3.2 is inside s3 (see Section.id). */
function isWithin(sectionId: string, ancestor: string): boolean {
  return sectionId === ancestor || sectionId.startsWith(ancestor + '.');
}

function sectionCoverage(doc: PolicyDocument, units: Unit[], statuses: CoverageStatus[]): SectionCoverage[] {
  const out: SectionCoverage[] = [];
  for (const s of doc.sections) {
    const inside = units.map((u, j) => ({ u, st: statuses[j] })).filter(({ u }) => u.section !== null && isWithin(u.section, s.id));
    const tasks = inside.filter(({ u }) => u.kind === 'task');
    const counted = tasks.length > 0 ? tasks : inside;
    if (counted.length === 0) continue;
    const cells = counted.map(({ st }) => st);
    const covered = cells.filter((c) => c === 'covered').length;
    const partial = cells.filter((c) => c === 'partial').length;
    out.push({
      id: s.id,
      label: s.label,
      title: s.title,
      level: s.level,
      status: covered === cells.length ? 'covered' : covered + partial === 0 ? 'uncovered' : 'partial',
      ratio: round((covered + partial / 2) / cells.length),
      cells,
      counted: tasks.length > 0 ? 'tasks' : 'prose',
    });
  }
  return out;
}
