import { LABEL_KEYS } from '../lang/labels.js';
import { didYouMean } from '../model/did-you-mean.js';
import { MAX_PROBLEMS, type Place, type Problems } from './yaml.js';

/**
 * Logic-less placeholders: `{{role.name}}` is replaced by a value, and that is all a template can
 * do with data. No expressions, no helpers, no code. An unknown name is an error at its place;
 * a known name without a value (a document with no version) leaves its paragraph, heading, list
 * item or header part out, rather than printing an empty string.
 */

const DOCUMENT = ['title', 'id', 'file', 'version', 'owner', 'date', 'lang', 'scheme'].map(
  (k) => `document.${k}`,
);
const ROLE = ['name', 'id', 'alias', 'aliases', 'teams', 'files'].map((k) => `role.${k}`);
const OTHER = ['scheme.name', 'scheme.accountable', 'scheme.doer', 'template.name', 'template.description'];
const LABELS = LABEL_KEYS.map((k) => `labels.${k}`);

/** Where a text stands decides what it may name: `role.*` only where there is a role. */
export interface Scope {
  role: boolean;
  /** Theme header and footer texts may also name the template's own `{{header}}` and `{{footer}}`. */
  theme?: boolean;
}

export function placeholderNames(scope: Scope): string[] {
  return [
    ...DOCUMENT,
    ...(scope.role || scope.theme ? ROLE : []),
    ...OTHER,
    ...LABELS,
    ...(scope.theme ? ['header', 'footer'] : []),
  ];
}

/** Values by placeholder name; null when the source gives none. */
export type Values = Record<string, string | null>;

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The closest known name, when one is close enough to be a typo (see model/did-you-mean.ts). */
export const suggest = (name: string, names: readonly string[]): string | undefined =>
  didYouMean(name, names);

/** The place of character `index` of `text`, which starts at `start`. */
export function placeIn(text: string, start: Place, index: number): Place {
  let line = start.line;
  let column = start.column;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { file: start.file, line, column };
}

/**
 * Checks every placeholder of `text` (as written in the file, starting at `start`): unknown names
 * and unclosed braces are errors at their place.
 */
export function checkPlaceholders(text: string, start: Place, scope: Scope, problems: Problems): void {
  const names = placeholderNames(scope);
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (problems.list.length >= MAX_PROBLEMS) return;
    const name = (match[1] ?? '').trim();
    if (names.includes(name)) continue;
    // Placed only when reported: placing scans the text, once per problem, never per placeholder.
    const at = placeIn(text, start, match.index ?? 0);
    if (name.startsWith('role.') && !scope.role && ROLE.includes(name)) {
      problems.add(
        at,
        `Unexpected \`{{${name}}}\` outside a role: use it in a \`per: role\` template or inside \`:::roles\``,
        'template-placeholder-scope',
      );
      continue;
    }
    const hint = suggest(name, names);
    problems.add(
      at,
      `Unknown placeholder \`{{${name}}}\`${hint ? `; did you mean \`{{${hint}}}\`?` : ''} (see docs/templates.md for the list)`,
      'template-unknown-placeholder',
    );
  }
  // `{{` that no `}}` closes: a typo that would otherwise print braces.
  const unclosed = text.replace(PLACEHOLDER, (m) => ' '.repeat(m.length)).indexOf('{{');
  if (unclosed >= 0) {
    problems.add(
      placeIn(text, start, unclosed),
      'Unclosed placeholder: expected `}}` after `{{`',
      'template-unknown-placeholder',
    );
  }
}

/** Whether a text holds any placeholder. */
export const hasPlaceholder = (text: string): boolean => /\{\{[^{}]*\}\}/.test(text);

/**
 * Replaces every placeholder by its value. Returns null when one has no value, so that the caller
 * leaves the whole text (paragraph, list item, header part) out. Names were checked when the
 * template was loaded; a name missing from `values` here is a bug, not a user error.
 */
export function fillPlaceholders(text: string, values: Values): string | null {
  let missing = false;
  const filled = text.replace(PLACEHOLDER, (_m, raw: string) => {
    const name = raw.trim();
    if (!(name in values)) throw new Error(`Placeholder {{${name}}} has no value source`);
    const value = values[name];
    if (value === null || value === undefined || value === '') {
      missing = true;
      return '';
    }
    return value;
  });
  return missing ? null : filled;
}
