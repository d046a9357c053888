import { execFile, spawn } from 'node:child_process';

/**
 * Git asked about many files of one repository with a fixed number of processes: one `git status`
 * and one `git log` per {@link chunks chunk} of file names, whatever the number of files. Each
 * process started from a Node process of a few hundred MB holds its thread 12–28 ms (fork) and
 * costs system time (docs/performance.md, round five, git source dates): asked per file, the M
 * DOCX set's 8 files spent 0.34 s of the build thread starting git, L's 40 files 1.0 s.
 *
 * Names are given relative to `cwd`, read back relative to the top of the work tree: `prefix` is
 * the path from the top to `cwd` (empty when `cwd` is the top), with `/`.
 */

/** The global options of every git process: names never quoted, never read as patterns. */
const GLOBAL = ['--literal-pathspecs', '-c', 'core.quotePath=false'];
const ENV = { GIT_OPTIONAL_LOCKS: '0' };

/** Git's output, or null when git is missing, fails, or the folder is not in a repository. */
export function git(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...GLOBAL, ...args],
      { cwd, timeout: 10_000, maxBuffer: 64 << 20, env: { ...process.env, ...ENV } },
      (error, stdout) => resolve(error ? null : stdout),
    );
  });
}

/**
 * File names in groups short enough for one command line (Windows allows 32,767 characters):
 * a few processes for thousands of files, one for any ordinary content folder.
 */
export function chunks(names: readonly string[], limit = 24_000): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const name of names) {
    if (current.length > 0 && length + name.length + 1 > limit) {
      out.push(current);
      current = [];
      length = 0;
    }
    current.push(name);
    length += name.length + 1;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * The names (relative to `cwd`) that `git status` reports: modified, added, deleted, renamed or
 * untracked (each untracked file named, not its folder). Ignored files are not reported. Null when
 * git fails: then no answer is known for any of them.
 */
export async function changedNames(
  cwd: string,
  prefix: string,
  names: readonly string[],
): Promise<Set<string> | null> {
  const named = new Set<string>();
  for (const chunk of chunks(names)) {
    const out = await git(cwd, ['status', '--porcelain', '-z', '--untracked-files=all', '--', ...chunk]);
    if (out === null) return null;
    const fields = out.split('\0');
    for (let i = 0; i < fields.length; i++) {
      const entry = fields[i] ?? '';
      if (entry.length < 4) continue;
      named.add(entry.slice(3));
      // A rename or copy names its source in the next field.
      if (/[RC]/u.test(entry.slice(0, 2))) named.add(fields[++i] ?? '');
    }
  }
  return new Set(names.filter((n) => named.has(prefix + n)));
}

/** Marks the commit time in `git log`'s output: a file name never starts with it unless made to. */
const COMMIT = '\u0001';

/**
 * Per name (relative to `cwd`), the time in seconds of the last commit that touched it: the first
 * commit of `git log` (newest first) that names it. Read as git writes it, and git stopped once
 * every name has its commit, so that a long history is not read to its end. A name no commit
 * touched (never committed, or no commit at all) has none. Merges are named when they changed a
 * file from every parent (`--diff-merges=combined`), as `git log -1 -- file` shows them.
 */
export async function lastCommits(
  cwd: string,
  prefix: string,
  names: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const chunk of chunks(names)) {
    const wanted = new Map(chunk.map((n) => [prefix + n, n]));
    await readLog(cwd, chunk, (name, seconds) => {
      const own = wanted.get(name);
      if (own === undefined) return false;
      wanted.delete(name);
      found.set(own, seconds);
      return wanted.size === 0;
    });
  }
  return found;
}

/**
 * Runs `git log` on the names and calls `named` for each file name of each commit, newest commit
 * first, until it returns true (then git is ended) or the log ends.
 */
function readLog(
  cwd: string,
  names: string[],
  named: (name: string, seconds: number) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    const args = [
      ...GLOBAL,
      'log',
      `--format=${COMMIT}%ct`,
      '--name-only',
      '-z',
      '--no-renames',
      '--diff-merges=combined',
      '--',
      ...names,
    ];
    const child = spawn('git', args, {
      cwd,
      env: { ...process.env, ...ENV },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill();
      resolve();
    };
    const timer = setTimeout(finish, 10_000);
    let rest: Buffer = Buffer.alloc(0);
    let seconds = Number.NaN;
    child.stdout.on('data', (data: Buffer) => {
      if (done) return;
      const buffer = rest.length > 0 ? Buffer.concat([rest, data]) : data;
      let start = 0;
      for (let end = buffer.indexOf(0, start); end >= 0; end = buffer.indexOf(0, start)) {
        // The first name of a commit follows its time after a newline.
        let field = buffer.toString('utf8', start, end);
        start = end + 1;
        if (field.startsWith('\n')) field = field.slice(1);
        if (field.startsWith(COMMIT)) seconds = Number(field.slice(1));
        else if (field !== '' && Number.isInteger(seconds) && named(field, seconds)) return finish();
      }
      rest = buffer.subarray(start);
    });
    child.on('error', finish);
    child.on('close', finish);
  });
}
