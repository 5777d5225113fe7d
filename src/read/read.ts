import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { UserError } from '../model/errors.js';
import type { SourceInfo } from '../model/types.js';
import { ConversionError, type ConvertedText } from './converted.js';
import { DecodeError, decodeBytes } from './decode.js';

/** What the reader leaves on `file.data` for the parser and the extractor. */
export interface SourceData {
  source: SourceInfo;
}

declare module 'vfile' {
  interface DataMap {
    source: SourceInfo;
    /** For a converted format (HTML, Word …): what the converter gave besides the text. */
    converted: Omit<ConvertedText, 'text'>;
    /** For paged sources (PDF, OFD): the offset in the text where each page starts. */
    pages: number[];
  }
}

export type SourceFormat = SourceInfo['format'];

const FORMATS: Record<string, SourceFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.shtml': 'html',
  '.docx': 'docx',
  '.doc': 'doc',
  '.wps': 'wps',
  '.pdf': 'pdf',
  '.ofd': 'ofd',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.xls': 'xls',
  '.et': 'et',
  '.csv': 'csv',
};

/** The formats read as text as they are; every other format goes through a converter. */
export function isTextFormat(format: SourceFormat): boolean {
  return format === 'text' || format === 'markdown';
}

export function formatOf(fileName: string): SourceFormat | null {
  return FORMATS[path.extname(fileName).toLowerCase()] ?? null;
}

type Converter = (bytes: Uint8Array) => Promise<ConvertedText>;

/**
 * Converters by format, loaded only when a file of their kind is read (a .txt run loads no
 * HTML or ZIP code). PDF/OFD: `pdf: async (b) => (await import('./pdf.js')).pdfToText(b)`,
 * `ofd: async (b) => (await import('./ofd.js')).ofdToText(b)` and their extensions in FORMATS.
 */
const CONVERTERS: Partial<Record<SourceFormat, Converter>> = {
  html: async (bytes) => (await import('./html.js')).htmlToText(bytes),
  docx: async (bytes) => (await import('./docx.js')).docxToText(bytes),
  doc: async (bytes) => (await import('./doc.js')).docToText(bytes),
  wps: async (bytes) => (await import('./doc.js')).docToText(bytes),
  pdf: async (bytes) => (await import('./pdf.js')).pdfToText(bytes),
  ofd: async (bytes) => (await import('./ofd.js')).ofdToText(bytes),
  xlsx: async (bytes) => (await import('./xlsx.js')).xlsxToText(bytes),
  xls: async (bytes) => (await import('./sheets.js')).binaryWorkbookToText(bytes, '.xls'),
  et: async (bytes) => (await import('./sheets.js')).binaryWorkbookToText(bytes, '.et'),
  csv: async (bytes) => (await import('./csv.js')).csvToText(bytes),
};

const SUPPORTED = '.txt, .md, .html/.htm, .docx, .doc, .wps, .pdf, .ofd, .xlsx, .xls, .et or .csv';

/** Read and decode (or convert) one file into a VFile; every problem is a UserError naming the file. */
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
    throw new UserError(`${filePath}: unsupported file type "${path.extname(filePath)}" (save the document as ${SUPPORTED})`);
  }
  const bytes = await readFile(filePath);
  if (isTextFormat(format)) return decodeToFile(bytes, filePath, format);
  return convertToFile(bytes, filePath, format);
}

/** Decode bytes already in memory (tests, stdin, other programs). */
export function decodeToFile(bytes: Uint8Array, filePath: string, format: SourceFormat = formatOf(filePath) ?? 'text'): VFile {
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

/** What the bytes are, whatever the extension says: a ZIP package, an OLE compound file (.doc/.wps), … */
export function sniff(bytes: Uint8Array): 'zip' | 'ole' | 'pdf' | 'rtf' | 'html' | 'image' | null {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'rtf';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38)) return 'image';
  const head = Buffer.from(bytes.subarray(0, 1024))
    .toString('latin1')
    .replace(/^\ufeff|^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(?:!doctype html|html|head|body|meta|div|table|p[\s>])/.test(head) || /^(?:mime-version:|content-type: multipart)/.test(head)) return 'html';
  return null;
}

const KIND: Record<NonNullable<ReturnType<typeof sniff>>, string> = {
  zip: 'a ZIP archive',
  ole: 'an Office/WPS binary file (.doc/.wps/.xls/.et)',
  pdf: 'a PDF file',
  rtf: 'an RTF document',
  html: 'a web page',
  image: 'an image (a scan needs OCR first)',
};

/**
 * The format the bytes are read as, for a file whose extension names a converted format: a
 * .docx saved as .wps or .doc is a ZIP and read as .docx, a .doc that Word saved as a web
 * page is read as HTML; bytes of another kind are refused with their kind named.
 */
function actualFormat(bytes: Uint8Array, filePath: string, format: SourceFormat): SourceFormat {
  const kind = sniff(bytes);
  const ext = path.extname(filePath);
  if (format === 'pdf' || format === 'ofd') {
    // their converters tell a damaged file from a valid one; a file of another kind is named
    const want = format === 'pdf' ? 'pdf' : 'zip';
    if (kind && kind !== want)
      throw new UserError(`${filePath}: ${KIND[kind]}, not ${format === 'pdf' ? 'a PDF file' : 'an OFD document'} (rename it to its own extension)`);
    return format;
  }
  if (format === 'xlsx' || format === 'xls' || format === 'et' || format === 'csv') {
    // spreadsheets: a package is read as .xlsx, a compound file as .xls (or refused as encrypted);
    // systems export web pages and tab-separated text under .xls, read as what they are
    if (kind === 'zip') return 'xlsx';
    if (kind === 'ole') return format === 'et' ? 'et' : 'xls';
    if (kind === 'html') return 'html';
    if (kind) throw new UserError(`${filePath}: ${KIND[kind]}, not a spreadsheet (rename it to its own extension)`);
    if (format === 'xlsx') throw new UserError(`${filePath}: not an .xlsx package (no ZIP signature: damaged, or not an Excel file)`);
    return 'csv';
  }
  if (format === 'html') {
    if (kind && kind !== 'html') throw new UserError(`${filePath}: ${KIND[kind]}, not a web page (rename it to its own extension)`);
    return 'html';
  }
  // docx, doc, wps: the Word family, often saved under each other's extensions
  if (kind === 'zip') return 'docx';
  if (kind === 'ole') {
    if (format === 'docx') return 'doc';
    return format;
  }
  if (kind === 'html') return 'html';
  if (kind) throw new UserError(`${filePath}: ${KIND[kind]}, not a Word document (rename it to its own extension)`);
  if (format === 'docx') throw new UserError(`${filePath}: not a .docx package (no ZIP signature: damaged, or not a Word file)`);
  throw new UserError(`${filePath}: not a Word/WPS document (neither a compound file nor a .docx package: damaged, or ${ext} by mistake?)`);
}

/** Convert bytes of a converted format (HTML, Word …) into a VFile holding the converted text. */
export async function convertToFile(bytes: Uint8Array, filePath: string, format: SourceFormat): Promise<VFile> {
  if (bytes.length === 0) throw new UserError(`${filePath}: empty file`);
  const actual = actualFormat(bytes, filePath, format);
  const converter = CONVERTERS[actual];
  if (!converter) throw new UserError(`${filePath}: ${actual} files are not read yet (save the document as ${SUPPORTED})`);
  let converted: ConvertedText;
  try {
    converted = await converter(bytes);
  } catch (error) {
    if (error instanceof ConversionError) throw new UserError(`${filePath}: ${error.message}`);
    throw error;
  }
  const { text, ...rest } = converted;
  const file = new VFile({ path: filePath, value: text });
  file.data.source = {
    path: filePath,
    fileName: path.basename(filePath),
    encoding: converted.encoding ?? (actual === 'docx' ? 'utf-8' : 'binary'),
    lineEnding: 'lf',
    format: actual,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  file.data.converted = rest;
  if (converted.pages) file.data.pages = converted.pages;
  for (const warning of converted.warnings ?? []) file.message(warning, { place: { line: 1, column: 1 }, ruleId: 'conversion', source: 'policy' });
  return file;
}
