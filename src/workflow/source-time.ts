import { execFile } from 'node:child_process';
import { lstat, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * When each content file last changed, for the documents' creation dates when neither
 * `SOURCE_DATE_EPOCH` nor a `date:` gives one: the time of the last git commit that touched the
 * file, so that every clone builds the same bytes; its modification time when it is not in a git
 * repository, or has changes not committed yet. Never the clock. A file that cannot be read has
 * no time (the writers fall back to their fixed date).
 */
export async function sourceTimes(files: readonly string[]): Promise<Record<string, string>> {
  const unique = [...new Set(files)].filter((f) => f !== '');
  const out: Record<string, string> = {};
  const inRepository = repositoryFinder();
  // A few git processes at a time: a large content folder must not start hundreds at once.
  const queue = [...unique];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const time = await timeOf(file, inRepository);
      if (time) out[file] = time.toISOString();
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
  return out;
}

/**
 * Whether a folder may be in a git work tree: a `.git` (folder, or file of a linked worktree or
 * submodule) in it or above it, or git told by the environment where the repository is. When not,
 * git would only fail, and the answer is the file's modification time without starting it: a
 * process started from the watch process, large with the writers' code and fonts, held its thread
 * 10-25 ms on every save (docs/performance.md, round four, second half). Answers per folder,
 * shared by the files of one call.
 */
function repositoryFinder(env: NodeJS.ProcessEnv = process.env): (dir: string) => Promise<boolean> {
  const told = Boolean(env.GIT_DIR || env.GIT_WORK_TREE);
  const known = new Map<string, Promise<boolean>>();
  const find = (dir: string): Promise<boolean> => {
    let answer = known.get(dir);
    if (answer === undefined) {
      const parent = dirname(dir);
      answer = lstat(join(dir, '.git')).then(
        () => true,
        () => (parent === dir ? false : find(parent)),
      );
      known.set(dir, answer);
    }
    return answer;
  };
  return (dir) => (told ? Promise.resolve(true) : find(resolve(dir)));
}

async function timeOf(file: string, inRepository: (dir: string) => Promise<boolean>): Promise<Date | null> {
  const mtime = await stat(file).then(
    (s) => new Date(Math.floor(s.mtimeMs / 1000) * 1000),
    () => null,
  );
  if (!mtime) return null;
  const cwd = dirname(file);
  const name = basename(file);
  if (!(await inRepository(cwd))) return mtime;
  // `--porcelain` names the file when it is modified, added or untracked: its commit is not it.
  const status = await git(cwd, ['status', '--porcelain', '--', name]);
  if (status === null || status.trim() !== '') return mtime;
  const seconds = Number((await git(cwd, ['log', '-1', '--format=%ct', '--', name]))?.trim());
  return Number.isInteger(seconds) && seconds > 0 ? new Date(seconds * 1000) : mtime;
}

/** Git's output, or null when git is missing, fails, or the folder is not in a repository. */
function git(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.quotePath=false', ...args],
      { cwd, timeout: 10_000, maxBuffer: 1 << 20, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout) => resolve(error ? null : stdout),
    );
  });
}
