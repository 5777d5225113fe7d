import { type ExecFileException, execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConversionError } from './converted.js';

/**
 * Headless LibreOffice (`soffice --headless --convert-to`), for the binary formats no library of
 * ours reads: Excel 97–2003 .xls and WPS's .et (a BIFF workbook in an OLE compound file). The
 * file is converted in a folder of its own, with a LibreOffice profile of its own (two runs at
 * once, or a LibreOffice the user has open, do not share one), and the folder removed after.
 * `POLICY_SOFFICE` names the program where it is not `soffice` on the PATH.
 */

/** How long one conversion may take. */
export const SOFFICE_TIMEOUT_MS = 120_000;

const INSTALL = 'install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-calc-nogui; elsewhere libreoffice.org), or save the file as .xlsx';

/** OOXML saved with a password: an OLE compound file holding EncryptionInfo and EncryptedPackage. */
export function isEncryptedPackage(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from('EncryptedPackage', 'utf16le'));
}

/** Convert `bytes` (a file of extension `ext`, e.g. .xls) to `to` (e.g. xlsx) by LibreOffice; the converted file's bytes. */
export async function sofficeConvert(bytes: Uint8Array, ext: string, to: string, what: string): Promise<Uint8Array> {
  const program = process.env.POLICY_SOFFICE || 'soffice';
  const work = await mkdtemp(path.join(os.tmpdir(), 'policy-soffice-'));
  try {
    const input = path.join(work, `in${ext}`);
    await writeFile(input, bytes);
    const outDir = path.join(work, 'out');
    const result = await new Promise<{ error: ExecFileException | null; stderr: string }>((resolve) => {
      execFile(
        program,
        [
          `-env:UserInstallation=file://${path.join(work, 'profile')}`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--convert-to',
          to,
          '--outdir',
          outDir,
          input,
        ],
        { timeout: SOFFICE_TIMEOUT_MS, maxBuffer: 1024 * 1024 },
        (error, _stdout, stderr) => resolve({ error, stderr: String(stderr) }),
      );
    });
    if (result.error?.code === 'ENOENT') throw new ConversionError('needs-tool', `${what} is read through LibreOffice, which is not installed: ${INSTALL}`);
    if (result.error?.killed) {
      throw new ConversionError(
        'too-large',
        `LibreOffice did not convert ${what} within ${SOFFICE_TIMEOUT_MS / 1000} s (very large, damaged, or protected by a password?)`,
      );
    }
    const made = await readdir(outDir).catch(() => [] as string[]);
    const file = made.find((f) => f.toLowerCase().endsWith(`.${to}`));
    if (!file) {
      const said = result.stderr
        .split('\n')
        .find((l) => /error/i.test(l))
        ?.trim();
      // LibreOffice without Calc (libreoffice-writer only) cannot load a workbook at all: it says
      // "source file could not be loaded" as for a damaged file, so both are named
      const hint = /no export filter/i.test(result.stderr)
        ? ` (is LibreOffice Calc installed? ${INSTALL})`
        : ' (damaged or protected by a password? or LibreOffice without Calc: apt-get install libreoffice-calc-nogui)';
      throw new ConversionError('damaged', `LibreOffice could not convert ${what}${said ? `: ${said}` : ''}${hint}`);
    }
    return new Uint8Array(await readFile(path.join(outDir, file)));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
