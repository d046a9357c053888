import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { init } from '../src/index.js';
import { version } from '../src/workflow/package.js';
import { progressReporter } from '../src/workflow/progress.js';
import { cli } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const SCAFFOLD = [
  '.github/workflows/rolemark.yml',
  '.gitignore',
  'content/team.md',
  'package.json',
  'rolemark.config.yaml',
];

describe('rolemark init', () => {
  it('scaffolds a project into an empty folder, which then builds', async () => {
    const dir = join(tempDir(), 'my-team');
    const r = await cli('init', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created in');
    for (const file of SCAFFOLD) expect(r.stdout).toContain(`  ${file}\n`);
    expect(readdirSync(dir).sort()).toEqual([
      '.github',
      '.gitignore',
      'content',
      'package.json',
      'rolemark.config.yaml',
    ]);

    const config = readFileSync(join(dir, 'rolemark.config.yaml'), 'utf8');
    expect(config.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./node_modules/rolemark/schema/config.schema.json',
    );
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('my-team');
    expect(pkg.devDependencies.rolemark).toBe(`^${version}`);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('\nout/\n');
    const workflow = readFileSync(join(dir, '.github/workflows/rolemark.yml'), 'utf8');
    expect(workflow).toContain('npx rolemark check --reporter github');
    expect(workflow).toContain('path: out/');

    // The example is clean: it shows good practice, not warnings.
    const check = await cli('check', join(dir, 'content'), '--reporter', 'plain');
    expect(check.stdout).toBe('');
    expect(check.code).toBe(0);
    const build = await cli('build', join(dir, 'content'), '--out', join(dir, 'out'));
    expect(build.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      '.rolemark-cache.json',
      'matrix.md',
      'model.json',
      'roles',
      'team',
    ]);
    expect(readdirSync(join(dir, 'out', 'team')).sort()).toEqual(['charter.docx', 'charter.pdf']);
  });

  it('never overwrites a file without --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{"name":"mine"}\n');
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\n*.log');
    const first = await init(dir);
    expect(first.skipped).toEqual(['package.json']);
    expect(first.updated).toEqual(['.gitignore']);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');
    // Only the missing line is added to an existing .gitignore.
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\n*.log\nout/\n');

    writeFileSync(join(dir, 'content', 'team.md'), 'mine');
    const second = await cli('init', dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Left as they were (use --force to overwrite):');
    expect(readFileSync(join(dir, 'content', 'team.md'), 'utf8')).toBe('mine');

    const forced = await init(dir, { force: true });
    expect(forced.written.sort()).toEqual(SCAFFOLD);
    expect(readFileSync(join(dir, 'content', 'team.md'), 'utf8')).toContain('# Website Team');
  });
});

describe('progress', () => {
  const run = (options: { tty: boolean; verbose?: boolean; quiet?: boolean }, toRender: number) => {
    let text = '';
    const p = progressReporter({ write: (t) => (text += t), columns: 60, ...options });
    p.onProgress({ type: 'plan', total: toRender + 2, toRender });
    for (let i = 1; i <= toRender + 2; i++) {
      p.onProgress({
        type: 'output',
        path: `roles/r${i}.pdf`,
        reused: i > toRender,
        done: i,
        total: toRender + 2,
        ms: 5,
      });
    }
    p.finish();
    return text;
  };

  it('draws a bar on a terminal, only when more than 20 outputs are rendered', () => {
    const bar = run({ tty: true }, 30);
    expect(bar).toContain('\r\x1b[2KRendering ████████████████████████ 32/32 roles/r32.pdf');
    expect(bar.endsWith('\r\x1b[2K')).toBe(true);
    expect(run({ tty: true }, 20)).toBe('');
  });

  it('prints plain lines at every tenth in CI logs, and nothing when quiet', () => {
    const lines = run({ tty: false }, 98).split('\n').filter(Boolean);
    expect(lines[0]).toBe('Rendering 98 of 100 outputs (2 unchanged)');
    expect(lines.slice(1)).toEqual(
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => `  ${p}/100 (${p}%)`),
    );
    expect(run({ tty: false, quiet: true }, 98)).toBe('');
  });

  it('lists every output when verbose', () => {
    const lines = run({ tty: true, verbose: true }, 1).split('\n').filter(Boolean);
    expect(lines).toEqual([
      '  rendered   roles/r1.pdf  5 ms',
      '  unchanged  roles/r2.pdf  5 ms',
      '  unchanged  roles/r3.pdf  5 ms',
    ]);
  });
});
