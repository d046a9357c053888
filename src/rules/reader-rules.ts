import type { Rule } from './types.js';

/**
 * Rules whose facts only the reader sees. The reader reports them under these ids; listing them
 * here gives them documentation and lets configuration change their severity.
 */
export const readerRules: Rule[] = [
  {
    id: 'unknown-code',
    description: 'Every cell of the matrix holds codes of the scheme, or nothing.',
    rationale:
      'A letter the scheme does not define means nothing to the reader of the charter. Use a code from the legend.',
    defaultSeverity: 'error',
    options: {},
  },
  {
    id: 'unknown-role',
    description: 'Every matrix column names a role defined in a Roles section.',
    rationale:
      'A column that matches no role is usually a typo or a missing alias; rolemark creates the role, without a purpose.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'duplicate-role',
    description: 'No two roles share a name or an alias.',
    rationale: 'A column could not tell them apart. Rename one role or drop the shared alias.',
    defaultSeverity: 'error',
    options: {},
  },
  {
    id: 'ragged-row',
    description: 'No row of a matrix has more cells than its header.',
    rationale:
      'The extra cells belong to no role and would be lost. Add the missing header or remove the cells.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'activity-unnamed',
    description: 'Every matrix row names its activity in the first cell.',
    rationale: 'A row without a name cannot be referred to. Write the activity in the first column.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'confusable-code',
    description: 'Codes are typed in Latin letters, not lookalikes from another script.',
    rationale:
      'A Cyrillic `А` or a Greek `Α` looks like the Latin `A` but is a different character: search, sorting and other tools miss it. rolemark reads it as the Latin code; retype it.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'duplicate-activity',
    description: 'No activity appears twice in one document.',
    rationale:
      'Two rows with the same name usually disagree; readers cannot tell which one holds. Merge them or rename one.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'non-role-column',
    description:
      'A matrix column that is neither a role nor codes (Notes, Phase, Week) is kept as activity metadata.',
    rationale:
      'It is reported so that a misspelt role is not silently read as metadata. Rename the column to a role to make it one.',
    defaultSeverity: 'info',
    options: {},
  },
  {
    id: 'frontmatter-invalid',
    description: 'The YAML frontmatter parses.',
    rationale: 'Broken frontmatter loses the title, version and scheme. Fix the YAML at the reported line.',
    defaultSeverity: 'error',
    options: {},
  },
  {
    id: 'unknown-scheme',
    description: 'The frontmatter `scheme:` names a known scheme.',
    rationale: 'Codes are read against the scheme; an unknown one falls back to RACI.',
    defaultSeverity: 'error',
    options: {},
  },
];
