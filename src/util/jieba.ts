import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

/**
 * The one place the program loads jieba (@node-rs/jieba and its bundled dictionary). Both are
 * CommonJS packages: require keeps the load synchronous, so callers need no await; the
 * dictionary bytes are read once per process.
 *
 * Two segmenters come from it:
 *   newJieba()    a fresh one for its caller to extend: the search tokenizer's
 *                 (search/tokenizer.ts), to which the glossary, the thesaurus and
 *                 department names are added;
 *   plainJieba()  the process-wide one with the bundled dictionary only, never extended:
 *                 layout (where a PDF title breaks, the part-of-speech tags that part a unit's
 *                 name from what qualifies it on a sheet) must not depend on which words a
 *                 search in the same process (the workbench) happened to add.
 */

const require = createRequire(import.meta.url);

/** A segmenter with jieba's bundled dictionary (~0.15 s to build). Throws when the package cannot load. */
export function newJieba(): Jieba {
  const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  return JiebaClass.withDict(dict);
}

let plain: Jieba | null = null;

/** The process-wide segmenter with the bundled dictionary only (loaded on first use). Do not add words to it. */
export function plainJieba(): Jieba {
  plain ??= newJieba();
  return plain;
}

/** Words of a text (precise mode, HMM on, the bundled dictionary); its characters when jieba cannot load. */
export function segmentWords(text: string): string[] {
  try {
    return plainJieba().cut(text, true);
  } catch {
    return [...text];
  }
}

/** Words with their part of speech (jieba's tags: n, v, p …), from segmentWords' dictionary; null when jieba cannot load. */
export function tagWords(text: string): { word: string; tag: string }[] | null {
  try {
    return plainJieba().tag(text, true);
  } catch {
    return null;
  }
}
