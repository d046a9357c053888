import { de } from './de.js';
import { es } from './es.js';
import { fr } from './fr.js';
import type { Labels } from './types.js';

export type { Labels } from './types.js';

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
