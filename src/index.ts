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
 */
import { type BuildOptions, type BuildResult, buildModel } from './build.js';
import type { DocumentIR } from './compose/ir.js';
import { composeRoleCharter } from './compose/role-charter.js';
import { type ComposeOptions, composeTeamCharter } from './compose/team-charter.js';
import type { LoadOptions } from './config/scheme.js';
import { RolemarkError } from './errors.js';
import type { Diagnostic, Model } from './model/types.js';
import { findInputs, readSources } from './read/files.js';
import { loadSources, type SourceFile } from './read/load.js';
import type { ReferenceDocx } from './render/docx/reference.js';
import { type RuleSettings, runRules } from './rules/engine.js';

export type { BuildOptions, BuildResult, Format } from './build.js';
export { FORMATS } from './build.js';
export type * from './compose/ir.js';
export { type Config, loadConfig, parseConfig } from './config/load.js';
export type { LoadOptions } from './config/scheme.js';
export { RolemarkError } from './errors.js';
export type * from './model/types.js';
export { renderJson, toExportObject } from './render/json.js';
export { renderMarkdown } from './render/markdown.js';
export type { RuleSettings } from './rules/engine.js';
export { rules } from './rules/index.js';
export type { Rule } from './rules/types.js';
export type { ReferenceDocx, SourceFile };

/**
 * Reads Markdown files and folders (recursively) into one model. Problems in the content become
 * diagnostics. `options` (usually `(await loadConfig()).load`) give the default and custom schemes.
 */
export async function load(
  inputs: readonly string[] = ['content'],
  options: LoadOptions = {},
): Promise<Model> {
  return loadSources(await readSources(await findInputs(inputs)), options);
}

/** Reads Markdown given as strings, for editors and tests. */
export function loadText(sources: readonly SourceFile[], options: LoadOptions = {}): Model {
  return loadSources(sources, options);
}

/**
 * Runs the rules over a model; returns every diagnostic, the reader's included, sorted by position.
 * `settings` (usually `(await loadConfig()).rules`) apply under each file's frontmatter `rules:`.
 */
export function check(model: Model, settings: RuleSettings = {}): Diagnostic[] {
  return runRules(model, settings);
}

/** What to compose: a document's team charter, or a role's charter. */
export type ComposeTarget = { document: string } | { role: string };

/** Composes a team charter or a role charter into the document IR that every writer renders. */
export function compose(model: Model, target: ComposeTarget, options: ComposeOptions = {}): DocumentIR {
  if ('document' in target) {
    const doc = model.documents.find((d) => d.id === target.document);
    if (!doc) throw new RolemarkError(`No document with id \`${target.document}\``);
    return composeTeamCharter(model, doc, options);
  }
  const role = model.roles.find((r) => r.id === target.role);
  if (!role) throw new RolemarkError(`No role with id \`${target.role}\``);
  return composeRoleCharter(model, role, options);
}

/** Renders a composed document to PDF or DOCX bytes. The writers are loaded only when asked for. */
export { type RenderOptions, render } from './render/index.js';

/** Loads, checks and renders every output into `out`. Nothing is written when there are errors. */
export async function build(
  inputs: readonly string[] = ['content'],
  options: BuildOptions = {},
): Promise<BuildResult & { model: Model }> {
  const model = await load(inputs);
  const result = await buildModel(model, { inputs, ...options });
  return { ...result, model };
}

/**
 * Reads a .docx or .dotx whose styles a DOCX takes, as pandoc's reference doc:
 * `render(ir, 'docx', { referenceDocx: await readReferenceDocx('company.dotx') })`.
 */
export async function readReferenceDocx(path: string): Promise<ReferenceDocx> {
  return (await import('./render/docx/reference.js')).readReferenceDocx(path);
}
