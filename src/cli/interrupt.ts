import { InterruptedError } from '../model/errors.js';
import { removePendingWrites } from '../util/atomic.js';

/**
 * Ctrl-C (SIGINT) during a command: the file being written is finished (every write is a
 * temporary file renamed into place, see util/atomic.ts), the command stops at its next
 * checkpoint — between documents, sheets, files — and `policy` exits 130 with one line
 * saying what was done. A second Ctrl-C stops at once: files being written are abandoned
 * (their temporary files removed), the files already in place are whole.
 */

let controller = new AbortController();

export function interruptSignal(): AbortSignal {
  return controller.signal;
}

export function interrupted(): boolean {
  return controller.signal.aborted;
}

/** Throw InterruptedError, saying what was done, when Ctrl-C was pressed. */
export function checkpoint(done: () => string): void {
  if (interrupted()) throw new InterruptedError(done());
}

/** Listen for SIGINT while a command runs; returns the function that stops listening. */
export function watchInterrupt(): () => void {
  controller = new AbortController();
  const onSignal = () => {
    if (!controller.signal.aborted) {
      controller.abort();
      return;
    }
    removePendingWrites();
    process.stderr.write('policy: interrupted: stopped at once; files being written were abandoned, the others are whole\n');
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
  };
}
