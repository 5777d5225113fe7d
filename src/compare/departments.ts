import { type AliasTable, defaultAliases } from '../model/departments.js';
import { normalizeForMatch } from '../model/normalize.js';
import type { Department, PolicyDocument } from '../model/types.js';

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

/**
 * One line of work across levels: 财政部, 省财政厅, 县财政局 (and 国家发展改革委 / 市发展改革委,
 * 市场监管总局 / 省市场监管局) differ only in the level word, so the key is the full form without it.
 */
const LEVEL_WORD = /(总局|委员会|部|厅|局|委)$/;
const NATIONAL_WORD = /^(国家|国务院)/;

function lineOf(core: string, aliases: AliasTable): string {
  const full = aliases.fullForm(core);
  const bare = full.replace(NATIONAL_WORD, '').replace(LEVEL_WORD, '');
  if (bare.length >= 2 && bare !== full) return bare;
  return aliases.groupKeyOfCore(core) ?? core.replace(TEAM_RANK, '队');
}

/**
 * A national body's branch in a province or city (人民银行湖南省分行, 国家金融监督管理总局湖南监管局,
 * 中国人民银行长沙中心支行): the body's provincial (or city) form. The body itself has no level
 * prefix but 国家 (市公安局天心分局 is a district's).
 */
const BRANCH = /^(.{2,}?(?:总局|局|银行|署|委|部))([\u4e00-\u9fff]{2,3}?)(省|市|自治区)?(分行|分局|监管局|监管分局|中心支行)$/;

function branchOf(name: string, aliases: AliasTable): { prefix: string; key: string } | null {
  const m = BRANCH.exec(name);
  if (!m) return null;
  const body = aliases.split(m[1]);
  if (body.prefix !== '' && body.prefix !== '国家') return null;
  const level = m[3] ?? (/监管分局|中心支行/.test(m[4]) ? '市' : '省');
  return { prefix: level, key: lineOf(body.core, aliases) };
}

export function coreKey(name: string, aliases: AliasTable): { prefix: string; key: string } {
  const n = normalizeForMatch(name);
  const branch = branchOf(n, aliases);
  if (branch) return branch;
  const { prefix, core } = aliases.split(n);
  return { prefix, key: lineOf(core, aliases) };
}

/** The level word of a name as a pair reports it (湖南省市场监督管理局 → 省, 人民银行湖南省分行 → 省). */
function levelOf(name: string, aliases: AliasTable): string {
  return coreKey(name, aliases).prefix;
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
      const aLevel = levelOf(x.name, aliases);
      const bLevel = levelOf(y.name, aliases);
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
