import { parse as parseBcp47 } from 'bcp-47';
import type { Yaml } from 'mdast';
import { isMap, isScalar } from 'yaml';
import type { Finding } from '../model/types.js';
import { finding } from './findings.js';
import { type PlacedYaml, parseYaml } from './yaml.js';

/** Frontmatter values rolemark knows; anything else is kept in `extra`. */
export interface Frontmatter {
  title?: string;
  scheme?: string;
  version?: string;
  owner?: string;
  date?: string;
  lang?: string;
  team?: string;
  extra: Record<string, unknown>;
  /**
   * The YAML as parsed, when it is a mapping without errors, and where an offset in it is in the
   * file: the settings (config/frontmatter.ts) and the `scheme:` position are read from it, not
   * parsed again.
   */
  yaml?: PlacedYaml;
}

const STRING_KEYS = ['title', 'scheme', 'version', 'owner', 'date', 'lang', 'team'] as const;

/**
 * Reads a YAML frontmatter node. Scalars are read as written (`version: 1.0` stays "1.0", not 1).
 * Broken YAML becomes an error diagnostic at the line YAML reports, never an exception.
 */
export function readFrontmatter(node: Yaml, file: string, diagnostics: Finding[]): Frontmatter {
  const result: Frontmatter = { extra: {} };
  // The YAML body starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1;
  const yaml = parseYaml(node.value, firstLine);
  const doc = yaml.document;
  for (const error of yaml.errors) {
    diagnostics.push(
      finding('frontmatter-invalid', `Invalid YAML frontmatter: ${error.message}`, {
        file,
        line: error.line,
        column: error.column,
      }),
    );
  }
  if (yaml.errors.length > 0) return result;
  if (!isMap(doc.contents)) {
    if (doc.contents !== null) {
      diagnostics.push(
        finding('frontmatter-invalid', 'Expected the frontmatter to be a mapping of `key: value` lines', {
          file,
          line: firstLine,
          column: 1,
        }),
      );
    }
    return result;
  }
  result.yaml = yaml;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value = pair.value;
    if ((STRING_KEYS as readonly string[]).includes(key) && isScalar(value)) {
      const text = value.source ?? (value.value === null ? '' : String(value.value));
      if (key === 'lang' && text !== '') {
        const tag = languageTag(text);
        if (tag) result.lang = tag;
        else {
          const at = yaml.at(value.range?.[0] ?? 0);
          diagnostics.push(
            finding(
              'frontmatter-invalid',
              `Invalid \`lang\` ${JSON.stringify(text.slice(0, 60))}: expected a BCP 47 language tag, such as \`en\`, \`fr-CA\` or \`pt-BR\``,
              { file, ...at },
            ),
          );
        }
      } else if (text !== '') result[key as (typeof STRING_KEYS)[number]] = text;
    } else {
      result.extra[key] = isScalar(value) ? value.value : (value as { toJSON?: () => unknown })?.toJSON?.();
    }
  }
  return result;
}

/**
 * A language tag as BCP 47 writes it (`de_AT` → `de-AT`), or null when it is not one: the tag
 * goes into the DOCX (`w:lang`) and PDF metadata, where anything else is invalid (`en"x` broke
 * the XML, `constructor` named a property of every object).
 */
export function languageTag(text: string): string | null {
  const tag = text.trim().replace(/_/gu, '-');
  if (tag.length > 64) return null;
  const parsed = parseBcp47(tag);
  return parsed.language !== null || parsed.privateuse.length > 0 || parsed.irregular || parsed.regular
    ? tag
    : null;
}
