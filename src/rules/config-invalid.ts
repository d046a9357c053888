import type { Rule } from './types.js';

/**
 * Problems in `rolemark.config.yaml` (or `.json`). The configuration loader reports them with
 * their position; a configuration with errors makes `rolemark check` exit with 2 (bad usage).
 * Problems in a file's frontmatter `rules:` or `scheme:` are reported as `frontmatter-invalid`.
 */
export const configInvalid: Rule = {
  id: 'config-invalid',
  description:
    'The configuration file holds only known keys, with values of the right type: severities, rule options, schemes, paths.',
  rationale:
    'A misspelt key is silently ignored by most tools, and the rule you meant to turn off keeps firing (or the one you meant to turn on never does). rolemark points at it instead.',
  fix: 'Fix the key or the value at the reported position; the message names what was expected. Editors that read JSON Schema complete and check the file as you type: see `schema/config.schema.json`.',
  defaultSeverity: 'error',
  options: {},
  reportedBy: 'config',
};

/** Inline `rolemark-disable` comments that silence nothing (src/rules/suppress.ts). */
export const unusedDisable: Rule = {
  id: 'unused-disable',
  description: 'Every `rolemark-disable` comment silences a problem, and names rules that exist.',
  rationale:
    'A comment left after its problem was fixed hides the next real problem at that place, and a misspelt rule id silences nothing.',
  fix: 'Remove the comment, or correct the rule id (`rolemark rules` lists them).',
  defaultSeverity: 'warning',
  options: {},
  reportedBy: 'inline',
};
