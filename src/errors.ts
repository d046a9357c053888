/**
 * An error the user can act on: bad usage, an unreadable input, a refused output folder. The CLI
 * prints its message (no stack trace) and exits with its code.
 */
export class RolemarkError extends Error {
  constructor(
    message: string,
    /**
     * 2 for usage and input errors, 1 for a build that failed its checks, 128 + the signal's
     * number for a build stopped by a signal (130 for Ctrl+C, 143 for SIGTERM).
     */
    readonly exitCode: 1 | 2 | 130 | 143 = 2,
  ) {
    super(message);
    this.name = 'RolemarkError';
  }
}
