import { Command, CommanderError } from 'commander';
import { UserError } from '../model/errors.js';

type Register = (program: Command) => void;

/**
 * Command modules, loaded on demand: `policy search` must answer a cold start within 0.5 s,
 * so it loads only its own module (the others pull in exceljs, pdfkit, remark …).
 */
const COMMAND_MODULES: Array<{ name: string; load: () => Promise<Register> }> = [
  { name: 'ingest', load: async () => (await import('./commands/ingest.js')).registerIngest },
  { name: 'reading', load: async () => (await import('./commands/reading.js')).registerReading },
  { name: 'search', load: async () => (await import('./commands/search.js')).registerSearch },
  { name: 'compare', load: async () => (await import('./commands/compare.js')).registerCompare },
  { name: 'report', load: async () => (await import('./commands/report.js')).registerReport },
];
const FAST_COMMANDS = new Set(['search']);

/**
 * The `policy` command line: a thin layer over the library. Each command lives in
 * `commands/`, registers itself on the program and throws UserError for bad input.
 */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('policy')
    .description('Read Chinese government policy documents (公文) into a structured model; search, print and compare them.')
    .version('0.1.0')
    .showHelpAfterError('(run `policy --help` for usage)');
  const only = FAST_COMMANDS.has(argv[2]) ? argv[2] : null;
  for (const m of COMMAND_MODULES) if (only === null || m.name === only) (await m.load())(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UserError) {
      process.stderr.write(`policy: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`policy: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.POLICY_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
    return 70;
  }
}
