import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { validateNode } from '../src/config/validate.js';
import { compose, load, loadTheme, TemplateError } from '../src/index.js';
import type { Block, DocumentIR } from '../src/ir/types.js';
import { themeSchema } from '../src/templates/theme-schema.js';
import { tempDir } from './helpers.js';
import { solidPng } from './png.js';

const model = await load(['content']);
const dejavu = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** A project folder with `templates/themes/<name>.yaml` (and any other files), returning its path. */
function project(files: Record<string, string | Buffer>): string {
  const root = tempDir();
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
  }
  return root;
}

function problems(yaml: string, extra: Record<string, string | Buffer> = {}): string[] {
  const root = project({ 'templates/themes/t.yaml': yaml, ...extra });
  try {
    loadTheme('t', root);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return error.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
  }
  throw new Error('the theme loaded');
}

const codeFills = (ir: DocumentIR, type: Block['type']) =>
  ir.blocks.flatMap((b) =>
    b.type === type && 'codes' in b ? [Object.fromEntries(b.codes.map((c) => [c.code, c.color]))] : [],
  );

describe('built-in themes', () => {
  it('default: A4, the colours the writers use today, DejaVu fonts, the schemes’ own fills', () => {
    const ir = compose(model, { document: 'product-roles' });
    expect(ir.theme).toMatchObject({
      name: 'default',
      page: { size: 'A4', orientation: 'portrait', width: 595.28, height: 841.89 },
      fontSize: 9.5,
      colors: { text: '#1C2430', accent: '#1F4E79', link: '#1F5FA8' },
      fonts: {
        body: [{ family: 'Calibri' }, { family: 'DejaVu Sans', builtIn: true }],
        mono: [{ family: 'Consolas' }, { family: 'DejaVu Sans Mono', builtIn: true }],
      },
    });
    expect(ir.theme?.page.margin).toEqual({ top: 70.87, right: 56.69, bottom: 62.36, left: 56.69 });
    expect(codeFills(ir, 'legend')).toEqual([{ R: '#8CC8EE', A: '#F4B860', C: '#F2E68C', I: '#D9D9D9' }]);
  });

  it('print-mono: greys in the legend, the matrix and the workload bars', () => {
    const ir = compose(model, { document: 'product-roles' }, { theme: 'print-mono' });
    const grey = { R: '#C8C8C8', A: '#A6A6A6', C: '#E3E3E3', I: '#F2F2F2' };
    for (const type of ['legend', 'matrix', 'workload'] as const) expect(codeFills(ir, type)).toEqual([grey]);
    expect(ir.theme?.colors.accent).toBe('#262626');
    expect(ir.theme?.page.size).toBe('A4');
  });
});

describe('a theme of the project', () => {
  const root = project({
    'templates/themes/acme.yaml': [
      'name: ACME',
      'extends: print-mono',
      'page: { size: A3, orientation: landscape, margins: 15mm }',
      'color:',
      '  primary: "#c00"',
      '  codes: { Accountable: "#FF0000", R: "#00AA00" }',
      'typography:',
      '  size: 11pt',
      '  fonts:',
      '    - family: Brand Serif',
      '      files: { regular: fonts/serif.ttf, bold: fonts/serif-bold.ttf }',
      '  base: [Calibri, Brand Serif]',
      'logo: { file: logo.png, width: 30mm, placement: both }',
      'header: "ACME · {{header}}"',
      'footer: ["{{footer}}", "Internal", "{{role.name}}"]',
    ].join('\n'),
    'templates/themes/logo.png': solidPng(40, 20, [200, 0, 0]),
    'templates/themes/fonts/serif.ttf': Buffer.alloc(0),
    'templates/themes/fonts/serif-bold.ttf': Buffer.alloc(0),
  });
  copyFileSync(join(dejavu, 'DejaVuSerif.ttf'), join(root, 'templates/themes/fonts/serif.ttf'));
  copyFileSync(join(dejavu, 'DejaVuSerif-Bold.ttf'), join(root, 'templates/themes/fonts/serif-bold.ttf'));
  const ir = compose(model, { document: 'product-roles' }, { theme: 'acme', root });

  it('changes the page, type and colours it names, and keeps its parent’s others', () => {
    expect(ir.theme?.name).toBe('ACME');
    expect(ir.theme?.page).toEqual({
      size: 'A3',
      orientation: 'landscape',
      width: 1190.55,
      height: 841.89,
      margin: { top: 42.52, right: 42.52, bottom: 42.52, left: 42.52 },
    });
    expect(ir.theme?.fontSize).toBe(11);
    expect(ir.theme?.colors).toMatchObject({ accent: '#CC0000', text: '#000000' });
  });

  it('colours codes by label first (one scheme’s code), then by letter (any scheme’s)', () => {
    expect(codeFills(ir, 'matrix')).toEqual([{ R: '#00AA00', A: '#FF0000', C: '#E3E3E3', I: '#F2F2F2' }]);
  });

  it('carries the logo’s bytes and size, and the font stack with files for PDF and names for Word', () => {
    expect(ir.theme?.logo).toMatchObject({
      format: 'png',
      pixelWidth: 40,
      pixelHeight: 20,
      width: 85.04,
      placement: 'both',
    });
    expect(Buffer.from(ir.theme?.logo?.data ?? '', 'base64').equals(solidPng(40, 20, [200, 0, 0]))).toBe(
      true,
    );
    const [calibri, serif, fallback] = ir.theme?.fonts.body ?? [];
    expect(calibri).toEqual({ family: 'Calibri' });
    expect(serif?.files?.regular).toBe(join(root, 'templates/themes/fonts/serif.ttf'));
    expect(serif?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(fallback).toEqual({ family: 'DejaVu Sans', builtIn: true });
  });

  it('frames the template’s header and footer; a part without a value goes', () => {
    expect(ir.header).toBe('ACME · Product Manager and Product Owner');
    expect(ir.footer).toBe('Source: content/product-roles.md · Version 1.0 · Internal');
    const role = compose(model, { role: 'product-owner' }, { theme: 'acme', root });
    expect(role.footer).toBe('Source: content/product-roles.md · Version 1.0 · Internal · Product Owner');
  });
});

describe('theme errors are reported at file:line:col', () => {
  it('unknown keys, wrong values', () => {
    expect(
      problems('colour: { primary: red }\npage: { size: A5, margins: 2km }\ncolor: { primary: blue }'),
    ).toEqual([
      '1:1 Unknown key `colour` in the theme; expected one of `name`, `extends`, `page`, `color`, `typography`, `logo`, `header`, `footer`, `source`',
      '2:15 Unexpected page size `A5`, expected one of A4, A3, Letter, Tabloid',
      '2:28 Expected a margin like "20mm" (at most 70mm), not `2km`',
      '3:19 Expected `color.primary` to be a colour like "#1F4E79", not `blue`',
    ]);
  });

  it('files that are missing or of the wrong kind', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    expect(problems('logo: nowhere.png')).toEqual([
      expect.stringMatching(/^1:7 Cannot find the logo `nowhere.png`/),
    ]);
    expect(problems('logo: logo.svg', { 'templates/themes/logo.svg': svg })).toEqual([
      '1:7 SVG logos are not supported yet: export the logo as a PNG (about 600 px wide) and point `logo.file` at it',
    ]);
    expect(
      problems('typography:\n  fonts:\n    - family: X\n      files: { regular: x.woff2 }', {
        'templates/themes/x.woff2': 'wOF2 not a ttf',
      }),
    ).toEqual(
      [
        '4:25 Expected a TrueType or OpenType font (.ttf, .otf) in `x.woff2`',
        '3:7 Expected `files.regular` for the font `X`',
      ].sort(),
    );
  });

  it('placeholders in the header, and themes that cannot be extended', () => {
    expect(problems('header: "{{document.titel}}"')[0]).toMatch(
      /^1:10 Unknown placeholder `\{\{document.titel\}\}`/,
    );
    expect(problems('extends: nowhere')).toEqual(['1:10 Cannot find the theme `nowhere` to extend']);
    const root = project({
      'templates/themes/a.yaml': 'extends: b',
      'templates/themes/b.yaml': 'extends: a',
    });
    expect(() => loadTheme('a', root)).toThrow(/extends itself through `a`/);
  });

  it('an unknown theme name', () => {
    expect(() => loadTheme('nowhere', tempDir())).toThrow(/Cannot find the theme `nowhere`/);
  });
});

describe('schema/theme.schema.json, for editors', () => {
  const validate = (text: string) =>
    validateNode(parseDocument(text), themeSchema(), 'the theme').map((i) => i.message);

  it('accepts the built-in themes and the README’s', () => {
    for (const file of ['templates/themes/default.yaml', 'templates/themes/print-mono.yaml'])
      expect(validate(readFileSync(file, 'utf8')), file).toEqual([]);
    const readme = readFileSync('README.md', 'utf8');
    const acme = /# templates\/themes\/acme\.yaml[^\n]*\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(acme).toContain('extends: default');
    expect(validate(acme)).toEqual([]);
    expect(() =>
      loadTheme(join(project({ 'acme.yaml': acme.replace(/logo:.*\n/, '') }), 'acme.yaml')),
    ).not.toThrow();
  });

  it('refuses what the loader refuses', () => {
    expect(validate('colour: {}')).toHaveLength(1);
    expect(validate('page: { size: A5 }')).toHaveLength(1);
    expect(validate('color: { primary: blue }')).toHaveLength(1);
    expect(validate('page: { margins: 2km }')).toHaveLength(1);
  });
});
