import type { VFile } from 'vfile';
import type { PolicyDocument, SourceInfo } from './model/types.js';
import { readDocument, decodeToFile } from './read/read.js';
import { parse } from './parse/index.js';
import { extract, type ExtractOptions } from './extract/index.js';
import { readingText, restoreAsWritten } from './model/script.js';

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

/**
 * parse + extract. A document in traditional script (or with pinyin notes) is read on its
 * folded text — same length, same offsets — and the model's strings are then given back as
 * written (src/model/script.ts).
 */
export function ingestVFile(file: VFile, options: IngestOptions = {}): PolicyDocument {
  const original = String(file.value);
  const reading = readingText(original);
  if (reading === original) return extract(parse(file), file, options);
  file.value = reading;
  try {
    return restoreAsWritten(extract(parse(file), file, options), original, reading);
  } finally {
    file.value = original;
  }
}
