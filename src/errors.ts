/**
 * An error the user can act on: bad usage, an unreadable input, a refused output folder. The CLI
 * prints its message (no stack trace) and exits with its code.
 */
export class RolemarkError extends Error {
  constructor(
    message: string,
    /** 2 for usage and input errors, 1 for a build that failed its checks. */
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'RolemarkError';
  }
}
