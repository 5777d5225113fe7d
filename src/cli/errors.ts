import type { UserError } from '../model/errors.js';
import { InvalidQuery } from '../search/query.js';
import { ThesaurusError } from '../search/thesaurus.js';
import {
  AmbiguousDepartment,
  describeCandidates,
  EmptyDepartment,
  InvalidOption,
  InvalidRole,
  NoData,
  SeveralDocuments,
  shownIds,
  UnknownDepartment,
  UnknownDocument,
} from '../select/errors.js';

/**
 * The library's typed errors in the terminal's words: the flag or argument they concern, and
 * the command that helps. The library's own messages name neither (src/select/errors.ts); the
 * web pages word the same errors for the browser (src/web/app.ts).
 */
export function wordError(error: UserError, command?: string): string {
  // `sheet 交通局` takes the name as its argument; tasks and search as --dept
  const dept = command === 'sheet' ? '' : '--dept: ';
  if (error instanceof EmptyDepartment) return `${dept}empty department name`;
  if (error instanceof UnknownDepartment) {
    const where = error.documents.length === 1 ? `document ${error.documents[0]}` : `${error.documents.length} documents`;
    return `${dept}no department "${error.query}" in ${where} (see \`policy departments\`)`;
  }
  if (error instanceof AmbiguousDepartment) {
    const hint = error.among === 'documents' ? 'pick one with --doc ID' : 'give the full name';
    return `${dept}department "${error.query}" is ambiguous: ${describeCandidates(error.candidates)} (${hint})`;
  }
  if (error instanceof InvalidRole) {
    return error.problem === 'unknown' ? `--role: "${error.role}" is not a role (lead or responsible)` : '--role goes with --dept (whose role?)';
  }
  if (error instanceof UnknownDocument) {
    return error.problem === 'ambiguous'
      ? `--doc: "${error.id}" begins several document ids: ${shownIds(error.ids)}`
      : `--doc: no ingested document "${error.id}" (have: ${shownIds(error.ids)})`;
  }
  if (error instanceof SeveralDocuments) return `${error.source}: ${error.ids.length} documents (${error.ids.join(', ')}); pick one with --doc ID`;
  if (error instanceof NoData) return `${error.message} (run \`policy ingest <files…> --data ${error.dataDir}\` first)`;
  if (error instanceof InvalidOption) return `--${error.message}`;
  if (error instanceof InvalidQuery) {
    const help = { empty: ' (give words to search for, e.g. `policy search 宅基地`)', 'too-long': ' (search for its key words)', nothing: '' }[error.problem];
    return `search: ${error.message}${help}`;
  }
  if (error instanceof ThesaurusError) return `thesaurus ${error.file}: ${error.problem} (see docs/search.md, Thesaurus)`;
  return error.message;
}
