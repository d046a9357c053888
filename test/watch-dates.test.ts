import { renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type WatchEvent } from '../src/index.js';
import { outputFiles, tempDir } from './helpers.js';
import { until, watching } from './watch-helpers.js';

const team = (intro: string, cells = 'A | R') =>
  `# Alpha\n\n${intro}\n\n## Roles\n\n### Alpha Lead\nLeads.\n\n### Alpha Engineer\nBuilds.\n\n## Responsibilities\n\n| Activity | Alpha Lead | Alpha Engineer |\n|---|:-:|:-:|\n| Ship | ${cells} |\n`;

/** Saves as an editor does (a new file renamed over the old one), modified at `when`. */
function saveAt(path: string, text: string, when: Date): void {
  writeFileSync(`${path}.tmp`, text);
  utimesSync(`${path}.tmp`, when, when);
  renameSync(`${path}.tmp`, path);
}

const ROLES = ['roles/alpha-engineer.docx', 'roles/alpha-lead.docx'];

describe('build --watch: what a save touches first, what only its date changed after', () => {
  it('writes the edited team charter first, then the role charters newly dated, as a fresh build would', async () => {
    const dir = tempDir();
    const content = join(dir, 'content');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(content);
    const alpha = join(content, 'alpha.md');
    saveAt(alpha, team('We ship things.'), new Date('2024-01-01T10:00:00Z'));
    const out = join(dir, 'out');
    const { events, watcher } = await watching([content], { out, formats: ['docx', 'md'] });
    try {
      await until(() => events.length > 0, 'the first build');
      expect(events[0]?.result?.rendered.sort()).toEqual(['alpha/charter.docx', 'matrix.md', ...ROLES]);
      const before = outputFiles(out);

      // The introduction is only in the team charter; the save dates every document of the file.
      saveAt(alpha, team('We ship things, weekly.'), new Date('2024-03-01T10:00:00Z'));
      await until(() => events.length >= 3, 'the build after the save and its follow-up');
      const [first, second] = events.slice(1) as [WatchEvent, WatchEvent];
      expect(first.followUp).toBeUndefined();
      expect(first.result?.rendered).toEqual(['alpha/charter.docx']);
      expect(first.result?.stale?.sort()).toEqual(ROLES);
      expect(second.followUp).toBe(true);
      expect(second.result?.rendered.sort()).toEqual(ROLES);
      expect(second.result?.stale).toBeUndefined();
      expect(second.result?.reused).toContain('alpha/charter.docx');

      // Afterwards `out` is byte for byte what a fresh build of the same files writes, manifest too.
      const after = outputFiles(out);
      const fresh = join(dir, 'fresh');
      await build([content], { out: fresh, formats: ['docx', 'md'] });
      expect([...after.keys()].sort()).toEqual([...outputFiles(fresh).keys()].sort());
      for (const [path, bytes] of outputFiles(fresh)) expect(after.get(path)?.equals(bytes), path).toBe(true);
      // The role charters did change: their date.
      for (const path of ROLES) expect(after.get(path)?.equals(before.get(path) as Buffer), path).toBe(false);

      // An edit that touches a role renders it in the first build; nothing is left to follow.
      const seen = events.length;
      saveAt(alpha, team('We ship things, weekly.', 'A/R | C'), new Date('2024-04-01T10:00:00Z'));
      await until(() => events.length > seen, 'the build after the role edit');
      await watcher.idle();
      const edit = events[seen] as WatchEvent;
      expect(edit.result?.rendered.sort()).toEqual(['alpha/charter.docx', 'matrix.md', ...ROLES]);
      expect(edit.result?.stale).toBeUndefined();
      expect(events).toHaveLength(seen + 1);
    } finally {
      await watcher.close();
    }
  });

  it('renders a stale output that was removed by hand instead of keeping it', async () => {
    const dir = tempDir();
    const content = join(dir, 'content');
    const { mkdirSync, rmSync } = await import('node:fs');
    mkdirSync(content);
    const alpha = join(content, 'alpha.md');
    saveAt(alpha, team('We ship things.'), new Date('2024-01-01T10:00:00Z'));
    const out = join(dir, 'out');
    const times = (await build([content], { out, formats: ['docx'] })).sourceTimes;
    expect(Object.values(times ?? {})).toEqual(['2024-01-01T10:00:00.000Z']);
    rmSync(join(out, 'roles', 'alpha-lead.docx'));
    saveAt(alpha, team('We ship things, weekly.'), new Date('2024-03-01T10:00:00Z'));
    const result = await build([content], {
      out,
      formats: ['docx'],
      ...(times ? { previousSourceTimes: times } : {}),
    });
    expect(result.rendered.sort()).toEqual(['alpha/charter.docx', 'roles/alpha-lead.docx']);
    expect(result.stale).toEqual(['roles/alpha-engineer.docx']);
    // The manifest keeps the engineer's previous key: the next build renders it newly dated.
    const next = await build([content], { out, formats: ['docx'] });
    expect(next.rendered).toEqual(['roles/alpha-engineer.docx']);
  });
});
