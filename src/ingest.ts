import type { VFile } from 'vfile';
import type { PolicyDocument, SourceInfo } from './model/types.js';
import { readDocument, decodeToFile, convertToFile, formatOf, isTextFormat } from './read/read.js';
import { parse } from './parse/index.js';
import { extract, type ExtractOptions } from './extract/index.js';
import { attachSourceText } from './model/store.js';

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

/** The pipeline for raw bytes of a text file (any supported encoding). */
export function ingestBytes(bytes: Uint8Array, fileName: string, options: IngestOptions = {}): PolicyDocument {
  return ingestVFile(decodeToFile(bytes, fileName), options);
}

/** The pipeline for raw bytes of any supported format, told by `fileName`'s extension and by the bytes (.html, .docx, .doc …). */
export async function ingestAnyBytes(bytes: Uint8Array, fileName: string, options: IngestOptions = {}): Promise<PolicyDocument> {
  const format = formatOf(fileName);
  if (format === null || isTextFormat(format)) return ingestBytes(bytes, fileName, options);
  return ingestVFile(await convertToFile(bytes, fileName, format), options);
}

/** The pipeline for a file already read (see read/); a converted format's text goes with the model to `saveDocument`. */
export function ingestVFile(file: VFile, options: IngestOptions = {}): PolicyDocument {
  const doc = extract(parse(file), file, options);
  if (file.data.converted) attachSourceText(doc, String(file.value));
  return doc;
}
