import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../../model/errors.js';
import type { PostgresStore } from '../../search/postgres.js';
import { queryPostgres, querySqlite } from '../../search/sql.js';
import { folderEngine, openStore, storePath, useDb } from '../../search/store.js';
import { examples } from '../format.js';

/** `policy sql "<SELECT …>"`: a read-only query over the store's tables (docs/store.md). */
export function registerSql(program: Command): void {
  program
    .command('sql')
    .description(
      'run one read-only SELECT over the store: documents, tasks, assignments, departments, department_aliases, indicators, targets, units, sections',
    )
    .argument('<query>', 'one SELECT or WITH … SELECT statement')
    .option('-d, --data <dir>', 'data folder written by `policy ingest`', 'output')
    .option('--json', 'print the rows as JSON objects')
    .option('--db <url>', 'the store on a PostgreSQL server (postgres://…; default POLICY_DB, else <data>/policy.db)')
    .addHelpText(
      'after',
      examples(
        `policy sql "SELECT unit, count(*) FROM assignments WHERE role = 'lead' GROUP BY unit ORDER BY 2 DESC LIMIT 10"`,
        `policy sql "SELECT d.id, t.number, t.title FROM tasks t JOIN documents d ON d.num = t.doc WHERE t.deadline LIKE '2025%'"`,
      ) + '\nThe tables are described in docs/store.md.',
    )
    .action((query: string, opts: { data: string; json?: boolean; db?: string }) => {
      useDb(opts.db);
      let result;
      if (folderEngine() === 'postgres') result = queryPostgres(openStore(opts.data) as PostgresStore, query);
      else {
        const file = storePath(opts.data);
        if (!existsSync(file)) throw new UserError(`${file}: no store (run \`policy ingest <files…> --data ${opts.data}\` first)`);
        result = querySqlite(file, query);
      }
      const { columns, rows } = result;
      if (opts.json) {
        process.stdout.write(
          JSON.stringify(
            rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))),
            null,
            2,
          ) + '\n',
        );
        return;
      }
      const cell = (v: unknown) => (v === null ? '' : String(v).replace(/[\t\n]/g, ' '));
      process.stdout.write([columns.join('\t'), ...rows.map((r) => r.map(cell).join('\t'))].join('\n') + '\n');
    });
}
