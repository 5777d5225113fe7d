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
