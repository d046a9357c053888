import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, load } from '../src/index.js';
import { sourceTimes } from '../src/workflow/source-time.js';
import { docxParts } from './docx-helpers.js';
import { CREW_CHART as CHART, run, tempDir, withGitFirst } from './helpers.js';

/**
 * Without `SOURCE_DATE_EPOCH` or a `date:`, a document is dated by its source (issue 14, item
 * 15f): the last git commit that touched the file, else its modification time; never 2000-01-01,
 * never the clock. Read back from the PDF's Info dictionary and the DOCX's core properties.
 */

const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'SOURCE_DATE_EPOCH'));

async function build(dir: string) {
  const file = join(dir, 'crew.md');
  let files: string[] = [];
  const out = join(tempDir('rolemark-dated-'), 'out');
  const saved = process.env.SOURCE_DATE_EPOCH;
  delete process.env.SOURCE_DATE_EPOCH;
  try {
    const result = await buildModel(await load([file]), {
      out,
      formats: ['pdf', 'docx'],
      templates: ['team-charter'],
      force: true,
    });
    expect(result.ok).toBe(true);
    files = result.files;
  } finally {
    if (saved !== undefined) process.env.SOURCE_DATE_EPOCH = saved;
  }
  const pdf = join(out, files.find((f) => f.endsWith('.pdf')) ?? '');
  const created = /CreationDate:\s+(.*)/.exec(run('pdfinfo', ['-isodates', pdf]))?.[1]?.trim();
  const core =
    docxParts(readFileSync(join(out, files.find((f) => f.endsWith('.docx')) ?? '')))['docProps/core.xml'] ??
    '';
  return {
    pdf: created,
    docx: /<dcterms:created[^>]*>([^<]*)</.exec(core)?.[1],
    bytes: readFileSync(pdf),
  };
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
    cwd,
    env: { ...env, GIT_AUTHOR_DATE: '2024-03-05T10:20:30Z', GIT_COMMITTER_DATE: '2024-03-05T10:20:30Z' },
  });

/** The git command lines that date files (after the global options), for a shim's log. */
const STATUS = (names: string) => `status --porcelain -z --untracked-files=all -- ${names}`;
const LOG = (names: string) =>
  `log --format=\u0001%ct --name-only -z --no-renames --diff-merges=combined -- ${names}`;

describe('creation date from the source', () => {
  it('a committed file: its last commit time, the same bytes from every checkout', async () => {
    const dir = tempDir('rolemark-git-');
    writeFileSync(join(dir, 'crew.md'), CHART);
    git(dir, 'init', '-q');
    git(dir, 'add', 'crew.md');
    git(dir, 'commit', '-q', '-m', 'chart');
    // A checkout writes files at the clock's time: that must not show.
    utimesSync(join(dir, 'crew.md'), new Date('2031-01-01'), new Date('2031-01-01'));
    const first = await build(dir);
    expect(first.pdf).toBe('2024-03-05T10:20:30Z');
    expect(first.docx).toBe('2024-03-05T10:20:30Z');
    utimesSync(join(dir, 'crew.md'), new Date('2032-06-01'), new Date('2032-06-01'));
    expect((await build(dir)).bytes.equals(first.bytes)).toBe(true);
  });

  it('a file with changes not committed, or outside git: its modification time', async () => {
    const dir = tempDir('rolemark-git-');
    writeFileSync(join(dir, 'crew.md'), CHART);
    git(dir, 'init', '-q');
    git(dir, 'add', 'crew.md');
    git(dir, 'commit', '-q', '-m', 'chart');
    writeFileSync(join(dir, 'crew.md'), CHART.replace('Plan', 'Plan the work'));
    utimesSync(join(dir, 'crew.md'), new Date('2025-07-08T09:10:11Z'), new Date('2025-07-08T09:10:11Z'));
    expect(await build(dir)).toMatchObject({ pdf: '2025-07-08T09:10:11Z', docx: '2025-07-08T09:10:11Z' });
    const plain = tempDir('rolemark-nogit-');
    writeFileSync(join(plain, 'crew.md'), CHART);
    utimesSync(join(plain, 'crew.md'), new Date('2023-01-02T03:04:05Z'), new Date('2023-01-02T03:04:05Z'));
    expect(await build(plain)).toMatchObject({ pdf: '2023-01-02T03:04:05Z', docx: '2023-01-02T03:04:05Z' });
  });

  it('a date: in the frontmatter still wins', async () => {
    const dir = tempDir('rolemark-nogit-');
    writeFileSync(join(dir, 'crew.md'), `---\ndate: 2026-11-28\n---\n${CHART}`);
    expect(await build(dir)).toMatchObject({ pdf: '2026-11-28T00:00:00Z', docx: '2026-11-28T00:00:00Z' });
  });

  it('asks git only for files in a repository (a .git in the folder or above), else takes the modification time', async () => {
    // A \`git\` first on PATH that logs where it was started and fails, as outside a repository.
    const bin = tempDir('rolemark-fake-git-');
    const log = join(bin, 'calls.log');
    writeFileSync(join(bin, 'git'), `#!/bin/sh\npwd >> '${log}'\nexit 128\n`, { mode: 0o755 });
    const outside = tempDir('rolemark-no-repo-');
    const repo = tempDir('rolemark-repo-');
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'charts'));
    const when = new Date('2026-03-04T05:06:07Z');
    for (const file of [join(outside, 'a.md'), join(repo, 'charts', 'b.md')]) {
      writeFileSync(file, CHART);
      utimesSync(file, when, when);
    }
    await withGitFirst(bin, async () => {
      const times = await sourceTimes([join(outside, 'a.md'), join(repo, 'charts', 'b.md')]);
      expect(times).toEqual({
        [join(outside, 'a.md')]: '2026-03-04T05:06:07.000Z',
        [join(repo, 'charts', 'b.md')]: '2026-03-04T05:06:07.000Z',
      });
      // Git ran for the file under the repository only (its status and log, at once), at the top
      // of its work tree.
      const folders = readFileSync(log, 'utf8').trim().split('\n');
      expect(folders.length).toBeGreaterThan(0);
      expect([...new Set(folders)]).toEqual([realpathSync(repo)]);
    });
  });

  it('asks git again about a file only when the file or HEAD and the index changed', async () => {
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const bin = tempDir('rolemark-git-log-');
    const log = join(bin, 'calls.log');
    writeFileSync(log, '');
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`, {
      mode: 0o755,
    });
    const calls = () => {
      const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      writeFileSync(log, '');
      return lines.map((l) => l.replace(/^--literal-pathspecs -c core\.quotePath=false /u, ''));
    };
    const dir = tempDir('rolemark-git-cache-');
    const [a, b] = [join(dir, 'a.md'), join(dir, 'b.md')];
    writeFileSync(a, CHART);
    writeFileSync(b, CHART);
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'charts');
    const commitAt = (when: string) =>
      execFileSync(
        'git',
        ['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-am', when],
        {
          cwd: dir,
          env: { ...env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when },
        },
      );
    await withGitFirst(bin, async () => {
      const committed = '2024-03-05T10:20:30.000Z';
      expect(await sourceTimes([a, b])).toEqual({ [a]: committed, [b]: committed });
      // One status and one log for both files.
      expect(calls().sort()).toEqual([LOG('a.md b.md'), STATUS('a.md b.md')]);
      // Nothing changed: no git at all.
      expect(await sourceTimes([a, b])).toEqual({ [a]: committed, [b]: committed });
      expect(calls()).toEqual([]);
      // A save of a: git is asked about a only, and a is dated by its modification time.
      writeFileSync(a, `${CHART}\nEdited.\n`);
      utimesSync(a, new Date('2026-03-04T05:06:07Z'), new Date('2026-03-04T05:06:07Z'));
      expect(await sourceTimes([a, b])).toEqual({ [a]: '2026-03-04T05:06:07.000Z', [b]: committed });
      expect(calls()).toEqual([STATUS('a.md')]);
      // A commit (HEAD and the index change): both are asked again, a has its new commit's time.
      commitAt('2026-05-06T07:08:09Z');
      expect(await sourceTimes([a, b])).toEqual({ [a]: '2026-05-06T07:08:09.000Z', [b]: committed });
      // Both were asked before: the status first, then the log for the ones it does not name.
      expect(calls()).toEqual([STATUS('a.md b.md'), LOG('a.md b.md')]);
      // Undone with a soft reset (HEAD moves, the index keeps the edit): a is modified again.
      git(dir, 'reset', '-q', '--soft', 'HEAD~1');
      expect(await sourceTimes([a, b])).toEqual({ [a]: '2026-03-04T05:06:07.000Z', [b]: committed });
    });
  });
});

describe('the source dates are read with git processes run at once', () => {
  it('starts git status and git log for a file together, and dates it by the log', async () => {
    const bin = tempDir('rolemark-fake-git-');
    const record = join(bin, 'calls.txt');
    // A git that takes a second: run one after the other, the second starts after the first ends.
    writeFileSync(
      join(bin, 'git'),
      [
        '#!/bin/sh',
        `echo "start $4" >> ${JSON.stringify(record)}`,
        'sleep 1',
        `echo "end $4" >> ${JSON.stringify(record)}`,
        // A commit's time, then the names it touched, as `git log -z` writes them.
        `[ "$4" = log ] && printf '\\0011600000000\\0\\ncrew.md\\0'`,
        'exit 0',
      ].join('\n'),
      { mode: 0o755 },
    );
    writeFileSync(record, '');
    // In a repository (a .git above it): elsewhere git is not asked at all.
    const folder = tempDir('rolemark-dated-');
    mkdirSync(join(folder, '.git'));
    const file = join(folder, 'crew.md');
    writeFileSync(file, CHART);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      expect(await sourceTimes([file])).toEqual({ [file]: '2020-09-13T12:26:40.000Z' });
    } finally {
      process.env.PATH = path;
    }
    const calls = readFileSync(record, 'utf8').trim().split('\n');
    expect(calls.slice(0, 2).sort()).toEqual(['start log', 'start status']);
    expect(calls.slice(2).sort()).toEqual(['end log', 'end status']);
  });
});
