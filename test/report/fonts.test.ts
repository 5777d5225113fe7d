import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import { pdfToText } from '../../src/read/pdf.js';
import { type MissingGlyph, onMissingGlyph, resolveFonts } from '../../src/report/pdf/fonts.js';
import { renderSheet } from '../../src/report/sheet.js';
import { buildSheet } from '../../src/report/sheet-data.js';
import { runInProcess } from '../helpers/cli.js';

/**
 * Characters the bundled Noto Sans/Serif SC lack (𠮷 U+20BB7, CJK Extension B, in a person's
 * or a township's name) are drawn from a fallback font that has them — one given with
 * --fallback-font, the bundled fonts behind a --font, or a system CJK font (Debian's
 * fonts-noto-cjk) — in runs of one font; what no font has is named in a warning.
 */
const NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const SERIF_CJK = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
const hasNotoCjk = existsSync(NOTO_CJK) && existsSync(SERIF_CJK);
const DATE = new Date(Date.UTC(2026, 0, 1));
const TEXT = '某县实施方案\n\n一、重点任务\n1. 𠮷野工作。推进𠮷祥村道路建设。（牵头单位：县财政局；责任单位：县交通局）\n2. 普通工作。（牵头单位：县交通局）\n';

async function sheet(dept: string, fonts = resolveFonts({ systemFonts: false })): Promise<{ bytes: Buffer; events: MissingGlyph[] }> {
  const doc = ingestText(TEXT, { fileName: 'rare.txt' });
  const events: MissingGlyph[] = [];
  const stop = onMissingGlyph((e) => events.push(e));
  try {
    const { bytes } = await renderSheet(buildSheet(doc, doc.departments.find((d) => d.name === dept)!), { date: DATE, fonts });
    return { bytes, events };
  } finally {
    stop();
  }
}

const textOf = async (bytes: Buffer) => (await pdfToText(new Uint8Array(bytes))).text;

describe('fonts for characters the bundled fonts lack', () => {
  it('without a fallback: the character is named with the sheet, and it is the only one', async () => {
    const { events } = await sheet('县财政局');
    expect(events.map((e) => [e.char, e.codePoint, e.font])).toEqual([['𠮷', 'U+20BB7', undefined]]);
    expect(events[0].unit).toMatch(/^县财政局责任清单 — 某县实施方案/);
    expect(events[0].count).toBeGreaterThanOrEqual(3);
  });

  it.skipIf(!hasNotoCjk)('--fallback-font (a .ttc by PostScript name): drawn from it, and read back from the PDF', async () => {
    const fonts = resolveFonts({ fallbacks: [`${SERIF_CJK}#NotoSerifCJKsc-Regular`], systemFonts: false });
    const { bytes, events } = await sheet('县财政局', fonts);
    expect(events.map((e) => [e.char, e.font])).toEqual([['𠮷', `${SERIF_CJK}#NotoSerifCJKsc-Regular`]]);
    expect(bytes.toString('latin1')).toContain('NotoSerifCJKsc-Regular');
    const text = await textOf(bytes);
    expect(text).toContain('𠮷野工作');
    expect(text).toContain('推进𠮷祥村道路建设');
  });

  it.skipIf(!hasNotoCjk)('the system CJK fonts are found and used where present; a .ttc without a name gives its SC font', async () => {
    const fonts = resolveFonts();
    expect(fonts.fallbacks?.sans[0]).toBe(`${NOTO_CJK}#NotoSansCJKsc-Regular`);
    const { events } = await sheet('县财政局', fonts);
    expect(events).toHaveLength(1);
    expect(events[0].font).toMatch(/NotoSansCJK-Regular\.ttc#NotoSansCJKsc-Regular$/);
    const { bytes } = await sheet('县财政局', resolveFonts({ fallbacks: [NOTO_CJK], systemFonts: false }));
    expect(bytes.toString('latin1')).toContain('NotoSansCJKsc-Regular');
  });

  it('a sheet whose characters the faces all have is byte-identical with or without fallbacks', async () => {
    const plain = await sheet('县交通局', resolveFonts({ systemFonts: false }));
    // 县交通局's sheet quotes task 1 (𠮷) too: use a document without it
    const doc = ingestText('某县实施方案\n\n一、重点任务\n1. 普通工作。（牵头单位：县交通局）\n', { fileName: 'plain.txt' });
    const render = (fonts: ReturnType<typeof resolveFonts>) => renderSheet(buildSheet(doc, doc.departments[0]), { date: DATE, fonts });
    const a = await render(resolveFonts({ systemFonts: false }));
    const b = await render(resolveFonts({ fallbacks: hasNotoCjk ? [NOTO_CJK] : [], systemFonts: hasNotoCjk }));
    expect(b.bytes.equals(a.bytes)).toBe(true);
    expect(plain.bytes.length).toBeGreaterThan(0);
  });

  it('a bad --fallback-font is refused before any work, naming the option', () => {
    expect(() => resolveFonts({ fallbacks: ['/no/such/font.ttf'] })).toThrow(/^fallback-font \/no\/such\/font\.ttf: file not found$/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-fonts-'));
    const fake = path.join(dir, 'fake.ttf');
    writeFileSync(fake, 'not a font');
    expect(() => resolveFonts({ fallbacks: [fake] })).toThrow(/not a TrueType\/OpenType font file/);
    expect(() => resolveFonts({ fallbacks: [`${fake}#Name`] })).toThrow(/a font name \(#…\) is for a font collection \(\.ttc\) only/);
    if (hasNotoCjk) expect(() => resolveFonts({ fallbacks: [`${NOTO_CJK}#Nope`] })).toThrow(/no font Nope in the collection \(it has NotoSansCJKjp-Regular, /);
  });

  it.skipIf(!hasNotoCjk)('the CLI: a note names the character, the font and the sheet; --no-system-fonts gives the warning', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-fonts-'));
    const file = path.join(dir, 'rare.txt');
    writeFileSync(file, TEXT);
    const data = path.join(dir, 'data');
    expect((await runInProcess('ingest', file, '--data', data, '-q')).code).toBe(0);
    const r = await runInProcess('sheet', '财政局', '--data', data, '--out', path.join(dir, 'a.pdf'), '--fallback-font', SERIF_CJK);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /^policy: note: 𠮷 \(U\+20BB7\) is not in the fonts; drawn \d+ times from .*NotoSerifCJK-Regular\.ttc in 县财政局责任清单 — 某县实施方案/m,
    );
    expect(r.err).not.toMatch(/warning/);
    const w = await runInProcess('sheet', '财政局', '--data', data, '--out', path.join(dir, 'b.pdf'), '--no-system-fonts');
    expect(w.err).toMatch(
      /^policy: warning: 𠮷 \(U\+20BB7\) has no glyph in the fonts; drawn as an empty box \d+ times in 县财政局责任清单 — .*\(give --fallback-font FILE with a font that has it\)$/m,
    );
    const bad = await runInProcess('sheet', '财政局', '--data', data, '--fallback-font', path.join(dir, 'none.ttf'));
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/^policy: --fallback-font .*none\.ttf: file not found$/m);
    expect(bad.err).not.toMatch(/\n {4}at /);
  });
});
