/**
 * The reading and checking half of rolemark's library API: the configuration and the options of a
 * run (`loadConfig`, `resolveOptions`), reading (`load`, `loadText`, `findInputs`, `decodeText`),
 * checking (`check`, `rules`) and formatting (`formatFiles`). It loads the reader, the rules and
 * the formatter only, never the composer or the writers, so that a linter, an editor extension or
 * `rolemark check`, `explain`, `fmt` and `rules` themselves can use it and start fast
 * (`rolemark/lint`; `rolemark` re-exports it).
 *
 * @packageDocumentation
 */
import { withDocumentSettings } from './config/frontmatter.js';
import type { Diagnostic, Model, ReadModel } from './model/types.js';
import { findInputs, readSources } from './read/files.js';
import { loadSources } from './read/load.js';
import type { LoadOptions, SourceFile } from './read/source.js';
import { type RuleSettings, runRules, withDefaultSeverities } from './rules/engine.js';
import { applySuppressions } from './rules/suppress.js';

export { type Config, loadConfig } from './config/load.js';
export { type OptionArgs, type Options, parseRuleFlag, resolveOptions } from './options.js';
export { type Decoded, decodeText } from './read/decode.js';
export { findInputs } from './read/files.js';
export { ruleSection as ruleDocs } from './rules/docs.js';
export { findRule, rules } from './rules/index.js';
export { formatFiles, formatSources } from './workflow/fmt.js';

/**
 * Reads Markdown files and folders (searched recursively) into one model. Problems in the
 * content become diagnostics in `model.diagnostics`; only an input that cannot be read throws.
 *
 * @param inputs - Markdown files or folders; `content` by default.
 * @param options - The default and custom schemes and the `limits` (file size, table rows and
 *   columns, nesting, names, words), usually `(await loadConfig()).load`.
 * @returns The model: documents, roles, activities and the reader's diagnostics.
 * @throws {@link RolemarkError} when an input does not exist, cannot be read, or is not text (a
 *   binary file named `.md`). Text in UTF-16 or Windows-1252 is decoded, with a warning.
 * @example
 * ```ts
 * const model = await load(['content', 'teams/ops.md']);
 * console.log(model.roles.map((r) => r.name));
 * ```
 */
export async function load(
  inputs: readonly string[] = ['content'],
  options: LoadOptions = {},
): Promise<Model> {
  return withDefaultSeverities(
    loadSources(await readSources(await findInputs(inputs)), withDocumentSettings(options)),
  );
}

/**
 * Reads Markdown given as strings, for editors, tests and content that is not in files.
 *
 * @param sources - Each file's name (as diagnostics should show it) and text.
 * @param options - The default and custom schemes, as for {@link load}.
 * @example
 * ```ts
 * const model = loadText([{ file: 'team.md', text: '| Activity | Dev |\n|---|---|\n| Ship | A/R |' }]);
 * ```
 */
export function loadText(sources: readonly SourceFile[], options: LoadOptions = {}): Model {
  return withDefaultSeverities(loadSources(sources, withDocumentSettings(options)));
}

/**
 * Runs the rules over a model.
 *
 * @param settings - Severity (`off`, `info`, `warning`, `error`) and options per rule id, usually
 *   `(await loadConfig()).rules`; each file's frontmatter `rules:` applies over them.
 * @returns Every diagnostic, the reader's included, sorted by file and position.
 * @example
 * ```ts
 * const errors = check(model, { 'responsible-missing': 'error' }).filter((d) => d.severity === 'error');
 * ```
 */
export function check(model: Model, settings: RuleSettings = {}): Diagnostic[] {
  return runRules(model, settings);
}

/**
 * The reader's own problems in a model (unknown codes, ragged rows, …) less what the inline
 * `rolemark-disable` comments silence, at their default severities: what `rolemark explain`
 * counts beside each file, before any rule runs.
 */
export function readerProblems(model: ReadModel): Diagnostic[] {
  return applySuppressions(withDefaultSeverities(model).diagnostics, model.suppressions, []);
}
