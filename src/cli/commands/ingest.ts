import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { documentId } from '../../extract/index.js';
import { AliasTable } from '../../model/departments.js';
import { UserError } from '../../model/errors.js';
import { documentPath, saveDocument } from '../../model/store.js';
import type { PolicyDocument } from '../../model/types.js';
import { SCHEMA_VERSION } from '../../model/types.js';
import { folderEngine, openStore, rebuildSearchIndex, updateSearchStore, useDb, writeSearchIndex } from '../../search/store.js';
import { DocumentReader, type ReadDocument } from '../document-reader.js';
import { expandPatterns } from '../files.js';
import { examples, Progress, plural, style, useColor } from '../format.js';
import { checkpoint } from '../interrupt.js';

interface IngestCliOptions {
  db?: string;
  data: string;
  json?: boolean;
  aliases?: string[];
  quiet?: boolean;
  maxSize: string;
}

/** Default of --max-size: a 公文 is kilobytes; a plan with its annexes a few megabytes. */
export const DEFAULT_MAX_SIZE = '50MB';

/** "50MB", "500KB", "2GB", "1048576" (bytes) → bytes; decimal units, as file managers show sizes. */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KB?|MB?|GB?)?\s*$/i.exec(text);
  if (!m) throw new UserError(`--max-size: "${text}" is not a size (e.g. 50MB, 500KB)`);
  const unit = (m[2] ?? 'B').toUpperCase()[0];
  return Math.round(Number(m[1]) * (unit === 'K' ? 1e3 : unit === 'M' ? 1e6 : unit === 'G' ? 1e9 : 1));
}

function megabytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} KB`;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('read documents (.txt, .md, .html, .docx, .doc, .wps, .pdf, .ofd, .xlsx, .xls, .et, .csv) into the model: <data>/<id>/document.json')
    .argument('<files...>', 'documents to read; wildcards like "corpus/*" are expanded')
    .option('-d, --data <dir>', 'data folder to write to', 'output')
    .option('--db <url>', 'the store on a PostgreSQL server (postgres://…; default POLICY_DB, else <data>/policy.db)')
    .option('--json', 'print the models as a JSON array (one element a document read, also for one file) instead of a summary')
    .option('--aliases <file...>', 'extra department alias groups (JSON: {"groups": [["全称", "简称"]]})')
    .option('-q, --quiet', 'print only problems')
    .option('--max-size <size>', 'refuse files larger than this (50MB, 500KB …), before reading them', DEFAULT_MAX_SIZE)
    .addHelpText(
      'after',
      `
Examples:
  $ policy ingest corpus/wuxi-urbanization-plan-2021-2035.txt
  $ policy ingest "plans/*.txt" --data work
  $ policy ingest plan.docx page.html old.doc scan.pdf notice.ofd "downloads/*.htm"
  $ policy ingest 分工表.xlsx 任务清单.xls 台账.et 清单.csv
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
  .xlsx .csv      a spreadsheet (分工表, 任务清单, 台账): each visible sheet a part named by its
                  sheet, rows one a line, merged cells spread over the rows they cover, dates as
                  2024年6月30日; a .csv in UTF-8 or GBK; hidden sheets and password-protected
                  workbooks are not read
  .xls .et        binary Excel/WPS workbooks, through LibreOffice (soffice) when installed
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
    .addHelpText('after', examples('policy ingest "corpus/*" --data work && policy remove chongqing-urbanization-plan-2021-2035 --data work'))
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
  const digest = createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
  return digest === known ? id : null;
}

/** Files read ahead of the one being written (each a model in memory until it is written). */
const READ_AHEAD = 2;

/** What is decided for a file before it is read: the id of the stored document it is unchanged from, else its reading. */
interface Step {
  same: string | null;
  read: Promise<ReadDocument> | null;
}

/**
 * A file's step: unchanged from a stored document of the folder (same id and sha256: not read),
 * refused when larger than --max-size (before it is read), else read.
 */
async function plan(file: string, known: Map<string, string>, dataDir: string, maxSize: number, maxSizeText: string, reader: DocumentReader): Promise<Step> {
  const same = known.size > 0 ? await unchanged(file, known) : null;
  if (same !== null && existsSync(documentPath(dataDir, same))) return { same, read: null };
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : 0),
    () => 0,
  ); // the reader names other problems
  if (size > maxSize) {
    throw new UserError(
      `${file}: ${megabytes(size)}, larger than --max-size ${maxSizeText} (not read; give --max-size ${Math.ceil(size / 1e6) + 1}MB to read it)`,
    );
  }
  const read = reader.read(file);
  read.catch(() => undefined); // awaited in turn
  return { same: null, read };
}

/** A document ingested in this run, as the end of the run needs it (its model is not kept). */
interface Ingested {
  id: string;
  sha256: string;
  path: string;
}

/**
 * `--json`: the models as one JSON array, always (a script need not tell one file from several),
 * written as each is read rather than held to the end; the same text as JSON.stringify(models, null, 2).
 */
class JsonArray {
  private count = 0;

  write(doc: PolicyDocument): void {
    const item = JSON.stringify(doc, null, 2).replace(/\n/g, '\n  ');
    process.stdout.write(`${this.count++ === 0 ? '[\n' : ',\n'}  ${item}`);
  }

  end(): void {
    process.stdout.write(this.count === 0 ? '[]\n' : '\n]\n');
  }
}

/** An ingest that put this many documents compacts the store after (see SqliteStore.compact). */
const COMPACT_AFTER = 100;

async function runIngest(files: string[], options: IngestCliOptions): Promise<number> {
  const maxSize = parseSize(options.maxSize);
  const aliases = AliasTable.load(options.aliases ?? []);
  const paths = await expandPatterns(files);
  const progress = new Progress(paths.length);
  // what is kept of each document read: a model is dropped once saved and in the store (or
  // printed), so that memory does not grow with the number of files
  const docs: Ingested[] = [];
  const jsonOut = options.json ? new JsonArray() : null;
  // the in-memory index (POLICY_SEARCH_ENGINE=minisearch) holds every model anyway: built from these
  const models: PolicyDocument[] = [];
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
  const done = (index: string) => () => {
    progress.done();
    return `${docs.length} of ${plural(paths.length, 'document')} ingested into ${options.data}/${docs.length > 0 ? ` (${docs.map((d) => d.id).join(', ')})` : ''}; ${index}`;
  };
  // the store takes each document as it is saved; the in-memory index only at the end
  const state = () =>
    docs.length === 0 ? 'nothing written' : store ? 'each is in the search store' : 'the search index was not updated (the next search rebuilds it)';
  // Reading (read → parse → extract) runs ahead of writing, in a second thread (DocumentReader):
  // the file after next is being read while this one is saved and put in the store. What is
  // decided before a file is read (unchanged, too large) is decided for it as it was; the files
  // are saved and put in the store in the order given, as before.
  const reader = new DocumentReader(aliases, options.aliases ?? [], paths.length);
  const steps: Array<Promise<Step>> = [];
  const step = (i: number): Promise<Step> => {
    steps[i] ??= plan(paths[i], known, options.data, maxSize, options.maxSize, reader);
    steps[i].catch(() => undefined); // awaited in turn below
    return steps[i];
  };
  try {
    for (const [i, file] of paths.entries()) {
      checkpoint(done(state()));
      progress.tick(i, path.basename(file));
      for (let k = i + 1; k <= i + READ_AHEAD && k < paths.length; k++) step(k);
      try {
        let next = await step(i);
        delete steps[i];
        if (next.same !== null && !ids.has(next.same)) {
          ids.set(next.same, file);
          skipped++;
          if (!options.quiet) {
            progress.done();
            process.stdout.write(style.dim(`= ${next.same}  unchanged (same sha256), skipped\n`));
          }
          continue;
        }
        // (a file with the content of a document this run has under its id: read, and refused below)
        if (next.same !== null) next = await plan(file, new Map(), options.data, maxSize, options.maxSize, reader);
        const { doc, json } = await next.read!;
        const clash = ids.get(doc.id);
        if (clash) throw new UserError(`${file}: id "${doc.id}" is already taken by ${clash} in this run (rename one of the files)`);
        ids.set(doc.id, file);
        await saveDocument(options.data, doc, json);
        store?.put([doc], { force: true });
        docs.push({ id: doc.id, sha256: doc.source.sha256, path: doc.source.path });
        jsonOut?.write(doc);
        if (!store) models.push(doc);
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
    checkpoint(done(state()));
    if (store) {
      const all = store.all<[string, string]>('SELECT id, sha256 FROM documents').map(([id, sha256]) => ({ id, sha256 }));
      // after a bulk load: one FTS5 segment and no free pages (a few seconds a thousand documents)
      if (docs.length >= COMPACT_AFTER) store.compact();
      warnSameContent(docs, all, options.data);
    }
  } finally {
    await reader.close();
    store?.close();
    // the models read so far, also when interrupted: stdout is always a whole JSON array
    jsonOut?.end();
  }
  if (store && docs.length > 0) {
    // the store is up to date document by document; this also takes in folders it lacks. A
    // damaged document of the folder is left out and named, but the files of this run went in:
    // the exit status is theirs
    const { file: index, leftOut } = await updateSearchStore(options.data);
    for (const problem of leftOut) process.stderr.write(`policy: ${problem.message}; left out of the search index\n`);
    if (!options.json && !options.quiet) process.stdout.write(style.dim(`search store: ${index}\n`));
  } else if (!store && (docs.length > 0 || skipped > 0)) {
    // the index covers the whole folder; a damaged document of it is left out and named, but
    // the files of this run went in: the exit status is theirs
    const { file: index, docs: all, leftOut } = await rebuildSearchIndex(options.data, models);
    for (const problem of leftOut) process.stderr.write(`policy: ${problem.message}; left out of the search index\n`);
    warnSameContent(
      docs,
      all.map((d) => ({ id: d.id, sha256: d.source.sha256 })),
      options.data,
    );
    checkpoint(done('the search index is up to date'));
    if (!options.json && !options.quiet) process.stdout.write(style.dim(`search index: ${index}\n`));
  }
  if (!options.json && !options.quiet && paths.length > 1) {
    process.stdout.write(`${docs.length} of ${paths.length} documents ingested into ${options.data}/\n`);
  }
  return failed;
}

/**
 * The same bytes under two ids (a copy under another name) would show every search hit twice;
 * both are kept, and the user is told which.
 */
function warnSameContent(ingested: Ingested[], all: Array<{ id: string; sha256: string }>, dataDir: string): void {
  const byHash = new Map<string, string[]>();
  for (const doc of all) byHash.set(doc.sha256, [...(byHash.get(doc.sha256) ?? []), doc.id]);
  for (const doc of ingested) {
    const others = (byHash.get(doc.sha256) ?? []).filter((id) => id !== doc.id);
    if (others.length === 0) continue;
    process.stderr.write(
      `policy: ${doc.path}: warning: same content as ${others.map((id) => `"${id}"`).join(', ')} in ${dataDir}/ ` +
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
