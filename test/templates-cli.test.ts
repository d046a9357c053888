import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { build } from '../src/index.js';
import { templateSettings } from '../src/templates/config.js';
import { cli } from './cli-helpers.js';
import { pdfText, tempDir } from './helpers.js';

/** The entries of an output folder, without the build cache's manifest. */
const listing = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f !== '.rolemark-cache.json')
    .sort();

/** The custom template the README shows, exactly as it stands there. */
function readmeTemplate(): string {
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf('<!-- example: templates/onboarding.md');
  const block = /```markdown\n([\s\S]*?)```/.exec(readme.slice(at));
  if (at < 0 || !block?.[1]) throw new Error('README has no onboarding template example');
  return block[1];
}

/** A content repository: content/ from the example, and templates/ with the given files. */
function contentRepo(templates: Record<string, string>): string {
  const root = tempDir();
  cpSync('content', join(root, 'content'), { recursive: true });
  mkdirSync(join(root, 'templates'));
  for (const [name, text] of Object.entries(templates)) writeFileSync(join(root, 'templates', name), text);
  return root;
}

describe('rolemark build --template', () => {
  it('builds the templates named, comma-separated or repeated, at their documented paths', async () => {
    const out = join(tempDir(), 'out');
    const r = await cli(
      'build',
      'content',
      '-o',
      out,
      '-t',
      'handout,job-description',
      '-t',
      'matrix-poster',
      '-f',
      'docx',
    );
    expect(r.code).toBe(0);
    expect(listing(out)).toEqual(['handout', 'job-description', 'product-roles']);
    const roles = ['development-team', 'product-manager', 'product-owner'];
    expect(readdirSync(join(out, 'handout')).sort()).toEqual(roles.map((id) => `${id}.docx`));
    expect(readdirSync(join(out, 'job-description')).sort()).toEqual(roles.map((id) => `${id}.docx`));
    expect(readdirSync(join(out, 'product-roles'))).toEqual(['matrix-poster.docx']);
  });

  it('keeps today’s paths for the default templates', async () => {
    const out = join(tempDir(), 'out');
    expect((await cli('build', 'content', '--out', out, '--format', 'pdf')).code).toBe(0);
    expect(listing(out)).toEqual(['product-roles', 'roles']);
    expect(readdirSync(join(out, 'product-roles'))).toEqual(['charter.pdf']);
  });

  it('exits 2 on an unknown template or theme, naming the ones there are', async () => {
    const out = join(tempDir(), 'out');
    const t = await cli('build', 'content', '--out', out, '--template', 'handuot');
    expect(t.code).toBe(2);
    expect(t.stderr).toContain(
      'Unknown template `handuot`; expected one of handout, job-description, matrix-poster, role-charter, team-charter',
    );
    const theme = await cli('build', 'content', '--out', out, '--theme', 'neon');
    expect(theme.code).toBe(2);
    expect(theme.stderr).toContain('Cannot find the theme `neon`');
    expect(existsSync(out)).toBe(false);
  });

  it('prints every problem of a broken template at file:line:col and writes nothing', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, '---\nper: role\n---\n# {{role.nmae}}\n\n::matrx\n');
    const r = await cli('build', 'content', '--out', join(dir, 'out'), '--template', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${bad}:4:3: Unknown placeholder \`{{role.nmae}}\`; did you mean \`{{role.name}}\`?`,
    );
    expect(r.stderr).toContain(`${bad}:6:1: Unknown directive \`::matrx\`; did you mean \`::matrix\`?`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--lang sets the language of content that names none', async () => {
    const out = join(tempDir(), 'out');
    expect(
      (await cli('build', 'content', '--out', out, '-f', 'pdf', '-t', 'role-charter', '--lang', 'de')).code,
    ).toBe(0);
    expect(pdfText(join(out, 'roles', 'product-owner.pdf'))).toContain('Seite 1 von');
  });

  it('rolemark templates lists the templates and themes', async () => {
    const r = await cli('templates');
    expect(r.code).toBe(0);
    for (const name of [
      'team-charter',
      'role-charter',
      'handout',
      'job-description',
      'matrix-poster',
      'print-mono',
    ])
      expect(r.stdout).toContain(name);
    expect(r.stdout).toMatch(/handout\s+per role\s+pdf,docx\s+built-in/);
  });
});

describe('a custom template in the content repository', () => {
  it('the README’s example builds from templates/, with its placeholders and directives filled', async () => {
    const root = contentRepo({ 'onboarding.md': readmeTemplate() });
    const out = join(root, 'out');
    const result = await build([join(root, 'content')], { out, root, templates: ['onboarding'] });
    expect(result.ok).toBe(true);
    expect(result.files.sort()).toEqual([
      'matrix.md',
      'model.json',
      'onboarding/development-team.pdf',
      'onboarding/product-manager.pdf',
      'onboarding/product-owner.pdf',
    ]);
    const text = pdfText(join(out, 'onboarding', 'product-owner.pdf'), false).replace(/\s+/g, ' ');
    for (const expected of [
      'Welcome, Product Owner',
      'What you decide',
      'Prioritise the product backlog',
      'Product Manager (PM) — 12 shared activities',
      'Read the team charter of Product Manager and Product Owner.',
    ])
      expect(text).toContain(expected);
  });

  it('a project template named like a built-in replaces it', async () => {
    const root = contentRepo({
      'role-charter.md': '---\nper: role\noutput: "people/{{role.id}}"\n---\n# {{role.name}}, our way\n',
    });
    const out = join(root, 'out');
    const result = await build([join(root, 'content')], { out, root, formats: ['pdf'] });
    expect(result.files).toContain('people/product-owner.pdf');
    expect(pdfText(join(out, 'people', 'product-owner.pdf'))).toContain('Product Owner, our way');
  });

  it('two templates writing the same file are refused', async () => {
    const root = contentRepo({ 'a.md': '---\nper: role\noutput: "roles/{{role.id}}"\n---\nA\n' });
    await expect(
      build([join(root, 'content')], { out: join(root, 'out'), root, templates: ['role-charter', 'a'] }),
    ).rejects.toThrow(/Templates `role-charter` and `a` would both write `roles\/product-manager`/);
  });
});

describe('rolemark.config.yaml', () => {
  it('template, theme and lang: names stay names, paths are relative to the configuration', () => {
    const dir = tempDir();
    const text = 'template: [handout, ./docs/one-pager.md]\ntheme: print-mono\nlang: fr\n';
    const config = parseConfig(text, join(dir, 'rolemark.config.yaml'), { cwd: dir, dir });
    expect(config.diagnostics).toEqual([]);
    expect(templateSettings(config, dir)).toEqual({
      templates: ['handout', join(dir, 'docs', 'one-pager.md')],
      theme: 'print-mono',
      lang: 'fr',
      root: dir,
    });
    expect(
      templateSettings(parseConfig('template: handout, job-description\n', 'c.yaml'), dir),
    ).toMatchObject({
      templates: ['handout', 'job-description'],
    });
  });

  it('rolemark build takes them, unless the command line names its own', async () => {
    const root = contentRepo({});
    writeFileSync(join(root, 'rolemark.config.yaml'), 'template: handout\ntheme: print-mono\nlang: de\n');
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const r = await cli('build', 'content', '-o', 'out', '-f', 'pdf');
      expect(r.code, r.stderr).toBe(0);
      expect(listing(join(root, 'out'))).toEqual(['handout']);
      expect(pdfText(join(root, 'out', 'handout', 'product-owner.pdf'))).toContain('Seite 1 von 1');
      const own = await cli(
        'build',
        'content',
        '-o',
        'out2',
        '-f',
        'pdf',
        '-t',
        'role-charter',
        '--lang',
        'es',
      );
      expect(own.code, own.stderr).toBe(0);
      expect(listing(join(root, 'out2'))).toEqual(['roles']);
      expect(pdfText(join(root, 'out2', 'roles', 'product-owner.pdf'))).toContain('Página 1 de');
      writeFileSync(join(root, 'rolemark.config.yaml'), 'theme: [a]\n');
      const bad = await cli('build', 'content', '-o', 'out3');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('rolemark.config.yaml:1:8');
    } finally {
      process.chdir(cwd);
    }
  });

  it('the config schema refuses a theme that is not a name', () => {
    const config = parseConfig('theme: [a, b]\n', 'rolemark.config.yaml');
    expect(config.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      '1:8 config-invalid',
    ]);
  });
});
