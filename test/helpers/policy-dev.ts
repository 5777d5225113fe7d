// The CLI entry for tests: bin/policy.js runs the compiled dist/, this runs src/ through tsx.
import { main } from '../../src/cli/main.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
main(process.argv).then((code) => {
  process.exitCode = code;
});
