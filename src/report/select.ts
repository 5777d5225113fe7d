import type { Department, PolicyDocument } from '../model/types.js';
import { UserError } from '../model/errors.js';
import { listDocumentIds, loadDocument, loadDocuments } from '../model/store.js';
import { requireDepartment, resolveAcross, resolveDepartment } from '../model/departments.js';

/**
 * Which ingested document(s) a report command works on.
 */

/** `--doc ID` when given, else every document in the data folder. */
export async function selectDocuments(dataDir: string, docId?: string): Promise<PolicyDocument[]> {
  if (docId !== undefined) return [await loadDocument(dataDir, docId)];
  return loadDocuments(dataDir);
}

/** Exactly one document: `--doc ID`, or the only document in the data folder. */
export async function selectDocument(dataDir: string, docId?: string): Promise<PolicyDocument> {
  if (docId !== undefined) return loadDocument(dataDir, docId);
  const ids = await listDocumentIds(dataDir);
  if (ids.length === 1) return loadDocument(dataDir, ids[0]);
  if (ids.length === 0) return (await loadDocuments(dataDir))[0]; // throws the "no documents" error
  throw new UserError(`${dataDir}: ${ids.length} documents (${ids.join(', ')}); pick one with --doc ID`);
}

/**
 * The document and department a user means by a name as people write it (交通局, 住建委):
 * with `--doc` that document; otherwise the one document where the name resolves.
 * Unknown and ambiguous names, and names found in several documents, are UserErrors.
 */
export async function selectDepartment(
  dataDir: string,
  query: string,
  docId?: string,
): Promise<{ document: PolicyDocument; department: Department }> {
  if (docId !== undefined) {
    const document = await loadDocument(dataDir, docId);
    return { document, department: requireDepartment(query, document.departments, document.id) };
  }
  const docs = await loadDocuments(dataDir);
  if (docs.length === 1) {
    return { document: docs[0], department: requireDepartment(query, docs[0].departments, docs[0].id) };
  }
  const found: { document: PolicyDocument; department: Department }[] = [];
  const ambiguous: string[] = [];
  for (const document of docs) {
    const r = resolveDepartment(query, document.departments);
    if (r.status === 'found') found.push({ document, department: r.department });
    else if (r.status === 'ambiguous') ambiguous.push(`${document.id} (${r.candidates.map((d) => d.name).join('、')})`);
  }
  if (found.length === 1 && ambiguous.length === 0) return found[0];
  const ids = docs.map((d) => d.id).join(', ');
  if (found.length === 0 && ambiguous.length === 0) {
    throw new UserError(`${dataDir}: no department "${query}" in any document (${ids})`);
  }
  const where = [...found.map((f) => `${f.document.id} (${f.department.name})`), ...ambiguous].join(', ');
  throw new UserError(`department "${query}" is in several documents: ${where}; pick one with --doc ID`);
}

/**
 * Every document and department a name means, for `policy sheet`: with `--doc` that
 * document's; otherwise each document where the name resolves (县财政局 in one, 市财政局 in
 * another), as `policy tasks --dept` reads it. Unknown names, and names ambiguous within a
 * document, are UserErrors.
 */
export async function selectDepartments(
  dataDir: string,
  query: string,
  docId?: string,
): Promise<{ document: PolicyDocument; department: Department }[]> {
  if (docId !== undefined) return [await selectDepartment(dataDir, query, docId)];
  const docs = await loadDocuments(dataDir);
  if (docs.length === 1) return [{ document: docs[0], department: requireDepartment(query, docs[0].departments, docs[0].id) }];
  const found = resolveAcross(query, docs);
  return docs.filter((d) => found.has(d.id)).map((document) => ({ document, department: found.get(document.id)! }));
}
