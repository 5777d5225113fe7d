import { normalizeForMatch } from '../model/normalize.js';
import type { PolicyDocument } from '../model/types.js';
import { foldName, resolveEach } from '../select/departments.js';

/**
 * Suggestions for the department box as the user types (GET /units?q=…, JSON). The page does
 * not carry every unit and alias in a <datalist> (a few KB on every search page for two plans,
 * hundreds of KB for a thousand): the script asks for the few that fit what was typed.
 * What was typed is folded as names are compared (traditional script, full-width forms), and
 * the library's own resolution is asked too, so 住建委 suggests 县住房城乡建委 though it is no
 * part of the name.
 */

export interface UnitSuggestion {
  /** Canonical name. */
  name: string;
  /** The alias that matched, when it was not the name. */
  alias?: string;
  /** Documents that have the unit. */
  docs: number;
  lead: number;
  responsible: number;
}

interface CatalogUnit {
  name: string;
  aliases: string[];
  /** name and aliases folded (normalizeForMatch), name first. */
  folded: string[];
  docs: Set<string>;
  lead: number;
  responsible: number;
}

export type UnitCatalog = CatalogUnit[];

/** Every unit of the documents, by canonical name, with its aliases and task counts. */
export function unitCatalog(docs: PolicyDocument[]): UnitCatalog {
  const byName = new Map<string, CatalogUnit>();
  for (const d of docs) {
    for (const dep of d.departments) {
      let u = byName.get(dep.name);
      if (!u) {
        u = { name: dep.name, aliases: [], folded: [normalizeForMatch(dep.name)], docs: new Set(), lead: 0, responsible: 0 };
        byName.set(dep.name, u);
      }
      for (const a of dep.aliases) {
        if (a === dep.name || u.aliases.includes(a)) continue;
        u.aliases.push(a);
        u.folded.push(normalizeForMatch(a));
      }
      u.docs.add(d.id);
      u.lead += dep.lead.length;
      u.responsible += dep.responsible.length;
    }
  }
  return [...byName.values()];
}

/**
 * At most `limit` units for what was typed: those the library resolves the text to first, then
 * names and aliases that start with it (after a level prefix: 县交通局 for 交通), then names and
 * aliases that contain it; busiest first within each.
 */
export function suggestUnits(query: string, catalog: UnitCatalog, docs: PolicyDocument[], limit = 10): UnitSuggestion[] {
  const q = foldName(query);
  if (!q) return [];
  const rank = new Map<CatalogUnit, { score: number; alias?: string }>();
  const note = (u: CatalogUnit, score: number, alias?: string) => {
    const had = rank.get(u);
    if (!had || score < had.score) rank.set(u, { score, alias });
  };
  const byName = new Map(catalog.map((u) => [u.name, u]));
  const r = resolveEach(query, docs);
  for (const f of r.found) for (const d of f.units) if (byName.has(d.name)) note(byName.get(d.name)!, 0);
  for (const a of r.ambiguous) for (const d of a.candidates) if (byName.has(d.name)) note(byName.get(d.name)!, 1);
  for (const u of catalog) {
    u.folded.forEach((f, i) => {
      const at = f.indexOf(q);
      if (at < 0) return;
      const alias = i === 0 ? undefined : u.aliases[i - 1];
      if (f === q) note(u, 0, alias);
      else if (at === 0 || /^[省市县区州旗盟]$/.test(f.slice(0, at)) || /^(?:自治区|自治州|自治县)$/.test(f.slice(0, at))) note(u, 2, alias);
      else note(u, 3, alias);
    });
  }
  return [...rank]
    .sort((a, b) => a[1].score - b[1].score || b[0].lead + b[0].responsible - (a[0].lead + a[0].responsible) || a[0].name.localeCompare(b[0].name, 'zh-CN'))
    .slice(0, limit)
    .map(([u, { alias }]) => ({ name: u.name, ...(alias ? { alias } : {}), docs: u.docs.size, lead: u.lead, responsible: u.responsible }));
}
