import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RolemarkError } from '../errors.js';
import { decodeText } from '../read/decode.js';
import { displayPath, findInputs, readSources } from '../read/files.js';
import { formatSize, HARD_FILE_SIZE, sizeLimitDiagnostic } from '../read/limits.js';
import type { SourceFile } from '../read/load.js';

/**
 * Where a version of the content comes from: files and folders on disk, or the same paths in a
 * git revision, read with `git ls-tree` and `git cat-file` (never a checkout, so the working tree
 * and the index are left alone).
 */
export type VersionSpec =
  | { kind: 'files'; paths: string[]; label?: string }
  | { kind: 'git'; revision: string; paths: string[] };

/** A version read: its label for reports, and its Markdown files. */
export interface Version {
  label: string;
  sources: SourceFile[];
  /** Paths that hold no Markdown file in a revision (the content did not exist yet, say). */
  missing: string[];
}

const MARKDOWN = /\.(md|markdown)$/iu;
const HIDDEN = /(^|\/)(\.[^/]*|node_modules)\//u;

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs git in `cwd`. Resolves with its exit code; rejects only when git cannot be started, or when
 * its output passes `maxBytes` (git is then stopped: a 600 MB blob must not become 1.2 GB here).
 */
function git(
  args: readonly string[],
  cwd: string,
  input?: string,
  maxBytes = MAX_GIT_OUTPUT,
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        child.kill();
        reject(
          new RolemarkError(
            `Cannot read from git: \`git ${args[0]}\` gave more than ${formatSize(maxBytes)}`,
          ),
        );
        return;
      }
      out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (err.length < 64 * 1024) err += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new RolemarkError('Cannot compare git revisions: `git` is not installed or not on the PATH')
          : error,
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err.trim() }));
    if (child.stdin) {
      // git may exit before reading all of it (a bad object id); that is reported by its code.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}

/** What git's own output says, for messages: its first lines, without the `fatal: ` prefix. */
const gitSaid = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 3)
    .map((l) => l.replace(/^(fatal|error): /u, ''))
    .join(' ')
    .slice(0, 400);

/** Output of git that is not content (listings, ids): never large. */
const MAX_GIT_OUTPUT = 64 * 1024 * 1024;

/**
 * The commit a revision names; null when git says it names none; a RolemarkError with git's own
 * words when git cannot answer (not a repository, "dubious ownership", a broken repository).
 */
async function resolveRevision(revision: string, cwd: string): Promise<string | null> {
  if (revision.startsWith('-')) return null;
  const r = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], cwd);
  if (r.code === 0) return r.stdout.toString('utf8').trim();
  // With --quiet, an unknown revision is exit code 1 and nothing said; anything else is git's.
  if (r.stderr !== '') throw new GitError(gitSaid(r.stderr));
  return null;
}

/** git could not answer at all (as opposed to "no such revision"): its words, for the message. */
class GitError extends Error {}

/** A hint for a revision git does not know: a shallow clone has no history to look in. */
async function shallowHint(cwd: string): Promise<string> {
  const r = await git(['rev-parse', '--is-shallow-repository'], cwd).catch(() => null);
  return r?.stdout.toString('utf8').trim() === 'true'
    ? ' (this is a shallow clone, whose history stops early: fetch it whole with `git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)'
    : '';
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Reads what `spec` names. Unlike the working tree, a revision that lacks a path is not an error:
 * the content may not have existed yet, and everything in the other version is then new.
 */
export async function readVersion(spec: VersionSpec, cwd = process.cwd()): Promise<Version> {
  if (spec.kind === 'files') {
    // Paths are relative to `cwd`, and files are named relative to it, as git names them.
    const here = resolve(cwd) === process.cwd();
    const files = await findInputs(here ? spec.paths : spec.paths.map((p) => resolve(cwd, p)));
    const sources = (await readSources(files)).map((s, i) => {
      const file = displayPath(files[i] as string, cwd);
      return {
        ...s,
        file,
        ...(s.diagnostics ? { diagnostics: s.diagnostics.map((d) => ({ ...d, file })) } : {}),
      };
    });
    return { label: spec.label ?? spec.paths.join(', '), sources, missing: [] };
  }
  const commit = await resolveRevision(spec.revision, cwd).catch((error: unknown) => {
    if (error instanceof GitError)
      throw new RolemarkError(`Cannot read \`${spec.revision}\`: git said: ${error.message}`);
    throw error;
  });
  if (commit === null)
    throw new RolemarkError(`Unknown git revision \`${spec.revision}\`${await shallowHint(cwd)}`);
  // Without --full-name, ls-tree takes and prints paths relative to `cwd`, which is how the
  // working tree's files are shown too: the same file has the same name in both versions.
  // --long gives each blob's size: one above the hard limit is never read (as files on disk).
  const listed = await git(['ls-tree', '-r', '-z', '--long', commit, '--', ...spec.paths], cwd);
  if (listed.code !== 0)
    throw new RolemarkError(`Cannot list \`${spec.revision}\`: git said: ${gitSaid(listed.stderr)}`);
  const blobs: { file: string; id: string }[] = [];
  const sources: SourceFile[] = [];
  for (const line of listed.stdout.toString('utf8').split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+) +(\d+|-|BAD)\t(.+)$/su.exec(line);
    if (!match) continue;
    const file = match[3] as string;
    // From a subfolder, ls-tree names files `../team.md`: `..` is no hidden folder.
    if (!MARKDOWN.test(file) || HIDDEN.test(`/${file.replace(/^(\.\.\/)+/u, '')}`)) continue;
    // `BAD`: git could not find the object to size it; `cat-file` below says it is missing.
    const size = Number(match[2]);
    if (size > HARD_FILE_SIZE)
      sources.push({ file, text: '', diagnostics: [sizeLimitDiagnostic(file, size, HARD_FILE_SIZE, null)] });
    else blobs.push({ file, id: match[1] as string });
  }
  blobs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const missing = spec.paths.filter(
    (p) => !blobs.some((b) => b.file === p || b.file.startsWith(`${p.replace(/\/+$/u, '')}/`) || p === '.'),
  );
  if (blobs.length > 0) {
    // Each blob is at most the hard limit, and git says `<id> blob <size>` before it.
    const cap = blobs.length * (HARD_FILE_SIZE + 128);
    const read = await git(['cat-file', '--batch'], cwd, `${blobs.map((b) => b.id).join('\n')}\n`, cap);
    if (read.code !== 0)
      throw new RolemarkError(`Cannot read \`${spec.revision}\`: git said: ${gitSaid(read.stderr)}`);
    // Each object is `<id> blob <size>\n<bytes>\n`, or `<id> missing\n` when the repository
    // lacks it (a partial clone, a damaged repository): that is an error, never "removed".
    let at = 0;
    for (const blob of blobs) {
      const eol = read.stdout.indexOf(0x0a, at);
      const header = read.stdout.subarray(at, eol === -1 ? undefined : eol).toString('utf8');
      const [, type, sizeText] = header.split(' ');
      const size = Number(sizeText);
      if (
        eol === -1 ||
        type !== 'blob' ||
        !Number.isSafeInteger(size) ||
        eol + 1 + size > read.stdout.length
      ) {
        throw new RolemarkError(
          `Cannot read \`${blob.file}\` in \`${spec.revision}\`: git said: ${header.slice(0, 200) || 'nothing'}. The repository lacks the object (a partial or damaged clone?): \`git fsck\` says more`,
        );
      }
      // Decoded as files on disk are: UTF-16 and Windows-1252 too, and binary files refused.
      const decoded = decodeText(read.stdout.subarray(eol + 1, eol + 1 + size), blob.file);
      sources.push({
        file: blob.file,
        text: decoded.text,
        ...(decoded.diagnostics.length > 0 ? { diagnostics: decoded.diagnostics } : {}),
      });
      at = eol + 1 + size + 1;
    }
  }
  sources.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const short = commit.slice(0, 7);
  return { label: spec.revision === short ? short : `${spec.revision} (${short})`, sources, missing };
}

/**
 * Reads one side of `rolemark diff` as given on the command line: a file or folder when one
 * exists by that name, else a git revision, or `revision:path` for a path in a revision.
 */
async function classify(
  arg: string,
  cwd: string,
): Promise<VersionSpec | { kind: 'revision'; revision: string }> {
  if (await exists(resolve(cwd, arg))) return { kind: 'files', paths: [arg] };
  let said: string | null = null;
  // git's own reason when it could not answer ("dubious ownership", not a repository), kept.
  const known = (revision: string) =>
    resolveRevision(revision, cwd).catch((error: unknown) => {
      if (!(error instanceof GitError)) throw error;
      said ??= error.message;
      return null;
    });
  const colon = arg.indexOf(':');
  if (colon > 0) {
    const revision = arg.slice(0, colon);
    const path = arg.slice(colon + 1);
    if ((await known(revision)) !== null) return { kind: 'git', revision, paths: [path || '.'] };
  }
  if ((await known(arg)) !== null) return { kind: 'revision', revision: arg };
  if (said !== null)
    throw new RolemarkError(
      `\`${arg}\` is neither a file nor a folder, and git could not read it: git said: ${said}`,
    );
  throw new RolemarkError(
    `\`${arg}\` is neither a file, a folder nor a git revision${await shallowHint(cwd)}`,
  );
}

/**
 * The two versions `rolemark diff <old> [new]` compares. With one argument, a revision is compared
 * with the working tree. A revision without a path takes the other side's path, or `paths`.
 */
export async function resolveVersions(
  oldArg: string,
  newArg: string | undefined,
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<[VersionSpec, VersionSpec]> {
  const before = await classify(oldArg, cwd);
  if (newArg === undefined) {
    if (before.kind === 'files') {
      throw new RolemarkError(
        `Name the version to compare \`${oldArg}\` with: \`rolemark diff ${oldArg} <new>\`, or give a git revision such as HEAD~1`,
      );
    }
    const spec =
      before.kind === 'revision'
        ? { kind: 'git' as const, revision: before.revision, paths: [...paths] }
        : before;
    return [spec, { kind: 'files', paths: spec.paths, label: 'working tree' }];
  }
  const after = await classify(newArg, cwd);
  const pathsOf = (s: typeof before) => (s.kind === 'revision' ? null : s.paths);
  const resolve = (s: typeof before, other: typeof before): VersionSpec =>
    s.kind === 'revision' ? { kind: 'git', revision: s.revision, paths: pathsOf(other) ?? [...paths] } : s;
  return [resolve(before, after), resolve(after, before)];
}
