import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';

/**
 * Decoding: bytes → text, with the encoding detected. Government files come as UTF-8 (with
 * or without BOM), UTF-16 with BOM (Word's "Unicode text") and GB18030/GBK. The decoded text
 * keeps the original line ends; offsets in the model refer to it.
 */

export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';
  lineEnding: 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';
  bytes: number;
  sha256: string;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { bytes: bytes.length, sha256 };
  if (bytes.length === 0) throw new DecodeError('empty file');

  let text: string;
  let encoding: Decoded['encoding'];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = strictUtf8(bytes.subarray(3), 3);
    encoding = 'utf-8-bom';
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    encoding = 'utf-16le';
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
    encoding = 'utf-16be';
  } else {
    const nul = bytes.indexOf(0);
    if (nul !== -1) throw new DecodeError(`binary data (NUL byte at offset ${nul})`);
    try {
      text = strictUtf8(bytes, 0);
      encoding = 'utf-8';
    } catch (utf8Error) {
      text = decodeGb18030(bytes, (utf8Error as DecodeError).message);
      encoding = 'gb18030';
    }
  }
  checkText(text);
  return { text, encoding, lineEnding: lineEndingOf(text), ...base };
}

function strictUtf8(bytes: Uint8Array, shift: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new DecodeError(`invalid UTF-8 at byte ${firstInvalidUtf8(bytes) + shift}`);
  }
}

/** Byte offset of the first malformed UTF-8 sequence, for the error message. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}

/**
 * GB18030 accepts almost any byte pair, so a wrong guess shows up as replacement characters
 * or as text that is mostly not Chinese; both are rejected rather than silently mangled.
 */
function decodeGb18030(bytes: Uint8Array, utf8Problem: string): string {
  const text = iconv.decode(Buffer.from(bytes), 'gb18030');
  const bad = text.indexOf('\ufffd');
  if (bad !== -1) throw new DecodeError(`undecodable bytes: ${utf8Problem}, and not GB18030 either (character ${bad})`);
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x4e00 && c <= 0x9fff) cjk++;
    else if (c > 0x7f && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xffef)) other++;
  }
  if (cjk === 0 || other > cjk) throw new DecodeError(`undecodable bytes: ${utf8Problem}, and not plausible GB18030 text`);
  return text;
}

// control characters other than tab, line feed, form feed and carriage return
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x01-\x08\x0b\x0e-\x1f]/g;

function checkText(text: string): void {
  if (text.trim().length === 0) throw new DecodeError('empty file (only white space)');
  const nul = text.indexOf('\0');
  if (nul !== -1) throw new DecodeError(`binary data (NUL character at ${nul})`);
  const control = text.match(CONTROL)?.length ?? 0;
  if (control > 8 && control > text.length / 100) throw new DecodeError(`binary data (${control} control characters)`);
}

function lineEndingOf(text: string): Decoded['lineEnding'] {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const kinds = [crlf > 0, cr > 0, lf > 0].filter(Boolean).length;
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf > 0 ? 'crlf' : cr > 0 ? 'cr' : 'lf';
}
