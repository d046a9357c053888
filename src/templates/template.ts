import type { Nodes, Root, RootContent } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { RolemarkError } from '../errors.js';
import { DOCUMENT_FORMATS, type DocumentFormat } from '../ir/types.js';
import { LANGUAGES } from '../lang/labels.js';
import type { Diagnostic } from '../model/types.js';
import { firstLines } from '../read/characters.js';
import { languageTag } from '../read/frontmatter.js';
import { DEFAULT_LIMITS } from '../read/limits.js';
import { cutPathological } from '../read/pathological.js';
import type { TemplatePer } from './directives.js';
import { checkPlaceholders, type Scope } from './placeholders.js';
import { checkBody, type Walk } from './template-body.js';
import { length } from './theme-file.js';
import { type PlacedText, Problems, YamlFile } from './yaml.js';

/**
 * A template: a Markdown file with YAML frontmatter that decides which sections a document has,
 * their order, their headings and what each shows. Its text may hold `{{placeholders}}`; its
 * generated content is placed with `::directives` (see directives.ts). Everything is checked when
 * the template is loaded, so a mistake is reported at `file:line:col` before anything renders.
 */

export type { TemplatePer };
/** A template makes documents in the writers' formats (src/ir/types.ts): all of them by default. */
export const TEMPLATE_FORMATS = DOCUMENT_FORMATS;
export type TemplateFormat = DocumentFormat;
export const PAGE_SIZES = ['A4', 'A3', 'Letter', 'Tabloid'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface TemplateMeta {
  name: string;
  description: string;
  per: TemplatePer;
  /** Formats a build writes this template in, the preferred first. */
  formats: TemplateFormat[];
  /**
   * `large` is one size up from the theme's paper: A3 for A4, Tabloid for Letter. `fit` is the
   * smallest sheet from there up (A3, A2, A1, A0) that holds the matrix (poster-fit.ts).
   */
  page: {
    size?: PageSize | 'large' | 'fit';
    orientation?: 'portrait' | 'landscape';
    /** Margins in points laid over the theme's, per side: a handout gives its rows more of the page. */
    margins?: Partial<Record<'top' | 'right' | 'bottom' | 'left', number>>;
  };
  /** Multiplies the theme's type size: below 1 for dense handouts, above for posters. */
  fontScale?: number;
  lang?: string;
  title?: PlacedText;
  subject?: PlacedText;
  /** Running header and footer parts: joined with " · ", a part whose placeholder has no value left out. */
  header: PlacedText[];
  footer: PlacedText[];
  /** Output path without extension, relative to the output folder. */
  output?: PlacedText;
}

export interface Template {
  /** The file as messages show it. */
  file: string;
  builtIn: boolean;
  meta: TemplateMeta;
  body: RootContent[];
}

/** A template or theme that cannot be used: every problem, each at its `file:line:col`. */
export class TemplateError extends RolemarkError {
  readonly diagnostics: Diagnostic[];

  constructor(problems: Diagnostic[]) {
    const diagnostics = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
    super(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}  ${d.ruleId}`).join('\n'), 2);
    this.diagnostics = diagnostics;
    this.name = 'TemplateError';
  }
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkDirective);

const KEYS = [
  'name',
  'description',
  'per',
  'formats',
  'page',
  'font-scale',
  'lang',
  'title',
  'subject',
  'header',
  'footer',
  'output',
] as const;

function readMeta(yaml: YamlFile, fallbackName: string, problems: Problems): TemplateMeta {
  const keys = yaml.entries(yaml.root, KEYS, 'the template frontmatter');
  const per = yaml.choice(keys.get('per'), ['document', 'role'] as const, '`per`');
  if (!keys.has('per')) {
    problems.add(
      { file: yaml.file, line: 1, column: 1 },
      'Missing `per: document` or `per: role` in the template frontmatter: say whether it makes one file per document or per role',
      'template-frontmatter',
    );
  }
  const formats = yaml
    .list(keys.get('formats'), '`formats`')
    .flatMap((f) => yaml.oneOf(f, TEMPLATE_FORMATS, 'format') ?? []);
  const page = yaml.entries(keys.get('page') ?? null, ['size', 'orientation', 'margins'], '`page`');
  const margins = pageMargins(yaml, page.get('margins'));
  const size = yaml.choice(page.get('size'), [...PAGE_SIZES, 'large', 'fit'] as const, 'page size');
  const orientation = yaml.choice(page.get('orientation'), ['portrait', 'landscape'] as const, 'orientation');
  const scale = yaml.string(keys.get('font-scale'), '`font-scale`');
  const fontScale = scale ? Number(scale.text) : undefined;
  if (scale && !(fontScale !== undefined && fontScale >= 0.5 && fontScale <= 3)) {
    problems.add(
      scale.at,
      `Expected \`font-scale\` to be a number from 0.5 to 3, not \`${scale.text}\``,
      'template-frontmatter',
    );
  }
  const lang = yaml.string(keys.get('lang'), '`lang`');
  // A BCP 47 tag first, as the content's `lang:` (read/frontmatter.ts): the value reaches the DOCX
  // writer's attributes, and `en-x"…` has a primary tag rolemark knows.
  const tag = lang ? languageTag(lang.text) : null;
  if (lang && tag === null) {
    problems.add(
      lang.at,
      `Invalid language \`${lang.text.slice(0, 60)}\`: expected a BCP 47 language tag, such as \`en\`, \`fr-CA\` or \`pt-BR\``,
      'template-frontmatter',
    );
  } else if (lang && !LANGUAGES.includes(lang.text.toLowerCase().split(/[-_]/)[0] ?? '')) {
    problems.add(
      lang.at,
      `No labels for language \`${lang.text}\`; rolemark has ${LANGUAGES.join(', ')}`,
      'template-frontmatter',
    );
  }
  const meta: TemplateMeta = {
    name: yaml.string(keys.get('name'), '`name`')?.text ?? fallbackName,
    description: yaml.string(keys.get('description'), '`description`')?.text ?? '',
    per: per ?? 'document',
    formats: formats.length > 0 ? [...new Set(formats)] : [...TEMPLATE_FORMATS],
    page: {
      ...(size ? { size } : {}),
      ...(orientation ? { orientation } : {}),
      ...(margins ? { margins } : {}),
    },
    header: yaml.list(keys.get('header'), '`header`', false),
    footer: yaml.list(keys.get('footer'), '`footer`', false),
  };
  if (fontScale !== undefined && Number.isFinite(fontScale)) meta.fontScale = fontScale;
  if (tag) meta.lang = tag;
  for (const key of ['title', 'subject', 'output'] as const) {
    const value = yaml.string(keys.get(key), `\`${key}\``);
    if (value) meta[key] = value;
  }
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(meta.name)) {
    problems.add(
      yaml.at(keys.get('name') ?? null),
      `Expected the template name \`${meta.name}\` to be letters, digits, \`-\`, \`_\` or \`.\` (it names output files)`,
      'template-frontmatter',
    );
  }
  return meta;
}

/**
 * Reads and checks a template. Throws a TemplateError listing every problem with its place.
 * `fallbackName` names the template when its frontmatter does not (the file name).
 */
export function parseTemplate(file: string, source: string, fallbackName: string, builtIn = false): Template {
  const problems = new Problems(file);
  assertTemplateLimits(file, source);
  const root = processor.parse(source) as Root;
  const [first, ...rest] = root.children;
  const front = first?.type === 'yaml' ? first : undefined;
  const yaml = new YamlFile(file, front?.value ?? '', problems, (front?.position?.start.line ?? 0) + 1);
  const meta = readMeta(yaml, fallbackName, problems);
  const body = front ? rest : root.children;
  const w: Walk = { file, source, problems, per: meta.per };
  const scope: Scope = { role: meta.per === 'role' };
  checkBody(w, body as Nodes[], scope, true, false);
  for (const text of [meta.title, meta.subject, ...meta.header, ...meta.footer]) {
    if (text) checkPlaceholders(text.text, text.at, scope, problems);
  }
  if (meta.output) checkOutput(meta.output, scope, problems);
  if (problems.list.length > 0) throw new TemplateError(problems.list);
  return { file, builtIn, meta, body };
}

/**
 * A template is Markdown too, and has the limits of content (read/limits.ts): 10,000 nested `>`
 * overflowed the parser's stack, one 64,000-character word took the writers minutes. Whoever runs
 * the build may raise the content's limits; a template's stay at their defaults, and a template
 * above one is refused, never cut.
 */
function assertTemplateLimits(file: string, source: string): void {
  const found: Diagnostic[] = [];
  cutPathological(firstLines(source, file, DEFAULT_LIMITS.lines, found), file, DEFAULT_LIMITS, found);
  if (found.length === 0) return;
  throw new TemplateError(
    found.slice(0, 10).map((d) => ({
      ...d,
      message: `${d.message.replace(/ \(`limits\.\w+` in the configuration\);.*$/su, '')}: a template has the limits of content`,
    })),
  );
}

/** An output path names only ids, and stays inside the output folder. */
function checkOutput(output: PlacedText, scope: Scope, problems: Problems): void {
  checkPlaceholders(output.text, output.at, scope, problems);
  const allowed = ['document.id', 'role.id', 'template.name'];
  for (const m of output.text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    if (!allowed.includes(m[1] ?? '') && !problems.list.some((p) => p.line === output.at.line))
      problems.add(
        output.at,
        `Only ${allowed.map((a) => `{{${a}}}`).join(', ')} may name output files`,
        'template-frontmatter',
      );
  }
  const path = output.text.replace(/\{\{[^{}]*\}\}/g, 'x');
  if (path.startsWith('/') || path.split('/').some((p) => p === '..' || p === '' || p === '.'))
    problems.add(
      output.at,
      `Expected \`output\` to be a relative path inside the output folder, not \`${output.text}\``,
      'template-frontmatter',
    );
}

const SIDES = ['top', 'right', 'bottom', 'left'] as const;

/** `margins: 15mm` (every side) or `margins: { top: 15mm, bottom: 12mm }`, as in a theme file. */
function pageMargins(
  yaml: YamlFile,
  node: Parameters<YamlFile['string']>[0],
): TemplateMeta['page']['margins'] {
  if (node === undefined || node === null) return undefined;
  const entries = yaml.isMapping(node)
    ? yaml.entries(node, SIDES, '`page.margins`')
    : new Map(SIDES.map((side) => [side, node] as const));
  const out: NonNullable<TemplateMeta['page']['margins']> = {};
  for (const [side, value] of entries) {
    const v = yaml.string(value, `\`margins.${side}\``);
    const pt = v ? length(v.text) : undefined;
    if (v && (pt === undefined || pt > 200))
      yaml.problems.add(
        v.at,
        `Expected a margin like "15mm" (at most 70mm), not \`${v.text}\``,
        'template-frontmatter',
      );
    else if (pt !== undefined) out[side as (typeof SIDES)[number]] = pt;
  }
  return out;
}
