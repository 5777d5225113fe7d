import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { policy, repoRoot } from '../helpers/cli.js';

/**
 * Each command loads only what it uses: pdfkit only for PDFs, exceljs only for the XLSX.
 * A resolve hook records every package the CLI process loads.
 */
let dir: string;
let data: string;
let hook: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'policy-startup-'));
  data = path.join(dir, 'data');
  expect(policy(['ingest', 'corpus/wuxi-urbanization-plan-2021-2035.txt', '--data', data, '-q']).status).toBe(0);
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (/^(pdfkit|exceljs)$/.test(specifier)) appendFileSync(process.env.POLICY_LOADED, specifier + '\\n');
  return next(specifier, context);
}
`,
  );
  hook = path.join(dir, 'register.mjs');
  writeFileSync(hook, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
});

function loaded(args: string[]): string[] {
  const log = path.join(dir, `loaded-${args.join('-').replace(/\W+/g, '_')}.txt`);
  const r = spawnSync(process.execPath, ['--import', hook, '--import', 'tsx', path.join(repoRoot, 'test/helpers/policy-dev.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', POLICY_LOADED: log },
  });
  expect(r.status, r.stderr).toBe(0);
  return existsSync(log) ? [...new Set(readFileSync(log, 'utf8').trim().split('\n'))].sort() : [];
}

describe('commands load only what they use', () => {
  it.each([
    [['--help'], []],
    [['tasks', '--data', '<data>'], []],
    [['indicators', '--data', '<data>'], []],
    [['export', '--format', 'csv', '--data', '<data>'], []],
    [['export', '--format', 'xlsx', '--data', '<data>'], ['exceljs']],
    [['matrix', '--data', '<data>'], ['pdfkit']],
  ])('policy %j loads %j', (args, expected) => {
    expect(loaded(args.map((a) => (a === '<data>' ? data : a)))).toEqual(expected);
  });
});
