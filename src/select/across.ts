import { secondName } from '../model/departments.js';
import type { Department } from '../model/types.js';
import { carriersOf, type DocumentUnits, foldName, judge, resolveDepartment, resolved, type Unit } from './departments.js';

/**
 * A name resolved in many documents at once, without resolving it in each: what search's
 * `--dept` and the listings read from the store (`policy tasks --dept`) do over a corpus.
 *
 * Every step of resolveDepartment is a test of one unit, so a document resolves the name exactly
 * as its units that resolve it alone do. Those are found once among the distinct units of all
 * documents (one unit is in many documents), and only the documents that have one are resolved,
 * by resolveDepartment itself: the rules stay in departments.ts.
 */

/** The distinct units of some documents (by name, aliases and kind), the documents that have each, and each document's. */
export interface UnitDirectory {
  departments: Department[];
  docsOf: string[][];
  ofDoc: Map<string, { ids: number[]; seconds: boolean }>;
}

/** The directory of the units of `docs` (`unitsOf` gives a document's names, aliases and kinds). */
export function unitDirectory(docs: Iterable<string>, unitsOf: (doc: string) => Iterable<Pick<Unit, 'name' | 'aliases' | 'kind'>>): UnitDirectory {
  const byKey = new Map<string, number>();
  const departments: Department[] = [];
  const docsOf: string[][] = [];
  const ofDoc = new Map<string, { ids: number[]; seconds: boolean }>();
  for (const doc of docs) {
    const ids: number[] = [];
    let seconds = false;
    for (const d of unitsOf(doc)) {
      const key = JSON.stringify([d.name, d.aliases, d.kind]);
      let i = byKey.get(key);
      if (i === undefined) {
        i = departments.length;
        byKey.set(key, i);
        departments.push({ name: d.name, aliases: d.aliases, kind: d.kind, lead: [], responsible: [], mentions: [] });
        docsOf.push([]);
      }
      if (docsOf[i][docsOf[i].length - 1] !== doc) docsOf[i].push(doc);
      ids.push(i);
      if (secondName(d.name)) seconds = true;
    }
    ofDoc.set(doc, { ids, seconds });
  }
  return { departments, docsOf, ofDoc };
}

/**
 * The units `name` means in each of `docs` (in that order), as select/departments.ts resolves
 * it: with the units carrying its name under a second name, and a township family's members.
 * A document where it is unknown is skipped; typed errors (EmptyDepartment, AmbiguousDepartment
 * with each candidate's task count from `count`, UnknownDepartment) otherwise.
 */
export function resolveAcross(
  name: string,
  directory: UnitDirectory,
  docs: readonly string[],
  count: (doc: string, d: Department) => { lead: number; responsible: number },
): Array<{ doc: string; name: string }> {
  const matching = new Set<number>();
  if (foldName(name)) {
    directory.departments.forEach((d, i) => {
      if (resolveDepartment(name, [d]).status !== 'unknown') matching.add(i);
    });
  }
  const inScope = new Set(docs);
  const candidates = new Set<string>();
  for (const i of matching) for (const doc of directory.docsOf[i]) if (inScope.has(doc)) candidates.add(doc);
  const found: DocumentUnits[] = [];
  const ambiguous: Array<{ doc: string; candidates: Department[] }> = [];
  for (const doc of docs) {
    if (!candidates.has(doc)) continue;
    const own = directory.ofDoc.get(doc)!;
    const r = resolveDepartment(
      name,
      own.ids.filter((i) => matching.has(i)).map((i) => directory.departments[i]),
    );
    if (r.status === 'ambiguous') ambiguous.push({ doc, candidates: r.candidates });
    const departments = resolved(r);
    if (departments.length === 0) continue;
    // with the units that carry the name with a second one: 财政局 → 县财政局（县国资中心） too
    const units = [...departments];
    if (own.seconds) {
      const mine = own.ids.map((i) => directory.departments[i]);
      for (const d of departments) for (const c of carriersOf(d, mine)) if (!units.includes(c)) units.push(c);
    }
    found.push({ doc, departments, units });
  }
  return judge(name, { found, ambiguous, documents: [...docs] }, count).flatMap((f) => f.units.map((u) => ({ doc: f.doc, name: u.name })));
}
