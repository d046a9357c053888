/**
 * The JSON Schemas of `rolemark.config.yaml` and of a content file's frontmatter, built from the
 * rule registry. They are the one source of truth: `npm run docs:rules` writes them to `schema/`
 * for editors, and src/config/validate.ts checks files against them with positions. A test fails
 * when the files in `schema/` are stale.
 */
import { DEFAULT_LIMITS, LIMIT_DESCRIPTIONS, type Limits } from '../read/limits.js';
import { rules as registry } from '../rules/index.js';
import type { Rule, RuleOption } from '../rules/types.js';

/** The subset of JSON Schema (2020-12) that rolemark's schemas use and its validator understands. */
export interface JsonSchema {
  $schema?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: JsonType | JsonType[];
  enum?: readonly (string | number | boolean | null)[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  /** Shown by VS Code when `pattern` fails; rolemark's validator uses it too. */
  patternErrorMessage?: string;
  default?: unknown;
  examples?: unknown[];
}

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export const SEVERITIES = ['off', 'info', 'warning', 'error'] as const;

const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

function optionSchema(option: RuleOption): JsonSchema {
  const base: JsonSchema =
    option.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type: option.type };
  if (option.minimum !== undefined) base.minimum = option.minimum;
  if (option.maximum !== undefined) base.maximum = option.maximum;
  return { ...base, description: option.description, default: option.default };
}

function ruleSchema(rule: Rule): JsonSchema {
  // A problem that stops the run (a template that cannot be read) has no other severity.
  if (rule.fatal)
    return { description: `${rule.description} Stops the build: always error.`, enum: ['error'] };
  const description = `${rule.description} Default: ${rule.defaultSeverity}.`;
  const severity: JsonSchema = { $ref: '#/$defs/severity' };
  const properties: Record<string, JsonSchema> = {
    severity: { ...severity, description: `Default: ${rule.defaultSeverity}.` },
  };
  for (const [key, option] of Object.entries(rule.options)) properties[key] = optionSchema(option);
  return {
    description,
    anyOf: [severity, { type: 'object', properties, additionalProperties: false }],
  };
}

/** Definitions both schemas share: severities, rule settings, custom schemes. */
function definitions(rules: readonly Rule[]): Record<string, JsonSchema> {
  const ruleProperties: Record<string, JsonSchema> = {};
  for (const rule of rules) ruleProperties[rule.id] = ruleSchema(rule);
  return {
    severity: {
      description: 'How a rule reports: `off` turns it off.',
      enum: [...SEVERITIES],
    },
    rules: {
      description:
        'Rule settings by rule id: a severity (`off`, `info`, `warning`, `error`), or a mapping with `severity` and the rule’s options. See docs/rules.md.',
      type: 'object',
      properties: ruleProperties,
      additionalProperties: false,
    },
    cardinality: {
      description:
        'How many roles may hold the code on one activity: a number (exactly), or `min` and `max`.',
      anyOf: [
        { type: 'integer', minimum: 0 },
        {
          type: 'object',
          properties: {
            min: { type: 'integer', minimum: 0, description: 'At least this many roles.' },
            max: { type: 'integer', minimum: 0, description: 'At most this many roles.' },
          },
          additionalProperties: false,
        },
      ],
    },
    schemeCode: {
      description: 'A code: its label, or a mapping with the label and more.',
      anyOf: [
        { type: 'string', minLength: 1, description: 'The label, e.g. `Driver`.' },
        {
          type: 'object',
          properties: {
            label: { type: 'string', minLength: 1, description: 'What the code means, e.g. `Driver`.' },
            color: {
              type: 'string',
              pattern: '^#[0-9A-Fa-f]{6}$',
              patternErrorMessage: 'a colour written #rrggbb, like "#8CC8EE"',
              description: 'Fill colour in the matrix, `#rrggbb`. The letter is always printed too.',
            },
            description: { type: 'string', description: 'One line for the legend.' },
            cardinality: { $ref: '#/$defs/cardinality' },
          },
          required: ['label'],
          additionalProperties: false,
        },
      ],
    },
    scheme: {
      description:
        'A custom responsibility scheme: its codes in order, which code is accountable and which does the work.',
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, description: 'Shown in legends and messages.' },
        codes: {
          type: 'object',
          description: 'The codes in the order the legend lists them, by letter: `D: Driver`.',
          propertyNames: {
            pattern: '^[A-Za-z][A-Za-z0-9]{0,2}$',
            patternErrorMessage: 'a code of 1 to 3 letters or digits starting with a letter, like "D"',
          },
          additionalProperties: { $ref: '#/$defs/schemeCode' },
        },
        accountable: {
          type: ['string', 'null'],
          description: 'The code exactly one role holds per activity (`A` in RACI), or null for none.',
        },
        doer: {
          type: ['string', 'null'],
          description: 'The code of whoever does the work (`R` in RACI), or null for none.',
        },
      },
      required: ['codes'],
      additionalProperties: false,
    },
    schemeChoice: {
      description:
        'A built-in scheme by name (RACI, RASCI, RACI-VS, CAIRO, DACI, RAPID), a scheme of `schemes` by name, or a custom scheme.',
      anyOf: [{ type: 'string', minLength: 1, examples: ['RACI', 'DACI'] }, { $ref: '#/$defs/scheme' }],
    },
  };
}

/** `1048576`, `1 MB`, `512 KB`, `1.5MB`: sizes as `limits.fileSize` takes them. */
export const SIZE_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*([KkMmGg][Bb]?|[Bb])?\\s*$';

function limitsSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const description = LIMIT_DESCRIPTIONS[key];
    properties[key] =
      key === 'fileSize'
        ? {
            description,
            anyOf: [
              { type: 'integer', minimum: 1 },
              {
                type: 'string',
                pattern: SIZE_PATTERN,
                patternErrorMessage: 'a size in bytes, or with a unit, like "2 MB" or "512 KB"',
              },
            ],
            default: '1 MB',
          }
        : { type: 'integer', minimum: 1, description, default: DEFAULT_LIMITS[key] };
  }
  return {
    type: 'object',
    description:
      'Limits on one content file, so that pathological input stops early with an `input-limit` error instead of slowing the build to a crawl. The defaults are far above what real charts need. See docs/guarantees.md.',
    properties,
    additionalProperties: false,
  };
}

const reserved = (what: string): JsonSchema => ({
  description: `Reserved for ${what}; accepted and passed through, not used yet.`,
});

export function configSchema(rules: readonly Rule[] = registry): JsonSchema {
  return {
    $schema: SCHEMA_DIALECT,
    title: 'rolemark configuration (rolemark.config.yaml or rolemark.config.json)',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema of this file, for editors.' },
      content: {
        description: 'Markdown files or folders to read when none are given on the command line.',
        anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
        default: 'content',
      },
      out: { type: 'string', description: 'The output folder of `rolemark build`.', default: 'out' },
      ignores: {
        description:
          'Files not to read, in .gitignore syntax, relative to this file (as `.rolemarkignore` beside it): `drafts/`, `**/README.md`.',
        type: 'array',
        items: { type: 'string' },
      },
      scheme: {
        $ref: '#/$defs/schemeChoice',
        description: 'The scheme of documents whose frontmatter names none. RACI by default.',
      },
      schemes: {
        type: 'object',
        description: 'Custom schemes by name, for `scheme: NAME` here or in a document’s frontmatter.',
        additionalProperties: { $ref: '#/$defs/scheme' },
      },
      rules: { $ref: '#/$defs/rules' },
      limits: limitsSchema(),
      template: {
        description:
          'Templates `rolemark build` makes when `--template` names none: built-in or `templates/` names, or paths to .md files (relative to this file). team-charter and role-charter by default.',
        anyOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', items: { type: 'string', minLength: 1 } },
        ],
        examples: [['team-charter', 'role-charter', 'handout']],
      },
      theme: {
        type: 'string',
        minLength: 1,
        description:
          'The theme of the documents: `default`, `print-mono`, a name in `templates/themes/`, or a path to a .yaml file (relative to this file).',
        examples: ['print-mono'],
      },
      lang: {
        type: 'string',
        description:
          'The language of generated labels when a document names none: en, fr, de or es (BCP 47, e.g. `fr-CA` uses fr).',
      },
    },
    additionalProperties: false,
    $defs: definitions(rules),
  };
}

export function frontmatterSchema(rules: readonly Rule[] = registry): JsonSchema {
  const text = (description: string): JsonSchema => ({ type: ['string', 'number'], description });
  return {
    $schema: SCHEMA_DIALECT,
    title: 'rolemark frontmatter of a content file',
    description:
      'Keys other than these are allowed: content files often serve a static site too, whose keys rolemark leaves alone.',
    type: 'object',
    properties: {
      title: text('The document title; otherwise the first H1.'),
      version: text('Printed on every charter.'),
      owner: text('Who owns the document.'),
      date: text('Printed on the cover (YYYY-MM-DD).'),
      lang: text('The language of the document (BCP 47).'),
      team: text('The document id (a slug); the file name by default.'),
      scheme: { $ref: '#/$defs/schemeChoice' },
      rules: { $ref: '#/$defs/rules' },
      template: reserved('templates'),
      theme: reserved('themes'),
    },
    additionalProperties: true,
    $defs: definitions(rules),
  };
}
