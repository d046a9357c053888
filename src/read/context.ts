import type { Activity, Assignment, Finding, Role, Scheme, SourcePosition } from '../model/types.js';
import type { CodeIndex } from './codes.js';
import type { Confusion } from './confusables.js';
import { finding } from './findings.js';
import type { LineIndex } from './markdown.js';

/** Finds and creates roles for one document; roles are shared by the whole organisation. */
export interface RoleLookup {
  /** The role a name or alias stands for, lookalike letters included; never creates one. */
  find(name: string): Role | undefined;
  /**
   * The role a name stands for, created (implicit) when it names none. `what` says where the name
   * was written, for the message: a column, or a name in a cell or list.
   */
  resolve(name: string, at: SourcePosition, what: 'column' | 'name'): Role;
  /** True when a name stands for a role, or for an abbreviation defined in the document. */
  knows(name: string): boolean;
  /** Gives a role one more alias (`PM` from a header `Jules Martin (PM)`), unless another role has it. */
  addAlias(role: Role, alias: string, at: SourcePosition): void;
}

/** Everything a shape reader needs to read one document. */
export interface ReadContext {
  file: string;
  text: string;
  lines: LineIndex;
  document: string;
  scheme: Scheme;
  codes: CodeIndex;
  roles: RoleLookup;
  diagnostics: Finding[];
  /** Records that the document uses a role, in order of first use (the matrix column order). */
  useRole(id: string): void;
  /** True when the construct is in a Responsibilities section, where every table is a matrix. */
  inMatrix: boolean;
}

/** Reports a reader finding at a position; the rule engine gives it its severity (read/findings.ts). */
export function report(
  ctx: { diagnostics: Finding[] },
  ruleId: string,
  message: string,
  at: SourcePosition,
): void {
  ctx.diagnostics.push(finding(ruleId, message, at));
}

export function reportConfusables(
  ctx: ReadContext,
  confusables: readonly Confusion[] | undefined,
  at: SourcePosition,
  what: string,
): void {
  for (const c of confusables ?? []) {
    report(
      ctx,
      'confusable-code',
      `Unexpected lookalike ${c.characters.join(', ')} in ${what}; read \`${c.text}\` as the Latin \`${c.latin}\``,
      at,
    );
  }
}

/** An activity before its id is assigned. */
export type ActivityDraft = Omit<Activity, 'id'>;

/**
 * Builds an activity's assignments. One role has one assignment per activity: codes given to the
 * same role in several places (an `R` column and an `A` column) are merged, notes are kept.
 */
export class ActivityBuilder {
  private readonly byRole = new Map<string, Assignment>();
  readonly draft: ActivityDraft;

  constructor(
    private readonly scheme: Scheme,
    name: string,
    group: string | null,
    document: string,
    source: SourcePosition,
  ) {
    this.draft = { name, group, document, assignments: [], source };
  }

  /** Adds codes (and a note) for a role; returns false when the role already had codes here. */
  add(role: string, codes: readonly string[], note: string | undefined, source: SourcePosition): boolean {
    const existing = this.byRole.get(role);
    if (!existing) {
      const assignment: Assignment = { role, codes: this.order(codes), source };
      if (note) assignment.note = note;
      this.byRole.set(role, assignment);
      this.draft.assignments.push(assignment);
      return true;
    }
    const fresh = existing.codes.length === 0 || codes.length === 0;
    existing.codes = this.order([...existing.codes, ...codes]);
    if (note) existing.note = existing.note && existing.note !== note ? `${existing.note}; ${note}` : note;
    return fresh;
  }

  meta(key: string, value: string): void {
    if (value === '') return;
    this.draft.meta ??= {};
    const base = key === '' ? 'Column' : key;
    let k = base;
    for (let n = 2; Object.hasOwn(this.draft.meta, k); n++) k = `${base} ${n}`;
    // A header such as `__proto__` must stay a plain key.
    Object.defineProperty(this.draft.meta, k, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }

  private order(codes: readonly string[]): string[] {
    const set = new Set(codes);
    return this.scheme.codes.map((c) => c.code).filter((c) => set.has(c));
  }
}
