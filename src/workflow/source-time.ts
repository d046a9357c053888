import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

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
  // A few git processes at a time: a large content folder must not start hundreds at once.
  const queue = [...unique];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const time = await timeOf(file);
      if (time) out[file] = time.toISOString();
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
  return out;
}

async function timeOf(file: string): Promise<Date | null> {
  const mtime = await stat(file).then(
    (s) => new Date(Math.floor(s.mtimeMs / 1000) * 1000),
    () => null,
  );
  if (!mtime) return null;
  const cwd = dirname(file);
  const name = basename(file);
  // `--porcelain` names the file when it is modified, added or untracked: its commit is not it.
  // Both at once: a build waits for them before it renders, and one after the other they were
  // 0.12–0.17 s of a cold build of content/ (docs/performance.md, round four, second half).
  const [status, log] = await Promise.all([
    git(cwd, ['status', '--porcelain', '--', name]),
    git(cwd, ['log', '-1', '--format=%ct', '--', name]),
  ]);
  if (status === null || status.trim() !== '') return mtime;
  const seconds = Number(log?.trim());
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
