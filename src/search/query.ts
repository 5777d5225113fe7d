import { UserError } from '../model/errors.js';
import type { Tokenizer } from './tokenizer.js';

/** Longer queries are refused: they are pasted paragraphs, not searches. */
export const MAX_QUERY_LENGTH = 200;

export interface ParsedQuery {
  /** The query as typed, trimmed. */
  raw: string;
  /** Words of the query (precise segmentation, normalised, stop words dropped), phrase words included. */
  words: string[];
  /** Quoted phrases, normalised; each must occur verbatim in a hit. */
  phrases: string[];
  /** Words outside the phrases: what a snippet marks besides the phrases (a phrase's parts are not marked alone). */
  loose: string[];
  /** The query outside the phrases, as typed (where the thesaurus looks for its words). */
  outside: string;
}

// "…", “…”, 「…」, 『…』 (full-width ＂ is folded to " before this runs).
const PHRASE = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/g;

/**
 * A query there is nothing to search for in: empty, longer than MAX_QUERY_LENGTH, or only
 * punctuation and stop words. The CLI and the web pages word it for their readers.
 */
export class InvalidQuery extends UserError {
  readonly limit = MAX_QUERY_LENGTH;
  constructor(
    readonly query: string,
    readonly problem: 'empty' | 'too-long' | 'nothing',
  ) {
    super(
      problem === 'empty'
        ? 'empty query'
        : problem === 'too-long'
          ? `query is ${query.length} characters long; the limit is ${MAX_QUERY_LENGTH}`
          : `query ${/["“”「」『』＂]/.test(query) ? query : `"${query}"`} has nothing to search for (only punctuation or stop words)`,
    );
    this.name = 'InvalidQuery';
  }
}

/**
 * Split a query into words and quoted phrases. Throws UserError for an empty query, one
 * that is too long, or one with nothing searchable in it (only punctuation or stop words).
 */
export function parseQuery(query: string, tokenizer: Tokenizer): ParsedQuery {
  const raw = query.trim();
  if (!raw) throw new InvalidQuery(raw, 'empty');
  if (raw.length > MAX_QUERY_LENGTH) throw new InvalidQuery(raw, 'too-long');
  const folded = raw.replace(/＂/g, '"');
  const phrases: string[] = [];
  const rest = folded.replace(PHRASE, (_m, a?: string, b?: string, c?: string, d?: string) => {
    const phrase = tokenizer.normalize((a ?? b ?? c ?? d ?? '').trim());
    if (tokenizer.words(phrase).length > 0) phrases.push(phrase);
    return ' ';
  });
  // An unpaired quote mark is not a phrase: read it as punctuation.
  const words = tokenizer.words([rest, ...phrases].join(' '));
  const loose = tokenizer.words(rest);
  if (words.length === 0) {
    throw new InvalidQuery(raw, 'nothing');
  }
  return { raw, words, phrases, loose, outside: rest };
}
