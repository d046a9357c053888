import type { Model, Severity, SourcePosition } from './types.js';

export type SeveritySetting = Severity | 'off';

/** What a rule reports; the engine adds the rule id and the configured severity. */
export interface Report {
  message: string;
  at?: SourcePosition | undefined;
}

export interface RuleOption {
  type: 'number' | 'integer' | 'boolean' | 'string' | 'string[]';
  default: number | boolean | string | string[];
  description: string;
  minimum?: number;
  maximum?: number;
}

/**
 * What a rule looks at. A `document` rule is run once per document, on a view of the model that
 * holds that document and its activities only, with that document's settings (its frontmatter
 * `rules:` over the configuration). A `model` rule is run once on the whole model (a role defined
 * in one file may be used in another), with the configuration's options; the severity of each
 * diagnostic still follows the frontmatter of the file it points into.
 */
export type RuleScope = 'document' | 'model';

export interface Rule {
  /** Public, stable: used in configuration, in reports and in the docs' anchors. */
  id: string;
  /** What the rule checks, as one sentence: the rule's summary in `rolemark rules`. */
  description: string;
  /** Why it matters, for the generated docs. */
  rationale?: string;
  /** How to fix what it reports, for the generated docs. */
  fix?: string;
  defaultSeverity: SeveritySetting;
  options: Record<string, RuleOption>;
  /** `document` when left out. Rules without `check` are reported by the reader. */
  scope?: RuleScope;
  /**
   * Who reports it, for a rule without `check`: the reader (the default), the configuration
   * loader, inline comments, a template or theme file, or a writer. Template and theme problems
   * stop the run before anything is written, so their severity is fixed (`fatal`).
   */
  reportedBy?: 'reader' | 'config' | 'inline' | 'template' | 'writer';
  /** True when the problem stops the run: its severity is `error` and cannot be changed. */
  fatal?: boolean;
  /**
   * Checks the model and reports problems. Rules are pure: they never read configuration, print,
   * exit or throw (a rule that throws is reported by the engine as a diagnostic naming it).
   * Rules whose facts only the reader sees (unknown codes, ragged rows) leave `check` out: the
   * reader reports them under the rule's id, and the engine applies the configured severity.
   */
  check?: (model: Model, report: (r: Report) => void, options: Record<string, unknown>) => void;
}
