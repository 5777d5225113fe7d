import { type Command, Option } from 'commander';
import { UserError } from '../../model/errors.js';
import { listDocumentIds } from '../../model/store.js';
import { examples } from '../format.js';

interface ServeCommandOptions {
  data: string;
  port: string;
  host: string;
  allowIngest?: boolean;
}

/** `policy serve`: the web workbench over a data folder (src/web). */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('open the web workbench: search, the review view of each document, department sheets, comparison')
    .option('-d, --data <dir>', 'data folder written by `policy ingest`', 'output')
    .addOption(new Option('--port <n>', 'port to listen on (0: any free port)').default('8080', '8080'))
    .option('--host <address>', 'address to listen on (default: this machine only; 0.0.0.0 opens it to the network)', '127.0.0.1')
    .option('--allow-ingest', 'accept documents uploaded from the browser (default: read-only)')
    .addHelpText('after', examples('policy serve', 'policy serve --data output --port 3000', 'policy serve --allow-ingest'))
    .action(async (opts: ServeCommandOptions) => {
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port.trim()) || port > 65535) throw new UserError(`--port: must be a whole number from 0 to 65535, got "${opts.port}"`);
      // a missing data folder is named now, not at the first page (an empty one is fine with --allow-ingest)
      const ids = await listDocumentIds(opts.data).catch((error: unknown) => {
        if (opts.allowIngest && error instanceof UserError) return [];
        throw error;
      });
      const { serve } = await import('../../web/server.js');
      const running = await serve({ dataDir: opts.data, port, host: opts.host, allowIngest: Boolean(opts.allowIngest) }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EADDRINUSE') throw new UserError(`--port ${port}: already in use (try --port ${port + 1}, or --port 0 for any free port)`);
          if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') throw new UserError(`--host ${opts.host}: not an address of this machine`);
          throw error;
        },
      );
      const mode = opts.allowIngest ? 'uploads allowed' : 'read-only';
      process.stdout.write(`policy workbench: ${running.url}/  (${ids.length} documents in ${opts.data}/, ${mode}; Ctrl+C stops it)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          void running.close().then(resolve);
          running.server.closeAllConnections();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
