import type { Rule } from './types.js';

/**
 * Problems that the build, not the content, reports: a character no font of the PDF has, a
 * template or theme file that cannot be used (they stop the run: nothing is written, whatever the
 * settings), and content in a language the templates have no labels for. Listing them here gives them documentation, and the
 * configuration accepts their ids; test/rules/registered.test.ts fails on an id reported
 * anywhere in src/ that is not registered.
 */
const fatal = (id: string, description: string, fix: string): Rule => ({
  id,
  description,
  rationale:
    'A template or theme that cannot be read as written would make documents other than the ones it describes; the build stops before writing anything and says where.',
  fix,
  defaultSeverity: 'error',
  options: {},
  reportedBy: 'template',
  fatal: true,
});

export const templateRules: Rule[] = [
  {
    id: 'missing-glyph',
    description:
      'Every character of the content has a glyph in the PDF’s fonts (the theme’s, then the fallbacks).',
    rationale:
      'A character no font has prints as an empty box, or not at all: a name or a note in that script is lost on paper. rolemark embeds DejaVu and falls back to Noto CJK for Chinese, Japanese and Korean; the build reports each missing character once, at the role or activity that uses it.',
    fix: 'Add a font that has the script to the theme’s fallback stack (`fonts:` in the theme, see docs/templates.md), or install `fonts-noto-cjk` for CJK.',
    defaultSeverity: 'warning',
    options: {},
    reportedBy: 'writer',
  },
  {
    id: 'lang-unsupported',
    description:
      'Every document’s language (`lang:` in its frontmatter, or `--lang`) is one rolemark has labels for.',
    rationale:
      'The labels of the charters (“Accountable for”, “Consulted on”) exist in English, French, German and Spanish. A document in another language is built with English labels, which its readers may not expect.',
    fix: 'Use `lang: en`, `fr`, `de` or `es`, or turn the rule off (`rules: { lang-unsupported: off }`) when English labels are fine.',
    defaultSeverity: 'warning',
    options: {},
    reportedBy: 'template',
  },
  fatal(
    'template-unknown',
    'A template named by `--template` or the configuration exists, in the project’s `templates/` or built in.',
    'Use one of the names `rolemark templates` lists, or a path to a `.md` file.',
  ),
  fatal(
    'template-output',
    'No two templates share a name or would write the same output file.',
    'Rename one template, or give one an `output:` of its own in its frontmatter.',
  ),
  fatal(
    'template-frontmatter',
    'A template’s frontmatter holds `per:`, a valid `name:`, `lang:`, `font-scale:` and an `output:` inside the output folder.',
    'Fix the key at the reported place; docs/templates.md lists the keys and their values.',
  ),
  fatal(
    'template-unknown-directive',
    'Every directive in a template (`::matrix`, `:::roles`, …) is one rolemark knows.',
    'Use a directive docs/templates.md lists; the message suggests the nearest name.',
  ),
  fatal(
    'template-directive-place',
    'Every directive stands where it can be filled: on a line of its own, a container as `:::`, a role’s directive in a `per: role` template or inside `:::roles`.',
    'Move or rewrite the directive as the message says.',
  ),
  fatal(
    'template-directive-attribute',
    'Every attribute of a directive is one it takes, with one of its values, and without placeholders.',
    'Use an attribute the message lists, or drop it.',
  ),
  fatal(
    'template-unknown-placeholder',
    'Every `{{placeholder}}` in a template is closed and names a value rolemark fills.',
    'Use a placeholder docs/templates.md lists; the message suggests the nearest name.',
  ),
  fatal(
    'template-placeholder-scope',
    'A role’s placeholder (`{{role.name}}`) is used where there is a role: in a `per: role` template or inside `:::roles`.',
    'Move the placeholder into `:::roles`, or make the template `per: role`.',
  ),
  fatal(
    'yaml-invalid',
    'The YAML of a template’s frontmatter or of a theme file parses.',
    'Fix the YAML at the reported place (an unclosed quote, a tab for indentation, a repeated key).',
  ),
  fatal(
    'yaml-type',
    'Every key of a template’s frontmatter or a theme has a value of the type it takes (a mapping, a list, text, a number).',
    'Write the value as the message says.',
  ),
  fatal(
    'yaml-unknown-key',
    'Every key of a template’s frontmatter or a theme is one rolemark knows.',
    'Fix the key; the message lists the known ones.',
  ),
  fatal(
    'yaml-value',
    'Every value of a template’s frontmatter or a theme is one its key accepts.',
    'Fix the key or the value; the message names what was expected.',
  ),
  fatal(
    'theme-value',
    'Every value of a theme is valid: colours like `#1F4E79`, fonts with a `family` and `files.regular`.',
    'Fix the value at the reported place; docs/templates.md describes themes.',
  ),
  fatal(
    'theme-file',
    'Every file a theme names (fonts, logo) exists, is at most 50 MB, and is a font or image rolemark can embed.',
    'Fix the path (relative to the theme file), or convert the file to TrueType/OpenType, PNG or JPEG.',
  ),
];
