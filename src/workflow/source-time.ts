import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { changedNames, git, lastCommits } from './git-batch.js';

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
  // The files of one repository (or, with git told by the environment, of one folder) are asked
  // about together: a fixed number of git processes per repository, whatever the number of files.
  const groups = new Map<string, { repository: Repository; top: string; files: Pending[] }>();
  await Promise.all(
    unique.map(async (file) => {
      const mtime = await stat(file).then(
        (s) => new Date(Math.floor(s.mtimeMs / 1000) * 1000),
        () => null,
      );
      if (!mtime) return;
      const folder = await realpath(dirname(file)).catch(() => resolve(dirname(file)));
      const repository = await inRepository(folder);
      if (!repository) {
        out[file] = mtime.toISOString();
        return;
      }
      // Git runs at the top of the work tree (the folder of the `.git` found), or in the file's
      // folder when the environment tells git where the repository is, as it did per file.
      const top = repository === TOLD ? folder : dirname(repository.dotGit);
      const group = groups.get(top) ?? { repository, top, files: [] };
      groups.set(top, group);
      group.files.push({
        file,
        key: join(folder, basename(file)),
        name: relative(top, join(folder, basename(file)))
          .split(sep)
          .join('/'),
        mtime,
      });
    }),
  );
  // Each group's files in the order given, not in the order their folders were looked up: the
  // same command lines for the same files, whichever stat ended first.
  const order = new Map(unique.map((f, i) => [f, i]));
  for (const group of groups.values())
    group.files.sort((x, y) => (order.get(x.file) ?? 0) - (order.get(y.file) ?? 0));
  // A few repositories at a time: content spread over many submodules must not start hundreds
  // of processes at once.
  const queue = [...groups.values()];
  const worker = async () => {
    for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
      const times = await timesOf(group.repository, group.top, group.files);
      for (const [i, p] of group.files.entries()) out[p.file] = (times[i] ?? p.mtime).toISOString();
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
  // In the order of the files given, as before.
  return Object.fromEntries(unique.flatMap((f) => (out[f] === undefined ? [] : [[f, out[f]] as const])));
}

/** A file to date in a repository: its name relative to the group's folder, with `/`. */
interface Pending {
  file: string;
  /** Its real path: the key of its kept answer. */
  key: string;
  name: string;
  mtime: Date;
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

/**
 * The files' times, in their order: git's kept answer where neither the file nor the repository
 * changed, else asked, every file at once.
 */
async function timesOf(repository: Repository, top: string, files: Pending[]): Promise<Date[]> {
  const [state, own] = await Promise.all([
    stateOf(repository),
    Promise.all(files.map((f) => signature(f.key))),
  ]);
  const times: Date[] = files.map((f) => f.mtime);
  const ask: number[] = [];
  for (const [i, f] of files.entries()) {
    const known = answers.get(f.key);
    if (state !== null && known && known.state === state && known.file === own[i]) times[i] = known.time;
    else ask.push(i);
  }
  if (ask.length === 0) return times;
  // Files not asked about before (every file of a one-off build) get both processes at once;
  // files asked about before are, in a watch, mostly ones just saved: modified, which `status`
  // alone says, and each process started from the watch process holds its thread 10-25 ms.
  const together = ask.some((i) => !answers.has(files[i]?.key ?? ''));
  const asked = await askGit(
    top,
    repository === TOLD,
    ask.map((i) => files[i]?.name ?? ''),
    together,
  );
  const [stateAfter, ownAfter] = await Promise.all([
    stateOf(repository),
    Promise.all(ask.map((i) => signature(files[i]?.key ?? ''))),
  ]);
  for (const [j, i] of ask.entries()) {
    const f = files[i] as Pending;
    const seconds = asked?.get(f.name);
    const time =
      seconds !== undefined && Number.isInteger(seconds) && seconds > 0 ? new Date(seconds * 1000) : f.mtime;
    times[i] = time;
    // Kept only when nothing changed while git was asked.
    if (state !== null && own[i] === ownAfter[j] && state === stateAfter) {
      answers.set(f.key, { file: own[i] as string, state, time });
    }
  }
  return times;
}

/**
 * Per name, the time of its last commit when `git status` does not name it (modified, added or
 * untracked: its commit is not it); none for the others, which are dated by their modification
 * times. Null when git fails (not a repository after all, git missing).
 */
async function askGit(
  cwd: string,
  told: boolean,
  names: string[],
  together: boolean,
): Promise<Map<string, number> | null> {
  // The names git writes are relative to the top of the work tree: where git runs, but for git
  // told by the environment where its work tree is, which git says.
  const prefix = told
    ? git(cwd, ['rev-parse', '--show-prefix']).then((p) => p?.replace(/\n$/u, '') ?? null)
    : '';
  // `together`: both at once, as a build waits for them before it renders, and one after the other
  // they were 0.12–0.17 s of a cold build of content/ (docs/performance.md, round four, second half).
  const logOf = async (clean: string[]) => {
    const top = await prefix;
    return top === null || clean.length === 0 ? new Map<string, number>() : lastCommits(cwd, top, clean);
  };
  const early = together ? logOf(names) : undefined;
  const top = await prefix;
  const changed = top === null ? null : await changedNames(cwd, top, names);
  if (changed === null) {
    await early;
    return null;
  }
  const clean = names.filter((n) => !changed.has(n));
  const commits = early ? await early : await logOf(clean);
  return new Map(clean.flatMap((n) => (commits.has(n) ? [[n, commits.get(n) as number] as const] : [])));
}
