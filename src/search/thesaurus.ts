import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../model/errors.js';
import { displayForm } from '../model/figures.js';
import { normalizeText } from './tokenizer.js';

/**
 * Synonyms and abbreviations of policy vocabulary (河长制 ↔ 河湖长制, 公租房 ↔ 公共租赁住房),
 * applied by the search at query time (engine.ts): a query word that is in a group also finds
 * the other words of its groups. A word may be in several groups (医保 is short for 医疗保险
 * and for 医疗保障): it expands to all of them, while 医疗保险 expands only to 医保 — groups are
 * not merged, so a broader word never comes in through a shared abbreviation.
 *
 * The bundled groups are `data/thesaurus.json`; a data folder's `thesaurus.json` and a file
 * given to `policy search --thesaurus` add theirs (`"bundled": false` in a file leaves the
 * bundled groups out).
 */

export const THESAURUS_FILE = fileURLToPath(new URL('../../data/thesaurus.json', import.meta.url));
/** The name of a data folder's own thesaurus. */
export const DATA_THESAURUS = 'thesaurus.json';
/** Longest word of a group, in characters. */
export const MAX_WORD = 40;

/**
 * A thesaurus file that cannot be used: not JSON, not a thesaurus, a group that is not a list of
 * words. `file` and `problem` say which and why (the CLI and the web pages word them).
 */
export class ThesaurusError extends UserError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ThesaurusError';
  }
}

/** One group of a thesaurus file: words that mean the same to a policy reader. */
export interface ThesaurusGroup {
  words: string[];
  note?: string;
}

/** A thesaurus file read. */
export interface ThesaurusFile {
  thesaurus: Thesaurus;
  /** False when the file says `"bundled": false`. */
  bundled: boolean;
  /** The groups to search with over `base` (the bundled ones, a data folder's): base and file, or the file alone. */
  over(base: Thesaurus): Thesaurus;
}

/** The form of a thesaurus file. */
export interface ThesaurusJSON {
  /** Optional: "policy-thesaurus". */
  format?: string;
  /** False: leave the bundled groups out (only in a user's file). Default true. */
  bundled?: boolean;
  /** Each group: a list of words, or `{ "words": […], "note": "…" }`; `{ "topic": "…" }` alone is a heading. */
  groups: Array<string[] | ThesaurusGroup | { topic: string }>;
}

/** How a word is compared with query words: the search's normalisation (traditional → simplified, full-width → half-width, lower case, ≦ → ≤). */
export function thesaurusForm(word: string): string {
  return displayForm(normalizeText(word.trim()));
}

export class Thesaurus {
  /** Each group's words, normalised, as given (first word first). */
  readonly groups: readonly string[][];
  /** Word → the other words of its groups, in group order. */
  private readonly others = new Map<string, string[]>();

  constructor(groups: string[][]) {
    this.groups = groups;
    for (const g of groups) {
      for (const w of g) {
        const list = this.others.get(w) ?? [];
        for (const o of g) if (o !== w && !list.includes(o)) list.push(o);
        this.others.set(w, list);
      }
    }
  }

  /** The words a (normalised) word also finds; empty when it is in no group. */
  synonymsOf(word: string): readonly string[] {
    return this.others.get(word) ?? [];
  }

  /** True when the word is in some group. */
  has(word: string): boolean {
    return this.others.has(word);
  }

  /** Every word of every group. */
  get words(): string[] {
    return [...this.others.keys()];
  }

  get size(): number {
    return this.groups.length;
  }

  /** This thesaurus with the groups of another. */
  with(other: Thesaurus): Thesaurus {
    if (other.groups.length === 0) return this;
    if (this.groups.length === 0) return other;
    return new Thesaurus([...this.groups, ...other.groups]);
  }

  static readonly empty = new Thesaurus([]);

  private static bundledOnce: Thesaurus | null = null;

  /**
   * data/thesaurus.json (read once a process). It is written in normalised form (a test checks it),
   * so it is read without the per-word checks and normalisation of a user's file: a cold search
   * does not pay for them.
   */
  static bundled(): Thesaurus {
    if (!Thesaurus.bundledOnce) {
      const json = JSON.parse(readFileSync(THESAURUS_FILE, 'utf8')) as ThesaurusJSON;
      const groups = json.groups.flatMap((g) => ('words' in g ? [g.words] : Array.isArray(g) ? [g] : []));
      Thesaurus.bundledOnce = new Thesaurus(groups.map((g) => g.map((w) => w.toLowerCase())));
    }
    return Thesaurus.bundledOnce;
  }

  /**
   * A user's thesaurus file with the bundled groups (unless the file says `"bundled": false`).
   * ThesaurusError when it cannot be read or used.
   */
  static load(file: string, base: Thesaurus = Thesaurus.bundled()): Thesaurus {
    return Thesaurus.read(file).over(base);
  }

  /** A thesaurus file's groups, and whether they go with others (`over`). ThesaurusError when it cannot be read or used. */
  static read(file: string): ThesaurusFile {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ThesaurusError(
        file,
        code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(error)})`,
      );
    }
    return Thesaurus.parse(text, file);
  }

  /** The groups of a thesaurus file's text; ThesaurusError naming `where` and the problem. */
  static parse(text: string, where: string): ThesaurusFile {
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new ThesaurusError(where, `not JSON (${(error as Error).message})`);
    }
    const list = Array.isArray(json) ? json : (json as Partial<ThesaurusJSON> | null)?.groups;
    if (!Array.isArray(list)) throw new ThesaurusError(where, 'not a thesaurus: expected {"groups": [["公租房", "公共租赁住房"], …]}');
    const bundled = Array.isArray(json) ? true : (json as ThesaurusJSON).bundled;
    if (bundled !== undefined && typeof bundled !== 'boolean') throw new ThesaurusError(where, '"bundled" must be true or false');
    const groups: string[][] = [];
    list.forEach((entry: unknown, i: number) => {
      const at = `group ${i + 1}`;
      let words: unknown;
      if (Array.isArray(entry)) words = entry;
      else if (entry && typeof entry === 'object') {
        const e = entry as Record<string, unknown>;
        if (!('words' in e) && typeof e.topic === 'string') return; // a heading
        words = e.words;
        if (e.note !== undefined && typeof e.note !== 'string') throw new ThesaurusError(where, `${at}: "note" must be a string`);
      }
      if (!Array.isArray(words)) throw new ThesaurusError(where, `${at}: expected a list of words (["公租房", "公共租赁住房"]) or {"words": […]}`);
      const group: string[] = [];
      for (const w of words) {
        if (typeof w !== 'string') throw new ThesaurusError(where, `${at}: ${JSON.stringify(w)} is not a word (words are strings)`);
        const form = thesaurusForm(w);
        if (!/[\p{L}\p{N}]/u.test(form)) throw new ThesaurusError(where, `${at}: ${JSON.stringify(w)} has no letter or character to search for`);
        if ([...form].length < 2) throw new ThesaurusError(where, `${at}: "${w}" is one character (a word of a group has two or more)`);
        if ([...form].length > MAX_WORD) throw new ThesaurusError(where, `${at}: "${w}" is longer than ${MAX_WORD} characters`);
        if (/\s|["“”「」『』]/.test(form)) throw new ThesaurusError(where, `${at}: "${w}" has a space or a quote mark (a word of a group is searched as one)`);
        if (!group.includes(form)) group.push(form);
      }
      if (group.length < 2)
        throw new ThesaurusError(where, `${at}: ${words.length === 0 ? 'no words' : `only "${group[0]}"`} (a group needs two or more different words)`);
      groups.push(group);
    });
    const thesaurus = new Thesaurus(groups);
    const keep = bundled !== false;
    return { thesaurus, bundled: keep, over: (base) => (keep ? base.with(thesaurus) : thesaurus) };
  }
}
