import type { Activity, Model, Role, Severity, SourcePosition } from '../model/types.js';

export type SeveritySetting = Severity | 'off';

/** What a rule reports; the engine adds the rule id and the configured severity. */
export interface Report {
  message: string;
  at?: SourcePosition | undefined;
}

export interface RuleOption {
  type: 'number' | 'boolean' | 'string' | 'string[]';
  default: unknown;
  description: string;
}

export interface Rule {
  id: string;
  description: string;
  /** Why the rule matters and how to fix what it reports, for the generated docs. */
  rationale?: string;
  defaultSeverity: SeveritySetting;
  options: Record<string, RuleOption>;
  /**
   * Checks the model and reports problems. Rules are pure: they never read configuration, print,
   * exit or throw (a rule that throws is reported by the engine as a diagnostic naming it).
   * Rules whose facts only the reader sees (unknown codes, ragged rows) leave `check` out: the
   * reader reports them under the rule's id, and the engine applies the configured severity.
   */
  check?: (model: Model, report: (r: Report) => void, options: Record<string, unknown>) => void;
}

export const activityLabel = (a: Activity): string => `"${a.name}"`;

export function roleNames(model: Model): (id: string) => string {
  const names = new Map(model.roles.map((r: Role) => [r.id, r.name]));
  return (id) => names.get(id) ?? id;
}
