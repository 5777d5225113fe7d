/**
 * `npm run snapshot -- [--out FILE] [--base FILE]`: a fingerprint of every model the pipeline
 * makes — sha256 over the id and JSON of each document ingested from corpus/, test/fixtures/
 * and the scale corpus (if generated), and of each refusal message. For work that must not
 * change the output (speed-ups, refactors): snapshot before, change, build, snapshot with
 * --base, and the files whose model differs are listed.
 *
 * Uses the compiled dist/ (run `npm run build` first), as users run the pipeline.
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url).href;
if (!existsSync(new URL('../dist/ingest.js', import.meta.url))) throw new Error('dist/ is missing: run `npm run build` first');
const { ingestBytes } = (await import(dist('ingest.js'))) as typeof import('../src/ingest.js');
const { AliasTable } = (await import(dist('model/departments.js'))) as typeof import('../src/model/departments.js');

const { values } = parseArgs({ options: { out: { type: 'string' }, base: { type: 'string' } } });
const aliases = AliasTable.load();
const walk = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).flatMap((f) => (statSync(`${dir}/${f}`).isDirectory() ? walk(`${dir}/${f}`) : [`${dir}/${f}`])) : [];
const files = [...walk('corpus'), ...walk('test/fixtures'), ...walk('.bench/scale-corpus')].filter((f) => /\.(txt|md)$/.test(f)).sort();

const all = createHash('sha256');
const per: Record<string, string> = {};
let refused = 0;
for (const f of files) {
  try {
    const doc = ingestBytes(readFileSync(f), f, { aliases });
    const json = `${doc.id}\n${JSON.stringify(doc)}`;
    per[f] = createHash('sha256').update(json).digest('hex');
    all.update(`${f}\n${json}`);
  } catch (error) {
    refused++;
    per[f] = `refused: ${(error as Error).message}`;
    all.update(f + per[f]);
  }
}
const total = all.digest('hex');
const out = values.out ?? '.bench/snapshot.json';
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ total, per }, null, 1));
console.log(`${files.length} files, ${refused} refused; total ${total}`);
if (values.base) {
  const base = JSON.parse(readFileSync(values.base, 'utf8')) as { total: string; per: Record<string, string> };
  const differ = Object.keys({ ...base.per, ...per }).filter((k) => base.per[k] !== per[k]);
  console.log(base.total === total ? 'identical to the base' : `differs from the base in ${differ.length} files:`);
  for (const k of differ.slice(0, 40)) console.log(`  ${k}`);
  if (base.total !== total) process.exitCode = 1;
}
