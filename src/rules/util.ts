/**
 * Small helpers the rules share: which scheme an activity is read against, who holds a code, and
 * where to point when the model carries no positions (a model built in code, not read from
 * Markdown). Every helper copes with missing positions, so no rule has to.
 */
import type {
  Activity,
  Assignment,
  Model,
  Role,
  Scheme,
  SourcePosition,
  TeamDocument,
} from '../model/types.js';
import type { RuleOption } from './types.js';

export function documentOf(model: Model, activity: Activity): TeamDocument | undefined {
  return model.documents.find((d) => d.id === activity.document);
}

export function schemeOf(model: Model, activity: Activity): Scheme {
  return documentOf(model, activity)?.scheme ?? model.scheme;
}

/** The assignments of an activity that hold `code`. */
export function holders(activity: Activity, code: string): Assignment[] {
  return activity.assignments.filter((a) => a.codes.includes(code));
}

/** The activity's row, or its document's title, or the document's file: never undefined when a file is known. */
export function activityPlace(model: Model, activity: Activity): SourcePosition | undefined {
  if (activity.source) return activity.source;
  const doc = documentOf(model, activity);
  return doc ? documentPlace(doc) : undefined;
}

export function documentPlace(doc: TeamDocument): SourcePosition {
  return doc.source ?? { file: doc.file, line: 1, column: 1 };
}

/** A cell, or when it has no position, the row it is in. */
export function assignmentPlace(model: Model, activity: Activity, a: Assignment): SourcePosition | undefined {
  return a.source ?? activityPlace(model, activity);
}

/**
 * Where to point at a role when judging it in `doc`: its definition when that is in the document's
 * file, else its first cell in the document, else the document.
 */
export function rolePlaceIn(model: Model, role: Role, doc: TeamDocument): SourcePosition {
  if (role.source && role.source.file === doc.file) return role.source;
  for (const activity of model.activities) {
    if (activity.document !== doc.id) continue;
    const cell = activity.assignments.find((a) => a.role === role.id);
    if (cell) return assignmentPlace(model, activity, cell) ?? documentPlace(doc);
  }
  return documentPlace(doc);
}

/** Where to point at a role across the model: its definition, else its first cell, else its first document. */
export function rolePlace(model: Model, role: Role): SourcePosition | undefined {
  if (role.source) return role.source;
  for (const activity of model.activities) {
    const cell = activity.assignments.find((a) => a.role === role.id);
    if (cell) return assignmentPlace(model, activity, cell);
  }
  const doc = model.documents.find((d) => role.documents.includes(d.id)) ?? model.documents[0];
  return doc ? documentPlace(doc) : undefined;
}

export function roleNameOf(model: Model): (id: string) => string {
  const names = new Map(model.roles.map((r) => [r.id, r.name]));
  return (id) => names.get(id) ?? id;
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** `exactly 1`, `at least 1`, `at most 3`, `1 to 3`. */
export function cardinalityText(c: { min?: number | undefined; max?: number | undefined }): string {
  const { max } = c;
  // At least 0 says nothing: `{ min: 0, max: 2 }` reads "at most 2".
  const min = c.min === 0 ? undefined : c.min;
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}` : `${min} to ${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return 'any number';
}

export function codeLabelIn(scheme: Scheme, code: string): string {
  return scheme.codes.find((c) => c.code === code)?.label ?? code;
}

/** `Responsible (R)`. */
export function codeName(scheme: Scheme, code: string): string {
  return `${codeLabelIn(scheme, code)} (${code})`;
}

const CONSULTED = /^(consulted|contributor|contributes|input|consult)$/iu;
const INFORMED = /^(informed|inform|kept informed)$/iu;

/**
 * The code of the roles asked for input: `C` (Consulted) in RACI, `C` (Contributor) in DACI, `I`
 * (Input) in RAPID. Found by the code's label, else the letter `C`.
 */
export function consultedCode(scheme: Scheme): string | null {
  const byLabel = scheme.codes.find((c) => CONSULTED.test(c.label.trim()));
  if (byLabel) return byLabel.code;
  return scheme.codes.find((c) => c.code === 'C')?.code ?? null;
}

/** The code of the roles kept up to date: `I` (Informed), unless the scheme uses `I` for something else. */
export function informedCode(scheme: Scheme): string | null {
  const byLabel = scheme.codes.find((c) => INFORMED.test(c.label.trim()));
  if (byLabel) return byLabel.code;
  const consulted = consultedCode(scheme);
  return scheme.codes.find((c) => c.code === 'I' && c.code !== consulted)?.code ?? null;
}

/** The cardinality of the accountable code: the scheme's, or exactly one. */
export function accountableCardinality(scheme: Scheme): { min: number; max: number | undefined } {
  const code = scheme.codes.find((c) => c.code === scheme.accountable);
  const card = code?.cardinality;
  return { min: card?.min ?? (card ? 0 : 1), max: card ? card.max : 1 };
}

/** Number options arrive validated from configuration; this guards code that calls the engine directly. */
export const num = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * The options of the rules that judge a role's share of a document (role-overloaded,
 * role-everywhere): small matrices are left alone, since with two or three roles one of them
 * necessarily holds most of the codes.
 */
export const SMALL_MATRIX_OPTIONS = {
  minActivities: {
    type: 'integer',
    default: 4,
    minimum: 1,
    description: 'Documents with fewer activities are not judged.',
  },
  minRoles: {
    type: 'integer',
    default: 4,
    minimum: 1,
    description: 'Documents whose matrix has fewer roles are not judged.',
  },
} as const satisfies Record<string, RuleOption>;

/** Each document large enough to judge (SMALL_MATRIX_OPTIONS), with its activities. */
export function judgedDocuments(
  model: Model,
  options: Record<string, unknown>,
): [TeamDocument, Activity[]][] {
  return model.documents.flatMap((doc): [TeamDocument, Activity[]][] => {
    const activities = model.activities.filter((a) => a.document === doc.id);
    const small =
      activities.length < num(options.minActivities, 4) || doc.roles.length < num(options.minRoles, 4);
    return small ? [] : [[doc, activities]];
  });
}
