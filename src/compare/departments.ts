import type { Department, PolicyDocument } from '../model/types.js';
import { AliasTable, defaultAliases, splitLevel } from '../model/departments.js';
import { normalizeForMatch } from '../model/normalize.js';

/**
 * Units of two documents that correspond: the same alias group (交通局 ↔ 交通运输局) at the
 * same level (`same`), or at different levels (`level`: 县交通运输局 ↔ 市交通局, the county
 * bureau and the municipal bureau above it).
 */

export interface DepartmentPair {
  a: string;
  b: string;
  relation: 'same' | 'level';
  /** Level prefixes (县, 市 …; empty when the name has none). */
  aLevel: string;
  bLevel: string;
  /** Tasks each unit leads (牵头) in its document. */
  aLead: string[];
  bLead: string[];
}

/**
 * A 队's rank follows its level: 省消防救援总队, 市消防救援支队, 县消防救援大队 are one service
 * (so are 综合行政执法支队/大队, 交警支队/大队); the rank is dropped like the level prefix.
 */
const TEAM_RANK = /(总队|支队|大队)$/;

export function coreKey(name: string, aliases: AliasTable): { prefix: string; key: string } {
  const { prefix, core } = splitLevel(normalizeForMatch(name));
  return { prefix, key: aliases.groupKeyOfCore(core) ?? core.replace(TEAM_RANK, '队') };
}

function keysOf(d: Department, aliases: AliasTable): { prefix: string; key: string }[] {
  return [d.name, ...d.aliases].map((n) => coreKey(n, aliases));
}

export function correspondingDepartments(a: PolicyDocument, b: PolicyDocument, aliases: AliasTable = defaultAliases()): DepartmentPair[] {
  const pairs: DepartmentPair[] = [];
  for (const x of a.departments) {
    const xs = keysOf(x, aliases);
    for (const y of b.departments) {
      const ys = keysOf(y, aliases);
      const hit = xs.find((p) => ys.some((q) => q.key === p.key));
      if (!hit) continue;
      const other = ys.find((q) => q.key === hit.key)!;
      const aLevel = splitLevel(normalizeForMatch(x.name)).prefix;
      const bLevel = splitLevel(normalizeForMatch(y.name)).prefix;
      pairs.push({
        a: x.name,
        b: y.name,
        relation: hit.prefix === other.prefix && aLevel === bLevel ? 'same' : 'level',
        aLevel,
        bLevel,
        aLead: x.lead,
        bLead: y.lead,
      });
    }
  }
  return pairs;
}

/**
 * Lead units of two tasks that are the same unit at the two levels (县交通运输局 ↔ 市交通局):
 * the pairs, or an empty list when none of the leads correspond.
 */
export function correspondingLeads(a: string[], b: string[], aliases: AliasTable = defaultAliases()): [string, string][] {
  const out: [string, string][] = [];
  for (const x of a) {
    const kx = coreKey(x, aliases).key;
    for (const y of b) if (coreKey(y, aliases).key === kx) out.push([x, y]);
  }
  return out;
}
