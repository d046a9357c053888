/**
 * Fixed words of the documents. Every word a reader sees comes from here, so that a translation
 * (a later `lang:`) is a table, not a code change.
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
  purpose: string;
  collaborators: string;
  notes: string;
  source: string;
  roleCharter: string;
  teamCharter: string;
  noAssignments: string;
  sharedActivities: (n: number) => string;
  /** Section heading for the activities a role holds `code` on, by the code's label. */
  responsibilities: Record<string, string>;
  summaryCounts: string;
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
  purpose: 'Purpose',
  collaborators: 'Collaborators',
  notes: 'Notes',
  source: 'Source',
  roleCharter: 'Role charter',
  teamCharter: 'Team charter',
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
  summaryCounts: 'Activities by code',
  contents: 'Contents',
  workload: 'Workload by role',
  rolesOf: 'Roles {from}–{to} of {total}',
};

/** The heading for a code's list in a role charter: "Accountable for"; a custom code's own label. */
export function responsibilityHeading(labels: Labels, codeLabel: string): string {
  return labels.responsibilities[codeLabel] ?? codeLabel;
}
