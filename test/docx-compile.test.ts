import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Document,
  NextAttributeComponent,
  Packer,
  Paragraph,
  Styles,
  Table,
  TableCell,
  TableRow,
  TextRun,
  XmlAttributeComponent,
  XmlComponent,
} from 'docx';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { compose, load, loadText, type Model } from '../src/index.js';
import type { DocumentIR } from '../src/ir/types.js';
import { fastCompiler } from '../src/render/docx/compile.js';
import { docxDocument, parseReferenceDocx, renderDocx } from '../src/render/docx/index.js';
import { withLeanPrep } from '../src/render/docx/prep.js';
import { writeXmlable } from '../src/render/docx/xml-write.js';
import { teamFixture } from './fixtures/pdf/generate.js';
import { modelOf, tempDir } from './helpers.js';
import { solidPng } from './png.js';

/**
 * rolemark's own XML writer for docx's formatted parts (src/render/docx/xml-write.ts, compile.ts)
 * against docx's: the same bytes, for any object docx's formatter can make and for whole documents.
 */

interface DocxCompiler {
  formatter: { format(input: unknown, context: unknown): unknown };
  compile(file: unknown): Map<string, string | Uint8Array>;
}

/**
 * What docx's own writer makes of `xmlable`: a docx compiler whose formatter gives it as the core
 * properties' formatted object, read back from that part without its XML declaration.
 */
function docxWrites(xmlable: unknown): string {
  const Compiler = (Packer as unknown as { compiler: DocxCompiler }).compiler
    .constructor as new () => DocxCompiler;
  const compiler = new Compiler();
  const file = new Document({ sections: [{ children: [new Paragraph('x')] }] }) as unknown as {
    CoreProperties: unknown;
  };
  const format = compiler.formatter.format.bind(compiler.formatter);
  compiler.formatter = {
    format: (input, context) => (input === file.CoreProperties ? xmlable : format(input, context)),
  };
  const xml = compiler.compile(file).get('docProps/core.xml') as string;
  return xml.replace(/^<\?xml[^>]*\?>/, '');
}

/** Strings that break markup: entities, quotes, controls, lone surrogates, CDATA ends. */
const hostile = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(
    '',
    ']]>',
    'a]]>b',
    '&amp;',
    '"\'<>&',
    '\u0000\u0008\u000B\u001F\t\n\r',
    '\uD800',
    '\uDFFF\uD800',
    'x"y',
  ),
);
const tag = fc.constantFrom('w:p', 'w:r', 'w:t', 'w:b', 'a', '');
const scalar = fc.oneof(
  hostile,
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(undefined),
);
const attributes = fc.dictionary(fc.constantFrom('w:val', 'xml:space', 'r:id', 'x'), scalar, { maxKeys: 3 });

/** Objects as docx's formatter makes them, and the odd shapes its writer still takes. */
const { xmlable } = fc.letrec<{ xmlable: unknown; content: unknown }>((tie) => ({
  xmlable: fc.tuple(tag, tie('content')).map(([name, content]) => ({ [name]: content })),
  content: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.constant(null),
    fc.constant({}),
    attributes.map((_attr) => ({ _attr })),
    fc.record({ _cdata: hostile }),
    fc.array(
      fc.oneof(
        { depthSize: 'small' },
        tie('xmlable'),
        attributes.map((_attr) => ({ _attr })),
        hostile,
        fc.integer(),
      ),
      { maxLength: 5 },
    ),
  ),
}));

describe('writeXmlable', () => {
  it('writes what docx writes, for any formatted object', () => {
    fc.assert(
      fc.property(fc.oneof(xmlable, fc.array(xmlable, { maxLength: 3 })), (x) => {
        expect(writeXmlable(x)).toBe(docxWrites(x));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps docx writer’s quirks', () => {
    const cases: unknown[] = [
      // A text child takes the place of the element before it: w:b is dropped.
      { 'w:r': [{ 'w:b': {} }, 'text', { 'w:i': {} }] },
      { 'w:r': ['a', 'b'] },
      // Attributes from children, wherever they are, and an undefined one.
      { 'w:p': [{ 'w:r': [] }, { _attr: { 'w:a': 1, 'w:b': undefined } }] },
      { 'w:t': { _attr: { 'xml:space': 'preserve' } } },
      { 'w:t': { _cdata: 'a]]>b' } },
      { 'w:t': undefined },
      { 'w:t': null },
      { 'w:t': 0 },
      { '': ['x<y'] },
      {},
    ];
    const expected = [
      '<w:r>text<w:i/></w:r>',
      '<w:r>b</w:r>',
      '<w:p w:a="1" w:b="undefined"><w:r></w:r></w:p>',
      '<w:t xml:space="preserve"/>',
      '<w:t><![CDATA[a]]]]><![CDATA[>b]]></w:t>',
      '<w:t></w:t>',
      '<w:t/>',
      '<w:t>0</w:t>',
      'x&lt;y',
      '',
    ];
    for (const [i, x] of cases.entries()) {
      expect(docxWrites(x), JSON.stringify(x)).toBe(expected[i]);
      expect(writeXmlable(x), JSON.stringify(x)).toBe(expected[i]);
    }
  });
});

/** The formatted object and the order of every object's keys, which `toEqual` does not compare. */
const shape = (x: unknown): unknown =>
  JSON.stringify(x, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : v));

describe('withLeanPrep', () => {
  const context = () => ({ stack: [] as unknown[] }) as never;
  const key = fc.constantFrom('w:val', 'w:sz', 'r:id', '__proto__', 'toString', '1', '0', 'x');
  const value = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(undefined));

  it('gives what docx’s own prepForXml gives, key order included, and puts docx’s back', () => {
    class Mapped extends XmlAttributeComponent<Record<string, unknown>> {
      protected override readonly xmlKeys = { a: 'w:a', b: 'w:b', toString: 'w:t' };
    }
    class Named extends XmlComponent {
      constructor(name: string, children: unknown[]) {
        super(name);
        for (const child of children) this.root.push(child as never);
      }
    }
    const own = [NextAttributeComponent, XmlAttributeComponent, XmlComponent].map(
      (c) => c.prototype.prepForXml,
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('p', 'q', 'r', '2'), key, value), { maxLength: 6 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'toString', '__proto__'), value, { maxKeys: 4 }),
        (next, mapped) => {
          const root = Object.fromEntries(next.map(([name, k, v]) => [name, { key: k, value: v }]));
          const components = [
            new NextAttributeComponent(root as never),
            new Mapped(mapped),
            new Paragraph({
              children: [new TextRun({ text: 'a', bold: true }), new TextRun('b')],
              style: 'x',
            }),
            new Table({
              rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('c')] })] })],
            }),
            // Element names that an assignment would not make a key of: the prototype, an index.
            new Named('__proto__', [new Named('0', ['x']), new Mapped(mapped)]),
          ];
          for (const c of components) {
            const expected = shape(c.prepForXml(context()));
            expect(shape(withLeanPrep(() => c.prepForXml(context())))).toBe(expected);
          }
        },
      ),
    );
    expect(
      [NextAttributeComponent, XmlAttributeComponent, XmlComponent].map((c) => c.prototype.prepForXml),
    ).toEqual(own);
    // Even when the compile throws.
    expect(() =>
      withLeanPrep(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(XmlComponent.prototype.prepForXml).toBe(own[2]);
  });
});

/** Renders the IR both ways and expects the same bytes. */
async function expectSameBytes(
  ir: DocumentIR,
  options: Parameters<typeof renderDocx>[1] = {},
): Promise<void> {
  const ours = await renderDocx(ir, { modified: null, ...options });
  const docx = await renderDocx(ir, { modified: null, ...options, xmlWriter: 'docx' });
  expect(ours.equals(docx), ir.meta.title).toBe(true);
}

const everything = (model: Model) => [
  ...model.documents.map((d) => compose(model, { document: d.id }, { date: '2026-01-31' })),
  ...model.roles.map((r) => compose(model, { role: r.id }, { date: '2026-01-31' })),
];

describe('renderDocx with rolemark’s XML writer', () => {
  it('is there: docx still has the compiler and formatter it swaps', () => {
    expect(fastCompiler()).toBeDefined();
  });

  it('gives the same bytes as docx’s writer: the example, every template, a theme with a logo', async () => {
    const model = await load(['content', 'test/fixtures/docx/thirty-roles.md']);
    const irs = everything(model);
    expect(irs.length).toBeGreaterThan(10);
    const team = model.documents[0]?.id ?? '';
    const role = model.roles[0]?.id ?? '';
    for (const template of ['team-charter', 'matrix-poster'])
      irs.push(compose(model, { document: team }, { template }));
    for (const template of ['role-charter', 'handout', 'job-description'])
      irs.push(compose(model, { role }, { template }));
    const root = tempDir();
    mkdirSync(join(root, 'templates/themes'), { recursive: true });
    writeFileSync(
      join(root, 'templates/themes/brand.yaml'),
      'logo: { file: logo.png, width: 40mm, placement: both }\npage: { size: A3, orientation: landscape }\n',
    );
    writeFileSync(join(root, 'templates/themes/logo.png'), solidPng(120, 40, [200, 20, 20]));
    copyFileSync('test/fixtures/images/logo.jpg', join(root, 'templates/themes/logo.jpg'));
    irs.push(compose(model, { document: team }, { theme: 'brand', root }));
    for (const ir of irs) await expectSameBytes(ir);
    // With a reference document (docx's page estimate, the reference's theme).
    const reference = parseReferenceDocx(new Uint8Array(readFileSync('test/fixtures/docx/reference.docx')));
    await expectSameBytes(irs[0] as DocumentIR, { reference });
  }, 120_000);

  it('gives the same bytes on right-to-left, CJK and hostile names, and a 150 × 30 chart', async () => {
    const model = await load(['test/fixtures/rtl', 'test/fixtures/languages', 'test/fixtures/hostile/names']);
    const irs = everything(model);
    const cjk = loadText([
      {
        file: 'cjk.md',
        text: '---\nlang: ja\n---\n# 開発チーム\n\n役割と責任。\n\n## 役割\n### プロダクトオーナー\n製品の方向を決める。\n\n## 責任\n| 活動 | プロダクトオーナー | 開発者 |\n|---|---|---|\n| 計画 | A/R | C |\n| 実装 | I | R |\n',
      },
    ]);
    irs.push(...everything(cjk));
    const big = modelOf(teamFixture(30, 150).markdown, 'team.md');
    irs.push(compose(big, { document: big.documents[0]?.id ?? '' }));
    expect(irs.length).toBeGreaterThan(5);
    for (const ir of irs) await expectSameBytes(ir);
  }, 120_000);

  it('gives the same bytes on generated charts with hostile names', async () => {
    const name = fc.oneof(
      fc.string({ minLength: 1, maxLength: 20 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
      fc.constantFrom('A & B <C>', ']]>', '"quoted" \'and\'', '\u0001ctl\u001F', '\uD800lone', 'دور', '役割'),
    );
    const line = (s: string) => s.replace(/[|\\\r\n\u2028\u2029`*_#[\]<>]/gu, ' ').trim() || 'x';
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(name.map(line), { minLength: 2, maxLength: 5 }),
        fc.array(
          fc.tuple(
            name.map(line),
            fc.array(fc.constantFrom('R', 'A', 'C', 'I', 'A/R', ''), { minLength: 5, maxLength: 5 }),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        name,
        async (roles, activities, title) => {
          const text = [
            '---',
            `title: ${JSON.stringify(title)}`,
            '---',
            `# ${line(title)}`,
            '',
            '## Roles',
            ...roles.flatMap((r) => [`### ${r}`, `Does ${r}.`, '']),
            '## Responsibilities',
            `| Activity | ${roles.join(' | ')} |`,
            `|---|${roles.map(() => '---').join('|')}|`,
            ...activities.map(
              ([a, codes]) => `| ${a} | ${roles.map((_, i) => codes[i] ?? '').join(' | ')} |`,
            ),
            '',
          ].join('\n');
          const model = loadText([{ file: 'team.md', text }]);
          for (const ir of everything(model).slice(0, 3)) await expectSameBytes(ir);
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});

describe('the styles documents share (styles-cache.ts)', () => {
  it('formats a styles part once for all the documents that have it, with docx’s bytes', async () => {
    const model = await load(['content']);
    // A language no other test renders, so that its styles part is new to the process.
    const inLanguage = (ir: DocumentIR, lang: string): DocumentIR => ({ ...ir, meta: { ...ir.meta, lang } });
    const irs = everything(model)
      .slice(0, 3)
      .map((ir) => inLanguage(ir, 'rm-CH'));
    expect(irs[0]?.blocks.some((b) => b.type === 'toc')).toBe(true);
    const format = vi.spyOn(Styles.prototype, 'prepForXml');
    try {
      for (const ir of irs) await renderDocx(ir, { modified: null });
      // docx formatted them three times for each document with contents, and parsed them again.
      expect(format).toHaveBeenCalledTimes(1);
    } finally {
      format.mockRestore();
    }
    const [first, second] = irs as [DocumentIR, DocumentIR];
    expect(docxDocument(second).Styles).toBe(docxDocument(first).Styles);
    expect(docxDocument(inLanguage(first, 'rm')).Styles).not.toBe(docxDocument(first).Styles);
    // With a reference document, shared by the documents made with it only: docx's page estimate
    // keeps what it read of the styles and the theme by the styles, and another reference with the
    // same styles may have another theme.
    const reference = parseReferenceDocx(new Uint8Array(readFileSync('test/fixtures/docx/reference.docx')));
    const sameStyles = { ...reference };
    expect(docxDocument(second, { reference }).Styles).toBe(docxDocument(first, { reference }).Styles);
    expect(docxDocument(first, { reference: sameStyles }).Styles).not.toBe(
      docxDocument(first, { reference }).Styles,
    );
    await expectSameBytes(first, { reference });
    // docx's own writer reads each document's styles itself: the bytes are the same.
    for (const ir of irs) await expectSameBytes(ir);
  }, 60_000);
});
