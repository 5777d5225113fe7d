import { UserError } from '../model/errors.js';

/**
 * What selection can say no to, as typed errors that carry their data. Each is a UserError
 * (a program that only wants a message gets one), but no message names a flag or a command:
 * the CLI (src/cli/errors.ts) and the web pages word them for their own reader.
 */

/** A unit a name could mean: where, which, and how many tasks it holds (for a reader to choose). */
export interface Candidate {
  doc: string;
  name: string;
  lead: number;
  responsible: number;
}

/** An empty department name (blank, or only spaces). */
export class EmptyDepartment extends UserError {
  constructor() {
    super('empty department name');
    this.name = 'EmptyDepartment';
  }
}

/** No document of those searched has a unit the name means. */
export class UnknownDepartment extends UserError {
  constructor(
    readonly query: string,
    /** The documents searched. */
    readonly documents: string[],
  ) {
    super(`no department "${query}" in ${documents.length === 1 ? `document ${documents[0]}` : `${documents.length} documents`}`);
    this.name = 'UnknownDepartment';
  }
}

/** The name means several units of one document (or, asked for one unit, units of several documents). */
export class AmbiguousDepartment extends UserError {
  constructor(
    readonly query: string,
    /** Every unit it could mean, document by document, with its task counts. */
    readonly candidates: Candidate[],
    /** `document`: several units within a document; `documents`: one unit was asked for and several documents have one. */
    readonly among: 'document' | 'documents' = 'document',
  ) {
    super(`department "${query}" is ambiguous: ${describeCandidates(candidates)}`);
    this.name = 'AmbiguousDepartment';
  }
}

/** 县发展改革委 (5 tasks)、县教委 (2 tasks) in wuxi; 县发展改革委 (3 tasks) in junyang */
export function describeCandidates(candidates: Candidate[]): string {
  const docs = [...new Set(candidates.map((c) => c.doc))];
  const unit = (c: Candidate) => `${c.name} (${tasks(c.lead + c.responsible)})`;
  return docs
    .map(
      (doc) =>
        `${candidates
          .filter((c) => c.doc === doc)
          .map(unit)
          .join('、')}${docs.length > 1 || candidates.length === 1 ? ` in ${doc}` : ''}`,
    )
    .join('; ');
}

const tasks = (n: number) => `${n} ${n === 1 ? 'task' : 'tasks'}`;

/** A role that is neither lead nor responsible, or a role without a unit whose it would be. */
export class InvalidRole extends UserError {
  constructor(
    readonly role: string | undefined,
    readonly problem: 'unknown' | 'no-department',
  ) {
    super(problem === 'unknown' ? `role "${String(role)}" is not a role (lead or responsible)` : 'a role needs a department (whose role?)');
    this.name = 'InvalidRole';
  }
}

/** A document id that is none of the data's, nor the beginning of one; or one that begins several. */
export class UnknownDocument extends UserError {
  constructor(
    /** The data folder, or the index, searched. */
    readonly source: string,
    readonly id: string,
    /** The ids there are (unknown), or those the id begins (ambiguous). */
    readonly ids: string[],
    readonly problem: 'unknown' | 'ambiguous' = 'unknown',
  ) {
    super(
      problem === 'ambiguous'
        ? `${source}: "${id}" begins several document ids: ${shownIds(ids)}`
        : `${source}: no ingested document "${id}" (have: ${shownIds(ids)})`,
    );
    this.name = 'UnknownDocument';
  }
}

export function shownIds(list: string[]): string {
  return list.slice(0, 6).join(', ') + (list.length > 6 ? `, … (${list.length} in all)` : '');
}

/** One document was wanted and the data folder has several: name one. */
export class SeveralDocuments extends UserError {
  constructor(
    readonly source: string,
    readonly ids: string[],
  ) {
    super(`${source}: ${ids.length} documents (${ids.join(', ')}); name one`);
    this.name = 'SeveralDocuments';
  }
}

/** No data to work on: the data folder is missing, or holds no ingested document. */
export class NoData extends UserError {
  constructor(
    readonly dataDir: string,
    readonly problem: 'missing' | 'empty',
  ) {
    super(problem === 'missing' ? `${dataDir}: data folder not found` : `${dataDir}: no ingested documents`);
    this.name = 'NoData';
  }
}

/** A shared search store (a PostgreSQL server's) that holds no document yet. */
export class EmptyStore extends UserError {
  constructor(readonly store: string) {
    super(`${store}: no documents in the store yet (put some there with \`policy ingest <files…> --db <url>\`)`);
    this.name = 'EmptyStore';
  }
}

/**
 * A value of an option the library takes that it cannot use: `option` is the option's name in
 * the library's API (limit, kind, font, date), `value` what was given.
 */
export class InvalidOption extends UserError {
  constructor(
    readonly option: string,
    readonly value: string,
    readonly problem: string,
  ) {
    super(`${option} ${value}: ${problem}`);
    this.name = 'InvalidOption';
  }
}
