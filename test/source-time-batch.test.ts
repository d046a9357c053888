import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build } from '../src/index.js';
import { displayPath } from '../src/read/files.js';
import { chunks } from '../src/workflow/git-batch.js';
import { sourceTimes } from '../src/workflow/source-time.js';
import { CREW_CHART as CHART, fakeGit, run, tempDir, withEnv, withGitFirst } from './helpers.js';

/**
 * The source dates are read with a fixed number of git processes per repository (one `status`,
 * one `log`), whatever the number of files, and give every file the date the per-file questions
 * of before gave it (`git status --porcelain -- name` and `git log -1 --format=%ct -- name` in
 * the file's folder): its last commit when git names no change, else its modification time.
 */

const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !['SOURCE_DATE_EPOCH', 'GIT_DIR', 'GIT_WORK_TREE'].includes(k)),
);
const gitAt =
  (dir: string) =>
  (when: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
      cwd: dir,
      env: { ...env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when },
      encoding: 'utf8',
    });

/** The answer of before: two git processes per file, in its folder. */
function perFile(file: string): string {
  const mtime = new Date(Math.floor(readMtime(file) / 1000) * 1000).toISOString();
  const ask = (...args: string[]) => {
    try {
      return execFileSync('git', ['-c', 'core.quotePath=false', ...args, '--', basename(file)], {
        cwd: dirname(file),
        env: process.env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return null;
    }
  };
  const status = ask('status', '--porcelain');
  if (status === null || status.trim() !== '') return mtime;
  const seconds = Number(ask('log', '-1', '--format=%ct')?.trim());
  return Number.isInteger(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : mtime;
}
const readMtime = (file: string) =>
  Number(execFileSync('stat', ['-c', '%.3Y', file], { encoding: 'utf8' })) * 1000;

/** A git first on PATH that logs its arguments, then runs the real one. */
function loggingGit(): { bin: string; calls: () => string[] } {
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const bin = tempDir('rolemark-git-log-');
  const log = join(bin, 'calls.log');
  writeFileSync(log, '');
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  return {
    bin,
    calls: () => {
      const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      writeFileSync(log, '');
      return lines.map(
        (l) => l.split(' -- ')[0]?.replace(/^--literal-pathspecs -c core\.quotePath=false /u, '') ?? '',
      );
    },
  };
}

const STILL = new Date('2025-01-02T03:04:05Z');
const write = (file: string, text: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  utimesSync(file, STILL, STILL);
};

/**
 * A repository with every kind of file: committed at different times (one in a merged branch),
 * modified, untracked (in an untracked folder too), ignored, renamed (committed and staged),
 * added but never committed, names with spaces, non-ASCII letters and pattern characters.
 */
function richRepository(): { dir: string; files: Record<string, string> } {
  const dir = tempDir('rolemark-git-rich-');
  const git = gitAt(dir);
  const f = (name: string) => join(dir, name);
  write(f('.gitignore'), 'ignored*.md\n');
  write(f('old.md'), 'old\n');
  write(f('teams/équipe ops.md'), 'ops\n');
  write(f('[a].md'), 'pattern\n');
  write(f('stays.md'), 'stays\n');
  write(f('to-modify.md'), 'first\n');
  write(f('staged-from.md'), 'staged\n');
  git('2021-01-01T00:00:00Z', 'init', '-q', '-b', 'main');
  git('2021-01-01T00:00:00Z', 'add', '.');
  git('2021-01-01T00:00:00Z', 'commit', '-q', '-m', 'one');
  write(f('teams/équipe ops.md'), 'ops, twice\n');
  git('2022-02-02T00:00:00Z', 'commit', '-q', '-am', 'two');
  git('2022-03-03T00:00:00Z', 'mv', 'old.md', 'renamed.md');
  git('2022-03-03T00:00:00Z', 'commit', '-q', '-m', 'rename');
  // A branch merged without fast-forward, while main changed another file.
  git('2022-04-04T00:00:00Z', 'checkout', '-q', '-b', 'side');
  write(f('side.md'), 'side\n');
  git('2022-04-04T00:00:00Z', 'add', 'side.md');
  git('2022-04-04T00:00:00Z', 'commit', '-q', '-m', 'side');
  git('2022-05-05T00:00:00Z', 'checkout', '-q', 'main');
  write(f('stays.md'), 'stays, edited on main\n');
  git('2022-05-05T00:00:00Z', 'commit', '-q', '-am', 'main');
  git('2022-06-06T00:00:00Z', 'merge', '-q', '--no-ff', 'side', '-m', 'merge');
  // Not committed: modified, staged rename, added, untracked, ignored.
  write(f('to-modify.md'), 'second\n');
  git('2023-01-01T00:00:00Z', 'mv', 'staged-from.md', 'staged-to.md');
  write(f('added.md'), 'added\n');
  git('2023-01-01T00:00:00Z', 'add', 'added.md');
  write(f('untracked.md'), 'untracked\n');
  write(f('new folder/deep/untracked é.md'), 'untracked\n');
  write(f('ignored-notes.md'), 'ignored\n');
  for (const name of ['renamed.md', 'staged-to.md']) utimesSync(f(name), STILL, STILL);
  const names = [
    'renamed.md',
    'teams/équipe ops.md',
    '[a].md',
    'stays.md',
    'side.md',
    'to-modify.md',
    'staged-to.md',
    'added.md',
    'untracked.md',
    'new folder/deep/untracked é.md',
    'ignored-notes.md',
  ];
  return { dir, files: Object.fromEntries(names.map((n) => [n, f(n)])) };
}

describe('source dates read with a fixed number of git processes', () => {
  it('dates every kind of file as the per-file questions did', async () => {
    const { dir, files } = richRepository();
    const { bin, calls } = loggingGit();
    await withGitFirst(bin, async () => {
      const times = await sourceTimes(Object.values(files));
      expect(calls().sort()).toEqual([
        'log --format=\u0001%ct --name-only -z --no-renames --diff-merges=combined',
        'status --porcelain -z --untracked-files=all',
      ]);
      const before = Object.fromEntries(Object.values(files).map((file) => [file, perFile(file)]));
      expect(times).toEqual(before);
      // And the dates themselves: a commit's time for the committed files, else the file's.
      const still = STILL.toISOString();
      expect(Object.fromEntries(Object.entries(files).map(([n, file]) => [n, times[file]]))).toEqual({
        'renamed.md': '2022-03-03T00:00:00.000Z',
        'teams/équipe ops.md': '2022-02-02T00:00:00.000Z',
        '[a].md': '2021-01-01T00:00:00.000Z',
        'stays.md': '2022-05-05T00:00:00.000Z',
        'side.md': '2022-04-04T00:00:00.000Z',
        'to-modify.md': still,
        'staged-to.md': still,
        'added.md': still,
        'untracked.md': still,
        'new folder/deep/untracked é.md': still,
        'ignored-notes.md': still,
      });
    });
    expect(dir).not.toBe('');
  });

  it('starts the same two processes for 1, 5 and 40 files', async () => {
    const { bin, calls } = loggingGit();
    await withGitFirst(bin, async () => {
      for (const count of [1, 5, 40]) {
        const dir = tempDir('rolemark-git-many-');
        const git = gitAt(dir);
        const files = Array.from({ length: count }, (_, i) => join(dir, `team ${i}.md`));
        for (const file of files) write(file, `${file}\n`);
        git('2020-01-01T00:00:00Z', 'init', '-q');
        git('2020-01-01T00:00:00Z', 'add', '.');
        git('2020-01-01T00:00:00Z', 'commit', '-q', '-m', 'all');
        // Every third file changed again later; the last one left modified.
        for (const file of files.filter((_, i) => i % 3 === 2)) write(file, 'again\n');
        git('2020-02-02T00:00:00Z', 'commit', '-q', '--allow-empty', '-am', 'again');
        write(files[count - 1] as string, 'modified\n');
        calls();
        const times = await sourceTimes(files);
        expect(calls()).toHaveLength(2);
        const expected = (i: number) =>
          i === count - 1
            ? STILL.toISOString()
            : i % 3 === 2
              ? '2020-02-02T00:00:00.000Z'
              : '2020-01-01T00:00:00.000Z';
        expect(times).toEqual(Object.fromEntries(files.map((file, i) => [file, expected(i)])));
      }
    });
  });

  it('a repository with no commits, a subfolder of a work tree and git told by the environment', async () => {
    const empty = tempDir('rolemark-git-empty-');
    write(join(empty, 'chart.md'), 'x\n');
    gitAt(empty)('2020-01-01T00:00:00Z', 'init', '-q');
    const repo = tempDir('rolemark-git-told-');
    write(join(repo, 'charts', 'a.md'), 'a\n');
    write(join(repo, 'charts', 'b.md'), 'b\n');
    gitAt(repo)('2020-01-01T00:00:00Z', 'init', '-q');
    gitAt(repo)('2020-01-01T00:00:00Z', 'add', '.');
    gitAt(repo)('2020-03-04T00:00:00Z', 'commit', '-q', '-m', 'both');
    write(join(repo, 'charts', 'b.md'), 'b, edited\n');
    const files = [join(empty, 'chart.md'), join(repo, 'charts', 'a.md'), join(repo, 'charts', 'b.md')];
    const expected = {
      [files[0] as string]: STILL.toISOString(),
      [files[1] as string]: '2020-03-04T00:00:00.000Z',
      [files[2] as string]: STILL.toISOString(),
    };
    await withEnv({ GIT_DIR: undefined, GIT_WORK_TREE: undefined }, async () => {
      expect(await sourceTimes(files)).toEqual(expected);
    });
    // GIT_DIR and GIT_WORK_TREE set: git in the files' folder, names read back from the top.
    await withEnv({ GIT_DIR: join(repo, '.git'), GIT_WORK_TREE: repo }, async () => {
      const told = files.slice(1);
      expect(await sourceTimes(told)).toEqual(Object.fromEntries(told.map((f) => [f, perFile(f)])));
      expect(await sourceTimes(told)).toEqual({
        [files[1] as string]: expected[files[1] as string],
        [files[2] as string]: STILL.toISOString(),
      });
    });
  });

  it('a linked worktree, a submodule and a moved file keep their own answers', async () => {
    const dir = tempDir('rolemark-git-wt-');
    const git = gitAt(dir);
    write(join(dir, 'a.md'), 'a\n');
    git('2020-01-01T00:00:00Z', 'init', '-q', '-b', 'main');
    git('2020-01-01T00:00:00Z', 'add', '.');
    git('2020-01-01T00:00:00Z', 'commit', '-q', '-m', 'a');
    const linked = join(tempDir('rolemark-git-linked-'), 'wt');
    git('2020-01-01T00:00:00Z', 'worktree', 'add', '-q', '-b', 'other', linked);
    write(join(linked, 'b.md'), 'b\n');
    gitAt(linked)('2020-05-05T00:00:00Z', 'add', 'b.md');
    gitAt(linked)('2020-05-05T00:00:00Z', 'commit', '-q', '-m', 'b');
    renameSync(join(dir, 'a.md'), join(dir, 'moved.md'));
    // A submodule: its files are dated by its own history.
    const sub = tempDir('rolemark-git-sub-');
    write(join(sub, 'c.md'), 'c\n');
    gitAt(sub)('2020-07-07T00:00:00Z', 'init', '-q');
    gitAt(sub)('2020-07-07T00:00:00Z', 'add', '.');
    gitAt(sub)('2020-07-07T00:00:00Z', 'commit', '-q', '-m', 'c');
    git('2020-08-08T00:00:00Z', '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'sub');
    git('2020-08-08T00:00:00Z', 'commit', '-q', '-m', 'submodule');
    const files = [
      join(linked, 'a.md'),
      join(linked, 'b.md'),
      join(dir, 'moved.md'),
      join(dir, 'sub', 'c.md'),
    ];
    await withEnv({ GIT_DIR: undefined, GIT_WORK_TREE: undefined }, async () => {
      const times = await sourceTimes(files);
      expect(times).toEqual(Object.fromEntries(files.map((f) => [f, perFile(f)])));
      expect(times[files[1] as string]).toBe('2020-05-05T00:00:00.000Z');
      expect(times[files[3] as string]).toBe('2020-07-07T00:00:00.000Z');
    });
  });

  it('ends git log once every file has its commit', async () => {
    // A log that writes the files' commit, then would go on for a long time.
    const { bin, record } = fakeGit((log) => [
      `[ "$4" = status ] && exit 0`,
      `trap 'kill $!; echo ended >> ${log}; exit 143' TERM`,
      `printf '\\0011600000000\\0\\na.md\\0b.md\\0'`,
      'sleep 30 & wait',
      `echo finished >> ${log}`,
    ]);
    const dir = tempDir('rolemark-dated-');
    mkdirSync(join(dir, '.git'));
    const files = [join(dir, 'a.md'), join(dir, 'b.md')];
    for (const file of files) write(file, 'x\n');
    await withGitFirst(bin, async () => {
      expect(await sourceTimes(files)).toEqual({
        [files[0] as string]: '2020-09-13T12:26:40.000Z',
        [files[1] as string]: '2020-09-13T12:26:40.000Z',
      });
    });
    // Ended by the reader, not left to run (its trap writes as it ends).
    await vi.waitFor(() => expect(readFileSync(record, 'utf8')).toBe('ended\n'), { timeout: 5000 });
  });

  it('build() asks git while it reads the content, and dates the documents by the commits', async () => {
    const dir = tempDir('rolemark-git-early-');
    const git = gitAt(dir);
    write(join(dir, 'crew.md'), CHART);
    write(join(dir, 'broken.md'), CHART);
    git('2024-03-05T10:20:30Z', 'init', '-q');
    git('2024-03-05T10:20:30Z', 'add', '.');
    git('2024-03-05T10:20:30Z', 'commit', '-q', '-m', 'charts');
    const { bin, calls } = loggingGit();
    const saved = process.env.SOURCE_DATE_EPOCH;
    delete process.env.SOURCE_DATE_EPOCH;
    try {
      await withGitFirst(bin, async () => {
        const out = join(tempDir('rolemark-early-out-'), 'out');
        const options = { out, formats: ['pdf' as const], templates: ['team-charter'], force: true };
        const built = await build([join(dir, 'crew.md')], options);
        expect(built.ok).toBe(true);
        expect(built.sourceTimes).toEqual({
          [displayPath(join(dir, 'crew.md'))]: '2024-03-05T10:20:30.000Z',
        });
        const pdf = join(out, built.files.find((f) => f.endsWith('.pdf')) ?? '');
        expect(/CreationDate:\s+(.*)/.exec(run('pdfinfo', ['-isodates', pdf]))?.[1]?.trim()).toBe(
          '2024-03-05T10:20:30Z',
        );
        expect(calls().sort()).toEqual([
          'log --format=\u0001%ct --name-only -z --no-renames --diff-merges=combined',
          'status --porcelain -z --untracked-files=all',
        ]);
        // Started before the content is read: a build that stops at an error in it asked git too
        // (before, git came after the rules, and such a build never started it).
        write(join(dir, 'broken.md'), `${CHART}| Ship | Q |\n`);
        const failed = await build([join(dir, 'broken.md')], {
          ...options,
          rules: { 'unknown-code': 'error' },
        });
        expect(failed.ok).toBe(false);
        expect(calls()).toHaveLength(2);
      });
    } finally {
      if (saved !== undefined) process.env.SOURCE_DATE_EPOCH = saved;
    }
  });

  it('asks about four repositories at a time', async () => {
    const { bin, record } = fakeGit((log) => [`echo start >> ${log}`, 'sleep 1', `echo end >> ${log}`]);
    // Six repositories (a `.git` each), one file in each.
    const files = Array.from({ length: 6 }, (_, i) => {
      const dir = tempDir(`rolemark-repo-${i}-`);
      mkdirSync(join(dir, '.git'));
      write(join(dir, 'team.md'), 'x\n');
      return join(dir, 'team.md');
    });
    await withGitFirst(bin, async () => {
      expect(Object.values(await sourceTimes(files))).toEqual(files.map(() => STILL.toISOString()));
    });
    const events = readFileSync(record, 'utf8').trim().split('\n');
    expect(events.filter((e) => e === 'start')).toHaveLength(12);
    let running = 0;
    let most = 0;
    for (const e of events) {
      running += e === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    // Two processes per repository, four repositories at once at most.
    expect(most).toBeLessThanOrEqual(8);
  });

  it('splits a very long list of names into command lines of bounded length', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `teams/team number ${i}.md`);
    const groups = chunks(names);
    expect(groups.flat()).toEqual(names);
    expect(groups.length).toBeGreaterThan(1);
    for (const group of groups) expect(group.join(' ').length).toBeLessThanOrEqual(24_000);
    expect(chunks(['one.md'])).toEqual([['one.md']]);
  });
});
