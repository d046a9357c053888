/**
 * A reader that goes away (`rolemark rules | true`, `… | head -1`): every command ends quietly,
 * as other command-line tools do, never with an unhandled EPIPE error and its stack trace
 * (issue 18). The test closes the child's standard output before the child writes to it.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCli } from './cli-process.js';

const COMMANDS: string[][] = [
  ['rules'],
  ['--help'],
  ['export', 'content', '--format', 'json'],
  ['export', 'content', '--format', 'csv'],
  ['check', 'test/fixtures/errors', '--reporter', 'json'],
  ['diff', 'test/fixtures/diff/v1', 'test/fixtures/diff/v2'],
  ['templates'],
];

describe('a closed pipe', () => {
  let cli: ReturnType<typeof compileCli>;
  beforeAll(() => {
    cli = compileCli();
  });
  afterAll(() => cli.remove());

  for (const args of COMMANDS) {
    it(`rolemark ${args.join(' ')} | true`, async () => {
      const child = spawn(process.execPath, [cli.bin, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString('utf8');
      });
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.on('close', (c, s) => resolve([c, s])),
      );
      expect(stderr).not.toContain('EPIPE');
      expect(stderr).not.toMatch(/\n\s+at /u);
      expect(signal).toBeNull();
      // 1 for the command whose content has errors; never 2 (an internal error).
      expect([0, 1]).toContain(code);
    });
  }
});
