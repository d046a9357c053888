import { composeRoleCharter } from './compose/role-charter.js';
import { composeTeamCharter } from './compose/team-charter.js';
import type { Diagnostic, Model } from './model/types.js';
import { assertSafeOutDir, writeAtomically } from './outputs.js';
import { type RenderOptions, render } from './render/index.js';
import { renderJson } from './render/json.js';
import { renderMarkdown } from './render/markdown.js';
import { runRules } from './rules/engine.js';

export const FORMATS = ['pdf', 'docx', 'md', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface BuildOptions {
  /** Output folder; `out` by default. Replaced whole and atomically on success. */
  out?: string;
  formats?: readonly Format[];
  /** Inputs the model was read from, so that `out` can be refused when it would overwrite them. */
  inputs?: readonly string[];
  /** Date printed on documents that give none (YYYY-MM-DD); `SOURCE_DATE_EPOCH` by default. */
  date?: string | null;
  /** A .docx or .dotx whose styles the DOCX outputs take, as pandoc's `--reference-doc`. */
  referenceDocx?: string;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Paths written, relative to the output folder. */
  files: string[];
}

/** A document the build writes: where it goes and how its bytes are made. */
export interface PlannedOutput {
  path: string;
  produce: () => Promise<Buffer | string>;
}

/** `SOURCE_DATE_EPOCH` as a date (YYYY-MM-DD), or null: builds never read the clock. */
export function sourceDate(env: NodeJS.ProcessEnv = process.env): string | null {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  if (!env.SOURCE_DATE_EPOCH || !Number.isFinite(epoch)) return null;
  return new Date(epoch * 1000).toISOString().slice(0, 10);
}

/** Every output of a build, in a stable order. Rendering happens only when `produce` is called. */
export function planOutputs(
  model: Model,
  options: BuildOptions = {},
  renderOptions: RenderOptions = {},
): PlannedOutput[] {
  const formats = new Set(options.formats ?? FORMATS);
  const date = options.date === undefined ? sourceDate() : options.date;
  const plan: PlannedOutput[] = [];
  const binary = (['pdf', 'docx'] as const).filter((f) => formats.has(f));
  for (const doc of model.documents) {
    for (const format of binary) {
      plan.push({
        path: `${doc.id}/charter.${format}`,
        produce: () => render(composeTeamCharter(model, doc, { date }), format, renderOptions),
      });
    }
  }
  for (const role of model.roles) {
    for (const format of binary) {
      plan.push({
        path: `roles/${role.id}.${format}`,
        produce: () => render(composeRoleCharter(model, role, { date }), format, renderOptions),
      });
    }
  }
  if (formats.has('md')) plan.push({ path: 'matrix.md', produce: async () => renderMarkdown(model) });
  if (formats.has('json')) plan.push({ path: 'model.json', produce: async () => renderJson(model) });
  return plan;
}

/**
 * Checks the model and, when it has no errors, renders every output into `out`, atomically.
 * A build with errors writes nothing and leaves the previous output as it was.
 */
export async function buildModel(model: Model, options: BuildOptions = {}): Promise<BuildResult> {
  const diagnostics = runRules(model);
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics, files: [] };
  const out = options.out ?? 'out';
  assertSafeOutDir(out, options.inputs ?? []);
  // Read before anything is rendered, so a bad reference fails the build with nothing written.
  // Imported here: `check` loads this module and must not load the DOCX writer's code.
  const referenceDocx =
    options.referenceDocx !== undefined
      ? await (await import('./render/docx/reference.js')).readReferenceDocx(options.referenceDocx)
      : undefined;
  const plan = planOutputs(model, options, referenceDocx ? { referenceDocx } : {});
  const files = await writeAtomically(out, produceAll(plan));
  return { ok: true, diagnostics, files };
}

/** Renders one output at a time, so memory holds one document, not all of them. */
async function* produceAll(plan: readonly PlannedOutput[]) {
  for (const p of plan) yield { path: p.path, data: await p.produce() };
}
