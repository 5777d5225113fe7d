import type { AliasTable } from '../model/departments.js';
import { listDocumentIds, loadDocument, loadDocuments } from '../model/store.js';
import type { Department, PolicyDocument } from '../model/types.js';
import { candidate, judge, resolveEach } from './departments.js';
import { AmbiguousDepartment, NoData, SeveralDocuments } from './errors.js';

/**
 * Which ingested document(s), and which department in them, a command works on. A document is
 * named by its id or a prefix only it has (see document-ids.ts); a department as people write
 * it (see departments.ts).
 */

const counts = (_doc: string, d: Department) => ({ lead: d.lead.length, responsible: d.responsible.length });

/** The document `docId` names when given, else every document in the data folder. */
export async function selectDocuments(dataDir: string, docId?: string): Promise<PolicyDocument[]> {
  if (docId !== undefined) return [await loadDocument(dataDir, docId)];
  return loadDocuments(dataDir);
}

/** Exactly one document: the one `docId` names, or the only document in the data folder (SeveralDocuments otherwise). */
export async function selectDocument(dataDir: string, docId?: string): Promise<PolicyDocument> {
  if (docId !== undefined) return loadDocument(dataDir, docId);
  const ids = await listDocumentIds(dataDir);
  if (ids.length === 1) return loadDocument(dataDir, ids[0]);
  if (ids.length === 0) throw new NoData(dataDir, 'empty');
  throw new SeveralDocuments(dataDir, ids);
}

export interface Selected {
  document: PolicyDocument;
  department: Department;
}

/**
 * Every document and department a name means, for a sheet each: in the document `docId` names,
 * or in each document where the name resolves (县财政局 in one, 市财政局 in another); a name of
 * the township family gives each of its members. Typed errors (departments.ts) for a blank,
 * unknown or ambiguous name.
 */
export async function selectDepartments(dataDir: string, query: string, docId?: string, aliases?: AliasTable): Promise<Selected[]> {
  const docs = await selectDocuments(dataDir, docId);
  const found = judge(query, resolveEach(query, docs, aliases), counts);
  const byId = new Map(docs.map((d) => [d.id, d]));
  return found.flatMap((f) => f.departments.map((department) => ({ document: byId.get(f.doc)!, department })));
}

/**
 * The one document and department a name means: as selectDepartments, and AmbiguousDepartment
 * when that is more than one (several documents have the unit, or the name is a family).
 */
export async function selectDepartment(dataDir: string, query: string, docId?: string, aliases?: AliasTable): Promise<Selected> {
  const found = await selectDepartments(dataDir, query, docId, aliases);
  if (found.length === 1) return found[0];
  const among = new Set(found.map((f) => f.document.id)).size > 1 ? 'documents' : 'document';
  throw new AmbiguousDepartment(
    query,
    found.map((f) => candidate(f.document.id, f.department, counts)),
    among,
  );
}
