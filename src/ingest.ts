import type { VFile } from 'vfile';
import type { PolicyDocument, SourceInfo } from './model/types.js';
import { readDocument, decodeToFile } from './read/read.js';
import { parse } from './parse/index.js';
import { extract, type ExtractOptions } from './extract/index.js';
import { nothingRecognised, summarizeDiagnostics } from './model/diagnostics.js';

export type IngestOptions = ExtractOptions;

/** The whole pipeline for one file on disk: read → parse → extract. */
export async function ingestFile(filePath: string, options: IngestOptions = {}): Promise<PolicyDocument> {
  return ingestVFile(await readDocument(filePath), options);
}

/** The pipeline for text in memory; `fileName` gives the id and, by its extension, the format. */
export function ingestText(
  text: string,
  { fileName, format, ...options }: IngestOptions & { fileName: string; format?: SourceInfo['format'] },
): PolicyDocument {
  return ingestVFile(decodeToFile(new TextEncoder().encode(text), fileName, format), options);
}

/** The pipeline for raw bytes (any supported encoding). */
export function ingestBytes(bytes: Uint8Array, fileName: string, options: IngestOptions = {}): PolicyDocument {
  return ingestVFile(decodeToFile(bytes, fileName), options);
}

export function ingestVFile(file: VFile, options: IngestOptions = {}): PolicyDocument {
  const doc = extract(parse(file), file, options);
  const empty = nothingRecognised(doc);
  doc.diagnostics = summarizeDiagnostics(empty ? [empty, ...doc.diagnostics] : doc.diagnostics);
  return doc;
}
