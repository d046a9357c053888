import type { Rule } from '../model/rule.js';
import type { Finding, SourcePosition } from '../model/types.js';

/**
 * Rules whose facts only the reader sees. The reader reports them under these ids, without a
 * severity (`finding` below); the rule registry (src/rules/index.ts) lists them, and the engine
 * gives each finding the configured severity, else the default given here, as for any rule.
 */
export const readerRules: Rule[] = [
  {
    id: 'unknown-code',
    description: 'Every cell of the matrix holds codes of the scheme, or nothing.',
    rationale:
      'A letter the scheme does not define means nothing to the reader of the charter, and rolemark cannot place it in the matrix or a role charter: the assignment is lost.',
    fix: 'Use a code from the legend of the document’s scheme, write the note in parentheses (`C (reviews)`), or pick a scheme that has the code (`scheme: RASCI` for `S`).',
    defaultSeverity: 'error',
    options: {},
  },
  {
    id: 'unknown-role',
    description:
      'Every matrix column, and every role named in a cell or a list, is a role defined in a Roles section or a `roles/` file.',
    rationale:
      'A column that matches no role is usually a typo or a missing alias. rolemark creates the role, but without a purpose or fields its charter is empty.',
    fix: 'Use the role’s name or one of its aliases as the header, add the alias to the role’s heading (`### Product Manager (PM, PdM)`), or define the role.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'duplicate-role',
    description: 'No two roles share a name or an alias.',
    rationale:
      'A column that names the shared name or alias could mean either role. The same role defined in several files (each team’s `### Product Manager`) is one role, merged; two definitions with content in one file, or two different roles claiming one alias, are this error.',
    fix: 'Rename one role, or drop the alias they share.',
    defaultSeverity: 'error',
    options: {},
  },
  {
    id: 'role-field-conflict',
    description: 'The definitions of one role in several files agree on its single-valued fields.',
    rationale:
      'In a multi-team organisation each team file may define the same role (`### Product Manager`). rolemark merges the definitions: purposes and fields from every file, in file order, and list fields (`Skills: Go, SQL`) combined. Two different single values (`Reports to: CPO` and `Reports to: CTO`) cannot both hold: the first is kept, and the message cites both places.',
    fix: 'Make the files agree, or keep the field in one file only (a `roles/` file is the usual place).',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'ragged-row',
    description: 'No row of a matrix has more cells than its header.',
    rationale: 'The extra cells belong to no role, and their codes are lost.',
    fix: 'Add the missing column to the header, or remove the extra cells.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'activity-unnamed',
    description: 'Every matrix row names its activity in the first cell.',
    rationale: 'A row without a name cannot be referred to, in the charter or in a discussion.',
    fix: 'Write the activity in the first column.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'confusable-code',
    description: 'Codes and role names are typed in Latin letters, not lookalikes from another script.',
    rationale:
      'A Cyrillic `А` or a Greek `Α` looks like the Latin `A` but is a different character: search, sorting and other tools miss it. rolemark reads it as the Latin letter (after Unicode NFKC normalisation) and reports where.',
    fix: 'Retype the letter on a Latin keyboard layout.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'duplicate-activity',
    description: 'No activity appears twice in the same group of one document.',
    rationale: 'Two rows with the same name usually disagree, and readers cannot tell which one holds.',
    fix: 'Merge the rows, or rename one so that each names a distinct activity.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'non-role-column',
    description:
      'A matrix column that is neither a role nor codes (Notes, Phase, Week) is kept as activity metadata.',
    rationale: 'It is reported so that a misspelt role is not silently read as metadata.',
    fix: 'Nothing, when the column is metadata. When it is a role, rename the header to the role’s name or alias.',
    defaultSeverity: 'info',
    options: {},
  },
  {
    id: 'metadata-with-codes',
    description: 'A column kept as activity metadata holds no codes of the scheme.',
    rationale:
      'A column is a role when its header names one or when most of its cells hold codes. A column that is neither is kept as metadata, and the codes some of its cells hold (`A`, `R/C`, `Accountable`) are not read as anyone’s assignments: the message says how many and which.',
    fix: 'When the column is a role, name it after the role or one of its aliases (or define the role); when it is metadata, move the codes into the role columns.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'chart-not-read',
    description: 'Every table or list that looks like a responsibility chart gives assignments.',
    rationale:
      'A chart the reader does not recognise would otherwise be kept as prose, and `check` would say “No problems” over a chart with no activities. A table looks like a chart when two of its own signs agree (an activity column, cells of letters or code words, code headers such as `R` or `Approver`, role-like columns), or one of them sits under a heading that says RACI, RASCI, DACI, responsibilities or who does what, or letters in its cells come with a legend in the file. The message says what was seen and why nothing was read; `rolemark explain` shows how every block was read.',
    fix: 'Write codes of the document’s scheme in the cells (or a legend for the letters you use), name the roles in the header, or put the chart under a `## Responsibilities` heading. A table that is not a chart should not look like one: rename its columns.',
    defaultSeverity: 'error',
    options: {},
  },
  {
    id: 'legend-overridden',
    description: 'A legend in the document agrees with the frontmatter `scheme:`.',
    rationale:
      'The frontmatter scheme wins over a legend (`**S** = Support`, a `| Code | Meaning |` table), so letters the legend defines differently are read as the frontmatter says, and may be unknown codes.',
    fix: 'Drop `scheme:` to let the legend choose the scheme, or fix the legend to match it.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'ambiguous-reading',
    description: 'The reader never has to guess what a table or list means.',
    rationale:
      'When a construct can be read two ways (two columns naming the same role, a code under another code’s column, a row of marks without a role name), rolemark reads the likely meaning and the message says what it assumed.',
    fix: 'Make the source say it plainly: one column per role, each code in its own column, a name on every row.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'frontmatter-invalid',
    description:
      'The YAML frontmatter parses, and its rolemark keys (`scheme:` as a custom scheme, `rules:`) are valid.',
    rationale:
      'Broken frontmatter loses the title, version and scheme; a misspelt rule id or option in `rules:` would be silently ignored. Unknown keys inside `rules:` are warnings, values of the wrong kind errors. Other top-level keys are left alone: content files often serve a static site too.',
    fix: 'Fix the YAML or the value at the reported position; the message says what was expected. `schema/frontmatter.schema.json` describes every key.',
    defaultSeverity: 'error',
    options: {},
  },
  {
    id: 'unknown-scheme',
    description: 'The frontmatter `scheme:` names a known scheme.',
    rationale: 'Codes are read against the scheme; with an unknown one rolemark falls back to RACI.',
    fix: 'Use a built-in scheme (RACI, RASCI, RACI-VS, CAIRO, DACI, RAPID), a scheme defined in the configuration’s `schemes:`, or define a custom scheme in place (see docs/configuration.md).',
    defaultSeverity: 'error',
    options: {},
  },
  {
    id: 'input-encoding',
    description:
      'Content files are UTF-8 text, without control characters, NUL bytes or bytes that are not UTF-8.',
    rationale:
      'A UTF-16 or Windows-1252 file reads differently in every tool (git shows UTF-16 as binary), and control characters cannot be written into a DOCX at all. rolemark reads such files as best it can: it decodes UTF-16 (with or without a byte-order mark) and Windows-1252, and replaces control characters and bytes that are not UTF-8 with U+FFFD, reporting each where it is. A file that is not text (an image renamed `.md`) stops the command with exit code 2.',
    fix: 'Save the file as UTF-8 (every editor has the option), and retype the characters reported.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'input-empty',
    description: 'Every content file has something to read.',
    rationale:
      'An empty file, or one with only frontmatter, would make a charter with nothing in it; rolemark makes no document of it. A file of a `roles/` folder may be only frontmatter: it defines a role.',
    fix: 'Write the content, move a role file into a `roles/` folder, or delete the file.',
    defaultSeverity: 'warning',
    options: {},
  },
  {
    id: 'input-limit',
    description:
      'A content file stays within the limits: its size, its tables’ rows and columns, the nesting of its lists and block quotes, its names’ length and its paragraphs’ emphasis marks.',
    rationale:
      'Past a point, Markdown parsers and document writers slow down sharply: lists nested thousands deep take micromark minutes, a table of 100,000 rows takes gigabytes. rolemark stops such input early, reads what is within the limits and says what it left out, rather than dying slowly in CI. As an error it fails the build, so that no charter silently misses rows; set it to `warning` to build with what was read.',
    fix: 'Split the file or the table, or raise the limit in the configuration (`limits:`, see docs/configuration.md). Limits cannot be raised in a content file.',
    defaultSeverity: 'error',
    options: {},
  },
  {
    id: 'image-external',
    description: 'Images come from the content folder.',
    rationale:
      'rolemark never fetches a URL or reads a file outside the content folder while building: a build must not depend on the network, nor leak a local file into a charter. A remote image, or a path outside the folder, shows as its description.',
    fix: 'Copy the image into the content folder and link it by a relative path, or drop it.',
    defaultSeverity: 'warning',
    options: {},
  },
];

const defaults = new Map(readerRules.map((r) => [r.id, r.defaultSeverity]));

/**
 * The reader's one way to report a problem: one of the findings above, where it is, without a
 * severity — the rule engine gives it the configured one or the default listed above, as for a
 * rule's. An id not listed here throws under the tests (test/rules/registered.test.ts finds the
 * ids in the source too).
 */
export function finding(ruleId: string, message: string, at: SourcePosition): Finding {
  if (!defaults.has(ruleId) && process.env.VITEST)
    throw new Error(`Unregistered reader finding \`${ruleId}\``);
  return {
    ruleId,
    message,
    file: at.file,
    line: at.line,
    column: at.column,
    ...(at.endLine !== undefined ? { endLine: at.endLine } : {}),
    ...(at.endColumn !== undefined ? { endColumn: at.endColumn } : {}),
  };
}

/**
 * Whether a finding is, by default, a note (`info`) rather than a problem: the reader's own
 * judgement of whether it said something about a block (a chart read wrong and nothing said is
 * reported as not read), whatever severity the configuration gives it.
 */
export const isNote = (ruleId: string): boolean => defaults.get(ruleId) === 'info';
