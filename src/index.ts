/**
 * rolemark's library API. The CLI is built on these functions, so anything the CLI does can be
 * done from code:
 *
 * ```ts
 * import { load, check, compose, render, build } from 'rolemark';
 * const model = await load(['content']);
 * const diagnostics = check(model);
 * const pdf = await render(compose(model, { role: 'product-owner' }), 'pdf');
 * ```
 *
 * @packageDocumentation
 */
import type { Worker } from 'node:worker_threads';
import { type BuildOptions, type BuildResult, buildModel } from './build.js';
import { composeTemplate, type TemplateComposeOptions } from './compose/index.js';
import { withDocumentSettings } from './config/frontmatter.js';
import { type DiffLabels, formatDiffJson, formatDiffMarkdown, formatDiffText } from './diff/format.js';
import type { ModelDiff } from './diff/types.js';
import { RolemarkError } from './errors.js';
import type { DocumentIR } from './ir/types.js';
import { load } from './lint.js';
import type { Model } from './model/types.js';
import { displayPath, findInputs, readSources } from './read/files.js';
import { loadSources, type SourceFile } from './read/load.js';
import type { LoadOptions } from './read/source.js';
import type { ReferenceDocx } from './render/docx/reference.js';
import { type DocumentFormat, type RenderOptions, render as renderDocument } from './render/index.js';
import { withDefaultSeverities } from './rules/engine.js';
import { loadTemplate, loadTheme, type ResolvedTheme, type Template } from './templates/index.js';
import { takeEarlyRenderer } from './workflow/early-render.js';
import { guardTogether } from './workflow/parallel-read.js';
import { sourceTimes } from './workflow/source-time.js';
import { datedBySources } from './workflow/watch.js';

export type { BuildOptions, BuildProgress, BuildResult, Format, PlannedOutput, Shard } from './build.js';
export { buildModel, FORMATS, planOutputs } from './build.js';
export type { TemplateComposeOptions } from './compose/index.js';
export { composeTemplate } from './compose/index.js';
export { parseConfig } from './config/load.js';
export type { LoadOptions } from './config/scheme.js';
export type { DiffLabels, TextOptions as DiffTextOptions } from './diff/format.js';
export { diffSummary } from './diff/format.js';
export {
  type DiffVersionsOptions,
  diffVersions,
  hasChanges,
  readVersion,
  type Version,
  type VersionSpec,
  type VersionsDiff,
} from './diff/index.js';
export { diffModels as diff } from './diff/model-diff.js';
export type * from './diff/types.js';
export { RolemarkError } from './errors.js';
export { renderCsv } from './export/csv.js';
export { renderJson, toExportObject } from './export/json.js';
export { renderMarkdown } from './export/markdown.js';
export {
  type ImportedDocument,
  type ImportFileOptions,
  type ImportOptions,
  type ImportResult,
  importBytes,
  importFile,
  importTable,
  MAX_IMPORT_BYTES,
  parseCsv,
  readXlsx,
  type SourcePlace,
  sheetPlace,
} from './import/index.js';
export type * from './ir/types.js';
export * from './lint.js';
export type * from './model/types.js';
export { abandonOutput } from './outputs.js';
export { DEFAULT_LIMITS, type Limits } from './read/limits.js';
export type { DocumentFormat, RenderOptions, RenderWarning } from './render/index.js';
export type { RuleSettings } from './rules/engine.js';
export type { Rule } from './rules/types.js';
export type { ResolvedTheme, Template, TemplateFormat, TemplateMeta } from './templates/index.js';
export { listFiles as listTemplateFiles, loadTemplate, loadTheme, TemplateError } from './templates/index.js';
export { type InitOptions, type InitResult, init } from './workflow/init.js';
export { type InstallSource, parseInstallFrom } from './workflow/install.js';
export { parseShard } from './workflow/shard.js';
export { type WatchEvent, type Watcher, type WatchOptions, watch } from './workflow/watch.js';
export type { ReferenceDocx, SourceFile };

/** What to compose: a content document (by id), or a role (by id). */
export type ComposeTarget = { document: string } | { role: string };

export interface ComposeOptions extends Omit<TemplateComposeOptions, 'theme'> {
  /**
   * A template by name (`handout`; the project's `templates/` first, then the built-ins), by path,
   * or loaded. `team-charter` for a document and `role-charter` for a role by default.
   */
  template?: string | Template;
  /** A theme by name or path, or loaded; the built-in `default` by default. */
  theme?: string | ResolvedTheme;
  /** Where the project's `templates/` folder is; the current folder by default. */
  root?: string;
}

/**
 * Composes a document from a template into the IR that every writer renders: a team charter or a
 * role charter by default, or any template made per document (`{ document }`) or per role
 * (`{ role }`).
 *
 * @throws {@link RolemarkError} when no document or role has the id, or the template is made per
 * the other kind; {@link TemplateError} when the template or theme cannot be used.
 * @example
 * ```ts
 * const ir = compose(model, { document: 'product-roles' }, { date: '2026-01-31' });
 * const handout = compose(model, { role: 'product-owner' }, { template: 'handout', theme: 'print-mono' });
 * ```
 */
export function compose(model: Model, target: ComposeTarget, options: ComposeOptions = {}): DocumentIR {
  const { template: wanted, theme: themeOption, root, ...rest } = options;
  const byRole = 'role' in target;
  const template =
    typeof wanted === 'object'
      ? wanted
      : loadTemplate(wanted ?? (byRole ? 'role-charter' : 'team-charter'), root);
  if ((template.meta.per === 'role') !== byRole) {
    throw new RolemarkError(
      `The template \`${template.meta.name}\` is made per ${template.meta.per}: compose it with { ${template.meta.per}: id }`,
    );
  }
  const theme = typeof themeOption === 'string' ? loadTheme(themeOption, root) : themeOption;
  const opts = { ...rest, ...(theme ? { theme } : {}) };
  if ('document' in target) {
    const doc = model.documents.find((d) => d.id === target.document);
    if (!doc) throw new RolemarkError(`No document with id \`${target.document}\``);
    return composeTemplate(model, template, { document: doc }, opts);
  }
  const role = model.roles.find((r) => r.id === target.role);
  if (!role) throw new RolemarkError(`No role with id \`${target.role}\``);
  return composeTemplate(model, template, { role }, opts);
}

/**
 * Renders a composed document to PDF or DOCX bytes. The writers are loaded only when asked for,
 * so code that never renders never loads pdfkit or docx. `options.referenceDocx` (DOCX only,
 * from {@link readReferenceDocx}) gives the styles of a company template.
 *
 * @example
 * ```ts
 * await writeFile('po.docx', await render(compose(model, { role: 'product-owner' }), 'docx'));
 * ```
 */
export function render(ir: DocumentIR, format: DocumentFormat, options: RenderOptions = {}): Promise<Buffer> {
  return renderDocument(ir, format, options);
}

/**
 * Loads, checks and renders every output into `options.out` (`out` by default), atomically.
 * Nothing is written when the content has errors. Outputs unchanged since the previous build are
 * reused unless `options.force` is set; `options.shard` builds one part of the documents, and
 * `options.onProgress` follows the build output by output.
 *
 * @param inputs - Markdown files or folders; `content` by default.
 * @returns The result (`ok`, diagnostics, files written, rendered and reused) and the model.
 * @throws {@link RolemarkError} when an input cannot be read or the output folder is refused.
 * @example
 * ```ts
 * const result = await build(['content'], { out: 'dist', formats: ['pdf'], shard: parseShard('1/2') });
 * if (!result.ok) process.exitCode = 1;
 * ```
 */
export async function build(
  inputs: readonly string[] = ['content'],
  options: BuildOptions = {},
): Promise<BuildResult & { model: Model }> {
  // On 2 cores, a render worker starts now and loads the PDF writer while this thread reads.
  const early = takeEarlyRenderer(options);
  let model: Model;
  let timing: Promise<Record<string, string>> | undefined;
  try {
    const files = await findInputs(inputs);
    // Documents dated by their files' times: git is asked (two processes per repository) while
    // the files are read and parsed, not after (docs/performance.md, round five, git dates).
    timing = datedBySources(options) ? sourceTimes(files.map((f) => displayPath(f))) : undefined;
    timing?.catch(() => undefined);
    model = early
      ? await loadTogether(files, options.load ?? {}, early)
      : await load(files, options.load ?? {});
  } catch (error) {
    void early?.terminate();
    throw error;
  }
  const read = timing && (await timing);
  const dates = read && {
    sourceTimes: Object.fromEntries(
      model.documents.flatMap((d) =>
        read[d.file] === undefined ? [] : [[d.file, read[d.file] as string] as const],
      ),
    ),
  };
  const result = await buildModel(model, { inputs, ...options, ...dates }, early);
  return { ...result, model };
}

/**
 * {@link load}, the files parsed in this thread and the early render worker at once
 * (workflow/parallel-read.ts): the same model and diagnostics.
 */
async function loadTogether(inputs: readonly string[], options: LoadOptions, worker: Worker): Promise<Model> {
  const sources = await readSources(await findInputs(inputs));
  const settings = withDocumentSettings(options);
  const guarded = sources.length > 1 ? await guardTogether(worker, sources, settings.limits) : undefined;
  return withDefaultSeverities(loadSources(sources, settings, guarded));
}

/**
 * Formats a diff for people or tools: `text` for a terminal, `md` for a pull request comment,
 * `json` for tools (the {@link ModelDiff} with `labels` and `changed`).
 *
 * @example
 * ```ts
 * const { diff, labels } = await diffVersions('HEAD~1');
 * console.log(formatDiff(diff, 'md', { labels }));
 * ```
 */
export function formatDiff(
  diff: ModelDiff,
  format: 'text' | 'md' | 'json',
  options: { labels?: DiffLabels; color?: boolean } = {},
): string {
  if (format === 'md') return formatDiffMarkdown(diff, options);
  if (format === 'json') return formatDiffJson(diff, options);
  return formatDiffText(diff, options);
}

/**
 * Reads a .docx or .dotx whose styles a DOCX takes, as pandoc's reference doc:
 * `render(ir, 'docx', { referenceDocx: await readReferenceDocx('company.dotx') })`.
 */
export async function readReferenceDocx(path: string): Promise<ReferenceDocx> {
  return (await import('./render/docx/reference.js')).readReferenceDocx(path);
}
