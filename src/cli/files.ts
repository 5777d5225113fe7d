import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Expand wildcards in file arguments ourselves ("corpus/*" works the same in sh, cmd.exe and
 * PowerShell). Only the last path segment may hold * or ?; a pattern that matches nothing is
 * passed on as is, so the reader reports it as missing.
 */
export async function expandPatterns(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    const base = path.basename(arg);
    if (!/[*?]/.test(base)) {
      out.push(arg);
      continue;
    }
    const dir = path.dirname(arg);
    const re = new RegExp(
      `^${base
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    let names: string[] = [];
    try {
      names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && re.test(e.name) && !e.name.startsWith('.')).map((e) => e.name);
    } catch {
      // no such folder: keep the pattern, reported as missing below
    }
    if (names.length === 0) out.push(arg);
    else out.push(...names.sort().map((n) => path.join(dir, n)));
  }
  return out;
}
