/**
 * The typed model rolemark builds from Markdown. It is plain data: everything here can be
 * serialised with `toExportJson` and compared in tests. Every element keeps the place in the
 * source it came from, so a rule can point at `content/product.md:14:7`.
 */

/** A place in a source file. Lines and columns are 1-based, like editors show them. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * A rule's setting: a severity, options, or both. Configuration and frontmatter `rules:` are read
 * into this shape; src/rules/engine.ts applies it.
 */
export interface RuleSetting {
  severity?: Severity | 'off';
  options?: Record<string, unknown>;
}

/**
 * A problem as the reader finds it: what and where, without a severity. The rule engine gives it
 * one, the configured severity or the registry's default (src/rules/engine.ts), as for the rules'.
 */
export interface Finding {
  ruleId: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface Diagnostic extends Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** One letter of a responsibility scheme, such as `R` = Responsible in RACI. */
export interface SchemeCode {
  code: string;
  label: string;
  /** Fill colour in the matrix, `#rrggbb`. The letter is always printed too. */
  color: string;
  /** One-line explanation, shown in legends. */
  description?: string;
  /** How many roles may hold the code on one activity, e.g. exactly one D in DACI. */
  cardinality?: { min?: number; max?: number };
}

export interface Scheme {
  name: string;
  codes: SchemeCode[];
  /** The code that must be held by exactly one role per activity (A in RACI). */
  accountable: string | null;
  /** The code of whoever does the work (R in RACI). */
  doer: string | null;
}

/** A `**Label:** value` item from a role's description. The value is Markdown. */
export interface RoleField {
  label: string;
  value: string;
}

export interface Role {
  /** A slug, unique in the model, e.g. `product-manager`. */
  id: string;
  name: string;
  aliases: string[];
  /** The role's purpose, as Markdown (formatting kept). */
  purpose: string;
  fields: RoleField[];
  /** Ids of the documents that define or use this role. */
  documents: string[];
  /** True when the role was created from a table header rather than a role definition. */
  implicit: boolean;
  source?: SourcePosition;
}

export interface Assignment {
  /** A role id. */
  role: string;
  /** Codes in scheme order, without duplicates. */
  codes: string[];
  note?: string;
  /** The cell text as written, when it differs from the codes alone. */
  raw?: string;
  source?: SourcePosition;
}

export interface Activity {
  id: string;
  name: string;
  group: string | null;
  /** A document id. */
  document: string;
  assignments: Assignment[];
  /** Non-role columns of the row (`Notes`, `Phase`, …), by header. */
  meta?: Record<string, string>;
  /** Markdown written under the heading that names the activity (list and role-row shapes). */
  description?: string;
  source?: SourcePosition;
}

/** A section of the source that rolemark does not interpret; it is carried into the charter. */
export interface Section {
  title: string;
  /** Heading depth in the source (2 for `##`). */
  depth: number;
  markdown: string;
  source?: SourcePosition;
}

/** One content file: a team or process. */
export interface TeamDocument {
  id: string;
  file: string;
  title: string;
  version: string | null;
  owner: string | null;
  date: string | null;
  lang: string | null;
  /** Markdown between the title and the first section. */
  intro: string;
  /** Markdown at the top of the Roles section, before the first role. */
  rolesIntro: string;
  /** Markdown in the matrix section other than the tables themselves. */
  matrixIntro: string;
  /** Role ids in the order of the matrix columns. */
  roles: string[];
  /** Sections of the source other than the roles and the matrix, in source order. */
  sections: Section[];
  scheme: Scheme;
  /** Rule settings from the frontmatter `rules:`, applied over the configuration's for this file. */
  rules?: Record<string, RuleSetting>;
  source?: SourcePosition;
}

/**
 * How the reader took one block of a file (a table, a list, an HTML table, a paragraph it read):
 * `rolemark explain` prints these, so that a user sees why a chart reads as it does. Plain data,
 * made while reading; nothing re-parses the file to explain it.
 */
export interface BlockReading {
  source: SourcePosition;
  block: 'table' | 'html-table' | 'list' | 'paragraph' | 'heading' | 'frontmatter';
  /**
   * matrix: responsibilities read from it; legend: it defines codes; roles: it defines roles;
   * metadata: the file's settings; prose: kept as text; not-read: it looks like a chart but gave
   * no assignments (reported as `chart-not-read`).
   */
  as: 'matrix' | 'legend' | 'roles' | 'metadata' | 'prose' | 'not-read';
  /** How a matrix was laid out. */
  shape?:
    | 'roles-as-columns'
    | 'codes-as-columns'
    | 'roles-as-rows'
    | 'activities-as-columns'
    | 'code-lines'
    | 'role-lines'
    | 'activity-list';
  /** Role columns or names as written, and the role each stands for. */
  roles?: { written: string; role: string }[];
  activities?: number;
  groups?: number;
  assignments?: number;
  /** Columns kept as activity metadata. */
  metadata?: string[];
  /** The codes a legend defines (`R = Responsible`), or the names a roles block defines. */
  defines?: string[];
  /** Why a block is prose or was not read, or what else is worth knowing. */
  reason?: string;
}

/** Every block of one file, in source order. */
export interface FileReading {
  file: string;
  /** A team document, or a file of a `roles/` folder that defines one role. */
  kind: 'document' | 'role-file';
  /** The scheme the file was read with (documents only). */
  scheme?: string;
  blocks: BlockReading[];
}

export interface Model {
  title: string | null;
  scheme: Scheme;
  documents: TeamDocument[];
  roles: Role[];
  activities: Activity[];
  diagnostics: Diagnostic[];
  /** How the reader classified every block of every file (`rolemark explain`); set by the reader. */
  readings?: FileReading[];
  /**
   * The lines each inline `rolemark-disable…` comment governs, by file; set by the reader, applied
   * by the rule engine (read/inline.ts records them, rules/suppress.ts applies them), so that check, build, watch, export and the API agree.
   */
  suppressions?: FileSuppressions[];
}

/**
 * The reader's model: the Model with the reader's findings, which have no severity yet (the
 * frontmatter's settings, read by config/, come with theirs: an unknown key is a warning, a wrong
 * value an error). The rule engine gives each finding its configured severity, else the registry's
 * default (`check`); the API's `load` gives them the registry's defaults.
 */
export type ReadModel = Omit<Model, 'diagnostics'> & { diagnostics: (Finding | Diagnostic)[] };

/** One rule (or every rule: null) silenced over lines `from`–`to` by the comment at `line:column`. */
export interface Suppression {
  kind: 'disable' | 'enable' | 'disable-next-line';
  rule: string | null;
  line: number;
  column: number;
  from: number;
  to: number;
}

export interface FileSuppressions {
  file: string;
  ranges: Suppression[];
}
