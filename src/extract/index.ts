import path from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { type AliasTable, defaultAliases } from '../model/departments.js';
import type { Diagnostic, PolicyDocument } from '../model/types.js';
import { SCHEMA_VERSION } from '../model/types.js';
import { lineIndexOf } from '../parse/location.js';
import { checkDocument } from './checks.js';
import { type Context, collectBlocks, indexSections } from './context.js';
import { extractDepartments } from './departments.js';
import { extractIndicators } from './indicators.js';
import { extractMetadata } from './metadata.js';
import { extractReferences } from './references.js';
import { extractStructure } from './structure.js';
import { extractTargets } from './targets.js';

export interface ExtractOptions {
  /** Alias table for department names (default: the bundled data/aliases.json). */
  aliases?: AliasTable;
  /** Document id (default: derived from the file name). */
  id?: string;
}

/** The extractors, in order: later ones read what earlier ones found. */
export const extractors = [extractMetadata, extractStructure, extractDepartments, extractIndicators, extractTargets, extractReferences, checkDocument];

/** mdast (from parse/) + its file → the document model. */
export function extract(tree: Root, file: VFile, options: ExtractOptions = {}): PolicyDocument {
  const doc = String(file.value);
  const source = file.data.source ?? {
    path: file.path ?? 'document.txt',
    fileName: file.basename ?? 'document.txt',
    encoding: 'utf-8',
    lineEnding: 'lf',
    format: 'text' as const,
    bytes: Buffer.byteLength(doc),
    sha256: '',
  };
  const model: PolicyDocument = {
    schemaVersion: SCHEMA_VERSION,
    id: options.id ?? documentId(source.fileName),
    source,
    title: null,
    noticeTitle: null,
    docType: null,
    issuer: null,
    docNumber: null,
    date: null,
    recipients: null,
    disclosure: null,
    period: null,
    sections: [],
    paragraphs: [],
    tasks: [],
    departments: [],
    indicators: [],
    targets: [],
    references: [],
    declaredCounts: [],
    diagnostics: [],
  };
  const blocks = collectBlocks(tree, doc);
  const ctx: Context = {
    doc,
    file,
    tree,
    index: lineIndexOf(file),
    aliases: options.aliases ?? defaultAliases(),
    blocks,
    sectionInfo: indexSections(blocks),
    model,
    taskSections: new Map(),
    clauseRanges: [],
  };
  for (const run of extractors) run(ctx);
  if (file.data.pages?.length) pageParagraphs(model, file.data.pages);
  model.diagnostics = file.messages.map(
    (m): Diagnostic => ({
      severity: m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info',
      rule: m.ruleId ?? 'policy',
      message: m.reason,
      line: m.line ?? 1,
      column: m.column ?? 1,
    }),
  );
  return model;
}

/** Each paragraph's page, from the offsets where the pages of a PDF/OFD start (read/ puts them on file.data). */
function pageParagraphs(model: PolicyDocument, pages: number[]): void {
  for (const p of model.paragraphs) {
    const at = p.position.start.offset;
    let lo = 0;
    let hi = pages.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pages[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    p.page = lo + 1;
  }
}

/** File name → id: the name without extension, with anything unsafe in a path made a dash. */
export function documentId(fileName: string): string {
  const base = path.basename(fileName).replace(/\.[^.]+$/, '');
  const id = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .toLowerCase();
  return id || 'document';
}
