import type { Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';

/** Runs `run` with an Io that captures what it prints, and returns its exit code with that output. */
export async function captured<T>(
  run: (io: Io) => Promise<T>,
  stdin?: string,
): Promise<{ code: T; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    ...(stdin !== undefined ? { stdin: async () => Buffer.from(stdin) } : {}),
  };
  const code = await run(io);
  return { code, stdout, stderr };
}

/** Runs the CLI in-process and captures what it prints. */
export const cli = (...argv: string[]) => captured((io) => main(argv, io));

/** The CLI with `stdin` as its standard input. */
export const cliWithStdin = (stdin: string, ...argv: string[]) => captured((io) => main(argv, io), stdin);
