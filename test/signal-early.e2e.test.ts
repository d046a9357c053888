/**
 * A signal in the window between the build's thread starting (bin.ts starts it before the command
 * line is read) and the build taking it. On a busy machine the main thread can spend seconds
 * loading the CLI there; a SIGTERM then killed the process with Node's default action: no message,
 * no exit code of ours. A module loader that holds back the CLI's main module holds the process in
 * that window, as a slow machine does, and says so by writing a marker file.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCli, runCli, snapshot } from './cli-process.js';
import { tempDir } from './helpers.js';

let cli: ReturnType<typeof compileCli>;
beforeAll(() => {
  cli = compileCli();
});
afterAll(() => cli?.remove());

const chart = '# Team\n\n| Activity | Lead | Dev |\n|---|---|---|\n| Ship the release | A/R | C |\n';

/** Registers hooks that delay loading cli/main.js by `ms` and touch `marker` when they start. */
function slowMainLoader(dir: string, marker: string, ms: number): string {
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { writeFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.endsWith('/cli/main.js')) {
    writeFileSync(${JSON.stringify(marker)}, '');
    await new Promise((done) => setTimeout(done, ${ms}));
  }
  return next(url, context);
}
`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  return register;
}

describe('a signal before the build has begun', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s: exit %i with our message, out/ as it was, nothing beside it', async (signal, exitCode) => {
    const dir = tempDir('rolemark-early-signal-');
    const project = join(dir, 'project');
    mkdirSync(join(project, 'content'), { recursive: true });
    writeFileSync(join(project, 'content/team.md'), chart);
    const first = await runCli(cli.bin, ['build', 'content', '--out', 'out', '--format', 'json'], {
      cwd: project,
    });
    expect(first.code, first.stderr).toBe(0);
    const before = snapshot(join(project, 'out'));
    const marker = join(dir, 'loading-main');
    let signalled = false;
    const r = await runCli(cli.bin, ['build', 'content', '--out', 'out', '--force'], {
      cwd: project,
      nodeArgs: ['--import', slowMainLoader(dir, marker, 4000)],
      timeout: 60_000,
      started: (child) => {
        const poll = setInterval(() => {
          if (!existsSync(marker)) return;
          clearInterval(poll);
          signalled = child.kill(signal);
        }, 10);
        child.on('close', () => clearInterval(poll));
      },
    });
    expect(signalled, 'the signal came while the CLI was loading').toBe(true);
    expect(r.signal, 'ended by Node’s default action').toBeNull();
    expect(r.code, r.stderr).toBe(exitCode);
    expect(r.stderr).toMatch(new RegExp(`^rolemark: build stopped by ${signal}`, 'mu'));
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?$/mu);
    expect(snapshot(join(project, 'out'))).toEqual(before);
    expect(readdirSync(project).sort()).toEqual(['content', 'out']);
  });
});
