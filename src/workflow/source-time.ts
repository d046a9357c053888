import { execFile } from 'node:child_process';
import { lstat, readFile, stat } from 'node:fs/promises';
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
function repositoryFinder(env: NodeJS.ProcessEnv = process.env): (dir: string) => Promise<Repository | null> {
  const told = Boolean(env.GIT_DIR || env.GIT_WORK_TREE);
  const known = new Map<string, Promise<Repository | null>>();
  const find = (dir: string): Promise<Repository | null> => {
    let answer = known.get(dir);
    if (answer === undefined) {
      const parent = dirname(dir);
      const dotGit = join(dir, '.git');
      answer = lstat(dotGit).then(
        (info) => ({ dotGit, isFolder: info.isDirectory() }),
        () => (parent === dir ? null : find(parent)),
      );
      known.set(dir, answer);
    }
    return answer;
  };
  return (dir) => (told ? Promise.resolve(TOLD) : find(resolve(dir)));
}

/** The `.git` found above a folder (a folder, or the file of a linked worktree or submodule). */
interface Repository {
  dotGit: string;
  isFolder: boolean;
}
/** Git told by the environment where the repository is: always asked, never cached. */
const TOLD: Repository = { dotGit: '', isFolder: false };

/**
 * The answers git gave, per file, kept while neither the file nor the repository's state changes:
 * a save of one file of a folder of teams asks git about that file only, not about every other
 * (two processes each, when committed). A file's answer depends on its contents (checked by its
 * size, times and inode: a save changes them) and on HEAD and the index (a commit, `git add`, a
 * checkout or a reset changes one of the files of {@link stateOf}).
 */
const answers = new Map<string, { file: string; state: string; time: Date }>();

const signature = (path: string): Promise<string> =>
  stat(path).then(
    (s) => `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`,
    () => '-',
  );

/**
 * The repository's state as the files that change with HEAD and the index: HEAD, the branch's
 * ref (loose or packed), HEAD's reflog and the index, in the repository's folder (and its common
 * folder, for a linked worktree). Null when it cannot be told (the `.git` file of a worktree not
 * readable): then git is asked.
 */
async function stateOf(repository: Repository): Promise<string | null> {
  if (repository === TOLD) return null;
  let gitDir = repository.dotGit;
  if (!repository.isFolder) {
    const text = await readFile(repository.dotGit, 'utf8').catch(() => '');
    const named = /^gitdir: (.+)$/mu.exec(text)?.[1]?.trim();
    if (!named) return null;
    gitDir = resolve(dirname(repository.dotGit), named);
  }
  const common = (await readFile(join(gitDir, 'commondir'), 'utf8').catch(() => '')).trim();
  const commonDir = common ? resolve(gitDir, common) : gitDir;
  const head = await readFile(join(gitDir, 'HEAD'), 'utf8').catch(() => null);
  if (head === null) return null;
  const ref = /^ref: (refs\/\S+)$/mu.exec(head)?.[1];
  const files = [
    join(gitDir, 'HEAD'),
    join(gitDir, 'index'),
    join(gitDir, 'logs', 'HEAD'),
    join(commonDir, 'packed-refs'),
    ...(ref ? [join(commonDir, ref), join(gitDir, ref)] : []),
  ];
  return `${head.trim()}|${(await Promise.all(files.map(signature))).join('|')}`;
}

async function timeOf(
  file: string,
  inRepository: (dir: string) => Promise<Repository | null>,
): Promise<Date | null> {
  const mtime = await stat(file).then(
    (s) => new Date(Math.floor(s.mtimeMs / 1000) * 1000),
    () => null,
  );
  if (!mtime) return null;
  const cwd = dirname(file);
  const name = basename(file);
  const repository = await inRepository(cwd);
  if (!repository) return mtime;
  const key = resolve(file);
  const [state, own] = await Promise.all([stateOf(repository), signature(key)]);
  const known = answers.get(key);
  if (state !== null && known && known.state === state && known.file === own) return known.time;
  // A file not asked about before (every file of a one-off build) gets both processes at once; a
  // file asked about before is, in a watch, mostly one just saved: modified, which `status` alone
  // says, and each process started from the watch process holds its thread 10-25 ms.
  const time = await askGit(cwd, name, mtime, !answers.has(key));
  // Kept only when nothing changed while git was asked.
  if (state !== null && own === (await signature(key)) && state === (await stateOf(repository))) {
    answers.set(key, { file: own, state, time });
  }
  return time;
}

async function askGit(cwd: string, name: string, mtime: Date, together: boolean): Promise<Date> {
  // `--porcelain` names the file when it is modified, added or untracked: its commit is not it.
  // `together`: both at once, as a build waits for them before it renders, and one after the other
  // they were 0.12–0.17 s of a cold build of content/ (docs/performance.md, round four, second half).
  const logOf = () => git(cwd, ['log', '-1', '--format=%ct', '--', name]);
  const [status, early] = await Promise.all([
    git(cwd, ['status', '--porcelain', '--', name]),
    together ? logOf() : undefined,
  ]);
  if (status === null || status.trim() !== '') return mtime;
  const seconds = Number((early === undefined ? await logOf() : early)?.trim());
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
