import { Command, CommanderError } from 'commander';
import { UserError } from '../model/errors.js';
import { registerIngest } from './commands/ingest.js';
import { registerReading } from './commands/reading.js';
import { registerSearch } from './commands/search.js';
import { registerCompare } from './commands/compare.js';
import { registerReport } from './commands/report.js';

/**
 * The `policy` command line: a thin layer over the library. Each command lives in
 * `commands/`, registers itself on the program and throws UserError for bad input.
 */
export function buildProgram(): Command {
  const program = new Command('policy')
    .description('Read Chinese government policy documents (公文) into a structured model; search, print and compare them.')
    .version('0.1.0')
    .showHelpAfterError('(run `policy --help` for usage)');
  registerIngest(program);
  registerReading(program);
  registerSearch(program);
  registerCompare(program);
  registerReport(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
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
