import { UnknownDocument } from './errors.js';

/**
 * The id a user means among the ids there are: the id itself, or the one id it begins
 * (`wuxi` → `wuxi-urbanization-plan-2021-2035`). Otherwise an UnknownDocument naming `source`
 * (the data folder, or the index): the ids it begins when several, else the ids there are.
 * Pure, so the store, the search index and the web pages read an id by one rule.
 */
export function matchDocumentId(known: readonly string[], id: string, source: string): string {
  if (known.includes(id)) return id;
  const prefixed = id === '' ? [] : known.filter((k) => k.startsWith(id));
  if (prefixed.length === 1) return prefixed[0];
  if (prefixed.length > 1) throw new UnknownDocument(source, id, prefixed, 'ambiguous');
  throw new UnknownDocument(source, id, [...known]);
}
