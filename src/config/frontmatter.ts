/**
 * The frontmatter keys that belong to this module: `rules:` (per-file rule settings) and `scheme:`
 * given as a mapping (a custom scheme) or as the name of a scheme of the configuration. The reader
 * (src/read/frontmatter.ts) parses the YAML once and keeps it, with its positions, so that their
 * problems are reported at their line and column.
 */
import { isMap, type Node } from 'yaml';
import type { Diagnostic, Finding } from '../model/types.js';
import type { ParsedDocument } from '../read/document.js';
import type { DocumentSettings, LoadOptions, SettingsReader } from '../read/source.js';
import { diagnostic } from '../rules/diagnostic.js';
import { hasErrorUnder, ruleSettingsFromNode } from './rules.js';
import { frontmatterSchema, type JsonSchema } from './schema.js';
import { findCustomScheme, schemeFromNode } from './scheme.js';
import { validateNode } from './validate.js';

export type { DocumentSettings };

let schema: JsonSchema | undefined;

/**
 * Reads the rolemark settings of one document's frontmatter, reporting problems as
 * `frontmatter-invalid` diagnostics at their position: errors for values of the wrong kind,
 * warnings for unknown rule ids and options.
 */
export const documentSettings: SettingsReader = (
  doc: ParsedDocument,
  options: LoadOptions,
  diagnostics: (Finding | Diagnostic)[],
): DocumentSettings => {
  const result: DocumentSettings = {};
  const named = doc.frontmatter.scheme;
  if (named) {
    const custom = findCustomScheme(named, options.schemes);
    if (custom) result.scheme = custom;
  }
  // Values the reader took as plain strings are valid; anything else (mappings, lists, keys of
  // other tools) is in `extra`, and only then are the settings looked for.
  if (Object.keys(doc.frontmatter.extra).length === 0) return result;
  // The reader's parse, with positions; none when the YAML had errors (the reader reports them).
  const parsed = doc.frontmatter.yaml;
  const map = parsed?.document.contents;
  if (!parsed || !isMap(map)) return result;
  const yaml = parsed.document;

  schema ??= frontmatterSchema();
  const issues = validateNode(yaml, schema, 'the frontmatter');
  const schemeNode = (map.get('scheme', true) as Node | undefined) ?? null;
  if (schemeNode && isMap(schemeNode)) {
    // Checked even when the schema found errors, so that every problem is reported at once; used
    // only when it has none.
    const valid = !hasErrorUnder(issues, ['scheme']);
    const built = schemeFromNode(schemeNode, 'Custom', ['scheme']);
    issues.push(...built.issues);
    if (built.scheme && valid) result.scheme = built.scheme;
  }
  const rulesNode = (map.get('rules', true) as Node | undefined) ?? null;
  if (rulesNode && isMap(rulesNode)) {
    const rules = ruleSettingsFromNode(rulesNode, ['rules'], issues);
    if (Object.keys(rules).length > 0) result.rules = rules;
  }
  for (const issue of issues) {
    const place = { file: doc.file, ...parsed.at(issue.offset) };
    // An unknown key is a warning, a wrong value an error: the validator says which.
    diagnostics.push({
      ...diagnostic('frontmatter-invalid', issue.message, place),
      severity: issue.severity,
    });
  }
  return result;
};

/** Load options with the frontmatter's settings read: what every reading above the reader passes. */
export const withDocumentSettings = (options: LoadOptions = {}): LoadOptions => ({
  documentSettings,
  ...options,
});
