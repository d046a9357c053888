import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { readFileCappedSync } from '../read/regular-file.js';
import { diagnostic } from '../rules/diagnostic.js';
import { findFile, isBuiltIn, listFiles, shownPath } from './resolve.js';
import { parseTemplate, type Template, TemplateError } from './template.js';

export { DIRECTIVES } from './directives.js';
export { BUILT_IN_DIR, listFiles } from './resolve.js';
export type { PageSize, Template, TemplateFormat, TemplateMeta, TemplatePer } from './template.js';
export { parseTemplate, TemplateError } from './template.js';
export type { ResolvedTheme } from './theme.js';
export { defaultTheme, loadTheme } from './theme.js';

/** The templates a build makes when none is named: today's two charters. */
export const DEFAULT_TEMPLATES = ['team-charter', 'role-charter'] as const;

const cache = new Map<string, { stamp: string; template: Template }>();

/**
 * Loads a template by name (the project's `templates/NAME.md`, else the built-in) or by path.
 * Parsed templates are kept per file and reread when the file changes.
 */
export function loadTemplate(nameOrPath: string, root = process.cwd(), builtInOnly = false): Template {
  const file = findFile(nameOrPath, 'template', root, builtInOnly);
  if (!file) {
    const known = listFiles('template', root).map((t) => t.name);
    throw new TemplateError([
      diagnostic(
        'template-unknown',
        `Unknown template \`${nameOrPath}\`; expected one of ${known.join(', ')}, or a path to a .md file`,
        { file: nameOrPath, line: 1, column: 1 },
      ),
    ]);
  }
  const stat = statSync(file);
  const stamp = `${stat.mtimeMs}:${stat.size}`;
  const hit = cache.get(file);
  if (hit?.stamp === stamp) return hit.template;
  const builtIn = isBuiltIn(file);
  const template = parseTemplate(shownPath(file), readTemplateText(file), basename(file, '.md'), builtIn);
  cache.set(file, { stamp, template });
  return template;
}

/** A built-in template, whatever the project overrides: what the library's own charters use. */
export const builtInTemplate = (name: string): Template => loadTemplate(name, process.cwd(), true);

/** A template's text: a regular file of at most 1 MB (src/read/regular-file.ts), as content is. */
const readTemplateText = (file: string) =>
  readFileCappedSync(file, { maxBytes: 1024 * 1024, what: 'the template', shown: shownPath(file) }).toString(
    'utf8',
  );
