import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diff, diffVersions, formatDiff, hasChanges, loadText } from '../src/index.js';
import { cli } from './cli-helpers.js';
import { modelOf, tempDir } from './helpers.js';

const V1 = 'test/fixtures/diff/v1';
const V2 = 'test/fixtures/diff/v2';

/** Compares with a golden file; `UPDATE_GOLDEN=1 npm test` rewrites it after a deliberate change. */
function golden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('rolemark diff of two folders', () => {
  it('prints roles, activities and assignments that changed, grouped by role', async () => {
    const r = await cli('diff', V1, V2);
    expect(r.code).toBe(0);
    golden('test/golden/diff.txt', r.stdout);
    // The line the issue asks for, in its words.
    expect(r.stdout).toMatch(/^Product Lead\n(.*\n)*? {2}I → A +on "Run the retrospective"$/m);
  });

  it('writes Markdown for a pull request comment', async () => {
    const r = await cli('diff', V1, V2, '--format', 'md');
    golden('test/golden/diff.md', r.stdout);
  });

  it('writes JSON for tools', async () => {
    const r = await cli('diff', V1, V2, '--format', 'json');
    golden('test/golden/diff.json', r.stdout);
    const json = JSON.parse(r.stdout);
    expect(json.changed).toBe(true);
    expect(json.roles.renamed).toEqual([
      {
        before: { id: 'product-owner', name: 'Product Owner' },
        after: { id: 'product-lead', name: 'Product Lead' },
      },
    ]);
  });

  it('exits 1 with --exit-code when something changed, 0 when nothing did', async () => {
    expect((await cli('diff', V1, V2, '--exit-code')).code).toBe(1);
    expect((await cli('diff', V1, V2)).code).toBe(0);
    const same = await cli('diff', V1, V1, '--exit-code');
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No responsibility changes.');
  });

  it('compares two single files', async () => {
    const r = await cli('diff', `${V1}/team.md`, `${V2}/team.md`, '--format', 'json');
    expect(JSON.parse(r.stdout).assignments).toHaveLength(14);
  });

  it('explains what it cannot compare', async () => {
    const r = await cli('diff', 'no-such-thing-or-revision-xyz', V2);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'rolemark: `no-such-thing-or-revision-xyz` is neither a file, a folder nor a git revision\n',
    );
    const lonely = await cli('diff', V1);
    expect(lonely.code).toBe(2);
    expect(lonely.stderr).toContain('Name the version to compare');
  });
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });

/** A repository with three commits: no content yet, v1, then v2. */
function repository(): string {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'README.md'), 'A team.\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'start');
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content', 'team.md'), readFileSync(`${V1}/team.md`));
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'v1');
  writeFileSync(join(dir, 'content', 'team.md'), readFileSync(`${V2}/team.md`));
  git(dir, 'commit', '-qam', 'v2');
  return dir;
}

describe('rolemark diff of git revisions', () => {
  const text = async (before: string, after: string | undefined, cwd: string) =>
    formatDiff((await diffVersions(before, after, { cwd })).diff, 'text');

  it('gives the same report as the two folders, read from revisions without a checkout', async () => {
    const repo = repository();
    const expected = formatDiff((await diffVersions(V1, V2)).diff, 'text');
    expect(await text('HEAD~1', 'HEAD', repo)).toBe(expected);
    expect(await text('HEAD~1:content/team.md', 'HEAD:content/team.md', repo)).toBe(expected);
    // Nothing was checked out or changed.
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(readFileSync(join(repo, 'content', 'team.md'), 'utf8')).toBe(
      readFileSync(`${V2}/team.md`, 'utf8'),
    );
  });

  it('compares a revision with the working tree', async () => {
    const repo = repository();
    const file = join(repo, 'content', 'team.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('| | A | R | I |', '| | A | R | C |'));
    const result = await diffVersions('HEAD', undefined, { cwd: repo });
    expect(result.labels.after).toBe('working tree');
    expect(result.labels.before).toMatch(/^HEAD \([0-9a-f]{7}\)$/);
    expect(formatDiff(result.diff, 'text')).toBe(
      'QA Lead\n  I → C  on "Run the retrospective"\n\n1 assignment changed.\n',
    );
    // The working tree's side names files as git does, relative to the folder it runs in.
    expect(result.after.documents[0]?.file).toBe('content/team.md');
    expect(result.before.documents[0]?.file).toBe('content/team.md');
  });

  it('treats content that a revision lacks as new, with a note', async () => {
    const repo = repository();
    const result = await diffVersions('HEAD~2', 'HEAD', { cwd: repo });
    expect(result.notes).toEqual([expect.stringContaining('`content` holds no Markdown file in HEAD~2')]);
    expect(result.diff.documents.added.map((d) => d.title)).toEqual(['Product Team']);
    expect(result.diff.assignments.every((a) => a.context === 'document-added')).toBe(true);
  });

  it('runs from the command line in a repository', async () => {
    const repo = repository();
    const cwd = process.cwd();
    process.chdir(repo);
    try {
      // The working tree is HEAD: nothing changed since, and everything since HEAD~1.
      expect((await cli('diff', 'HEAD', '--exit-code')).code).toBe(0);
      expect((await cli('diff', 'HEAD~1', '--exit-code')).code).toBe(1);
      const md = await cli('diff', 'HEAD~1', 'HEAD', '--format', 'md', '--exit-code');
      expect(md.code).toBe(1);
      expect(md.stdout).toMatch(
        /^### Responsibility changes\n\n`HEAD~1 \([0-9a-f]{7}\)` → `HEAD \([0-9a-f]{7}\)`: 1 document, 4 roles, 4 activities and 14 assignments changed\.\n/,
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it('says so when the folder is not a git repository', async () => {
    const dir = tempDir();
    await expect(diffVersions('HEAD~1', undefined, { cwd: dir })).rejects.toThrow(
      '`HEAD~1` is neither a file nor a folder, and git could not read it: git said: not a git repository',
    );
  });
});

/** A one-document model from a table body under `| Activity | PM | PO | Dev |`. */
const chart = (
  rows: string,
  roles = '### Product Manager (PM)\n\n### Product Owner (PO)\n\n### Developer (Dev)\n',
) =>
  modelOf(
    `# Team\n\n## Roles\n\n${roles}\n## Responsibilities\n\n| Activity | PM | PO | Dev |\n|---|---|---|---|\n${rows}\n`,
    'team.md',
  );

describe('diff: matching', () => {
  it('finds no change when rows are only reordered', () => {
    const a = chart('| Plan | A | R | |\n| Build | I | A | R |');
    const b = chart('| Build | I | A | R |\n| Plan | A | R | |');
    expect(hasChanges(diff(a, b))).toBe(false);
  });

  it('matches activities by name without regard to case, spacing or a final full stop', () => {
    const a = chart('| Plan the release | A | R | |');
    expect(hasChanges(diff(a, chart('| Plan  the   release | A | R | |')))).toBe(false);
    // A change of case or punctuation is the same activity, reworded.
    const d = diff(a, chart('| plan the release. | A | R | |'));
    expect(d.activities.renamed.map((x) => x.after.name)).toEqual(['plan the release.']);
    expect(d.activities.added).toEqual([]);
    expect(d.assignments).toEqual([]);
  });

  it('reports a nearly identical name as a rename, with its cell changes', () => {
    const a = chart('| Prioritise the backlog | C | A/R | |');
    const b = chart('| Prioritize the backlog | C | A | R |');
    const d = diff(a, b);
    expect(d.activities.renamed.map((x) => [x.before.name, x.after.name])).toEqual([
      ['Prioritise the backlog', 'Prioritize the backlog'],
    ]);
    expect(d.activities.added).toEqual([]);
    expect(formatDiff(d, 'text')).toContain('Product Owner\n  R/A → A  on "Prioritize the backlog"');
  });

  it('reports a reworded activity with the same cells as a rename', () => {
    const d = diff(
      chart('| Write the release notes | I | A | R |'),
      chart('| Write release notes for users | I | A | R |'),
    );
    expect(d.activities.renamed).toHaveLength(1);
    expect(d.assignments).toEqual([]);
  });

  it('does not guess: unrelated names, or two equally good candidates, stay removed and added', () => {
    const unrelated = diff(chart('| Plan | A | R | |'), chart('| Deploy | A | R | |'));
    expect(unrelated.activities.renamed).toEqual([]);
    expect(unrelated.activities.added.map((x) => x.name)).toEqual(['Deploy']);
    expect(unrelated.activities.removed.map((x) => x.name)).toEqual(['Plan']);
    const tie = diff(
      chart('| Review code | A | R | |'),
      chart('| Review code A | A | R | |\n| Review code B | A | R | |'),
    );
    expect(tie.activities.renamed).toEqual([]);
    expect(tie.activities.added).toHaveLength(2);
  });

  it('follows a role renamed with its alias kept, or with every assignment kept', () => {
    const before = chart('| Plan | A | R | |\n| Build | | A | R |');
    const aliasKept = chart(
      '| Plan | A | R | |\n| Build | | A | R |',
      '### Product Manager (PM)\n\n### Product Lead (PO)\n\n### Developer (Dev)\n',
    );
    expect(diff(before, aliasKept).roles.renamed.map((x) => x.after.name)).toEqual(['Product Lead']);
    expect(diff(before, aliasKept).assignments).toEqual([]);
  });

  it('matches the same activity name in two documents separately', () => {
    const docs = (cell: string) => [
      { file: 'a.md', text: `# A\n\n## RACI\n\n| Activity | PM |\n|---|---|\n| Review | A/R |\n` },
      { file: 'b.md', text: `# B\n\n## RACI\n\n| Activity | PM |\n|---|---|\n| Review | ${cell} |\n` },
    ];
    const d = diff(loadText(docs('A/R')), loadText(docs('A')));
    expect(d.assignments.map((a) => [a.activity.document, a.before?.codes, a.after?.codes])).toEqual([
      ['b', ['R', 'A'], ['A']],
    ]);
    expect(formatDiff(d, 'text')).toContain('R/A → A  on "Review" in B');
  });

  it('follows a renamed file as the same document', () => {
    const text = readFileSync(`${V1}/team.md`, 'utf8');
    const d = diff(loadText([{ file: 'team.md', text }]), loadText([{ file: 'product-team.md', text }]));
    expect(d.documents.renamed.map((x) => [x.before.file, x.after.file])).toEqual([
      ['team.md', 'product-team.md'],
    ]);
    expect(d.assignments).toEqual([]);
    expect(d.activities.added).toEqual([]);
  });
});
