import type { JsonSchema } from '../config/schema.js';
import { THEME_KEYS } from './theme-file.js';

/**
 * The JSON Schema of theme files (schema/theme.schema.json), for editors: with
 * `# yaml-language-server: $schema=…/theme.schema.json` at the top of a theme, VS Code completes
 * and explains its keys. rolemark's own loader checks themes (with positions); this schema follows
 * the same keys (THEME_KEYS), which a test holds it to.
 */

const LENGTH = '^\\s*\\d+(\\.\\d+)?\\s*(mm|cm|in|pt)?\\s*$';
const length = (description: string): JsonSchema => ({
  description,
  anyOf: [
    { type: 'number', minimum: 0 },
    { type: 'string', pattern: LENGTH, patternErrorMessage: 'A length like 20mm, 2cm, 0.75in or 54pt' },
  ],
});
const colour = (description: string): JsonSchema => ({
  type: 'string',
  description,
  pattern: '^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$',
  patternErrorMessage: 'A colour like "#1F4E79"',
});
const object = (
  keys: readonly string[],
  properties: Record<string, JsonSchema>,
  description: string,
): JsonSchema => {
  const missing = keys.filter((k) => !(k in properties));
  if (missing.length > 0) throw new Error(`theme schema: no description of ${missing.join(', ')}`);
  return { type: 'object', description, properties, additionalProperties: false };
};
const text = (description: string): JsonSchema => ({
  description,
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
});
const stack = (description: string): JsonSchema => ({
  description: `${description} A fallback stack: a PDF embeds the first family with files or built in; Word names the first.`,
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
});

const COLOURS: Record<string, string> = {
  foreground: 'Body text.',
  muted: 'Small print, labels, the running header and footer.',
  primary: 'Headings, rules, the cover band.',
  'primary-light': "The cover's fields.",
  rule: 'Rules and lines.',
  link: 'Links.',
  'header-fill': 'Table headers.',
  band: 'Group rows of the matrix.',
};

export function themeSchema(): JsonSchema {
  const font = object(
    THEME_KEYS.font,
    {
      family: { type: 'string', description: 'The name the stacks use, e.g. Inter.' },
      files: object(
        THEME_KEYS.files,
        Object.fromEntries(
          THEME_KEYS.files.map((face) => [
            face,
            { type: 'string', description: `The ${face} face: a .ttf or .otf file, relative to the theme.` },
          ]),
        ),
        'The font files by face; `regular` is required.',
      ),
    },
    'A font with files, so that PDFs can embed it.',
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'rolemark theme (templates/themes/*.yaml)',
    ...object(
      THEME_KEYS.theme,
      {
        name: { type: 'string', description: 'The theme’s name; the file name by default.' },
        extends: {
          type: 'string',
          description: 'The theme this one starts from: a name or a path. `default` by default.',
        },
        page: object(
          THEME_KEYS.page,
          {
            size: { enum: ['A4', 'A3', 'Letter', 'Tabloid'], description: 'Paper size.' },
            orientation: { enum: ['portrait', 'landscape'], description: 'Page orientation.' },
            margins: {
              description: 'One length for all sides, or each side.',
              anyOf: [
                length('All four margins.'),
                object(
                  THEME_KEYS.margins,
                  Object.fromEntries(THEME_KEYS.margins.map((s) => [s, length(`The ${s} margin.`)])),
                  'Margins by side.',
                ),
              ],
            },
          },
          'Paper and margins.',
        ),
        color: object(
          THEME_KEYS.color,
          {
            ...Object.fromEntries(Object.entries(COLOURS).map(([k, d]) => [k, colour(d)])),
            codes: {
              type: 'object',
              description:
                'Fills of the matrix cells by code letter (any scheme) or label (one scheme’s code, wins).',
              additionalProperties: colour('The fill of this code.'),
            },
          },
          'Colours of the documents.',
        ),
        typography: object(
          THEME_KEYS.typography,
          {
            size: length('Body text size (5pt to 24pt); everything else scales with it.'),
            fonts: { type: 'array', items: font, description: 'Fonts with files.' },
            base: stack('Body text.'),
            headings: stack('Headings.'),
            monospace: stack('Code.'),
          },
          'Type size and fonts.',
        ),
        logo: {
          description: 'A PNG or JPEG logo: a path, or its file, width and placement.',
          anyOf: [
            { type: 'string' },
            { type: 'null' },
            object(
              THEME_KEYS.logo,
              {
                file: { type: 'string', description: 'The image, relative to the theme.' },
                width: length('Printed width; the height keeps the proportions.'),
                placement: { enum: ['header', 'cover', 'both'], description: 'Where the logo is printed.' },
              },
              'The logo.',
            ),
          ],
        },
        header: text('The running header; parts are joined with " · ". {{header}} is the template’s own.'),
        footer: text('The footer beside the page number; {{footer}} is the template’s own.'),
        source: {
          type: 'boolean',
          description:
            'false: no line of the header or footer names the source file ({{document.file}}, {{role.files}}), e.g. for documents HR hands out.',
        },
      },
      'A rolemark theme.',
    ),
  };
}
