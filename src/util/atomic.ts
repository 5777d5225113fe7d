import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file `policy` writes (document.json, index.json, PDFs, XLSX, CSV, index.md) goes
 * through here: written whole to a temporary file in the same folder, then renamed over the
 * target. A reader — or a run stopped half-way, by Ctrl-C or a crash — sees the old file or
 * the new one, never part of one. Temporary files are hidden (`.name.<random>.tmp`) and
 * removed when the write fails or the process is stopped (see `removePendingWrites`).
 */

const pending = new Set<string>();

export function isTemporaryName(name: string): boolean {
  return /^\..+\.[0-9a-f]{12}\.tmp$/.test(name);
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: { mkdir?: boolean } = {}): Promise<void> {
  const dir = path.dirname(file);
  if (options.mkdir !== false) await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  pending.add(temp);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  } finally {
    pending.delete(temp);
  }
}

/**
 * Remove the temporary files of writes still under way: for a process about to exit before
 * they end (a second Ctrl-C). Synchronous, so it can run in a signal handler or on 'exit'.
 */
export function removePendingWrites(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed or never created
    }
  }
  pending.clear();
}
