import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import type { SourceInfo } from '../model/types.js';
import { UserError } from '../model/errors.js';
import { decodeBytes, DecodeError } from './decode.js';

/** What the reader leaves on `file.data` for the parser and the extractor. */
export interface SourceData {
  source: SourceInfo;
}

declare module 'vfile' {
  interface DataMap {
    source: SourceInfo;
  }
}

const FORMATS: Record<string, SourceInfo['format']> = {
  '.txt': 'text',
  '.text': 'text',
  '': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
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
  return decodeToFile(bytes, filePath, format);
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
