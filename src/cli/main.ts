import { Command, CommanderError } from 'commander';
import { InterruptedError, UserError } from '../model/errors.js';
import { onLoadProblem } from '../model/store.js';
import { wordError } from './errors.js';
import { interrupted, watchInterrupt } from './interrupt.js';

type Register = (program: Command) => void;

/**
 * Command modules, loaded on demand: a command loads only its own module (a cold
 * `policy search` must answer within 0.5 s, and the report module alone pulls in exceljs
 * and pdfkit). `policy --help` and unknown words load them all.
 */
const COMMAND_MODULES: Array<{ commands: string[]; load: () => Promise<Register> }> = [
  { commands: ['ingest', 'remove'], load: async () => (await import('./commands/ingest.js')).registerIngest },
  { commands: ['tasks', 'departments', 'indicators'], load: async () => (await import('./commands/reading.js')).registerReading },
  { commands: ['search'], load: async () => (await import('./commands/search.js')).registerSearch },
  { commands: ['sql'], load: async () => (await import('./commands/sql.js')).registerSql },
  { commands: ['compare'], load: async () => (await import('./commands/compare.js')).registerCompare },
  { commands: ['sheet', 'sheets', 'matrix', 'export'], load: async () => (await import('./commands/report.js')).registerReport },
  { commands: ['serve'], load: async () => (await import('./commands/serve.js')).registerServe },
];

/**
 * The `policy` command line: a thin layer over the library. Each command lives in
 * `commands/`, registers itself on the program and throws UserError for bad input.
 */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('policy')
    .description('Read Chinese government policy documents (公文) into a structured model; search, print and compare them.')
    .version('0.1.0');
  const owner = COMMAND_MODULES.find((m) => m.commands.includes(argv[2]));
  for (const m of owner ? [owner] : COMMAND_MODULES) (await m.load())(program);
  for (const command of [program, ...program.commands]) command.configureOutput({ outputError: usageError(command) });
  return program;
}

/**
 * Commander's usage errors (unknown option, missing argument) in the same one-line form as
 * ours, pointing at the command's own help.
 */
function usageError(command: Command): (message: string, write: (s: string) => void) => void {
  const help = command.parent ? `policy ${command.name()} --help` : 'policy --help';
  return (message, write) => write(`policy: ${message.trim().replace(/^error: /, '')} (see \`${help}\`)\n`);
}

export async function main(argv: string[]): Promise<number> {
  // a damaged or outdated document in the data folder is left out with a line on stderr;
  // the command goes on with the others and exits 1
  const stopListening = onLoadProblem((problem) => {
    process.stderr.write(`policy: ${problem.message}; left out\n`);
    process.exitCode = 1;
  });
  const stopWatching = watchInterrupt();
  try {
    return await run(argv);
  } finally {
    stopWatching();
    stopListening();
  }
}

async function run(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    if (interrupted()) {
      process.stderr.write('policy: interrupted: the command had finished its work\n');
      return 130;
    }
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof InterruptedError) {
      process.stderr.write(`policy: ${error.message}\n`);
      return 130; // 128 + SIGINT, as a shell reports a command stopped by Ctrl-C
    }
    if (error instanceof UserError) {
      process.stderr.write(`policy: ${wordError(error, argv[2])}\n`);
      return 1;
    }
    process.stderr.write(`policy: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.POLICY_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
    return 70;
  }
}
