import type { VFile } from 'vfile';
import { type ExtractOptions, extract } from './extract/index.js';
import { nothingRecognised, summarizeDiagnostics } from './model/diagnostics.js';
import { readingText, restoreAsWritten } from './model/script.js';
import { attachSourceText } from './model/store.js';
import type { PolicyDocument, SourceInfo } from './model/types.js';
import { parse } from './parse/index.js';
import { convertToFile, decodeToFile, formatOf, isTextFormat, readDocument } from './read/read.js';

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

/**
 * parse + extract for a file already read (see read/); a converted format's text goes with the
 * model to `saveDocument`. A document in traditional script (or with pinyin notes) is read on
 * its folded text — same length, same offsets — and the model's strings are then given back as
 * written (src/model/script.ts).
 */
export function ingestVFile(file: VFile, options: IngestOptions = {}): PolicyDocument {
  const original = String(file.value);
  const reading = readingText(original);
  let doc: PolicyDocument;
  if (reading === original) doc = extract(parse(file), file, options);
  else {
    file.value = reading;
    try {
      doc = restoreAsWritten(extract(parse(file), file, options), original, reading);
    } finally {
      file.value = original;
    }
  }
  if (file.data.converted) attachSourceText(doc, original);
  const empty = nothingRecognised(doc);
  doc.diagnostics = summarizeDiagnostics(empty ? [empty, ...doc.diagnostics] : doc.diagnostics);
  return doc;
}
