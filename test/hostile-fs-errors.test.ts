/**
 * A full disk and a folder without write permission, as the build meets them: one line saying
 * what happened and where, exit code 2, and the previous output as it was. The file system is
 * mocked to fail: a real full disk needs a mount, and permissions do not hold for root.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeAtomically } from '../src/outputs.js';
import { snapshot } from './cli-process.js';
import { tempDir } from './helpers.js';

const { failing, fail } = vi.hoisted(() => {
  const state = { call: '', code: '' };
  /** Throws the error `failing` names when `call` is the one to fail, as Node's own would read. */
  const failIf = (call: string, path: unknown): void => {
    if (state.call !== call) return;
    const error = new Error(`${state.code}: mocked, ${call} '${String(path)}'`) as NodeJS.ErrnoException;
    error.code = state.code;
    error.path = String(path);
    throw error;
  };
  return { failing: state, fail: failIf };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    writeFile: async (path: Parameters<typeof fs.writeFile>[0], ...rest: unknown[]) => {
      fail('writeFile', path);
      return (fs.writeFile as (...a: unknown[]) => Promise<void>)(path, ...rest);
    },
    mkdir: async (path: Parameters<typeof fs.mkdir>[0], ...rest: unknown[]) => {
      fail('mkdir', path);
      return (fs.mkdir as (...a: unknown[]) => Promise<string | undefined>)(path, ...rest);
    },
  };
});

// The outputs themselves are written synchronously (outputs.ts, `writeAtomically`).
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    writeFileSync: (path: Parameters<typeof fs.writeFileSync>[0], ...rest: unknown[]) => {
      fail('writeFile', path);
      return (fs.writeFileSync as (...a: unknown[]) => void)(path, ...rest);
    },
    mkdirSync: (path: Parameters<typeof fs.mkdirSync>[0], ...rest: unknown[]) => {
      fail('mkdir', path);
      return (fs.mkdirSync as (...a: unknown[]) => string | undefined)(path, ...rest);
    },
  };
});

afterEach(() => {
  failing.call = '';
});

async function* files() {
  yield { path: 'roles/a.pdf', data: 'a' };
  yield { path: 'model.json', data: '{}' };
}

describe('file system errors while writing the output', () => {
  it.each([
    [
      'writeFile',
      'ENOSPC',
      /Cannot write the output `.*out`: no space left on the device \(ENOSPC\) at `.*\.out\.rolemark-staging-[^`]*\/roles\/a\.pdf`; nothing was written/u,
    ],
    [
      'mkdir',
      'EACCES',
      /Cannot write the output `.*out`: permission denied \(EACCES\) at `.*`; nothing was written/u,
    ],
    ['writeFile', 'EDQUOT', /the disk quota is exceeded \(EDQUOT\)/u],
    ['writeFile', 'EROFS', /the file system is read-only \(EROFS\)/u],
  ])('%s failing with %s: says so, exit code 2, out/ as it was', async (call, code, message) => {
    const parent = tempDir();
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(join(out, '.gitkeep'), '');
    const before = snapshot(out);
    failing.call = call;
    failing.code = code;
    const error = await writeAtomically(out, files()).catch((e: unknown) => e);
    failing.call = '';
    expect(error).toMatchObject({ name: 'RolemarkError', exitCode: 2 });
    expect((error as Error).message).toMatch(message);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['out']);
  });
});
