import type { Command } from 'commander';
import path from 'node:path';
import type { PolicyDocument } from '../../model/types.js';
import { UserError } from '../../model/errors.js';
import { AliasTable } from '../../model/departments.js';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { documentPath, loadDocuments, saveDocument } from '../../model/store.js';
import { ingestFile } from '../../ingest.js';
import { documentId } from '../../extract/index.js';
import { SCHEMA_VERSION } from '../../model/types.js';
import { folderEngine, openStore, useDb, writeSearchIndex } from '../../search/store.js';
import { existsSync } from 'node:fs';
import { expandPatterns } from '../files.js';
import { examples, plural, Progress, style, useColor } from '../format.js';

interface IngestCliOptions {
  db?: string;
  data: string;
  json?: boolean;
  aliases?: string[];
  quiet?: boolean;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('read documents (.txt, .md, .html, .docx, .doc, .wps, .pdf, .ofd) into the model: <data>/<id>/document.json')
    .argument('<files...>', 'documents to read; wildcards like "corpus/*" are expanded')
    .option('-d, --data <dir>', 'data folder to write to', 'output')
    .option('--db <url>', 'the store on a PostgreSQL server (postgres://…; default POLICY_DB, else <data>/policy.db)')
    .option('--json', 'print the document model as JSON instead of a summary')
    .option('--aliases <file...>', 'extra department alias groups (JSON: {"groups": [["全称", "简称"]]})')
    .option('-q, --quiet', 'print only problems')
    .addHelpText(
      'after',
      `
Examples:
  $ policy ingest corpus/wuxi-urbanization-plan-2021-2035.txt
  $ policy ingest "plans/*.txt" --data work
  $ policy ingest plan.docx page.html old.doc scan.pdf notice.ofd "downloads/*.htm"
  $ policy ingest plan.md --json > plan.json

Formats (the file's bytes decide where its extension is wrong: a .docx saved as .wps is read):
  .txt .md        as written, in any common encoding (UTF-8, UTF-16, GB18030/GBK)
  .html .htm      a saved web page: the page's text, its charset from the page or detected;
                  tables one row a line (merged cells spread); the info table (发文机关, 发文字号,
                  成文日期 …) gives the metadata; navigation and footer kept as web paragraphs
  .docx           the body text with Word's automatic numbering (一、 （一） 1. ①) and tables;
                  headers, footers, footnotes, comments and text boxes are left out
  .doc .wps       the body text of a binary Word/WPS file (automatic numbering is not kept)
  .pdf .ofd       the text layer in reading order, page numbers and running heads left out,
                  each paragraph's page kept; a scan (needs OCR) or an encrypted PDF is refused
For every format but .txt/.md the text read is saved as <data>/<id>/source.txt: the model's
positions refer to it.

A file that cannot be read is reported on stderr with its problem; the others are still
ingested, and the exit status is 1.`,
    )
    .action(async (files: string[], options: IngestCliOptions) => {
      useDb(options.db);
      const failed = await runIngest(files, options);
      if (failed > 0) process.exitCode = 1;
    });

  program
    .command('remove')
    .description('remove ingested documents: <data>/<id>/ and their rows in the store')
    .argument('<ids...>', 'document ids (folder names under the data folder)')
    .option('-d, --data <dir>', 'data folder', 'output')
    .option('--db <url>', 'the store on a PostgreSQL server (postgres://…; default POLICY_DB, else <data>/policy.db)')
    .addHelpText('after', examples('policy remove city-plan', 'policy remove old-plan-2019 --data work'))
    .action(async (ids: string[], options: { data: string; db?: string }) => {
      useDb(options.db);
      const store = folderEngine() !== 'minisearch' ? openStore(options.data) : null;
      try {
        for (const id of ids) {
          const inStore = store?.remove(id) ?? false;
          const folder = existsSync(documentPath(options.data, id));
          if (!inStore && !folder) throw new UserError(`${options.data}: no ingested document "${id}"`);
          if (folder) await rm(path.join(options.data, id), { recursive: true, force: true });
          process.stdout.write(`removed ${id}\n`);
        }
      } finally {
        store?.close();
      }
      if (!store) await writeSearchIndex(options.data);
    });
}

/** The id and sha256 a file would get, when the store has that document with that content and schema (re-ingest skipped). */
async function unchanged(file: string, sha: Map<string, string>): Promise<string | null> {
  const id = documentId(file);
  const known = sha.get(id);
  if (known === undefined) return null;
  const digest = createHash('sha256').update(await readFile(file)).digest('hex');
  return digest === known ? id : null;
}

/** An ingest that put this many documents compacts the store after (see SqliteStore.compact). */
const COMPACT_AFTER = 100;

async function runIngest(files: string[], options: IngestCliOptions): Promise<number> {
  const aliases = AliasTable.load(options.aliases ?? []);
  const paths = await expandPatterns(files);
  const progress = new Progress(paths.length);
  const docs: PolicyDocument[] = [];
  const ids = new Map<string, string>();
  let failed = 0;
  // The store: each document goes in (or is replaced) in its own transaction as it is read.
  const store = folderEngine() !== 'minisearch' ? openStore(options.data) : null;
  const known = new Map<string, string>();
  // with --aliases the model may differ for the same bytes: read again
  if (store && !options.aliases?.length && !options.json) {
    for (const [id, sha, schema] of store.all<[string, string, string]>('SELECT id, sha256, schema FROM documents')) {
      if (schema === String(SCHEMA_VERSION)) known.set(id, sha);
    }
  }
  let skipped = 0;
  for (const [i, file] of paths.entries()) {
    progress.tick(i, path.basename(file));
    try {
      const same = known.size > 0 ? await unchanged(file, known) : null;
      if (same !== null && existsSync(documentPath(options.data, same)) && !ids.has(same)) {
        ids.set(same, file);
        skipped++;
        if (!options.quiet) {
          progress.done();
          process.stdout.write(style.dim(`= ${same}  unchanged (same sha256), skipped\n`));
        }
        continue;
      }
      const doc = await ingestFile(file, { aliases });
      const clash = ids.get(doc.id);
      if (clash) throw new UserError(`${file}: id "${doc.id}" is already taken by ${clash} in this run (rename one of the files)`);
      ids.set(doc.id, file);
      await saveDocument(options.data, doc);
      store?.put([doc], { force: true });
      docs.push(doc);
      if (!options.json) {
        progress.done();
        printSummary(doc, options);
      }
    } catch (error) {
      progress.done();
      failed++;
      const message = error instanceof UserError ? error.message : `${file}: ${(error as Error).message}`;
      process.stderr.write(`policy: ${message}\n`);
    }
  }
  progress.done();
  if (store) {
    const all = store.all<[string, string]>('SELECT id, sha256 FROM documents').map(([id, sha256]) => ({ id, sha256 }));
    // after a bulk load: one FTS5 segment and no free pages (a few seconds a thousand documents)
    if (docs.length >= COMPACT_AFTER) store.compact();
    store.close();
    warnSameContent(docs, all, options.data);
  } else if (docs.length > 0) {
    warnSameContent(docs, (await loadDocuments(options.data)).map((d) => ({ id: d.id, sha256: d.source.sha256 })), options.data);
  }
  if (docs.length > 0 || (!store && skipped > 0)) {
    // the store is up to date document by document; this also takes in folders it lacks
    const index = await writeSearchIndex(options.data);
    if (!options.json && !options.quiet) process.stdout.write(style.dim(`search index: ${index}\n`));
  }
  if (options.json) process.stdout.write(JSON.stringify(docs.length === 1 && paths.length === 1 ? docs[0] : docs, null, 2) + '\n');
  if (!options.json && !options.quiet && paths.length > 1) {
    process.stdout.write(`${docs.length} of ${paths.length} documents ingested into ${options.data}/\n`);
  }
  return failed;
}

/**
 * The same bytes under two ids (a copy under another name) would show every search hit twice;
 * both are kept, and the user is told which.
 */
function warnSameContent(ingested: PolicyDocument[], all: Array<{ id: string; sha256: string }>, dataDir: string): void {
  const byHash = new Map<string, string[]>();
  for (const doc of all) byHash.set(doc.sha256, [...(byHash.get(doc.sha256) ?? []), doc.id]);
  for (const doc of ingested) {
    const others = (byHash.get(doc.source.sha256) ?? []).filter((id) => id !== doc.id);
    if (others.length === 0) continue;
    process.stderr.write(
      `policy: ${doc.source.path}: warning: same content as ${others.map((id) => `"${id}"`).join(', ')} in ${dataDir}/ ` +
        `(both are kept and searched; to drop one: rm -r ${path.join(dataDir, others[0])})\n`,
    );
  }
}

function printSummary(doc: PolicyDocument, options: IngestCliOptions): void {
  const warnings = doc.diagnostics.filter((d) => d.severity !== 'info');
  if (!options.quiet) {
    const counts = [
      plural(doc.tasks.length, 'task'),
      plural(doc.departments.length, 'department'),
      plural(doc.indicators.length, 'indicator'),
      plural(doc.targets.length, 'target'),
      plural(doc.references.length, 'reference'),
    ].join(', ');
    const head = `${style.green('✓')} ${style.bold(doc.id)}  ${doc.title ?? '(untitled)'}`;
    const { format, encoding } = doc.source;
    const shownEncoding = encoding !== 'utf-8' && encoding !== 'binary' ? encoding : null;
    // a converted file says what it was (docx, html gb18030); a text file only an unusual encoding
    const from = format === 'text' || format === 'markdown' ? shownEncoding : [format, shownEncoding].filter(Boolean).join(' ');
    const meta = [doc.docNumber, doc.date, from].filter(Boolean).join('  ');
    process.stdout.write(`${head}\n  ${meta ? meta + '  ' : ''}${counts}; ${plural(warnings.length, 'warning')}\n`);
  }
  const color = useColor(process.stdout);
  for (const d of warnings) {
    process.stdout.write(`  ${doc.source.path}:${d.line}:${d.column}  ${style.yellow(d.severity, color)}  ${d.message}  ${style.dim(d.rule, color)}\n`);
  }
}
