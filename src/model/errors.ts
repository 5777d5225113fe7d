/**
 * An error the user can act on: the CLI prints its message on one line, without a stack
 * trace, and exits non-zero. Messages name the file (or the argument) and the problem.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * A document of the data folder that cannot be loaded: not JSON, not a document, saved by
 * another schema version, unreadable. Commands over the whole folder leave it out (with one
 * line naming it); a command given its id fails with this error.
 */
export class DamagedDocumentError extends UserError {
  constructor(
    readonly id: string,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'DamagedDocumentError';
  }
}

/** The user pressed Ctrl-C: the command stops at the next file boundary; `done` says what was finished. */
export class InterruptedError extends UserError {
  constructor(readonly done: string) {
    super(`interrupted: ${done}`);
    this.name = 'InterruptedError';
  }
}
