/**
 * `build --watch` and what is not content: editors' temporary files and hidden files are no
 * reason to rebuild, links created while watching are never followed (issue 18), and a change to
 * the settings (configuration, templates, themes) rebuilds with the new settings (issue 15).
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type WatchEvent, watch } from '../src/index.js';
import { displayPath } from '../src/read/files.js';
import { tempDir } from './helpers.js';
import { save, until, watchCli, watching } from './watch-helpers.js';

const chart = (cells: string) => `# Team\n\n| Activity | Lead | Dev |\n|---|---|---|\n| Ship | ${cells} |\n`;

describe('build --watch ignores what is not content', () => {
  it('never rebuilds for temporary or hidden files, nor follows links made while watching', async () => {
    const dir = tempDir();
    const content = join(dir, 'content');
    mkdirSync(content);
    const team = join(content, 'team.md');
    writeFileSync(team, chart('A | R'));
    const { events, watcher } = await watching([content], { out: join(dir, 'out'), formats: ['md'] });
    try {
      await until(() => events.length === 1, 'the first build');
      // What editors and tools leave beside the files they save.
      for (const name of [
        'sedV9u0eV',
        '.team.md.swp',
        '4913',
        'team.md~',
        '~$team.docx',
        'team.md.tmp',
        '.#team.md',
      ]) {
        writeFileSync(join(content, name), 'x');
      }
      // Links to the project, to the file system root: neither may be watched into.
      symlinkSync('..', join(content, 'up'));
      symlinkSync('/', join(content, 'root'));
      mkdirSync(join(dir, 'beside'));
      writeFileSync(join(dir, 'beside', 'other.md'), chart('A | C'));
      // Then a real edit, which must be the only change of the next build.
      save(team, chart('A | C'));
      await until(() => events.length >= 2, 'the build after the edit');
      await watcher.idle();
      expect(events.map((e) => e.changed)).toEqual([[], [displayPath(team)]]);
    } finally {
      await watcher.close();
    }
  });
});

describe('build --watch and the settings', () => {
  it('rebuilds with the new configuration when rolemark.config.yaml changes', async () => {
    const dir = tempDir();
    const content = join(dir, 'content');
    mkdirSync(content);
    writeFileSync(join(content, 'team.md'), chart('A | A'));
    const config = join(dir, 'rolemark.config.yaml');
    writeFileSync(config, 'rules:\n  accountable-multiple: error\n');
    const cli = watchCli(content, join(dir, 'out'), config);
    let code: number;
    try {
      await until(() => cli.stderr.includes('keeps the last good build'), 'the failed first build');
      save(config, 'rules:\n  accountable-multiple: "off"\n');
      await until(
        () => /rolemark\.config\.yaml changed: built/u.test(cli.stdout),
        'the rebuild with the new rules',
      );
    } finally {
      code = await cli.stop();
    }
    expect(code).toBe(0);
  });
});

describe('build --watch and templates', () => {
  it('reads the settings again when a template or theme changes, not for other files there', async () => {
    const dir = tempDir();
    const content = join(dir, 'content');
    const templates = join(dir, 'templates');
    mkdirSync(content);
    mkdirSync(join(templates, 'themes'), { recursive: true });
    writeFileSync(join(content, 'team.md'), chart('A | R'));
    const events: WatchEvent[] = [];
    let reloads = 0;
    const options = { out: join(dir, 'out'), formats: ['md' as const] };
    const watcher = await watch([content], {
      ...options,
      debounceMs: 40,
      onBuild: (e) => events.push(e),
      settings: {
        paths: [templates],
        reload: async () => {
          reloads++;
          return options;
        },
      },
    });
    try {
      await until(() => events.length === 1, 'the first build');
      writeFileSync(join(templates, 'notes.txt'), 'not a template');
      save(join(templates, 'themes', 'acme.yaml'), 'extends: default\n');
      await until(() => events.length === 2, 'the build after the theme changed');
      await watcher.idle();
      expect(reloads).toBe(1);
      expect(events[1]?.changed).toEqual([displayPath(join(templates, 'themes', 'acme.yaml'))]);
    } finally {
      await watcher.close();
    }
  });
});

describe('build --watch and .rolemarkignore', () => {
  it('neither reads nor rebuilds for ignored files, and reads .rolemarkignore again when it changes', async () => {
    const dir = tempDir();
    const content = join(dir, 'content');
    mkdirSync(join(content, 'drafts'), { recursive: true });
    const team = join(content, 'team.md');
    const draft = join(content, 'drafts', 'wip.md');
    writeFileSync(team, chart('A | R'));
    // Two A's: an error, so a build that read the draft would fail.
    writeFileSync(draft, chart('A | A'));
    const config = join(dir, 'rolemark.config.yaml');
    writeFileSync(config, 'rules:\n  accountable-multiple: error\n');
    const ignoreFile = join(dir, '.rolemarkignore');
    writeFileSync(ignoreFile, 'content/drafts/\n');
    const cli = watchCli(content, join(dir, 'out'), config);
    const builds = () => cli.builds();
    let code: number;
    try {
      await until(() => builds().length === 1, 'the first build');
      expect(cli.stderr).not.toContain('accountable-multiple');
      // An ignored file changes, then a real one: only the real one is the next build's change.
      save(draft, chart('A | A | A'));
      await new Promise((r) => setTimeout(r, 300));
      save(team, chart('A | C'));
      await until(() => builds().length === 2, 'the build after the edit');
      expect(builds()[1]).toContain(`${displayPath(team)} changed: built`);
      expect(builds()[1]).not.toContain('wip.md');
      // The ignore file itself is a setting: emptied, the draft is content again and fails the build.
      save(ignoreFile, '# nothing ignored\n');
      await until(() => cli.stderr.includes('keeps the last good build'), 'the build that reads the draft');
      expect(cli.stderr).toContain(`${displayPath(draft)}:`);
      expect(cli.stderr).toContain('accountable-multiple');
    } finally {
      code = await cli.stop();
    }
    expect(code).toBe(0);
  });
});

describe('build --watch with a glob', () => {
  it("watches the glob's folder, reads and rebuilds only for the files it matches", async () => {
    const dir = tempDir();
    const teams = join(dir, 'teams');
    mkdirSync(join(teams, 'ops'), { recursive: true });
    const ops = join(teams, 'ops', 'ops.md');
    const notes = join(teams, 'notes.txt.md');
    writeFileSync(ops, chart('A | R'));
    // Not matched by the glob below (it is not under a subfolder): an error that must not be read.
    writeFileSync(notes, chart('A | A'));
    const config = join(dir, 'rolemark.config.yaml');
    writeFileSync(config, 'rules:\n  accountable-multiple: error\n');
    const cli = watchCli(join(teams, '*/*.md'), join(dir, 'out'), config);
    const builds = () => cli.builds();
    let code: number;
    try {
      await until(() => builds().length === 1 || cli.stderr.includes('rolemark:'), 'the first build');
      expect(cli.stderr).not.toContain('Cannot watch');
      expect(cli.stderr).not.toContain('accountable-multiple');
      save(notes, chart('A | A | A'));
      await new Promise((r) => setTimeout(r, 300));
      save(ops, chart('A | C'));
      await until(() => builds().length === 2, 'the build after the edit');
      expect(builds()[1]).toContain(`${displayPath(ops)} changed: built`);
      expect(builds()[1]).not.toContain('notes');
    } finally {
      code = await cli.stop();
    }
    expect(code).toBe(0);
  });
});
