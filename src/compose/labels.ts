import { de } from './lang/de.js';
import { es } from './lang/es.js';
import { fr } from './lang/fr.js';

/**
 * Fixed words of the documents. Every word a reader sees comes from here, so that a translation
 * is a table, not a code change. Templates reach the plain strings as `{{labels.<key>}}`.
 */
export interface Labels {
  /** The direction the language is written in: the base direction of generated sentences. */
  direction: 'ltr' | 'rtl';
  pageOf: string;
  version: string;
  owner: string;
  date: string;
  team: string;
  teams: string;
  aliases: string;
  activity: string;
  legend: string;
  matrix: string;
  roles: string;
  role: string;
  purpose: string;
  collaborators: string;
  notes: string;
  source: string;
  roleCharter: string;
  teamCharter: string;
  handout: string;
  jobDescription: string;
  keyResponsibilities: string;
  decisionRights: string;
  noAssignments: string;
  sharedActivities: (n: number) => string;
  /** The heading of activities a role both owns and does (an `A/R` cell). */
  ownsAndDoes: string;
  /** Marks, in a job description's key responsibilities, the work the role signs off itself. */
  signsOff: string;
  /** Leads the list of others' work a role approves. */
  approvesOthers: string;
  /** The sentence that points at the marked key responsibilities. */
  signsOffOwn: (n: number, mark: string) => string;
  /** The sentence when the role signs off every one of its key responsibilities. */
  signsOffAll: string;
  /** Under a poster's legend: the sheet it was made for. */
  posterSize: (sheet: string) => string;
  /** Under a poster's legend when it is tiled over several sheets. */
  posterTiled: (sheet: string) => string;
  /**
   * Under a poster's legend in its Word file, whose pages may be smaller than the sheet (Word's
   * largest is 22 in) and never name their rows: `{page}` is left for the writer to fill.
   */
  posterWord: (sheet: string) => string;
  /** Heads each sheet of a tiled poster: `{sheet}`, `{sheets}`, `{from}`, `{to}`. */
  sheetOf: string;
  /** Heads a handout's column of the roles not shown one by one. */
  others: string;
  /** A matrix note as printed under it or as a footnote: `{role}`, `{activity}`, `{note}`. */
  noteOn: string;
  /** What joins a label to its value: ": ", and in French a narrow no-break space before the colon. */
  colon: string;
  /** Section heading for the activities a role holds a code on, by the code's English label. */
  responsibilities: Record<string, string>;
  /** The built-in schemes' code labels and descriptions, by the code's English label. */
  codes: Record<string, { label: string; description: string }>;
  summaryCounts: string;
  total: string;
  continued: string;
  contents: string;
  workload: string;
  /** Caption of one column group of a matrix too wide for one table. */
  rolesOf: string;
}

export const en: Labels = {
  direction: 'ltr',
  pageOf: 'Page {page} of {pages}',
  version: 'Version',
  owner: 'Owner',
  date: 'Date',
  team: 'Team',
  teams: 'Teams',
  aliases: 'Also known as',
  activity: 'Activity',
  legend: 'Legend',
  matrix: 'Responsibility matrix',
  roles: 'Roles',
  role: 'Role',
  purpose: 'Purpose',
  collaborators: 'Collaborators',
  notes: 'Notes',
  source: 'Source',
  roleCharter: 'Role charter',
  teamCharter: 'Team charter',
  handout: 'Role handout',
  jobDescription: 'Job description',
  keyResponsibilities: 'Key responsibilities',
  decisionRights: 'Decision rights',
  noAssignments: 'No activities in the matrix yet.',
  sharedActivities: (n) => (n === 1 ? '1 shared activity' : `${n} shared activities`),
  ownsAndDoes: 'Owns and does',
  signsOff: 'signs off',
  approvesOthers: 'Approves the work others do on:',
  signsOffOwn: (n, mark) =>
    n === 1
      ? `Signs off its own work on the key responsibility marked “${mark}”.`
      : `Signs off its own work on the ${n} key responsibilities marked “${mark}”.`,
  signsOffAll: 'Signs off its own work on every key responsibility above.',
  posterSize: (sheet) => `Made to print on one sheet of ${sheet}.`,
  posterTiled: (sheet) => `Made to print on several sheets of ${sheet}; each sheet names its rows.`,
  posterWord: (sheet) =>
    `Made for ${sheet}, as the PDF prints it. This Word file is set on pages of {page}, numbered in their footer.`,
  sheetOf: 'Sheet {sheet} of {sheets}, rows {from}–{to}',
  others: 'Others',
  noteOn: '{role} on “{activity}”: {note}',
  colon: ': ',
  responsibilities: {
    Responsible: 'Responsible for',
    Accountable: 'Accountable for',
    Consulted: 'Consulted on',
    Informed: 'Informed about',
    Support: 'Supports',
    Verifier: 'Verifies',
    Signatory: 'Signs off',
    'Out of the loop': 'Out of the loop on',
    Driver: 'Drives',
    Approver: 'Approves',
    Contributor: 'Contributes to',
    Recommend: 'Recommends',
    Agree: 'Must agree on',
    Perform: 'Performs',
    Input: 'Gives input on',
    Decide: 'Decides',
  },
  // English is the schemes' own language: an empty table keeps their labels as written.
  codes: {},
  summaryCounts: 'Activities by code',
  total: 'Total',
  continued: '(cont.)',
  contents: 'Contents',
  workload: 'Workload by role',
  rolesOf: 'Roles {from}–{to} of {total}',
};

const TABLES: Record<string, Labels> = { en, fr, de, es };

/** The languages that have a label table. */
export const LANGUAGES = Object.keys(TABLES);

/**
 * The label table for a language tag (`fr`, `fr-CA`, `de_AT`), or undefined when there is none.
 * Only the primary subtag counts: regional variants share their language's words.
 */
export function labelsFor(lang: string | null | undefined): Labels | undefined {
  if (!lang) return en;
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  // Own keys only: `constructor` is a key of every object.
  return Object.hasOwn(TABLES, primary) ? TABLES[primary] : undefined;
}

/** The heading for a code's list in a role charter: "Accountable for"; a custom code's own label. */
export function responsibilityHeading(labels: Labels, codeLabel: string): string {
  return (
    (Object.hasOwn(labels.responsibilities, codeLabel) ? labels.responsibilities[codeLabel] : undefined) ??
    codeLabel
  );
}

/** The plain-string labels, by key: what `{{labels.<key>}}` may name in a template. */
export function stringLabels(labels: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels))
    if (typeof value === 'string' && key !== 'direction') out[key] = value;
  return out;
}

export const LABEL_KEYS = Object.keys(stringLabels(en));

/** A note as printed: "Product Owner on “Define the vision”: reviews", in the document's language. */
export function noteText(
  label: string | undefined,
  note: { role: string; activity: string; text: string },
): string {
  return (label ?? '{role} on “{activity}”: {note}')
    .replace('{role}', () => note.role)
    .replace('{activity}', () => note.activity)
    .replace('{note}', () => note.text);
}
