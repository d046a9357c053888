import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressReporter } from '../src/cli/progress.js';
import { init } from '../src/index.js';
import { detectInstall, parseInstallFrom } from '../src/workflow/install.js';
import { version } from '../src/workflow/package.js';
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
  it("writes an example that its own fmt --check and check pass, so a new project's CI starts green", async () => {
    const example = 'templates/init/content/team.md';
    expect(await cli('fmt', example, '--check')).toEqual({ code: 0, stdout: '', stderr: '' });
    const checked = await cli('check', example, '-f', 'plain');
    expect(checked.code).toBe(0);
    expect(checked.stdout).toBe('');
  });

  it('scaffolds a project into an empty folder, which then builds', async () => {
    const dir = join(tempDir(), 'my-team');
    // Run from this clone, init packs the running rolemark into the project's vendor/ and
    // depends on that tarball, which npm install and npm ci resolve without the registry.
    const r = await cli('init', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created in');
    for (const file of SCAFFOLD) expect(r.stdout).toContain(`  ${file}\n`);
    const tarball = `vendor/rolemark-${version}.tgz`;
    expect(r.stdout).toContain(`  ${tarball}\n`);
    expect(r.stdout).toContain(
      `Next:\n  cd ${dir}\n  npm install            # installs rolemark from ${tarball}; commit vendor/ and package-lock.json\n  npx rolemark build     #`,
    );
    expect(readdirSync(dir).sort()).toEqual([
      '.github',
      '.gitignore',
      'content',
      'package.json',
      'rolemark.config.yaml',
      'vendor',
    ]);
    const packed = execFileSync('tar', ['-tzf', join(dir, tarball)], { encoding: 'utf8' }).split('\n');
    expect(packed).toContain('package/package.json');
    expect(packed).toContain('package/dist/bundle/rolemark.js');
    expect(packed).toContain('package/LICENSE');
    expect(packed.filter((f) => f.endsWith('.map'))).toEqual([]);

    const config = readFileSync(join(dir, 'rolemark.config.yaml'), 'utf8');
    expect(config.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./node_modules/rolemark/schema/config.schema.json',
    );
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('my-team');
    expect(pkg.devDependencies.rolemark).toBe(`file:${tarball}`);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('\nout/\n');
    const workflow = readFileSync(join(dir, '.github/workflows/rolemark.yml'), 'utf8');
    expect(workflow).toContain('npx rolemark check --format github');
    expect(workflow).toContain('path: out/');
    expect(workflow).toContain('\npermissions:\n  contents: read\n');
    // No expression inside a script: `${{ }}` only in env:, with:, if:.
    const runs = workflow.split('\n').filter((l) => /^\s+(- )?run:/u.test(l));
    expect(runs).toHaveLength(4);
    for (const line of runs) expect(line).not.toContain('${{');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(workflow).toContain('BASE_REF: ${{ github.base_ref }}');
    expect(workflow).toMatch(/node-version: 24\b/u);

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
    const first = await init(dir, { install: parseInstallFrom('registry') });
    expect(first.skipped).toEqual(['package.json']);
    expect(first.updated).toEqual(['.gitignore']);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');
    // Only the missing line is added to an existing .gitignore.
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\n*.log\nout/\n');

    writeFileSync(join(dir, 'content', 'team.md'), 'mine');
    const second = await cli('init', dir, '--install-from', 'registry');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Left as they were (use --force to overwrite):');
    expect(readFileSync(join(dir, 'content', 'team.md'), 'utf8')).toBe('mine');

    const forced = await init(dir, { force: true, install: parseInstallFrom('registry') });
    expect(forced.written.sort()).toEqual(SCAFFOLD);
    expect(readFileSync(join(dir, 'content', 'team.md'), 'utf8')).toContain('# Website Team');
  });
});

describe('the workflow init writes', () => {
  it('is the one docs/ci.md shows', () => {
    const template = readFileSync('templates/init/_github/workflows/rolemark.yml', 'utf8');
    const body = template.split('\n').slice(2).join('\n');
    expect(readFileSync('docs/ci.md', 'utf8')).toContain(`\`\`\`yaml\n${body}\`\`\``);
  });
});

describe('rolemark init beside a package.json of the user', () => {
  it('keeps it and prints the install command that adds rolemark to it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{"name":"mine"}\n');
    const r = await cli('init', dir, '--install-from', 'registry');
    expect(r.stdout).toContain(
      `  npm install --save-dev rolemark@'^${version}'  # your package.json was kept; commit package-lock.json\n`,
    );
  });
});

describe('rolemark init and symbolic links', () => {
  const registry = { install: parseInstallFrom('registry') };

  it('never writes through a link: .gitignore, content/, .github/, package.json with --force', async () => {
    const dir = tempDir();
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'ignore'), 'secret\n');
    writeFileSync(join(elsewhere, 'package.json'), '{"name":"other"}\n');
    symlinkSync(join(elsewhere, 'ignore'), join(dir, '.gitignore'));
    symlinkSync(elsewhere, join(dir, 'content'));
    symlinkSync(elsewhere, join(dir, '.github'));
    symlinkSync(join(elsewhere, 'package.json'), join(dir, 'package.json'));
    const r = await cli('init', dir, '--force', '--install-from', 'registry');
    expect(r.code).toBe(1);
    for (const path of ['.gitignore', 'content/team.md', '.github/workflows/rolemark.yml', 'package.json']) {
      expect(r.stderr).toContain(`rolemark: not written: ${path} (`);
    }
    expect(r.stderr).toContain('.gitignore is a symbolic link');
    expect(r.stderr).toContain('(content is a symbolic link;');
    expect(readdirSync(elsewhere).sort()).toEqual(['ignore', 'package.json']);
    expect(readFileSync(join(elsewhere, 'ignore'), 'utf8')).toBe('secret\n');
    expect(readFileSync(join(elsewhere, 'package.json'), 'utf8')).toBe('{"name":"other"}\n');
    expect(readFileSync(join(dir, 'rolemark.config.yaml'), 'utf8')).toContain('content: content');
  });

  it("refuses a dangling link in a file's place instead of creating its target", async () => {
    const dir = tempDir();
    const target = join(tempDir(), 'created-by-the-link');
    symlinkSync(target, join(dir, 'rolemark.config.yaml'));
    const result = await init(dir, registry);
    expect(result.refused).toEqual([
      { path: 'rolemark.config.yaml', reason: 'rolemark.config.yaml is a symbolic link' },
    ]);
    expect(() => lstatSync(target)).toThrow();
  });

  it('a folder the user names may itself be a link', async () => {
    const real = tempDir();
    const link = join(tempDir(), 'link');
    symlinkSync(real, link);
    const result = await init(link, registry);
    expect(result.refused).toEqual([]);
    expect(readdirSync(real)).toContain('package.json');
  });
});

describe('how rolemark was installed', () => {
  /** A fake install: `<project>/node_modules/rolemark` and the lockfile npm leaves. */
  const installed = (resolved: string | undefined) => {
    const project = tempDir();
    const root = join(project, 'node_modules', 'rolemark');
    mkdirSync(root, { recursive: true });
    const packages = { 'node_modules/rolemark': resolved === undefined ? {} : { resolved } };
    writeFileSync(join(project, 'node_modules', '.package-lock.json'), JSON.stringify({ packages }));
    return { project, root };
  };

  it('reads the registry, a git URL or a tarball from the lockfile npm left', () => {
    expect(detectInstall(installed('https://registry.npmjs.org/rolemark/-/rolemark-0.1.0.tgz').root)).toEqual(
      {
        kind: 'registry',
        spec: `^${version}`,
      },
    );
    const git = 'git+ssh://git@github.com/acme/rolemark.git#0123456789abcdef0123456789abcdef01234567';
    expect(detectInstall(installed(git).root)).toEqual({ kind: 'git', spec: git });
    const { project, root } = installed('file:vendor/rolemark-0.1.0.tgz');
    expect(detectInstall(root)).toEqual({
      kind: 'tarball',
      file: join(project, 'vendor/rolemark-0.1.0.tgz'),
    });
  });

  it('packs a clone, or an install npm left no record of', () => {
    expect(detectInstall('/src/rolemark-fork')).toEqual({ kind: 'clone', root: '/src/rolemark-fork' });
    const { root } = installed(undefined);
    expect(detectInstall(root)).toEqual({ kind: 'clone', root });
  });

  it('copies the tarball it was installed from into the new project', async () => {
    const source = join(tempDir(), 'rolemark-9.9.9.tgz');
    writeFileSync(source, 'not really a tarball');
    const dir = tempDir();
    const result = await init(dir, { install: { kind: 'tarball', file: source } });
    expect(result.dependency).toBe('file:vendor/rolemark-9.9.9.tgz');
    expect(readFileSync(join(dir, 'vendor/rolemark-9.9.9.tgz'), 'utf8')).toBe('not really a tarball');
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
