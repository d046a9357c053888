import { de } from './lang/de.js';
import { es } from './lang/es.js';
import { fr } from './lang/fr.js';

/**
 * Fixed words of the documents. Every word a reader sees comes from here, so that a translation
 * is a table, not a code change. Templates reach the plain strings as `{{labels.<key>}}`.
 */
export interface Labels {
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
  for (const [key, value] of Object.entries(labels)) if (typeof value === 'string') out[key] = value;
  return out;
}

export const LABEL_KEYS = Object.keys(stringLabels(en));
