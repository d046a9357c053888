/**
 * The install path, end to end, as a new user takes it on a machine where rolemark is not on the
 * npm registry: the README's commands, run as they are printed, in a clone whose folder is not
 * named `rolemark`; then the project they make, copied clean (as a colleague or CI checks it
 * out) and installed with `npm ci`, builds its charters. npm may use its local cache for
 * rolemark's dependencies (`prefer-offline`); rolemark itself never comes from the registry.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { version } from '../src/workflow/package.js';
import { tempDir } from './helpers.js';

/** The shell block after `<!-- test: install … -->` in the README, without comments. */
function readmeCommands(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('<!-- test: install');
  expect(start).toBeGreaterThan(0);
  const block = /```sh\n([\s\S]*?)```/u.exec(readme.slice(start));
  if (!block?.[1]) throw new Error('no sh block after the install marker in README.md');
  return block[1]
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/u, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const env = {
  ...process.env,
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  CI: '1',
};

const sh = (script: string, cwd: string) =>
  execFileSync('bash', ['-euo', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8', stdio: 'pipe' });

describe('from a clone to a project that builds in CI', () => {
  it('runs the README commands verbatim, then npm ci and a build in a clean copy', () => {
    const base = tempDir('rolemark-install-');
    // A clone under another name: the files git knows of, as they are in this working tree.
    const clone = join(base, 'team tools (clone)');
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      encoding: 'utf8',
    })
      .split('\0')
      .filter((f) => f !== '' && existsSync(f));
    for (const file of files) {
      mkdirSync(join(clone, file, '..'), { recursive: true });
      cpSync(file, join(clone, file));
    }

    const commands = readmeCommands();
    expect(commands).toEqual([
      'npm install',
      'npx rolemark init ../my-team',
      'cd ../my-team',
      'npm install',
      'npx rolemark build',
    ]);
    const log = sh(commands.join('\n'), clone);
    expect(log).toContain(`vendor/rolemark-${version}.tgz`);

    const project = join(base, 'my-team');
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(pkg.devDependencies.rolemark).toBe(`file:vendor/rolemark-${version}.tgz`);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/rolemark'].resolved).toBe(`file:vendor/rolemark-${version}.tgz`);
    expect(readdirSync(join(project, 'out')).sort()).toEqual([
      '.rolemark-cache.json',
      'matrix.md',
      'model.json',
      'roles',
      'team',
    ]);

    // A clean checkout of what the project commits (.gitignore leaves out node_modules and out).
    const copy = join(base, 'checkout');
    for (const entry of [
      '.github',
      '.gitignore',
      'content',
      'package.json',
      'package-lock.json',
      'rolemark.config.yaml',
      'vendor',
    ]) {
      cpSync(join(project, entry), join(copy, entry), { recursive: true });
    }
    // The workflow's own steps, in order: npm ci, check, build.
    const workflow = readFileSync(join(copy, '.github/workflows/rolemark.yml'), 'utf8');
    const steps = [
      ...workflow.matchAll(/^\s+(?:- )?run: (npm ci|npx rolemark (?:check|build)[^\n]*)$/gmu),
    ].map((m) => m[1] ?? '');
    expect(steps).toEqual(['npm ci', 'npx rolemark check --format github', 'npx rolemark build']);
    sh(steps.join('\n'), copy);
    expect(readdirSync(join(copy, 'out', 'team')).sort()).toEqual(['charter.docx', 'charter.pdf']);
    expect(readdirSync(join(copy, 'out', 'roles')).length).toBe(8);

    // And from the installed copy, init makes the next project from the same tarball.
    const next = sh('npx rolemark init ../next-team', copy);
    expect(next).toContain(`npm install            # installs rolemark from vendor/rolemark-${version}.tgz`);
    expect(readFileSync(join(base, 'next-team', 'vendor', `rolemark-${version}.tgz`))).toEqual(
      readFileSync(join(copy, 'vendor', `rolemark-${version}.tgz`)),
    );
  }, 600_000);
});
