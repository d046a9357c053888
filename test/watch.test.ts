import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { WatchEvent } from '../src/index.js';
import { displayPath } from '../src/read/files.js';
import { tempDir } from './helpers.js';
import { save, until, watching } from './watch-helpers.js';

const team = (name: string, cells: string) =>
  `# ${name}\n\n## Roles\n\n### ${name} Lead\nLeads.\n\n### ${name} Engineer\nBuilds.\n\n## Responsibilities\n\n| Activity | ${name} Lead | ${name} Engineer |\n|---|:-:|:-:|\n| Ship | ${cells} |\n`;

function project() {
  const dir = tempDir();
  const content = join(dir, 'content');
  mkdirSync(content);
  writeFileSync(join(content, 'alpha.md'), team('Alpha', 'A | R'));
  writeFileSync(join(content, 'beta.md'), team('Beta', 'A | R'));
  return { dir, content, out: join(dir, 'out'), beta: join(content, 'beta.md') };
}

describe('build --watch', () => {
  it('rebuilds what an edit changed, survives a broken edit, and recovers when it is fixed', async () => {
    const { content, out, beta } = project();
    const { events, watcher } = await watching([content], { out, formats: ['docx', 'md'] });
    try {
      await until(() => events.length > 0, 'the first build');
      const first = events[0] as WatchEvent;
      expect(first.changed).toEqual([]);
      expect(first.result?.ok).toBe(true);
      expect(first.result?.rendered).toHaveLength(7);

      // An edit: only Beta's charter, its two roles and the matrix are rendered again.
      let seen = events.length;
      save(beta, team('Beta', 'A/R | C'));
      await until(() => events.length > seen, 'the build after an edit');
      const edit = events[seen] as WatchEvent;
      expect(edit.changed).toEqual([displayPath(beta)]);
      expect(edit.result?.ok).toBe(true);
      expect(edit.result?.rendered.sort()).toEqual([
        'beta/charter.docx',
        'matrix.md',
        'roles/beta-engineer.docx',
        'roles/beta-lead.docx',
      ]);
      const good = readFileSync(join(out, 'matrix.md'), 'utf8');
      expect(good).toContain('| Ship | R/A | C |');

      // A broken edit (two accountable roles): reported, nothing written, and the watcher goes on.
      seen = events.length;
      save(beta, team('Beta', 'A | A'));
      await until(() => events.some((e, i) => i >= seen && e.result?.ok === false), 'the failed build');
      const broken = events.find((e, i) => i >= seen && e.result?.ok === false) as WatchEvent;
      expect(broken.result?.diagnostics.map((d) => d.ruleId)).toContain('accountable-multiple');
      expect(readFileSync(join(out, 'matrix.md'), 'utf8')).toBe(good);

      // The fix builds again.
      seen = events.length;
      save(beta, team('Beta', 'A | C'));
      await until(() => events.some((e, i) => i >= seen && e.result?.ok === true), 'the build after the fix');
      expect(readFileSync(join(out, 'matrix.md'), 'utf8')).toContain('| Ship | A | C |');
      const fixed = events.find((e, i) => i >= seen && e.result?.ok) as WatchEvent;
      expect(fixed.result?.rendered).not.toContain('alpha/charter.docx');
    } finally {
      await watcher.close();
    }
  });

  it('reports an input that disappears, and builds again when it is back', async () => {
    const { content, out, beta } = project();
    const { events, watcher } = await watching([beta], { out, formats: ['md'] });
    try {
      await until(() => events.length > 0, 'the first build');
      const { rmSync } = await import('node:fs');
      let seen = events.length;
      rmSync(beta);
      await until(() => events.some((e, i) => i >= seen && e.error !== undefined), 'the error');
      expect(events.find((e, i) => i >= seen && e.error)?.error?.message).toContain('Cannot read input');
      seen = events.length;
      save(beta, team('Beta', 'A | I'));
      await until(() => events.some((e, i) => i >= seen && e.result?.ok === true), 'the rebuild');
      expect(readFileSync(join(out, 'matrix.md'), 'utf8')).toContain('| Ship | A | I |');
      expect(content).toBeTruthy();
    } finally {
      await watcher.close();
    }
  });

  it('picks up a file in a folder created while watching', async () => {
    const { content, out } = project();
    const { events, watcher } = await watching([content], { out, formats: ['md'] });
    try {
      await until(() => events.length > 0, 'the first build');
      const teams = join(content, 'teams');
      mkdirSync(teams);
      // A new folder starts a build too; by then the folder itself is watched.
      await until(() => events.some((e) => e.changed.includes(displayPath(teams))), 'the folder event');
      const gamma = join(content, 'teams', 'gamma.md');
      save(gamma, team('Gamma', 'A | R'));
      await until(
        () => events.some((e) => e.changed.includes(displayPath(gamma)) && e.result?.ok === true),
        'the build of the new file',
      );
      expect(readFileSync(join(out, 'matrix.md'), 'utf8')).toContain('## Gamma');
    } finally {
      await watcher.close();
    }
  });

  it('runs from the CLI until stopped, printing each build', async () => {
    const { content, out, beta } = project();
    const stop = new AbortController();
    let stdout = '';
    let stderr = '';
    const running = main(['build', content, '--out', out, '--format', 'md', '--watch'], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      signal: stop.signal,
    });
    await until(() => /built .*: 1 rendered/.test(stdout), 'the first build');
    save(beta, team('Beta', 'A | A'));
    await until(() => stderr.includes('accountable-multiple'), 'the error report');
    expect(stderr).toContain('keeps the last good build');
    save(beta, team('Beta', 'A | R'));
    await until(() => /beta\.md changed: built/.test(stdout), 'the rebuild');
    stop.abort();
    expect(await running).toBe(0);
    expect(stderr).toContain('Watching');
  });
});
