import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from './errors.js';
import { normalizeForMatch } from './normalize.js';

/**
 * Department names and their aliases.
 *
 * A name is a level prefix (县, 市, 区, 省, 国家 …) and a core (发展改革委). Cores that mean the
 * same unit form an alias group (发改委 ↔ 发展改革委 ↔ 发展和改革委员会); two names are the same
 * unit when their prefixes agree and their cores share a group. Groups come from
 * `data/aliases.json` and any user file of the same shape.
 */

// 市场监管局 begins with the word 市场, not with a 市 prefix
const LEVEL_PREFIX = /^(国家|中央|省|自治区|直辖市|市(?!场)|自治州|州|盟|地区|县|自治县|旗|区|乡|镇|街道)/;

export interface SplitName {
  prefix: string;
  core: string;
}

export function splitLevel(name: string): SplitName {
  const m = LEVEL_PREFIX.exec(name);
  if (m && name.length > m[0].length + 1) return { prefix: m[0], core: name.slice(m[0].length) };
  return { prefix: '', core: name };
}

/** A level word after a place's own name: 湖南省, 长沙市, 湘西土家族苗族自治州, 天心区. */
export const PLACE_LEVEL = '自治区|自治州|自治县|省|市(?!场)|州|县|区|旗|盟';
// 各市, 全省, 本县, 有关县 … are no place; 广州市, 湘西州 may hold a level character inside
const PLACE_PREFIX = new RegExp(`^(?![省市县区州旗盟各全本该有相])([\\u4e00-\\u9fff]{2,8}?)(${PLACE_LEVEL})`);
/** Province-level words: a province names no other province inside it, so its own name folds into 省. */
const PROVINCE_LEVEL = /^(省|自治区)$/;

export interface PlaceName extends SplitName {
  /** The place's own name before its level word (湖南), the prefix being the level word (省). */
  place: string;
}

/**
 * A name that opens with a place's own name and level word (湖南省市场监督管理局 → 湖南 · 省 ·
 * 市场监督管理局), or null. Only the shape: the caller checks the core is a unit (智慧城市建设办公室 is
 * no place 智慧城).
 */
export function splitPlace(name: string): PlaceName | null {
  const m = PLACE_PREFIX.exec(name);
  if (!m || name.length < m[0].length + 2) return null;
  return { place: m[1], prefix: m[2], core: name.slice(m[0].length) };
}

/** A bracket that closes a name: 县政府办公室（县大数据局）, 有关乡镇（街道）. */
const TRAILING_BRACKET = /^([^（(]+)[（(]([^（）()]+)[）)]$/;
const MAIN_NAME = /^([^（(]+)[（(].*[）)]$/;
const TOWNSHIP_PREFIX = /^(乡|镇|街道)$/;

/** Whether a name ends with a closing bracket: most do not, and need no regex. */
function endsWithBracket(name: string): boolean {
  const last = name.charCodeAt(name.length - 1);
  return last === 0xff09 || last === 0x29; // ） )
}

/** The name before a bracket that closes it (县人民医院（医共体总院）, 县发展改革委（县粮食和物资储备局（县能源局））), or null. */
export function mainName(name: string): string | null {
  return endsWithBracket(name) ? (MAIN_NAME.exec(name)?.[1] ?? null) : null;
}

/**
 * A unit that carries a second name in brackets (one office, two nameplates): 县政府办公室（县大数据局）,
 * 县委宣传部（县网信办）, 镇纪委（监察办）. The main part is a level-prefixed name; the second is one
 * too, or an office's name without a level (监察办, 监委: the main's level goes for it). 有关乡镇（街道）,
 * 各乡镇人民政府（街道办事处）, 镇政府（街道办事处） name alternatives, not a second name, and 县城投（集团）
 * a qualifier.
 */
export function secondName(name: string): { main: string; second: string } | null {
  const m = endsWithBracket(name) ? TRAILING_BRACKET.exec(name) : null;
  if (!m) return null;
  const [main, second] = [splitLevel(m[1]), splitLevel(m[2])];
  if (!main.prefix) return null;
  if (!second.prefix) return isNameplate(m[2]) ? { main: m[1], second: m[2] } : null;
  // 镇 … （街道…）: a township or a street, whichever the place has
  if (TOWNSHIP_PREFIX.test(second.prefix) && second.prefix !== main.prefix) return null;
  return { main: m[1], second: m[2] };
}

/**
 * An office's name without a level: 监察办, 监委, 粮食和物资储备局. Not a sub-unit (督查室, 交警大队,
 * 医共体), nor a kind word (集团, 街道).
 */
const NAMEPLATE = /^[\u4e00-\u9fff]{1,12}(?:办|局|委|委员会|厅|署)$/;
function isNameplate(second: string): boolean {
  return NAMEPLATE.test(second);
}

/**
 * The name a unit goes by when its second name has no level of its own: 镇纪委（监察办） is 镇纪委
 * (written either way in one document, one department). A second name with its own level
 * (县财政局（县国资中心）) names a unit that also stands alone: the name stays whole.
 */
export function officeName(name: string): string {
  const s = secondName(name);
  return s && !splitLevel(s.second).prefix ? s.main : name;
}

export interface AliasFile {
  groups: string[][];
}

const DEFAULT_ALIAS_FILE = fileURLToPath(new URL('../../data/aliases.json', import.meta.url));

export class AliasTable {
  private readonly groupOfCore = new Map<string, number>();
  private readonly groups: string[][] = [];

  constructor(files: AliasFile[] = []) {
    for (const file of files) this.add(file);
  }

  /** The bundled table, plus the user's files (later files extend earlier groups). */
  static load(userFiles: string[] = []): AliasTable {
    const table = new AliasTable();
    table.add(readAliasFile(DEFAULT_ALIAS_FILE));
    for (const f of userFiles) table.add(readAliasFile(f));
    return table;
  }

  add(file: AliasFile): void {
    this.keys.clear();
    this.variantsOf.clear();
    for (const group of file.groups) {
      const cores = group.map((n) => normalizeForMatch(n)).filter(Boolean);
      const existing = cores.map((c) => this.groupOfCore.get(c)).find((g) => g !== undefined);
      const index = existing ?? this.groups.push([]) - 1;
      for (const core of cores) {
        if (!this.groupOfCore.has(core)) {
          this.groupOfCore.set(core, index);
          this.groups[index].push(core);
        }
      }
    }
  }

  private readonly keys = new Map<string, string>();

  /**
   * Level prefix and core of a name as this table reads it: a name the table knows whole
   * (国家市场监督管理总局, 市场监管局) has no prefix; a place's own name before its level word
   * counts as that level (湖南省市场监督管理局 → 省 + 市场监督管理局) when the rest is a core the table
   * knows; the place is kept (`place`) for cities and counties, where one document names many.
   */
  split(name: string): SplitName & { place: string } {
    const n = normalizeForMatch(name);
    if (this.groupOfCore.has(n)) return { prefix: '', core: n, place: '' };
    const level = splitLevel(n);
    if (level.prefix) return { ...level, place: '' };
    const p = splitPlace(n);
    if (p && this.groupOfCore.has(p.core)) return p;
    return { ...level, place: '' };
  }

  /** A key equal for all names of one unit: prefix + alias group. */
  key(name: string): string {
    let key = this.keys.get(name);
    if (key === undefined) {
      const { prefix, core, place } = this.split(name);
      const group = this.groupOfCore.get(core);
      // 湖南省X is the province's X (省X); 长沙市X and 株洲市X stay two units
      const level = place && !PROVINCE_LEVEL.test(prefix) ? place + prefix : prefix;
      key = group === undefined ? `${level}|${core}` : `${level}|#${group}`;
      // names repeat across tasks and documents; the cache stays small next to the text
      if (this.keys.size < 100_000) this.keys.set(name, key);
    }
    return key;
  }

  private readonly variantsOf = new Map<string, readonly string[]>();

  /** Other spellings of a name's core, with the name's own prefix (kept: every document asks for its units'). */
  variants(name: string): readonly string[] {
    let list = this.variantsOf.get(name);
    if (list === undefined) {
      const { prefix, core, place } = this.split(name);
      const group = this.groupOfCore.get(core);
      list = group === undefined ? [] : this.groups[group].filter((c) => c !== core).map((c) => place + prefix + c);
      if (this.variantsOf.size < 100_000) this.variantsOf.set(name, list);
    }
    return list;
  }

  /** Every core name the table knows (for finding units in prose). */
  cores(): string[] {
    return this.groups.flat();
  }

  /** The first (full) name of a core's alias group (交通局 → 交通运输局), or the core itself. */
  fullForm(core: string): string {
    const n = normalizeForMatch(core);
    const group = this.groupOfCore.get(n);
    return group === undefined ? n : this.groups[group][0];
  }

  /** Alias group of a bare core (no prefix), if known. */
  groupKeyOfCore(core: string): string | null {
    const group = this.groupOfCore.get(normalizeForMatch(core));
    return group === undefined ? null : `#${group}`;
  }
}

function readAliasFile(file: string): AliasFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${file}: cannot read alias file (${(error as Error).message.split('\n')[0]})`);
  }
  const groups = (parsed as AliasFile | null)?.groups;
  if (!Array.isArray(groups) || !groups.every((g) => Array.isArray(g) && g.every((n) => typeof n === 'string'))) {
    throw new UserError(`${file}: alias file must be {"groups": [["全称", "简称", …], …]}`);
  }
  return { groups };
}

let defaultTable: AliasTable | null = null;
export function defaultAliases(): AliasTable {
  defaultTable ??= AliasTable.load();
  return defaultTable;
}
