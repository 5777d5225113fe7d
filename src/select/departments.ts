import { type AliasTable, defaultAliases, secondName, splitLevel } from '../model/departments.js';
import { normalizeForMatch, withoutInvisible } from '../model/normalize.js';
import type { Department } from '../model/types.js';
import { AmbiguousDepartment, type Candidate, EmptyDepartment, UnknownDepartment } from './errors.js';

/**
 * Which unit a name means — the one rule search, the task listing, the sheets, the web
 * pages and library callers share.
 *
 * In one document, in this order (the first step that finds anything decides):
 *   1. a unit's name or alias, as written or folded (full-width, traditional → simplified:
 *      交通運輸局 is 交通运输局);
 *   2. the township family: a query that names the family — 乡镇, 镇街, 乡镇（街道）, 乡镇街道,
 *      with or without 各/有关 — takes every collective township unit of the document
 *      (各乡镇（街道）, 有关乡镇（街道）, 有关乡镇, 沿线各乡镇 …); the exact name of one of them
 *      (step 1) takes that one;
 *   3. the same alias group at the same level, or at any level when the query has none
 *      (住建委 → 县住房城乡建委);
 *   4. a unit carrying the name with a second one in brackets, when no unit has it alone
 *      (财政局 → 县财政局（县国资中心）);
 *   5. a unique suffix of a name, the second name in brackets counting as a name
 *      (交通局 → 县交通局, 国资中心 → 县财政局（县国资中心）);
 *   6. the query, or another spelling of it, inside a name (人行 → 中国人民银行某某支行).
 * Several units at the deciding step make the name ambiguous; none at every step, unknown.
 *
 * The units a name means are then the unit found (or the family's members) and the units that
 * carry its name with a second one (财政局 → 县财政局 and 县财政局（县国资中心）): one office, so
 * its tasks under either name are the unit's (see `carriersOf`, and `roleOf` in roles.ts).
 */

/** What resolution needs of a unit: its names and kind (the model's Department, or the search index's). */
export type Unit = Pick<Department, 'name' | 'aliases' | 'kind'> & Partial<Pick<Department, 'lead' | 'responsible'>>;

export type Resolution<D extends Unit = Department> =
  | { status: 'found'; department: D }
  | { status: 'family'; departments: D[] }
  | { status: 'ambiguous'; candidates: D[] }
  | { status: 'unknown' };

/** A query as names are compared: trimmed, invisible characters dropped, folded (see normalizeForMatch). */
export function foldName(query: string): string {
  return normalizeForMatch(withoutInvisible(query).trim());
}

/** A collective township unit: 各乡镇（街道）, 有关乡镇, 沿线各乡镇 — not one named township (城区街道办事处). */
const COLLECTIVE = /^(?:[\u4e00-\u9fff]{0,4}各|有关|相关|所有|涉及)/;
/** A query that names the township family (folded: brackets are ASCII). */
const FAMILY_QUERY = /^(?:全县|全市|全区)?(?:各|有关|相关|所有)?(?:乡镇|镇街|乡镇街道|乡镇\(街道(?:办事处)?\)|乡镇(?:人民)?政府(?:\(街道办事处\))?)$/;

export function isTownshipCollective(d: Unit): boolean {
  return d.kind === 'township' && COLLECTIVE.test(normalizeForMatch(d.name));
}

/** Whether a query names the township family (乡镇, 各乡镇（街道）…). */
export function namesTownshipFamily(query: string): boolean {
  return FAMILY_QUERY.test(foldName(query));
}

/** Find the unit(s) a name means among one document's units (the steps above). */
export function resolveDepartment<D extends Unit>(query: string, departments: D[], aliases: AliasTable = defaultAliases()): Resolution<D> {
  const q = foldName(query);
  if (!q) return { status: 'unknown' };
  const names = (d: D) => [d.name, ...d.aliases].map(normalizeForMatch);

  const exact = departments.filter((d) => names(d).includes(q));
  if (exact.length > 0) return pick(exact);

  if (FAMILY_QUERY.test(q)) {
    const members = departments.filter(isTownshipCollective);
    if (members.length > 0) return members.length === 1 ? { status: 'found', department: members[0] } : { status: 'family', departments: members };
  }

  const sameGroup = departments.filter((d) => names(d).some((n) => sameUnit(n, q, aliases)));
  if (sameGroup.length > 0) return pick(sameGroup);

  const carriers = departments.filter((d) => {
    const main = secondName(d.name)?.main;
    return main !== undefined && sameUnit(normalizeForMatch(main), q, aliases);
  });
  if (carriers.length > 0) return pick(carriers);

  const withSecond = (d: D) => {
    const second = secondName(d.name)?.second;
    return second === undefined ? names(d) : [...names(d), normalizeForMatch(second)];
  };
  const suffix = departments.filter((d) => withSecond(d).some((n) => n.endsWith(q)));
  if (suffix.length > 0) return pick(suffix);

  const spellings = [q, ...aliases.variants(q)];
  const contains = departments.filter((d) => names(d).some((n) => spellings.some((v) => n.includes(v))));
  if (contains.length > 0) return pick(contains);
  return { status: 'unknown' };
}

/** `name` (folded, as written in a model) is the unit the query means: same key, or same alias group when the query has no level. */
function sameUnit(name: string, q: string, aliases: AliasTable): boolean {
  if (name === q || aliases.key(name) === aliases.key(q)) return true;
  const qSplit = splitLevel(q);
  const qGroup = aliases.groupKeyOfCore(qSplit.core) ?? aliases.groupKeyOfCore(q);
  return qSplit.prefix === '' && qGroup !== null && aliases.groupKeyOfCore(splitLevel(name).core) === qGroup;
}

function pick<D extends Unit>(found: D[]): Resolution<D> {
  const unique = [...new Map(found.map((d) => [d.name, d])).values()];
  return unique.length === 1 ? { status: 'found', department: unique[0] } : { status: 'ambiguous', candidates: unique };
}

/**
 * The units that carry `department`'s name as their main name with a second name in brackets
 * (县财政局 → 县财政局（县国资中心）): the same office, so what it leads is what a user asking
 * for 县财政局 wants to see too.
 */
export function carriersOf<D extends Unit>(department: Unit, departments: D[], aliases: AliasTable = defaultAliases()): D[] {
  const own = aliases.key(normalizeForMatch(department.name));
  return departments.filter((d) => {
    if (d === department || d.name === department.name) return false;
    const main = secondName(d.name)?.main;
    return main !== undefined && aliases.key(normalizeForMatch(main)) === own;
  });
}

/** The unit a carrier carries (县财政局（县国资中心） → 县财政局), when the document has it; else null. */
export function carriedBy<D extends Unit>(department: Unit, departments: D[], aliases: AliasTable = defaultAliases()): D | null {
  return departments.find((d) => d !== department && carriersOf(d, departments, aliases).includes(department as D)) ?? null;
}

/** The units a resolution names: the one found, or the family's members. */
export function resolved<D extends Unit>(r: Resolution<D>): D[] {
  return r.status === 'found' ? [r.department] : r.status === 'family' ? r.departments : [];
}

/**
 * Every unit a query means in one document: the units it resolves to and the units that carry
 * their names with a second name (财政局 → 县财政局, 县财政局（县国资中心）). Empty when the
 * query is unknown or ambiguous there.
 */
export function unitsMeant<D extends Unit>(query: string, departments: D[], aliases: AliasTable = defaultAliases()): D[] {
  return withCarriers(resolved(resolveDepartment(query, departments, aliases)), departments, aliases);
}

function withCarriers<D extends Unit>(found: D[], departments: D[], aliases: AliasTable): D[] {
  const all = [...found];
  for (const d of found) for (const c of carriersOf(d, departments, aliases)) if (!all.includes(c)) all.push(c);
  return all;
}

/** One document's answer: the units the name means there (one, or a family), and with their carriers. */
export interface DocumentUnits<D extends Unit = Department> {
  doc: string;
  /** The unit the name resolves to, or the township family's members. */
  departments: D[];
  /** Those and the units carrying their names with a second name. */
  units: D[];
}

export interface Resolutions<D extends Unit = Department> {
  found: DocumentUnits<D>[];
  ambiguous: Array<{ doc: string; candidates: D[] }>;
  /** The documents looked in. */
  documents: string[];
}

/** The name in each document, without judging: where it resolves, where it is ambiguous. */
export function resolveEach<D extends Unit>(
  query: string,
  docs: ReadonlyArray<{ id: string; departments: D[] }>,
  aliases: AliasTable = defaultAliases(),
): Resolutions<D> {
  const found: DocumentUnits<D>[] = [];
  const ambiguous: Array<{ doc: string; candidates: D[] }> = [];
  for (const doc of docs) {
    const r = resolveDepartment(query, doc.departments, aliases);
    if (r.status === 'ambiguous') ambiguous.push({ doc: doc.id, candidates: r.candidates });
    const departments = resolved(r);
    if (departments.length > 0) found.push({ doc: doc.id, departments, units: withCarriers(departments, doc.departments, aliases) });
  }
  return { found, ambiguous, documents: docs.map((d) => d.id) };
}

/**
 * The units a name means in each of several documents (a 县交通局 in one, a 市交通局 in another
 * are both what 交通局 means). Documents without the unit are left out. Throws EmptyDepartment
 * for a blank name, AmbiguousDepartment when it is ambiguous in any document (every candidate,
 * with its task counts), UnknownDepartment when no document has it.
 */
export function resolveUnits<D extends Unit>(
  query: string,
  docs: ReadonlyArray<{ id: string; departments: D[] }>,
  aliases: AliasTable = defaultAliases(),
  count: (doc: string, d: D) => { lead: number; responsible: number } = (_doc, d) => ({ lead: d.lead?.length ?? 0, responsible: d.responsible?.length ?? 0 }),
): DocumentUnits<D>[] {
  return judge(query, resolveEach(query, docs, aliases), count);
}

/** Resolutions as an answer or a typed error (see resolveUnits). */
export function judge<D extends Unit>(
  query: string,
  r: Resolutions<D>,
  count: (doc: string, d: D) => { lead: number; responsible: number },
): DocumentUnits<D>[] {
  if (!foldName(query)) throw new EmptyDepartment();
  if (r.ambiguous.length > 0) {
    throw new AmbiguousDepartment(
      query,
      r.ambiguous.flatMap((a) => a.candidates.map((d) => candidate(a.doc, d, count))),
    );
  }
  if (r.found.length === 0) throw new UnknownDepartment(query, r.documents);
  return r.found;
}

export function candidate<D extends Unit>(doc: string, d: D, count: (doc: string, d: D) => { lead: number; responsible: number }): Candidate {
  return { doc, name: d.name, ...count(doc, d) };
}

/**
 * The one unit a name means in one document (`doc` names it in errors): UnknownDepartment, or
 * AmbiguousDepartment when several units (a family's members too) answer.
 */
export function requireDepartment<D extends Unit>(query: string, departments: D[], doc = 'document', aliases: AliasTable = defaultAliases()): D {
  if (!foldName(query)) throw new EmptyDepartment();
  const r = resolveDepartment(query, departments, aliases);
  if (r.status === 'found') return r.department;
  const count = (_doc: string, d: D) => ({ lead: d.lead?.length ?? 0, responsible: d.responsible?.length ?? 0 });
  if (r.status === 'unknown') throw new UnknownDepartment(query, [doc]);
  throw new AmbiguousDepartment(
    query,
    (r.status === 'family' ? r.departments : r.candidates).map((d) => candidate(doc, d, count)),
  );
}
