import type {
  Activity,
  Diagnostic,
  Finding,
  Model,
  ReadModel,
  RuleSetting,
  Severity,
  TeamDocument,
} from '../model/types.js';
import { diagnostic } from './diagnostic.js';
import { findRule, rules as registry } from './index.js';
import { applySuppressions, isSuppressed } from './suppress.js';
import type { Report, Rule, RuleOption, SeveritySetting } from './types.js';

export type { RuleSetting } from '../model/types.js';

/** Per-rule settings, by rule id: a severity (`'off'`, `'warning'`…), or a severity and options. */
export type RuleSettings = Record<string, SeveritySetting | RuleSetting>;

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Sorts diagnostics by file, line and column, so reports read top to bottom. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      ORDER[a.severity] - ORDER[b.severity] ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

const normalise = (s: SeveritySetting | RuleSetting | undefined): RuleSetting =>
  s === undefined ? {} : typeof s === 'string' ? { severity: s } : s;

/** The frontmatter setting over the configuration's: severity replaced, options merged key by key. */
function merge(base: RuleSetting, over: RuleSetting | undefined): RuleSetting {
  if (!over) return base;
  const merged: RuleSetting = { ...base, ...over };
  if (base.options || over.options) merged.options = { ...base.options, ...over.options };
  return merged;
}

const OPTION_TYPES: Record<RuleOption['type'], (v: unknown) => boolean> = {
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  'string[]': (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
};

const TYPE_WORDS: Record<RuleOption['type'], string> = {
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  string: 'a string',
  'string[]': 'a list of strings',
};

interface Run {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

/**
 * The registry's default severity of a finding: a reader's finding has none of its own; one that
 * has (the frontmatter's settings: an unknown key is a warning, a wrong value an error) keeps it.
 * An id the registry lacks is a warning (test/rules/registered.test.ts keeps there being none).
 */
function defaultSeverity(d: Finding | Diagnostic): Severity | 'off' {
  if ('severity' in d && d.severity !== undefined) return d.severity;
  return findRule(d.ruleId)?.defaultSeverity ?? 'warning';
}

/**
 * The reader's model with every finding at its default severity, the registry's (no
 * configuration): what the API's `load` returns. A finding whose rule is `off` by default is left
 * out, as `check` leaves it out.
 */
export function withDefaultSeverities(model: ReadModel): Model {
  const diagnostics: Diagnostic[] = [];
  for (const d of model.diagnostics) {
    const severity = defaultSeverity(d);
    if (severity !== 'off') diagnostics.push({ ...d, severity });
  }
  return { ...model, diagnostics };
}

/**
 * Applies the configured severity to a diagnostic found after the rules ran (a writer's
 * `missing-glyph`): `null` when its rule is `off` for that file, or an inline comment silences it.
 */
export function withSetting(d: Diagnostic, model: ReadModel, settings: RuleSettings = {}): Diagnostic | null {
  if (isSuppressed(d, model.suppressions)) return null;
  const doc = model.documents.find((x) => x.file === d.file);
  const { severity } = merge(normalise(settings[d.ruleId]), doc?.rules?.[d.ruleId]);
  if (severity === 'off') return null;
  return severity ? { ...d, severity } : d;
}

/**
 * Runs every rule over the model and merges the reader's diagnostics. The engine owns severity and
 * options: a rule set to `off` reports nothing, and a rule that throws becomes a diagnostic naming
 * it. `settings` come from the configuration; each document's frontmatter `rules:` applies over
 * them to what is reported in that document's file. Inline `rolemark-disable…` comments (read
 * into `model.suppressions`) then silence what they govern, and comments that silence nothing are
 * reported (`unused-disable`).
 */
export function runRules(
  model: ReadModel,
  settings: RuleSettings = {},
  rules: readonly Rule[] = registry,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byFile = new Map<string, TeamDocument>();
  for (const doc of model.documents) if (!byFile.has(doc.file)) byFile.set(doc.file, doc);
  const fallbackFile = model.documents[0]?.file ?? '';

  // One report per bad option, not one per document it was applied to.
  const reported = new Set<string>();
  const settingFor = (id: string, doc: TeamDocument | undefined): RuleSetting =>
    merge(normalise(settings[id]), doc?.rules?.[id]);

  /** Resolves severity and options, reporting options of the wrong type instead of passing them on. */
  const resolve = (rule: Rule, doc: TeamDocument | undefined): Run => {
    const setting = settingFor(rule.id, doc);
    const options: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(rule.options)) {
      const value = setting.options?.[key];
      if (value === undefined) {
        options[key] = spec.default;
      } else if (OPTION_TYPES[spec.type](value)) {
        options[key] = value;
      } else {
        options[key] = spec.default;
        const file = doc?.file ?? fallbackFile;
        if (reported.has(`${file}\0${rule.id}\0${key}`)) continue;
        reported.add(`${file}\0${rule.id}\0${key}`);
        out.push(
          diagnostic(
            'config-invalid',
            `Unexpected ${JSON.stringify(value)} for option \`${key}\` of ${rule.id}, expected ${TYPE_WORDS[spec.type]}; used ${JSON.stringify(spec.default)}`,
            { file, line: 1, column: 1 },
          ),
        );
      }
    }
    return { severity: setting.severity ?? rule.defaultSeverity, options };
  };

  // The reader's findings, at their configured severity, else the registry's default, as a rule's.
  for (const d of model.diagnostics) {
    const severity = settingFor(d.ruleId, byFile.get(d.file)).severity ?? defaultSeverity(d);
    if (severity === 'off') continue;
    out.push({ ...d, severity });
  }

  // The rules see a Model: the reader's findings in it at their defaults (no rule reads them today).
  const rated = withDefaultSeverities(model);
  for (const rule of rules) {
    if (!rule.check) continue;
    if (rule.scope === 'model') {
      const run = resolve(rule, undefined);
      const onSomewhere = [run.severity, ...model.documents.map((d) => d.rules?.[rule.id]?.severity)].some(
        (s) => s !== undefined && s !== 'off',
      );
      if (!onSomewhere) continue;
      check(rule, rated, run.options, fallbackFile, out, (d) => {
        // The file's frontmatter has the last word on the severity of what is reported in it.
        const severity = byFile.get(d.file)?.rules?.[rule.id]?.severity ?? run.severity;
        if (severity !== 'off') out.push({ ...d, severity });
      });
      continue;
    }
    for (const [doc, view] of documentViews(rated)) {
      const run = resolve(rule, doc);
      if (run.severity === 'off') continue;
      const severity = run.severity;
      check(rule, view, run.options, doc?.file ?? fallbackFile, out, (d) => out.push({ ...d, severity }));
    }
  }
  // Inline `rolemark-disable…` comments, here and nowhere else: every caller sees the same result.
  return sortDiagnostics(applySuppressions(out, model.suppressions, knownRuleIds(), WRITER_RULES));
}

/**
 * Rules a writer reports while rendering (`withSetting` applies the comments to them): the engine
 * cannot tell whether a comment naming one is used, so it never calls it unused.
 */
const WRITER_RULES = ['missing-glyph'];

let ruleIds: string[] | undefined;
const knownRuleIds = (): string[] => {
  ruleIds ??= registry.map((r) => r.id);
  return ruleIds;
};

type Unrated = Finding;

function check(
  rule: Rule,
  model: Model,
  options: Record<string, unknown>,
  fallbackFile: string,
  out: Diagnostic[],
  push: (d: Unrated) => void,
): void {
  const report = ({ message, at }: Report) => {
    const d: Unrated = {
      ruleId: rule.id,
      message,
      file: at?.file ?? fallbackFile,
      line: at?.line ?? 1,
      column: at?.column ?? 1,
    };
    if (at?.endLine !== undefined && at.endColumn !== undefined) {
      d.endLine = at.endLine;
      d.endColumn = at.endColumn;
    }
    push(d);
  };
  try {
    rule.check?.(model, report, options);
  } catch (error) {
    // Reported as an error whatever the rule's severity: a crashed rule checked nothing.
    const reason = error instanceof Error ? error.message : String(error);
    out.push({
      ruleId: rule.id,
      severity: 'error',
      message: `Rule ${rule.id} failed: ${reason}`,
      file: fallbackFile,
      line: 1,
      column: 1,
    });
  }
}

/**
 * One view of the model per document (that document and its activities only), plus one for
 * activities whose document is missing from a hand-built model, so that no activity is skipped.
 */
function documentViews(model: Model): [TeamDocument | undefined, Model][] {
  const byDoc = new Map<string, Activity[]>(model.documents.map((d) => [d.id, []]));
  const orphans: Activity[] = [];
  for (const a of model.activities) (byDoc.get(a.document) ?? orphans).push(a);
  const views: [TeamDocument | undefined, Model][] = model.documents.map((doc) => [
    doc,
    { ...model, scheme: doc.scheme, documents: [doc], activities: byDoc.get(doc.id) ?? [], diagnostics: [] },
  ]);
  if (orphans.length > 0 || model.documents.length === 0) {
    views.push([undefined, { ...model, documents: [], activities: orphans, diagnostics: [] }]);
  }
  return views;
}
