/**
 * Benchmark: every responsibility sheet of the bundled plan (`npm run bench:sheets`).
 *
 * Measures, in one process:
 *   - cold: all sheets written to a temp folder, first thing after start (fonts read from disk);
 *   - warm: the same again (font files cached in memory);
 *   - baselines measured in the same run: one A4 page holding one line in the embedded font
 *     (the fixed cost of a PDF with a CJK subset), and a plain-text dump of the same
 *     content (what the model costs without typesetting);
 * and prints ratios and sizes against the targets: all sheets ≤ 3 s, each sheet ≤ 150 KB.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestFile } from '../src/index.js';
import type { PolicyDocument } from '../src/model/types.js';
import { PolicyPdf } from '../src/report/pdf/document.js';
import { buildSheet } from '../src/report/sheet-data.js';
import { writeSheets } from '../src/report/sheets.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PLAN = path.join(ROOT, 'corpus', 'wuxi-urbanization-plan-2021-2035.txt');
const TARGET_MS = 3000;
const TARGET_BYTES = 150 * 1024;
const DATE = new Date(Date.UTC(2026, 0, 1));

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

async function timeSheets(doc: PolicyDocument): Promise<{ ms: number; sizes: number[]; pages: number[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-sheets-'));
  const t0 = process.hrtime.bigint();
  const index = await writeSheets(doc, dir, { date: DATE });
  const elapsed = ms(t0);
  await rm(dir, { recursive: true, force: true });
  return { ms: elapsed, sizes: index.sheets.map((s) => s.bytes), pages: index.sheets.map((s) => s.pages) };
}

async function emptyPage(): Promise<{ ms: number; bytes: number }> {
  const t0 = process.hrtime.bigint();
  const pdf = new PolicyPdf({ date: DATE });
  pdf.paragraph('基准页', { indent: 0 });
  const bytes = await pdf.finish();
  return { ms: ms(t0), bytes: bytes.length };
}

function textDump(doc: PolicyDocument): { ms: number; bytes: number } {
  const t0 = process.hrtime.bigint();
  let bytes = 0;
  for (const dept of doc.departments) {
    const s = buildSheet(doc, dept);
    const text = [
      doc.title,
      `${dept.name}责任清单 牵头${s.leadCount} 配合${s.responsibleCount}`,
      ...s.tasks.map((t) => `${t.task.number}\t${t.task.title}\t${t.roleLabel}\t${t.otherLeads.join('、')}\t${t.task.responsible.join('、')}\n${t.task.text}`),
      ...s.mentions.map((m) => m.mention.context),
    ].join('\n');
    bytes += Buffer.byteLength(text);
  }
  return { ms: ms(t0), bytes };
}

async function main(): Promise<void> {
  const t0 = process.hrtime.bigint();
  const doc = await ingestFile(PLAN);
  const ingestMs = ms(t0);
  const n = doc.departments.length;

  const cold = await timeSheets(doc);
  const warm = await timeSheets(doc);
  const pages = [];
  for (let i = 0; i < 5; i++) pages.push(await emptyPage());
  const page = pages.sort((a, b) => a.ms - b.ms)[2]; // median of 5
  const dumps = [];
  for (let i = 0; i < 5; i++) dumps.push(textDump(doc));
  const dump = dumps.sort((a, b) => a.ms - b.ms)[2];

  const total = cold.sizes.reduce((a, b) => a + b, 0);
  const largest = Math.max(...cold.sizes);
  const totalPages = cold.pages.reduce((a, b) => a + b, 0);
  const perSheetWarm = warm.ms / n;
  const lines = [
    `bench:sheets — ${path.basename(PLAN)}: ${doc.tasks.length} tasks, ${n} departments (ingest ${ingestMs.toFixed(0)} ms, not counted)`,
    '',
    `all sheets, cold (fonts read from disk)   ${cold.ms.toFixed(0).padStart(6)} ms   target ≤ ${TARGET_MS} ms  ${cold.ms <= TARGET_MS ? 'OK' : 'MISSED'}`,
    `all sheets, warm                          ${warm.ms.toFixed(0).padStart(6)} ms   ${perSheetWarm.toFixed(1)} ms per sheet, ${(warm.ms / totalPages).toFixed(1)} ms per page`,
    `baseline: one A4 page, embedded font      ${page.ms.toFixed(1).padStart(6)} ms   ${kb(page.bytes)}`,
    `baseline: plain-text dump, all sheets     ${dump.ms.toFixed(1).padStart(6)} ms   ${kb(dump.bytes)}`,
    '',
    `ratio: one sheet / one empty page         ${(perSheetWarm / page.ms).toFixed(1)}×`,
    `ratio: all sheets (warm) / text dump      ${(warm.ms / dump.ms).toFixed(0)}×`,
    '',
    `sizes: ${n} sheets, ${totalPages} pages, ${kb(total)} in all; median ${kb([...cold.sizes].sort((a, b) => a - b)[Math.floor(n / 2)])}, largest ${kb(largest)}   target ≤ ${kb(TARGET_BYTES)}  ${largest <= TARGET_BYTES ? 'OK' : 'MISSED'}`,
    `ratio: largest sheet / empty page         ${(largest / page.bytes).toFixed(1)}×;  bytes per page ${kb(total / totalPages)}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (cold.ms > TARGET_MS || largest > TARGET_BYTES) process.exitCode = 1;
}

await main();
