import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import type { SourceInfo } from '../model/types.js';
import { UserError } from '../model/errors.js';
import { decodeBytes, DecodeError } from './decode.js';
import { ConversionError, type ConvertedText } from './converted.js';

/** What the reader leaves on `file.data` for the parser and the extractor. */
export interface SourceData {
  source: SourceInfo;
}

declare module 'vfile' {
  interface DataMap {
    source: SourceInfo;
    /** For paged sources (PDF, OFD): the offset in the text where each page starts. */
    pages: number[];
  }
}

const FORMATS: Record<string, SourceInfo['format']> = {
  '.txt': 'text',
  '.text': 'text',
  '': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.pdf': 'pdf',
  '.ofd': 'ofd',
};

/** Converters of the formats that are not text, loaded on first use. */
const CONVERTERS: Partial<Record<SourceInfo['format'], () => Promise<(bytes: Uint8Array) => Promise<ConvertedText>>>> = {
  pdf: async () => (await import('./pdf.js')).pdfToText,
  ofd: async () => (await import('./ofd.js')).ofdToText,
};

export function formatOf(fileName: string): SourceInfo['format'] | null {
  return FORMATS[path.extname(fileName).toLowerCase()] ?? null;
}

/** Read and decode one file into a VFile; every problem is a UserError naming the file. */
export async function readDocument(filePath: string): Promise<VFile> {
  let info;
  try {
    info = await stat(filePath);
  } catch {
    // an unmatched wildcard reaches here as written (see cli/files.ts)
    if (/[*?]/.test(path.basename(filePath))) throw new UserError(`${filePath}: no file matches`);
    throw new UserError(`${filePath}: no such file`);
  }
  if (info.isDirectory()) {
    const all = path.join(filePath, '*');
    throw new UserError(`${filePath}: is a folder, not a document (to read every document in it: "${all}")`);
  }
  const format = formatOf(filePath);
  if (!format) {
    throw new UserError(`${filePath}: unsupported file type "${path.extname(filePath)}" (save the document as .txt or .md)`);
  }
  const bytes = await readFile(filePath);
  const converter = CONVERTERS[format];
  if (converter) return convertToFile(bytes, filePath, format, await converter());
  return decodeToFile(bytes, filePath, format);
}

/** A PDF/OFD file's bytes → a VFile of its converted text; a ConversionError becomes a UserError naming the file. */
export async function convertToFile(
  bytes: Uint8Array,
  filePath: string,
  format: SourceInfo['format'],
  convert: (bytes: Uint8Array) => Promise<ConvertedText>,
): Promise<VFile> {
  let converted: ConvertedText;
  try {
    converted = await convert(bytes);
  } catch (error) {
    if (error instanceof ConversionError) throw new UserError(`${filePath}: ${error.message}`);
    throw error;
  }
  const file = new VFile({ path: filePath, value: converted.text });
  file.data.source = {
    path: filePath,
    fileName: path.basename(filePath),
    // the converted text is Unicode from the file's text layer, saved as UTF-8
    encoding: converted.encoding ?? 'utf-8',
    lineEnding: 'lf',
    format,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  if (converted.pages) file.data.pages = converted.pages;
  for (const w of converted.warnings ?? []) file.message(w, { place: { line: 1, column: 1 }, ruleId: 'conversion', source: 'policy' });
  return file;
}

/** Decode bytes already in memory (tests, stdin, other programs). */
export function decodeToFile(bytes: Uint8Array, filePath: string, format: SourceInfo['format'] = formatOf(filePath) ?? 'text'): VFile {
  let decoded;
  try {
    decoded = decodeBytes(bytes);
  } catch (error) {
    if (error instanceof DecodeError) throw new UserError(`${filePath}: ${error.message}`);
    throw error;
  }
  const file = new VFile({ path: filePath, value: decoded.text });
  file.data.source = {
    path: filePath,
    fileName: path.basename(filePath),
    encoding: decoded.encoding,
    lineEnding: decoded.lineEnding === 'none' ? 'lf' : decoded.lineEnding,
    format,
    bytes: decoded.bytes,
    sha256: decoded.sha256,
  };
  return file;
}
