/**
 * The frontmatter keys that belong to this module: `rules:` (per-file rule settings) and `scheme:`
 * given as a mapping (a custom scheme) or as the name of a scheme of the configuration. The reader
 * (src/read/frontmatter.ts) keeps them in `extra`; they are read here again, from the YAML text,
 * because their problems must be reported at their line and column.
 */
import { isMap, LineCounter, type Node, parseDocument } from 'yaml';
import type { Diagnostic, RuleSetting, Scheme } from '../model/types.js';
import type { ParsedDocument } from '../read/document.js';
import { diagnostic } from '../rules/diagnostic.js';
import { hasErrorUnder, ruleSettingsFromNode } from './rules.js';
import { frontmatterSchema, type JsonSchema } from './schema.js';
import { findCustomScheme, type LoadOptions, schemeFromNode } from './scheme.js';
import { validateNode } from './validate.js';

export interface DocumentSettings {
  /** The document's scheme, when the frontmatter or the configuration decides it. */
  scheme?: Scheme;
  rules?: Record<string, RuleSetting>;
}

let schema: JsonSchema | undefined;

/** The YAML between the `---` fences at the top of the file, and the line it starts on. */
function frontmatterText(text: string): { yaml: string; line: number } | undefined {
  const lines = text.split(/\r?\n/u);
  if (lines[0]?.trimEnd() !== '---') return undefined;
  const end = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
  if (end < 0) return undefined;
  return { yaml: lines.slice(1, end).join('\n'), line: 2 };
}

/**
 * Reads the rolemark settings of one document's frontmatter, reporting problems as
 * `frontmatter-invalid` diagnostics at their position: errors for values of the wrong kind,
 * warnings for unknown rule ids and options.
 */
export function documentSettings(
  doc: ParsedDocument,
  options: LoadOptions,
  diagnostics: Diagnostic[],
): DocumentSettings {
  const result: DocumentSettings = {};
  const named = doc.frontmatter.scheme;
  if (named) {
    const custom = findCustomScheme(named, options.schemes);
    if (custom) result.scheme = custom;
  }
  // Values the reader took as plain strings are valid; anything else (mappings, lists, keys of
  // other tools) is in `extra`, and only then is the YAML read again.
  if (Object.keys(doc.frontmatter.extra).length === 0) return result;
  const source = frontmatterText(doc.text);
  if (!source) return result;
  const lineCounter = new LineCounter();
  const yaml = parseDocument(source.yaml, { lineCounter, uniqueKeys: true, prettyErrors: false });
  // Syntax errors are the reader's to report (frontmatter-invalid); nothing here can be trusted.
  if (yaml.errors.length > 0 || !isMap(yaml.contents)) return result;

  schema ??= frontmatterSchema();
  const issues = validateNode(yaml, schema, 'the frontmatter');
  const map = yaml.contents;
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
    const at = lineCounter.linePos(issue.offset);
    const place = { file: doc.file, line: source.line + at.line - 1, column: at.col };
    // An unknown key is a warning, a wrong value an error: the validator says which.
    diagnostics.push({
      ...diagnostic('frontmatter-invalid', issue.message, place),
      severity: issue.severity,
    });
  }
  return result;
}
