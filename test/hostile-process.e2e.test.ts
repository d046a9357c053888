/**
 * The CLI in a child process, for what only a process shows: how it ends on input made to exhaust
 * time or memory, and what a kill signal mid-build leaves behind.
 *
 * Inputs made to exhaust time or memory, generated here (never committed) and run through the
 * CLI in a child process with a timeout and a memory cap. Each must end in diagnostics and exit
 * code 0 or 1 — never a hang, an out-of-memory crash or a stack trace — and fast, because the
 * limits (src/read/limits.ts) stop it before the parser or the writers slow down. Without the
 * limits, the nested lists alone took micromark 100 s and then overflowed the stack.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/model/types.js';
import { compileCli, type Finished, runCli, snapshot } from './cli-process.js';
import { docxPart, docxText, tempDir } from './helpers.js';

/** A diagnostic as `--reporter json` prints it: the model's own type. */
type JsonDiagnostic = Diagnostic;

const chart = '| Activity | Lead | Dev |\n|---|---|---|\n| Ship the release | A/R | C |\n';
const sentence = 'Coordinate the review and write the findings up for the steering committee ';

/** The generated cases, by file name: what each is, and the limit it must hit. */
const CASES: Record<string, { text: () => string; limit: string | string[] | null }> = {
  // 20 MB: never parsed at all.
  'file-20mb.md': {
    text: () =>
      `# Huge\n\n${chart}\n${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(370_000)}`,
    limit: 'fileSize',
  },
  // 100,000 rows in under 1 MB: the line limit stops the file at 50,000 lines, the row limit the
  // table at 2,000 rows.
  'rows-100k.md': {
    text: () => {
      const rows = Array.from({ length: 100_000 }, (_, i) => `|${i}|A|`);
      return `# Rows\n\n| Activity | Lead |\n|---|---|\n${rows.join('\n')}\n`;
    },
    limit: ['lines', 'rows'],
  },
  'columns-1000.md': {
    text: () => {
      const n = 1000;
      const header = `| Activity |${Array.from({ length: n }, (_, i) => ` Role ${i} |`).join('')}`;
      const rows = Array.from(
        { length: 5 },
        (_, r) => `| Task ${r} |${Array.from({ length: n }, (_, i) => (i === r ? ' A/R |' : ' |')).join('')}`,
      );
      return `# Wide\n\n${header}\n|---|${'---|'.repeat(n)}\n${rows.join('\n')}\n`;
    },
    limit: 'columns',
  },
  // Words of ordinary length: within the limits, and it must still be fast.
  'role-name-10000.md': {
    text: () => {
      const name = sentence.repeat(200).slice(0, 10_000).trim();
      return `# Long name\n\n## Roles\n### ${name}\nPurpose.\n\n## Responsibilities\n| Activity | ${name} | Dev |\n|---|---|---|\n| Ship | A/R | C |\n`;
    },
    limit: null,
  },
  'role-name-one-word.md': {
    text: () => {
      const name = 'R'.repeat(10_000);
      return `# One word\n\n## Roles\n### ${name}\nPurpose.\n\n## Responsibilities\n| Activity | ${name} | Dev |\n|---|---|---|\n| Ship | A/R | C |\n`;
    },
    limit: 'wordLength',
  },
  'lists-10000-deep.md': { text: () => `# Deep\n\n${'- '.repeat(10_000)}item\n\n${chart}`, limit: 'depth' },
  'quotes-10000-deep.md': { text: () => `# Deep\n\n${'> '.repeat(10_000)}quote\n\n${chart}`, limit: 'depth' },
  // Each line one level deeper, by indentation: quadratic in size, so 700 levels (half a MB).
  'lists-indented.md': {
    text: () =>
      `# Deep\n\n${Array.from({ length: 700 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n\n${chart}`,
    limit: 'depth',
  },
  'quotes-growing.md': {
    text: () =>
      `# Deep\n\n${Array.from({ length: 1000 }, (_, i) => `${'>'.repeat(i + 1)} line ${i}`).join('\n')}\n\n${chart}`,
    limit: 'depth',
  },
  // micromark's emphasis resolution is cubic: 28 KB of this took 50 s.
  'emphasis-nested.md': {
    text: () => `# Marks\n\n${'*a **a '.repeat(20_000)}b${' a** a*'.repeat(20_000)}\n\n${chart}`,
    limit: 'emphasis',
  },
  'emphasis-runs.md': {
    text: () => `# Marks\n\n${'*'.repeat(20_000)}a${'*'.repeat(20_000)}\n\n${chart}`,
    limit: 'emphasis',
  },
  // One letter a line: a megabyte of them took 23 s and 1.4 GB.
  'lines-500k.md': { text: () => `# Lines\n\n${chart}\n${'a\n'.repeat(500_000)}`, limit: 'lines' },
  // A pasted base64 blob: the PDF writer ran out of memory on one 64,000-character word.
  'word-64000.md': {
    text: () => `# Blob\n\nData: ${'QUJD'.repeat(16_000)} end.\n\n${chart}`,
    limit: 'wordLength',
  },
};

let cli: ReturnType<typeof compileCli>;
let dir: string;
beforeAll(() => {
  cli = compileCli();
  dir = tempDir('rolemark-big-');
  mkdirSync(join(dir, 'content'));
  for (const [name, c] of Object.entries(CASES)) writeFileSync(join(dir, 'content', name), c.text());
});
afterAll(() => cli?.remove());

function expectCleanEnd(r: Finished): void {
  expect(r.timedOut, 'timed out').toBe(false);
  expect(r.signal, 'killed by a signal (out of memory?)').toBeNull();
  expect(r.stderr).not.toMatch(
    /internal error|heap out of memory|Maximum call stack|\n\s+at .+:\d+:\d+\)?$/mu,
  );
}

describe('inputs made to exhaust time or memory, through the CLI', () => {
  it('each stops at its limit with an input-limit error, quickly and in bounded memory', async () => {
    const r = await runCli(cli.bin, ['check', 'content', '--reporter', 'json'], {
      cwd: dir,
      timeout: 90_000,
      maxOldSpace: 768,
    });
    expectCleanEnd(r);
    expect(r.code).toBe(1);
    const diagnostics = JSON.parse(r.stdout) as JsonDiagnostic[];
    for (const [name, c] of Object.entries(CASES)) {
      const limits = diagnostics
        .filter((d) => d.file === `content/${name}` && d.ruleId === 'input-limit')
        .map((d) => /`limits\.(\w+)`/u.exec(d.message)?.[1]);
      if (c.limit === null) expect(limits, name).toEqual([]);
      else for (const limit of [c.limit].flat()) expect(limits, name).toContain(limit);
    }
    const at = (name: string, limit: string) =>
      diagnostics.find((d) => d.file === `content/${name}` && d.message.includes(`\`limits.${limit}\``));
    expect(at('rows-100k.md', 'lines')?.message).toContain(
      'file of 100,004 lines, above the limit of 50,000',
    );
    expect(at('rows-100k.md', 'rows')?.message).toMatch(/table of [\d,]+ rows, above the limit of 2,000/u);
    expect(at('columns-1000.md', 'columns')?.message).toContain(
      'table of 1,001 columns, above the limit of 100',
    );
    expect(at('lists-10000-deep.md', 'depth')?.message).toContain('nesting of 10,000 levels');
    expect(at('file-20mb.md', 'fileSize')?.message).toMatch(/file of 20(\.\d)? MB, above the limit of 1 MB/u);
    expect(at('word-64000.md', 'wordLength')).toMatchObject({ line: 3, column: 7 });
  });

  it('builds what was read when input-limit is a warning, and every writer finishes', async () => {
    const config = join(dir, 'rolemark.config.yaml');
    // Smaller limits keep the rendering of what is read short; the cut itself is the same.
    writeFileSync(config, 'rules:\n  input-limit: warning\nlimits:\n  rows: 100\n  columns: 12\n');
    const cases = ['rows-100k.md', 'columns-1000.md', 'word-64000.md'];
    const r = await runCli(
      cli.bin,
      ['build', ...cases.map((c) => `content/${c}`), '--out', 'out', '--format', 'pdf,docx,json'],
      { cwd: dir, timeout: 120_000, maxOldSpace: 1024, env: { SOURCE_DATE_EPOCH: '1780000000' } },
    );
    expectCleanEnd(r);
    expect(r.code, r.stderr).toBe(0);
    const model = JSON.parse(readFileSync(join(dir, 'out/model.json'), 'utf8'));
    const rows = model.activities.filter((a: { document: string }) => a.document === 'rows-100k');
    expect(rows).toHaveLength(100);
    expect(model.documents.find((d: { id: string }) => d.id === 'columns-1000').roles).toHaveLength(11);
    const text = docxText(docxPart(readFileSync(join(dir, 'out/word-64000/charter.docx'))));
    expect(text).toMatch(/QUJD(QUJD)+Q?U?J?…/u);
  });
});

describe('a build stopped by a signal', () => {
  let dir: string;
  // The previous output every test starts from (the SIGKILL test, last, replaces it).
  let before: Record<string, string>;
  beforeAll(async () => {
    dir = tempDir('rolemark-kill-');
    // Enough roles that rendering takes a few seconds, so that the signal comes mid-build.
    const roles = Array.from({ length: 12 }, (_, i) => `Role ${i + 1}`);
    const rows = Array.from(
      { length: 12 },
      (_, r) =>
        `| Task ${r + 1} | ${roles.map((_, i) => (i === r ? 'A/R' : i % 5 === r % 5 ? 'C' : '')).join(' | ')} |`,
    );
    mkdirSync(join(dir, 'content'));
    writeFileSync(
      join(dir, 'content/team.md'),
      `# Team\n\n| Activity | ${roles.join(' | ')} |\n|---|${roles.map(() => '---').join('|')}|\n${rows.join('\n')}\n`,
    );
    // A quick first build: what matters is that it is a previous, complete output.
    const first = await runCli(cli.bin, ['build', 'content', '--out', 'out', '--format', 'md,json'], {
      cwd: dir,
      timeout: 120_000,
    });
    expect(first.code, first.stderr).toBe(0);
    before = snapshot(join(dir, 'out'));
  });

  /** Builds `out` again, and sends `signal` once the staging folder has files. */
  async function interrupted(signal: NodeJS.Signals, more: string[] = []) {
    const out = join(dir, 'out');
    expect(snapshot(out)).toEqual(before);
    const staged = () =>
      readdirSync(dir).some((f) => f.includes('rolemark-staging') && readdirSync(join(dir, f)).length > 0);
    let sent = false;
    const r = await runCli(cli.bin, ['build', 'content', '--out', 'out', '--force', ...more], {
      cwd: dir,
      timeout: 120_000,
      started: (child) => {
        const poll = setInterval(() => {
          if (!staged()) return;
          clearInterval(poll);
          sent = child.kill(signal);
        }, 10);
        child.on('close', () => clearInterval(poll));
      },
    });
    expect(sent, 'the signal came before the build ended').toBe(true);
    return { r, before, out };
  }

  // Ctrl+C (SIGINT) takes the same path, with exit code 130.
  it('SIGTERM: exits 143, removes its staging folder and leaves the previous output', async () => {
    const { r, before, out } = await interrupted('SIGTERM');
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toContain('build stopped by SIGTERM; nothing was written, out/ is as it was');
    expect(r.stderr).not.toMatch(/\n\s+at /u);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['content', 'out']);
  });

  it('SIGTERM while both threads render DOCX files (a DOCX-only build): the same end', async () => {
    // 13 DOCX files: the early worker takes its first 4, the build's thread renders the next
    // (render/pool.ts, ONE_WRITER), so the signal finds it rendering, or between two.
    const { r, before, out } = await interrupted('SIGTERM', ['--format', 'docx']);
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toContain('build stopped by SIGTERM; nothing was written, out/ is as it was');
    expect(r.stderr).not.toMatch(/\n\s+at /u);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['content', 'out']);
  });

  it('SIGKILL: the previous output is intact, and the next build removes what was left', async () => {
    const { r, before, out } = await interrupted('SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    expect(snapshot(out)).toEqual(before);
    const left = readdirSync(dir).filter((f) => f.includes('rolemark-'));
    expect(left.length).toBeGreaterThan(0);
    const next = await runCli(cli.bin, ['build', 'content', '--out', 'out', '--format', 'json'], {
      cwd: dir,
      timeout: 120_000,
    });
    expect(next.code, next.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['content', 'out']);
    expect(existsSync(join(out, 'model.json'))).toBe(true);
    expect(relative(dir, out)).toBe('out');
  });
});
