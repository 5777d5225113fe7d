/**
 * Selection: which documents, which unit, which role — the one answer every consumer (search,
 * tasks, sheets, matrix, export, compare, the web pages) asks for. Library code: it throws the
 * typed errors of errors.ts, which the CLI and the web pages word for their readers.
 */

export * from './across.js';
export * from './departments.js';
export { matchDocumentId } from './document-ids.js';
export * from './documents.js';
export * from './errors.js';
export * from './roles.js';
