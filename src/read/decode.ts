import { isUtf8, transcode } from 'node:buffer';
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { foldTraditional } from '../model/script.js';

/**
 * Decoding: bytes → text, with the encoding detected. Government files come as UTF-8 (with
 * or without BOM), UTF-16 with BOM (Word's "Unicode text") and GB18030/GBK; a document in
 * traditional script saved on a Traditional Chinese system comes as Big5. The decoded text
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
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';
  lineEnding: 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';
  bytes: number;
  sha256: string;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { bytes: bytes.length, sha256 };
  if (bytes.length === 0) throw new DecodeError('empty file');

  const container = containerFormat(bytes);
  if (container) throw new DecodeError(`${container}, not text (${CONTAINER_HINT})`);

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
    if (nul !== -1) {
      // UTF-16 saved without its BOM has a NUL beside every ASCII character
      const utf16 = guessUtf16(bytes);
      if (!utf16) throw new DecodeError(`binary data (NUL byte at offset ${nul})`);
      text = utf16.text;
      encoding = utf16.encoding;
      checkText(text);
      return { text, encoding, lineEnding: lineEndingOf(text), ...base };
    }
    try {
      text = strictUtf8(bytes, 0);
      encoding = 'utf-8';
    } catch (utf8Error) {
      const at = firstInvalidUtf8(bytes);
      if (at > 0 && at >= bytes.length - 3 && bytes[at] >= 0xc2) {
        throw new DecodeError(`UTF-8 cut off in the middle of a character at byte ${at} (the file ends there; was it truncated?)`);
      }
      // Chinese in valid UTF-8 before the fault: a damaged UTF-8 file, not another encoding.
      // (GB18030 bytes pass as UTF-8 now and then, but not for several 3-byte characters.)
      if (threeByteCharsBefore(bytes, at) >= 4) {
        throw new DecodeError(`damaged UTF-8: ${(utf8Error as DecodeError).message} (the text before it is valid UTF-8)`);
      }
      ({ text, encoding } = decodeLegacyChinese(bytes, (utf8Error as DecodeError).message));
    }
  }
  checkText(text);
  return { text, encoding, lineEnding: lineEndingOf(text), ...base };
}

/** What to do with a container under a text extension: Word and web pages are read under their own extension. */
const CONTAINER_HINT = 'give it its own extension (.docx, .doc, .wps, .html) to read it, or save the document as .txt';

/** Office and PDF files renamed to .txt are common; name them rather than say "binary data". */
function containerFormat(bytes: Uint8Array): string | null {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive (a .docx, .xlsx or .wps/.ofd package?)';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'a Word/WPS binary document (.doc/.wps)';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'a PDF file';
  if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'an RTF document';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38)) return 'an image (a scan needs OCR first)';
  return null;
}

function strictUtf8(bytes: Uint8Array, shift: number): string {
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    throw new DecodeError(`invalid UTF-8 at byte ${at + shift}, line ${lineAtByte(bytes, at)}`);
  }
  // V8 makes a string of Chinese UTF-8 slowly (TextDecoder, Buffer#toString: ~100 MB/s);
  // ICU's transcoder to UTF-16 and a UTF-16 string are ~9× faster. Same text, BOMs kept.
  try {
    return transcode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'utf8', 'utf16le').toString('utf16le');
  } catch {
    // a Node built without ICU has no transcoder
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  }
}

/** How many 3-byte UTF-8 characters (most Chinese) the bytes before `end` hold; they are valid UTF-8. */
function threeByteCharsBefore(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] >= 0xe0 && bytes[i] < 0xf0) n++;
  return n;
}

/** 1-based line of a byte offset (LF, CRLF or CR line ends). */
function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) line++;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
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
 * GB18030 accepts almost any byte pair, so a wrong guess (Shift-JIS, Big5, binary) shows up
 * as replacement characters, as text that is mostly not Chinese, or as Chinese made of rare
 * characters. Big5 bytes are such a wrong guess: read as GB18030 they make rare characters, and
 * read as Big5 they make traditional Chinese whose simplified forms are the common ones — so a
 * text GB18030 cannot make sense of is tried as Big5 (traditional folded before the count).
 * Anything else is rejected rather than silently mangled.
 */
function decodeLegacyChinese(bytes: Uint8Array, utf8Problem: string): { text: string; encoding: 'gb18030' | 'big5' } {
  const text = iconv.decode(Buffer.from(bytes), 'gb18030');
  const bad = text.indexOf('\ufffd');
  if (bad !== -1) {
    const line = text.slice(0, bad).split(/\r\n|\r|\n/).length;
    throw new DecodeError(`undecodable bytes: not UTF-8 (${utf8Problem}), and not GB18030 either (bad bytes on line ${line})`);
  }
  if (plausibleChinese(text)) return { text, encoding: 'gb18030' };
  const big5 = iconv.decode(Buffer.from(bytes), 'big5');
  if (big5.indexOf('\ufffd') === -1 && plausibleChinese(foldTraditional(big5))) return { text: big5, encoding: 'big5' };
  throw new DecodeError(`undecodable bytes: not UTF-8 (${utf8Problem}), and not plausible GB18030 or Big5 Chinese either (another encoding? save as UTF-8)`);
}

/** Mostly Chinese, and Chinese made of common characters (simplified forms). */
function plausibleChinese(text: string): boolean {
  let cjk = 0;
  let common = 0;
  let other = 0;
  // by code unit, without a string a character; a surrogate pair counts once, as other
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      cjk++;
      common += COMMON[c];
    } else if (c > 0x7f && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xffef)) {
      other++;
      if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    }
  }
  return !(cjk === 0 || other > cjk || common < cjk * 0.15);
}

/** Characters that make up a large share of any Chinese text, official prose above all (1 by code unit). */
const COMMON = new Uint8Array(0x10000);
for (const ch of '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严推设施城镇乡村域镇')
  COMMON[ch.charCodeAt(0)] = 1;

/** UTF-16 without BOM: NULs at every other byte where ASCII stands, and a sensible decoding. */
function guessUtf16(bytes: Uint8Array): { text: string; encoding: 'utf-16le' | 'utf-16be' } | null {
  if (bytes.length % 2 !== 0) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) i % 2 === 0 ? evenNul++ : oddNul++;
  const encoding = oddNul > evenNul * 4 ? 'utf-16le' : evenNul > oddNul * 4 ? 'utf-16be' : null;
  if (!encoding) return null;
  const text = new TextDecoder(encoding).decode(bytes);
  let printable = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09 || (c >= 0x3000 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef)) printable++;
  }
  return printable >= text.length * 0.95 ? { text, encoding } : null;
}

// control characters other than tab, line feed, form feed and carriage return
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x01-\x08\x0b\x0e-\x1f]/g;
// NUL or one of those: one scan tells that most texts have neither
// eslint-disable-next-line no-control-regex
const NUL_OR_CONTROL = /[\0-\x08\x0b\x0e-\x1f]/;

function checkText(text: string): void {
  if (text.trim().length === 0) throw new DecodeError('empty file (only white space)');
  if (!NUL_OR_CONTROL.test(text)) return;
  const nul = text.indexOf('\0');
  if (nul !== -1) throw new DecodeError(`binary data (NUL character at ${nul})`);
  const control = text.match(CONTROL)?.length ?? 0;
  if (control > 8 && control > text.length / 100) throw new DecodeError(`binary data (${control} control characters)`);
}

function lineEndingOf(text: string): Decoded['lineEnding'] {
  // most files: no CR at all, and only whether there is a line end matters
  if (!text.includes('\r')) return text.includes('\n') ? 'lf' : 'none';
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const kinds = [crlf > 0, cr > 0, lf > 0].filter(Boolean).length;
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf > 0 ? 'crlf' : cr > 0 ? 'cr' : 'lf';
}
