import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReadResult, readRegular, readRegularSync } from '../src/read/regular-file.js';

/**
 * The reading of a capped regular file is written once (src/read/regular-file.ts), with a
 * synchronous and an asynchronous driver: the two used to be copies of each other. Both must
 * answer alike for every kind of path rolemark is pointed at.
 */

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rolemark-regular-'));
  writeFileSync(join(dir, 'small.md'), 'hello\n');
  writeFileSync(join(dir, 'empty.md'), '');
  writeFileSync(join(dir, 'big.md'), Buffer.alloc(3 * 1024 * 1024, 0x61));
  mkdirSync(join(dir, 'folder'));
  symlinkSync(join(dir, 'small.md'), join(dir, 'link.md'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a read gave: its bytes' length and first bytes, how large, or the message it threw. */
const outcome = (r: () => ReadResult): string => {
  try {
    const x = r();
    return x.tooLarge !== undefined
      ? `too large: ${x.tooLarge}`
      : `bytes: ${x.bytes.length} ${x.bytes.subarray(0, 8)}`;
  } catch (error) {
    return `throws: ${(error as Error).message}`;
  }
};
const outcomeAsync = async (r: () => Promise<ReadResult>): Promise<string> => {
  try {
    const x = await r();
    return x.tooLarge !== undefined
      ? `too large: ${x.tooLarge}`
      : `bytes: ${x.bytes.length} ${x.bytes.subarray(0, 8)}`;
  } catch (error) {
    return `throws: ${(error as Error).message}`;
  }
};

describe('readRegular and readRegularSync: one reading, two drivers', () => {
  const cases: [string, number, boolean, string][] = [
    ['small.md', 100, false, 'bytes: 6 hello\n'],
    ['empty.md', 100, false, 'bytes: 0 '],
    ['small.md', 5, false, 'too large: 6'],
    ['big.md', 2 * 1024 * 1024, false, `too large: ${3 * 1024 * 1024}`],
    ['big.md', 4 * 1024 * 1024, false, 'bytes: 3145728 aaaaaaaa'],
    ['folder', 100, false, 'throws: Cannot read `F`: it is a folder, not a regular file'],
    ['fifo', 100, false, 'throws: Cannot read `F`: it is a FIFO (named pipe), not a regular file'],
    ['missing.md', 100, false, 'throws: Cannot read `F`: no such file'],
    ['link.md', 100, false, 'bytes: 6 hello\n'],
    ['link.md', 100, true, 'throws: Cannot read `F`: it is a symbolic link (ELOOP)'],
    [
      '/proc/self/environ',
      100,
      false,
      'throws: Cannot read `F`: it is under /proc; rolemark reads no system files',
    ],
  ];

  it.each(cases)('%s (cap %i, noFollow %s)', async (name, maxBytes, noFollow, expected) => {
    const path = name.startsWith('/') ? name : join(dir, name);
    const options = { maxBytes, noFollow, shown: 'F' };
    const sync = outcome(() => readRegularSync(path, options));
    const async_ = await outcomeAsync(() => readRegular(path, options));
    expect({ sync, async: async_ }).toEqual({ sync: expected, async: expected });
  });

  it('the file is read by one loop, not one per driver', () => {
    const source = readFileSync('src/read/regular-file.ts', 'utf8');
    // Each copy of the loop allocated its chunks and checked the cap itself.
    expect(source.match(/Buffer\.allocUnsafe\(/gu)).toHaveLength(1);
    expect(source.match(/total > options\.maxBytes/gu)).toHaveLength(1);
  });
});
