import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Jieba } from '@node-rs/jieba';
import { normalizeForMatch } from '../model/normalize.js';
import { newJieba } from '../util/jieba.js';

/**
 * The Chinese tokenizer shared by search and comparison.
 *
 * Text is normalised first (full-width → half-width, Latin lower case, traditional →
 * simplified), then segmented by jieba (@node-rs/jieba: prebuilt binaries, no C++
 * toolchain, ~0.15 s to load its dictionary). Policy terms from `data/glossary.txt` and
 * any user words (department names) are added to the dictionary so they stay whole; the
 * search-mode cut also emits the dictionary words inside them, so a query for a part
 * (转移人口) matches a text that has the whole term (农业转移人口).
 *
 * jieba loads once per process, on first use (through util/jieba.ts, the program's one
 * loader); user words are added to that one process-wide dictionary (adding the same word
 * twice is a no-op).
 */
export interface Tokenizer {
  /**
   * Search tokens: normalised, search-mode segmentation (whole words and their
   * dictionary parts), punctuation, whitespace and stop words dropped. Order follows the
   * text; duplicates are kept (term frequency matters for ranking).
   */
  tokens(text: string): string[];
  /**
   * Every dictionary word of two or more characters that occurs in the text (jieba full
   * mode: overlapping words included), plus Latin/digit runs; normalised, noise dropped.
   * Indexing these makes any dictionary word of a query findable wherever it occurs.
   */
  allWords(text: string): string[];
  /** True for a word (normalised) of two or more Chinese characters that is in the dictionary (base, glossary or user words). */
  inDictionary(word: string): boolean;
  /** Precise segmentation of normalised text, each word once in order; punctuation and stop words dropped. */
  words(text: string): string[];
  /** Precise segmentation of normalised text, everything kept (punctuation, spaces, stop words). */
  cut(text: string): string[];
  /** Search-mode segmentation of normalised text, everything kept. */
  cutForSearch(text: string): string[];
  /** The normalisation applied before segmentation. */
  normalize(text: string): string;
  /** True for tokens the tokenizer drops: stop words and tokens without a letter or digit. */
  isNoise(token: string): boolean;
  /** Add words to the dictionary (process-wide). */
  addWords(words: Iterable<string>): void;
  /**
   * True for a word that is in the dictionary only because it was added as a user word
   * (not in jieba's dictionary or the glossary). An index built before the word was added
   * does not have it as a term.
   */
  isUserWord(word: string): boolean;
}

export interface TokenizerOptions {
  /** Extra words to keep whole (e.g. department names). Default: none. */
  userWords?: Iterable<string>;
  /** Load `data/glossary.txt`. Default: true. */
  glossary?: boolean;
}

const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
export const GLOSSARY_FILE = `${DATA_DIR}glossary.txt`;
export const STOPWORDS_FILE = `${DATA_DIR}stopwords.txt`;
export const THESAURUS_WORDS_FILE = `${DATA_DIR}thesaurus.json`;

/**
 * Frequency given to user words. jieba keeps a word whole when its frequency beats the
 * product of its parts'; 200 000 is above every two-character word of the base dictionary
 * that such terms split into, yet below 的/是, so it does not swallow function words.
 */
const USER_WORD_FREQ = 200_000;

// --- lazily loaded singletons -------------------------------------------------------

let jieba: Jieba | null = null;
const addedWords = new Set<string>();
const userOnlyWords = new Set<string>();
let glossaryLoaded = false;
let stopWords: Set<string> | null = null;
let t2s: ((text: string) => string) | null = null;

const require = createRequire(import.meta.url);

function getJieba(): Jieba {
  jieba ??= newJieba();
  return jieba;
}

function getT2s(): (text: string) => string {
  if (t2s !== null) return t2s;
  const OpenCC = require('opencc-js/t2cn') as typeof import('opencc-js');
  // Taiwan forms → mainland simplified (also folds 著力 → 着力 and the like).
  const convert: (text: string) => string = OpenCC.Converter({ from: 'tw', to: 'cn' });
  t2s = convert;
  return convert;
}

/** Lines of a word-list file: trimmed, without blank lines and `#` comments. */
export function readWordList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

function getStopWords(): Set<string> {
  stopWords ??= new Set(readWordList(STOPWORDS_FILE));
  return stopWords;
}

// --- normalisation ----------------------------------------------------------------------

/**
 * Per BMP code point: 0 not yet checked, 1 converts to itself, 2 is a traditional form.
 * The converter runs at ~9 MB/s; almost all text is simplified already, so a text goes
 * through it only when one of its characters converts on its own.
 */
const charKind = new Uint8Array(0x10000);

function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400) continue; // below CJK Extension A: nothing to convert
    let kind = charKind[c];
    if (kind === 0) {
      const ch = text[i];
      kind = charKind[c] = getT2s()(ch) === ch ? 1 : 2;
    }
    if (kind === 2) return true;
  }
  return false;
}

/** Full-width → half-width, Latin lower case, traditional → simplified. */
export function normalizeText(text: string): string {
  const folded = normalizeForMatch(text);
  return hasTraditional(folded) ? getT2s()(folded) : folded;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;
const ALL_HAN = /^\p{Script=Han}+$/u;

/** Per BMP code unit: 0 not yet known, 1 a Han character, 2 not (HAN tested once a character). */
const hanChar = new Uint8Array(0x10000);

/** True for a one-character token that is a Han character (full mode emits every character: ~2/3 of its tokens). */
function isHanCharacter(token: string): boolean {
  if (token.length !== 1) return false;
  const code = token.charCodeAt(0);
  let kind = hanChar[code];
  if (kind === 0) kind = hanChar[code] = HAN.test(token) ? 1 : 2;
  return kind === 1;
}

function isNoise(token: string): boolean {
  // a token that starts with a CJK ideograph has a letter: the regex only for the others (a
  // document's ~50,000 index tokens are nearly all Chinese)
  const first = token.charCodeAt(0);
  return (!(first >= 0x4e00 && first <= 0x9fff) && !WORD_CHAR.test(token)) || getStopWords().has(token);
}

// --- dictionary -----------------------------------------------------------------------

/** Add words to the process-wide jieba dictionary; `word freq` lines keep their frequency. */
function addWords(words: Iterable<string>, source: 'user' | 'glossary' = 'user'): void {
  const lines: string[] = [];
  for (const entry of words) {
    const [rawWord, freq] = entry.trim().split(/\s+/);
    if (!rawWord) continue;
    const word = normalizeText(rawWord);
    // jieba's dictionary format is "word freq tag"; a word with a space cannot be encoded.
    if (!WORD_CHAR.test(word) || /\s/.test(word) || addedWords.has(word)) continue;
    if (source === 'user' && !getJieba().cutAll(word).includes(word)) userOnlyWords.add(word);
    addedWords.add(word);
    lines.push(`${word} ${freq && /^\d+$/.test(freq) ? freq : USER_WORD_FREQ} n`);
  }
  if (lines.length > 0) getJieba().loadDict(Buffer.from(lines.join('\n') + '\n', 'utf8'));
}

function loadGlossary(): void {
  if (glossaryLoaded) return;
  glossaryLoaded = true;
  addWords(readWordList(GLOSSARY_FILE), 'glossary');
  addThesaurusWords();
}

/**
 * The words of the bundled thesaurus (data/thesaurus.json) that can be dictionary words (all
 * Chinese characters) join the dictionary with the lowest frequency: full mode (the index) emits
 * every dictionary word, so each is an index term wherever a text has it and a synonym the search
 * adds to a query is looked up as one term (engine.ts); the precise and search-mode cuts (queries,
 * comparison) almost never choose a word that rare over its parts, so they stay as they were.
 * Other words (PPP, 碳达峰、碳中和) are matched by their parts and their text.
 */
function addThesaurusWords(): void {
  const json = JSON.parse(readFileSync(THESAURUS_WORDS_FILE, 'utf8')) as { groups: Array<{ words?: string[] }> };
  const lines: string[] = [];
  // the file is written in normalised form (a test checks it): no normalisation at load
  for (const word of json.groups.flatMap((g) => g.words ?? [])) {
    if (!ALL_HAN.test(word) || addedWords.has(word) || getJieba().cutAll(word).includes(word)) continue;
    lines.push(`${word} 1 n`);
  }
  if (lines.length > 0) getJieba().loadDict(Buffer.from(lines.join('\n') + '\n', 'utf8'));
}

/**
 * jieba's search mode emits only the 2- and 3-character dictionary words inside a long
 * word; add the longer user words inside it too (农业转移人口市民化 → 农业转移人口), so a
 * glossary term matches wherever a longer glossary term contains it.
 */
function pushInnerUserWords(word: string, out: string[]): void {
  for (let len = word.length - 1; len >= 4; len--) {
    for (let i = 0; i + len <= word.length; i++) {
      const inner = word.slice(i, i + len);
      if (addedWords.has(inner)) out.push(inner);
    }
  }
}

// --- the tokenizer ----------------------------------------------------------------------

const tokenizer: Tokenizer = {
  tokens(text) {
    const out: string[] = [];
    for (const t of getJieba().cutForSearch(normalizeText(text), true)) {
      if (isNoise(t)) continue;
      if (t.length > 4) pushInnerUserWords(t, out);
      out.push(t);
    }
    return out;
  },
  allWords(text) {
    // Full mode also emits every single character; those would bloat an index.
    return getJieba()
      .cutAll(normalizeText(text))
      .filter((t) => !isHanCharacter(t) && !isNoise(t));
  },
  inDictionary(word) {
    const w = normalizeText(word);
    if (w.length < 2 || !ALL_HAN.test(w)) return false;
    return addedWords.has(w) || getJieba().cutAll(w).includes(w);
  },
  words(text) {
    const seen = new Set<string>();
    for (const t of getJieba().cut(normalizeText(text), true)) if (!isNoise(t)) seen.add(t);
    return [...seen];
  },
  cut(text) {
    return getJieba().cut(normalizeText(text), true);
  },
  cutForSearch(text) {
    return getJieba().cutForSearch(normalizeText(text), true);
  },
  normalize: normalizeText,
  isNoise,
  addWords: (words) => addWords(words),
  isUserWord: (word) => userOnlyWords.has(normalizeText(word)),
};

/**
 * The process-wide tokenizer, with the glossary (unless `glossary: false`; a later call
 * without it loads the glossary then) and the given user words loaded. Cheap to call
 * repeatedly.
 */
export function getTokenizer(options: TokenizerOptions = {}): Tokenizer {
  if (options.glossary !== false) loadGlossary();
  if (options.userWords) addWords(options.userWords);
  return tokenizer;
}
