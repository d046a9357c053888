import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPANDERS } from '../src/compose/directives.js';
import { composeTemplate } from '../src/compose/index.js';
import type { Block, DocumentIR } from '../src/ir/types.js';
import { LABEL_KEYS } from '../src/lang/labels.js';
import { DIRECTIVES, parseTemplate, type Template, TemplateError } from '../src/templates/index.js';
import { placeholderNames } from '../src/templates/placeholders.js';
import { modelOf } from './helpers.js';

const CONTENT = `---
title: Launch
version: "2.1"
---
# Launch

Why this team exists.

## Roles

### Product Manager (PM)
Owns the why.
- **Focus:** Strategy

### Engineer
Builds it.

## Responsibilities

### Plan
| Activity | PM | Engineer |
|---|---|---|
| Write the brief | A/R | C (reviews) |

### Build
| Activity | PM | Engineer |
|---|---|---|
| Ship it | I | A/R |
`;

const model = modelOf(CONTENT, 'content/launch.md');
const doc = model.documents[0];
const pm = model.roles.find((r) => r.id === 'product-manager');
const engineer = model.roles.find((r) => r.id === 'engineer');
if (!doc || !pm || !engineer) throw new Error('fixture did not load');

const template = (body: string, front = 'per: document') =>
  parseTemplate('templates/t.md', `---\n${front}\n---\n${body}`, 't');

/** The problems of a template that does not load, as `line:col message`. */
function problems(body: string, front?: string): string[] {
  try {
    template(body, front);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return error.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
  }
  throw new Error('the template loaded');
}

const forDoc = (t: Template) => composeTemplate(model, t, { document: doc });
const forRole = (t: Template, role = pm) => composeTemplate(model, t, { role });
const texts = (ir: DocumentIR): string[] =>
  ir.blocks.flatMap((b: Block) =>
    b.type === 'heading'
      ? [`h${b.level} ${b.text}`]
      : b.type === 'paragraph'
        ? [b.content.map((c) => (c.type === 'text' ? c.text : '\n')).join('')]
        : [b.type],
  );

describe('placeholders', () => {
  it('are replaced by values, as plain text', () => {
    const ir = forDoc(
      template('# {{document.title}}\n\nVersion {{ document.version }} of *{{document.title}}*.'),
    );
    expect(texts(ir)).toEqual(['h1 Launch', 'Version 2.1 of Launch.']);
  });

  it('leave out the paragraph, heading or list item whose value is missing, never print an empty string', () => {
    const ir = forRole(
      template(
        '## Owner: {{document.owner}}\n\nAlias {{role.alias}}.\n\n- one\n- {{document.owner}}\n- three',
        'per: role',
      ),
      engineer,
    );
    expect(texts(ir)).toEqual(['list']);
    const list = ir.blocks[0];
    expect(list?.type === 'list' && list.items.length).toBe(2);
  });

  it('report an unknown name at its file:line:col, with a suggestion', () => {
    expect(problems('Intro.\n\nBy {{role.nmae}} and {{document.titel}}.', 'per: role')).toEqual([
      '6:4 Unknown placeholder `{{role.nmae}}`; did you mean `{{role.name}}`? (see docs/templates.md for the list)',
      '6:22 Unknown placeholder `{{document.titel}}`; did you mean `{{document.title}}`? (see docs/templates.md for the list)',
    ]);
  });

  it('refuse role names where there is no role, and unclosed braces', () => {
    expect(problems('# {{role.name}}\n\nOops {{document.title')).toEqual([
      '4:3 Unexpected `{{role.name}}` outside a role: use it in a `per: role` template or inside `:::roles`',
      '6:6 Unclosed placeholder: expected `}}` after `{{`',
    ]);
  });

  it('are checked in the frontmatter too', () => {
    expect(problems('Body', 'per: document\nheader: "{{document.tilte}}"')[0]).toMatch(
      /^3:10 Unknown placeholder `\{\{document.tilte\}\}`/,
    );
  });

  it('include every string label, translated', () => {
    const fr = modelOf(CONTENT.replace('version: "2.1"', 'version: "2.1"\nlang: fr'));
    const d = fr.documents[0];
    if (!d) throw new Error('no document');
    const ir = composeTemplate(fr, template('{{labels.teamCharter}} · {{labels.matrix}}'), { document: d });
    expect(texts(ir)).toEqual(['Charte d’équipe · Matrice des responsabilités']);
    expect(ir.labels.pageOf).toBe('Page {page} sur {pages}');
  });
});

describe('directives', () => {
  it('report an unknown directive, attribute or value at its place', () => {
    expect(problems('Text\n\n::matrx\n\n::matrix{colour=red}\n\n::intro{of=nowhere}')).toEqual([
      expect.stringMatching(/^6:1 Unknown directive `::matrx`; did you mean `::matrix`\?/),
      '8:1 Unknown attribute `colour` on `::matrix`; expected `group`, `columns`',
      '10:1 Unexpected `of="nowhere"` on `::intro`, expected document, matrix, roles',
    ]);
  });

  it('report a directive used where it cannot work', () => {
    expect(problems('::purpose\n\n::roles\n\n- ::legend')).toEqual([
      '4:1 `::purpose` needs a role: use it in a `per: role` template or inside `:::roles`',
      '6:1 `::roles` is a container: write `:::roles`, its content, then `:::` on a line of its own',
      '8:3 Unexpected `::legend` inside a list or quote: put it on a line of its own',
    ]);
    expect(problems('::workload', 'per: role')).toEqual([
      '4:1 `::workload` needs a document: use it in a `per: document` template',
    ]);
  });

  it('keep a colon in prose as text, and refuse an inline directive', () => {
    const ir = forDoc(template('Meet at 10:30, Note:this and see https://example.com.'));
    expect(texts(ir)).toEqual(['Meet at 10:30, Note:this and see https://example.com.']);
    expect(problems('See :legend below.')).toEqual([
      '4:5 `:legend` must stand on a line of its own, as `::legend`',
    ]);
  });

  it('place the generated blocks where the template puts them', () => {
    const ir = forDoc(
      template('::cover{subtitle="{{labels.teamCharter}}"}\n\n::legend\n\n::matrix\n\n::workload'),
    );
    expect(ir.blocks.map((b) => b.type)).toEqual(['cover', 'legend', 'matrix', 'workload']);
    const cover = ir.blocks[0];
    expect(cover?.type === 'cover' && cover).toMatchObject({
      title: 'Launch',
      subtitle: 'Team charter',
      items: [{ label: 'Version', value: '2.1' }],
    });
  });

  it('::matrix{group} keeps only those groups; for a role, only its rows', () => {
    const groups = (ir: DocumentIR) =>
      ir.blocks.flatMap((b) => (b.type === 'matrix' ? b.rows.map((r) => r.name) : []));
    expect(groups(forDoc(template('::matrix{group="build"}')))).toEqual(['Build', 'Ship it']);
    const mine = template('::matrix', 'per: role');
    expect(groups(forRole(mine, pm))).toEqual(['Plan', 'Write the brief', 'Build', 'Ship it']);
    const other = modelOf(`${CONTENT}\n### Later\n| Activity | Engineer |\n|---|---|\n| Refactor | A/R |\n`);
    const eng = other.roles.find((r) => r.id === 'product-manager');
    if (!eng) throw new Error('no role');
    expect(
      composeTemplate(other, mine, { role: eng }).blocks.flatMap((b) =>
        b.type === 'matrix' ? b.rows.map((r) => r.name) : [],
      ),
    ).not.toContain('Refactor');
  });

  it(':::roles repeats its content per role, with anchors the matrix links to', () => {
    const ir = forDoc(template('::matrix\n\n:::roles\n### {{role.name}}\n\n::aliases\n\n::fields\n:::'));
    expect(texts(ir)).toEqual(['matrix', 'h3 Product Manager', 'Also known as: PM', 'fields', 'h3 Engineer']);
    const matrix = ir.blocks[0];
    expect(matrix?.type === 'matrix' && matrix.columns.map((c) => c.ref)).toEqual([
      'role-product-manager',
      'role-engineer',
    ]);
    const heading = ir.blocks[1];
    expect(heading?.type === 'heading' && heading.anchor).toBe('role-product-manager');
  });

  it('::responsibilities{code=accountable} follows the scheme: DACI approvers, RAPID deciders', () => {
    const daci = modelOf(
      '---\nscheme: DACI\n---\n# Pricing\n\n## Responsibilities\n\n| Decision | Lead | CFO |\n|---|---|---|\n| Set prices | D | A |\n| Discounts | A/D | I |\n',
    );
    const cfo = daci.roles.find((r) => r.id === 'cfo');
    if (!cfo) throw new Error('no role');
    const ir = composeTemplate(daci, template('::responsibilities{code=accountable}', 'per: role'), {
      role: cfo,
    });
    const list = ir.blocks[0];
    expect(list?.type === 'list' && list.items.length).toBe(1);
    const all = composeTemplate(daci, template('::responsibilities\n\n::legend', 'per: role'), { role: cfo });
    expect(texts(all)).toEqual(['h2 Approves (1)', 'list', 'h2 Informed about (1)', 'list', 'legend']);
    const legend = all.blocks[4];
    expect(legend?.type === 'legend' && legend.codes.map((c) => c.label)).toEqual([
      'Driver',
      'Approver',
      'Contributor',
      'Informed',
    ]);
  });
});

describe('template structure', () => {
  it('leaves out a heading whose generated section came out empty, and keeps written ones', () => {
    const t = template(
      '## {{labels.purpose}}\n\n::purpose\n\n::fields\n\n## {{labels.notes}}\n\n::notes\n\n## Written\n\nKept.\n\n## Empty by design\n\n## Last',
      'per: role',
    );
    expect(texts(forRole(t, engineer))).toEqual([
      'h2 Purpose',
      'Builds it.',
      'h2 Written',
      'Kept.',
      'h2 Empty by design',
      'h2 Last',
    ]);
  });

  it('gives a heading written `{#id}` that anchor', () => {
    const ir = forDoc(template('## Matrix {#matrix}\n\n### Plain'));
    expect(ir.blocks).toEqual([
      { type: 'heading', level: 2, text: 'Matrix', anchor: 'matrix' },
      { type: 'heading', level: 3, text: 'Plain' },
    ]);
  });

  it('reads header, footer and title from the frontmatter, leaving out parts without a value', () => {
    const t = template(
      'Body',
      'per: role\ntitle: "{{role.name}} sheet"\nheader: ["{{role.name}}", "{{document.owner}}"]\nfooter: "{{labels.version}} {{document.version}}"',
    );
    const ir = forRole(t);
    expect([ir.meta.title, ir.header, ir.footer, ir.kind]).toEqual([
      'Product Manager sheet',
      'Product Manager',
      'Version 2.1',
      't',
    ]);
  });

  it('checks the frontmatter: `per` is required, keys and values are known', () => {
    expect(problems('Body', 'name: x\nformats: [pdf, odt]\npage: { size: A5 }\ncolour: red')).toEqual([
      '1:1 Missing `per: document` or `per: role` in the template frontmatter: say whether it makes one file per document or per role',
      '3:16 Unexpected format `odt`, expected one of pdf, docx',
      '4:15 Unexpected page size `A5`, expected one of A4, A3, Letter, Tabloid, large, fit',
      '5:1 Unknown key `colour` in the template frontmatter; expected one of `name`, `description`, `per`, `formats`, `page`, `font-scale`, `lang`, `title`, `subject`, `header`, `footer`, `output`',
    ]);
    expect(problems('Body', 'per: role\noutput: "../{{role.id}}"')).toEqual([
      '3:10 Expected `output` to be a relative path inside the output folder, not `../{{role.id}}`',
    ]);
  });

  it('page size `large` is one size up from the theme, and font-scale scales its type', () => {
    const ir = forDoc(
      template('::matrix', 'per: document\npage: { size: large, orientation: landscape }\nfont-scale: 1.5'),
    );
    expect(ir.theme?.page).toMatchObject({
      size: 'A3',
      orientation: 'landscape',
      width: 1190.55,
      height: 841.89,
    });
    expect(ir.theme?.fontSize).toBe(14.25);
  });

  it('page margins lay over the theme’s, per side or all at once, and refuse what is not a length', () => {
    const sides = forDoc(
      template('::matrix', 'per: document\npage: { margins: { top: 17mm, bottom: 14mm } }'),
    );
    expect(sides.theme?.page.margin).toEqual({ top: 48.19, right: 56.69, bottom: 39.69, left: 56.69 });
    const all = forDoc(template('::matrix', 'per: document\npage: { margins: 10mm }'));
    expect(all.theme?.page.margin).toEqual({ top: 28.35, right: 28.35, bottom: 28.35, left: 28.35 });
    expect(problems('Body', 'per: document\npage: { margins: { top: wide } }')).toEqual([
      '3:25 Expected a margin like "15mm" (at most 70mm), not `wide`',
    ]);
  });
});

describe('directive lists', () => {
  it('the template check and the composer know the same directives', () => {
    // The names the check accepts (templates/) and what each makes (compose/) live apart: a name
    // in one list only would pass the check and fail the build, or never be reachable.
    expect(Object.keys(EXPANDERS).sort()).toEqual(DIRECTIVES.map((d) => d.name).sort());
  });
});

describe('docs/templates.md', () => {
  const docs = readFileSync('docs/templates.md', 'utf8');

  it('documents every directive with its attributes', () => {
    for (const d of DIRECTIVES) {
      expect(docs, d.name).toContain(`${d.container ? ':::' : '::'}${d.name}`);
      for (const attr of Object.keys(d.attributes))
        expect(docs, `${d.name} ${attr}`).toMatch(new RegExp(`::${d.name}\\{[^}]*${attr}`));
    }
  });

  it('documents every placeholder and label key', () => {
    for (const name of placeholderNames({ role: true })) {
      const [head, key] = name.split('.');
      expect(docs, name).toMatch(
        head === 'labels' ? new RegExp(`\`${key}\``) : new RegExp(`\`(${head}\\.)?${key}\``),
      );
    }
    expect(LABEL_KEYS.length).toBeGreaterThan(20);
  });
});
