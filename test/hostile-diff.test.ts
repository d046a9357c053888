/**
 * `rolemark diff` on repositories that cannot give what is asked (issue 18): a missing blob is an
 * error, never "removed"; "dubious ownership" and a shallow clone are said in git's own words.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVersion, resolveVersions } from '../src/diff/sources.js';
import { tempDir } from './helpers.js';

const chart = '# Team\n\n| Activity | Lead | Dev |\n|---|---|---|\n| Ship the release | A/R | C |\n';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

/** A repository of two commits of content/team.md. */
function repository(): string {
  const dir = tempDir('rolemark-git-');
  git(dir, 'init', '-q');
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content/team.md'), chart);
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'one');
  writeFileSync(join(dir, 'content/team.md'), `${chart}| Plan | C | A/R |\n`);
  git(dir, 'commit', '-qam', 'two');
  return dir;
}

async function read(dir: string, revision: string) {
  const [before] = await resolveVersions(revision, undefined, ['content'], dir);
  return readVersion(before, dir);
}

describe('diff against what git cannot give', () => {
  it('a missing blob is an error naming the file, never a document "removed"', async () => {
    const dir = repository();
    const blob = git(dir, 'rev-parse', 'HEAD~1:content/team.md');
    rmSync(join(dir, '.git/objects', blob.slice(0, 2), blob.slice(2)));
    await expect(read(dir, 'HEAD~1')).rejects.toThrow(
      `Cannot read \`content/team.md\` in \`HEAD~1\`: git said: ${blob} missing. The repository lacks the object`,
    );
  });

  it('a shallow clone: the unknown revision comes with the reason', async () => {
    const origin = repository();
    const clone = join(tempDir(), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, clone]);
    await expect(read(clone, 'HEAD~1')).rejects.toThrow(
      /HEAD~1.*this is a shallow clone.*git fetch --unshallow/u,
    );
  });

  it.skipIf(process.getuid?.() !== 0)('"dubious ownership": says what git said', async () => {
    const dir = repository();
    chownSync(dir, 65534, 65534);
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
      chownSync(join(dir, f), 65534, 65534);
    await expect(read(dir, 'HEAD~1')).rejects.toThrow(/git said: detected dubious ownership in repository/u);
  });

  it('reads a revision as before when git can give it', async () => {
    const version = await read(repository(), 'HEAD~1');
    expect(version.sources.map((s) => [s.file, s.text])).toEqual([['content/team.md', chart]]);
  });
});
