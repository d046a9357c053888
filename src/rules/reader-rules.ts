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
