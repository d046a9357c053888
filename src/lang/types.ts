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
