/**
 * Inline `rolemark-disable…` comments are applied by the rule engine, once, so that every command
 * that reports diagnostics agrees with `check`: a disabled error does not fail `build`,
 * `build --watch`, nor shows in `export`'s or the library's diagnostics (issue 15).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, loadText } from '../src/index.js';
import { cli } from './cli-helpers.js';
import { tempDir } from './helpers.js';
import { until, watching } from './watch-helpers.js';

// Two A's on Ship is an error (accountable-multiple); the comment silences it for that table.
const chart = (comment: string) =>
  `# Team\n\n${comment}| Activity | Dev | QA |\n|---|---|---|\n| Ship | A/R | A |\n| Test | A | R |\n`;
const DISABLED = chart('<!-- rolemark-disable-next-line accountable-multiple -->\n');
const BARE = chart('');

function project(text: string) {
  const dir = tempDir();
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content', 'team.md'), text);
  return { dir, content: join(dir, 'content'), file: join(dir, 'content', 'team.md'), out: join(dir, 'out') };
}

describe('inline disables outside check', () => {
  it('build: a disabled error does not fail it; without the comment it does', async () => {
    const bare = project(BARE);
    const failed = await cli('build', bare.content, '--out', bare.out, '--format', 'md');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('accountable-multiple');
    expect(existsSync(bare.out)).toBe(false);

    const p = project(DISABLED);
    const r = await cli('build', p.content, '--out', p.out, '--format', 'md');
    expect(r.stderr).not.toContain('accountable-multiple');
    expect(r.code).toBe(0);
    expect(existsSync(join(p.out, 'matrix.md'))).toBe(true);
  });

  it('build reports a comment that silences nothing, as check does', async () => {
    const p = project(chart('<!-- rolemark-disable-next-line responsible-missing -->\n'));
    const built = await cli('build', p.content, '--out', p.out, '--format', 'md');
    const checked = await cli('check', p.content, '-f', 'plain');
    const lines = (text: string) => text.split('\n').filter((l) => l.includes('  unused-disable'));
    expect(lines(built.stderr)).toEqual([
      `${p.file}:3:1  warning  Unused \`rolemark-disable-next-line responsible-missing\`: no such problem to silence here; remove the comment  unused-disable`,
    ]);
    expect(lines(checked.stdout)).toEqual(lines(built.stderr));
    // The error the comment does not name still fails both.
    expect(built.code).toBe(1);
    expect(checked.code).toBe(1);
  });

  it('export --format json: the diagnostics are check’s', async () => {
    const p = project(DISABLED);
    const r = await cli('export', p.content);
    expect(r.code).toBe(0);
    const ids = (JSON.parse(r.stdout).diagnostics as { ruleId: string }[]).map((d) => d.ruleId);
    expect(ids).not.toContain('accountable-multiple');
    const bare = project(BARE);
    const ids2 = (
      JSON.parse((await cli('export', bare.content)).stdout).diagnostics as { ruleId: string }[]
    ).map((d) => d.ruleId);
    expect(ids2).toContain('accountable-multiple');
  });

  it("explain counts the reader's problems as check would: less what a comment silences", async () => {
    // A row longer than its header: the reader's ragged-row warning.
    const ragged = (comment: string) =>
      `# Team\n\n${comment}| Activity | Dev | QA |\n|---|---|---|\n| Ship | A | R | C |\n`;
    const count = async (text: string) =>
      /; (\d+) problems? from the reader/u.exec((await cli('explain', project(text).content)).stdout)?.[1];
    expect(await count(ragged(''))).toBe('1');
    expect(await count(ragged('<!-- rolemark-disable-next-line ragged-row -->\n'))).toBe('0');
  });

  it("a writer's warning (missing-glyph) is silenced in place too, and its comment is not called unused", async () => {
    const team = (comment: string) =>
      `# Team\n\n## Roles\n${comment}### Scribe 𓀀 (X)\nDoes things.\n### Reader (RD)\nReads.\n\n## Responsibilities\n| Activity | X | RD |\n|---|---|---|\n| Carve | A/R | I |\n`;
    const ids = async (text: string) => {
      const p = project(text);
      const r = await cli('build', p.content, '--out', p.out, '--format', 'pdf');
      expect(r.code).toBe(0);
      return r.stderr;
    };
    expect(await ids(team(''))).toContain('missing-glyph');
    const silenced = await ids(team('<!-- rolemark-disable-next-line missing-glyph -->\n'));
    expect(silenced).not.toContain('missing-glyph');
    expect(silenced).not.toContain('unused-disable');
  });

  it('the library: check() over loadText() honours them too', () => {
    const ids = (text: string) => check(loadText([{ file: 'team.md', text }])).map((d) => d.ruleId);
    expect(ids(BARE)).toContain('accountable-multiple');
    expect(ids(DISABLED)).not.toContain('accountable-multiple');
    expect(ids(DISABLED)).not.toContain('unused-disable');
  });

  it('build --watch: a disabled error builds', async () => {
    const p = project(DISABLED);
    const { events, watcher } = await watching([p.content], { out: p.out, formats: ['md'] });
    try {
      await watcher.idle();
      await until(() => events.length > 0, 'the first build');
      expect(events[0]?.error).toBeUndefined();
      expect(events[0]?.result?.ok).toBe(true);
      expect(events[0]?.result?.diagnostics.map((d) => d.ruleId)).not.toContain('accountable-multiple');
    } finally {
      await watcher.close();
    }
  });
});
