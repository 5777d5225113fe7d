import path from 'node:path';
import { UserError } from '../model/errors.js';

/**
 * File names that are valid on Windows, macOS and Linux whatever a department name holds,
 * and paths that never leave their folder.
 *
 * - characters Windows forbids (<>:"/\|?*), control characters and the Unicode
 *   direction/format controls become `_`; full-width forms (（）：) are legal everywhere
 *   and stay, so 有关乡镇（街道） keeps its look;
 * - leading dots and spaces (hidden files, `..`), trailing dots and spaces (Windows drops
 *   them) are removed;
 * - Windows device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, also with an extension,
 *   any case) get a `_` prefix;
 * - the name is NFC (macOS stores NFD; equal names must compare equal) and at most
 *   `maxBytes` UTF-8 bytes with its extension (Linux/macOS allow 255), cut between
 *   characters;
 * - names equal ignoring case (Windows/macOS default file systems) get `-2`, `-3` …
 */

const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

export const DEFAULT_MAX_BYTES = 180;

/** A safe file name for `name` with extension `ext` (e.g. `.pdf`). */
export function safeFileName(name: string, ext = '', maxBytes = DEFAULT_MAX_BYTES): string {
  let base = name.normalize('NFC').replace(FORBIDDEN, '_').replace(/\s+/g, ' ');
  base = base.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (base === '' || /^_+$/.test(base)) base = 'unnamed';
  const stem = base.split('.')[0];
  if (RESERVED.test(stem.trim())) base = `_${base}`;
  base = cutBytes(base, maxBytes - Buffer.byteLength(ext));
  base = base.replace(/[\s.]+$/, '') || 'unnamed';
  return base + ext;
}

/** Cut a string to at most `max` UTF-8 bytes without splitting a character. */
export function cutBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > max) break;
    out += ch;
    bytes += b;
  }
  return out;
}

/**
 * Hands out safe, unique file names for one folder: the same name twice (or two names
 * that differ only in case or in forbidden characters) gives `name.pdf`, `name-2.pdf`.
 */
export class FileNamer {
  private readonly taken = new Set<string>();

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  name(wanted: string, ext = ''): string {
    const first = safeFileName(wanted, ext, this.maxBytes);
    let candidate = first;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) {
      const suffix = `-${n}`;
      const stem = first.slice(0, first.length - ext.length);
      candidate = safeFileName(cutBytes(stem, this.maxBytes - Buffer.byteLength(ext + suffix)) + suffix, ext, this.maxBytes);
    }
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

/**
 * Join a file name to a folder, refusing anything that would land outside it (a name
 * with a separator, `..`, an absolute path). Names from safeFileName always pass.
 */
export function insideDir(dir: string, fileName: string): string {
  const root = path.resolve(dir);
  const target = path.resolve(root, fileName);
  const rel = path.relative(root, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || rel.includes(path.sep) || fileName.includes('/') || fileName.includes('\\')) {
    throw new UserError(`${fileName}: refusing to write outside ${dir}`);
  }
  return target;
}
