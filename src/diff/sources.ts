import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RolemarkError } from '../errors.js';
import { decodeText } from '../read/decode.js';
import { displayPath, findInputs, readSources } from '../read/files.js';
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

/** Runs git in `cwd`. Resolves with its exit code; rejects only when git cannot be started. */
function git(args: readonly string[], cwd: string, input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
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

/** The commit a revision names, or null when it names none (or this is not a git repository). */
async function resolveRevision(revision: string, cwd: string): Promise<string | null> {
  if (revision.startsWith('-')) return null;
  const r = await git(
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`],
    cwd,
  ).catch(() => null);
  return r && r.code === 0 ? r.stdout.toString('utf8').trim() : null;
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
  const commit = await resolveRevision(spec.revision, cwd);
  if (commit === null) throw new RolemarkError(`Unknown git revision \`${spec.revision}\``);
  // Without --full-name, ls-tree takes and prints paths relative to `cwd`, which is how the
  // working tree's files are shown too: the same file has the same name in both versions.
  const listed = await git(['ls-tree', '-r', '-z', commit, '--', ...spec.paths], cwd);
  if (listed.code !== 0) throw new RolemarkError(`Cannot list \`${spec.revision}\`: ${listed.stderr}`);
  const blobs: { file: string; id: string }[] = [];
  for (const line of listed.stdout.toString('utf8').split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/su.exec(line);
    if (!match) continue;
    const file = match[2] as string;
    if (MARKDOWN.test(file) && !HIDDEN.test(`/${file}`)) blobs.push({ file, id: match[1] as string });
  }
  blobs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const missing = spec.paths.filter(
    (p) => !blobs.some((b) => b.file === p || b.file.startsWith(`${p.replace(/\/+$/u, '')}/`) || p === '.'),
  );
  const sources: SourceFile[] = [];
  if (blobs.length > 0) {
    const read = await git(['cat-file', '--batch'], cwd, `${blobs.map((b) => b.id).join('\n')}\n`);
    if (read.code !== 0) throw new RolemarkError(`Cannot read \`${spec.revision}\`: ${read.stderr}`);
    // Each object is `<id> blob <size>\n<bytes>\n`.
    let at = 0;
    for (const blob of blobs) {
      const eol = read.stdout.indexOf(0x0a, at);
      const size = Number(read.stdout.subarray(at, eol).toString('utf8').split(' ')[2]);
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
  const colon = arg.indexOf(':');
  if (colon > 0) {
    const revision = arg.slice(0, colon);
    const path = arg.slice(colon + 1);
    if ((await resolveRevision(revision, cwd)) !== null)
      return { kind: 'git', revision, paths: [path || '.'] };
  }
  if ((await resolveRevision(arg, cwd)) !== null) return { kind: 'revision', revision: arg };
  throw new RolemarkError(`\`${arg}\` is neither a file, a folder nor a git revision`);
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
