/**
 * A build's plan: every output, in a stable order, each with its cache key and how its bytes are
 * made (rendering happens only when `produce` is called). Split from src/build.ts, which runs it.
 */
import { planDocuments } from '../compose/index.js';
import { RolemarkError } from '../errors.js';
import { type OutputEntry, renderJson } from '../export/json.js';
import { renderMarkdown } from '../export/markdown.js';
import type { DocumentFormat } from '../ir/types.js';
import type { Diagnostic, Model } from '../model/types.js';
import { DATA_FILES, FORMATS } from '../render/formats.js';
import type { RenderOptions, RenderWarning } from '../render/index.js';
import { inProcess } from '../render/pool.js';
import { diagnostic } from '../rules/diagnostic.js';
import { DEFAULT_TEMPLATES, loadTemplate, loadTheme } from '../templates/index.js';
import type { BuildOptions, PlannedOutput } from './build-types.js';
import { keyOfJson, outputKey, sha256 } from './cache.js';

/** `SOURCE_DATE_EPOCH` as a date (YYYY-MM-DD), or null: builds never read the clock. */
export function sourceDate(env: NodeJS.ProcessEnv = process.env): string | null {
  const text = env.SOURCE_DATE_EPOCH?.trim();
  if (!text) return null;
  // The specification asks for whole seconds since 1970, and an error for anything else; a date
  // after 9999 (`9e12`) cannot be written as YYYY-MM-DD at all.
  const epoch = /^\d{1,15}$/u.test(text) ? Number(text) : Number.NaN;
  if (!(epoch <= MAX_EPOCH)) {
    throw new RolemarkError(
      `Invalid SOURCE_DATE_EPOCH \`${text.slice(0, 40)}\`: expected whole seconds since 1970-01-01, at most ${MAX_EPOCH} (9999-12-31)`,
    );
  }
  return new Date(epoch * 1000).toISOString().slice(0, 10);
}

/** 9999-12-31T23:59:59Z: the last second a four-digit year can say. */
const MAX_EPOCH = 253_402_300_799;

/**
 * What of an IR goes into its output's key: all but the nodes' `source` (ir/types.ts, `IrSource`),
 * which only says where a writer's warning points. A line added above a table moves every
 * position below it and changes no byte of the documents: they are reused, not rendered again.
 */
export const renderKey = (key: string, value: unknown): unknown => (key === 'source' ? undefined : value);

/** A value computed on first use, then kept: one composition serves the key and every format. */
export function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    value ??= { v: make() };
    return value.v;
  };
}

/**
 * A document's composition, kept from its first use (a key, a format) until the last of its `uses`
 * (each format's key and its hand-over to a renderer, in any order), then dropped: a large build no longer holds
 * every document it has rendered (on L, the composed documents of all 341 were live to the end,
 * and the build's thread spent a fifth of its time collecting garbage). Asked for again after
 * that (a key worked out late), it is composed again: the same document.
 */
export function composition<T>(make: () => T, uses: number): { get: () => T; used: () => T } {
  let value: { v: T } | undefined;
  let left = uses;
  const get = () => {
    value ??= { v: make() };
    return value.v;
  };
  return {
    get,
    used: () => {
      const v = get();
      if (--left <= 0) value = undefined;
      return v;
    },
  };
}

/**
 * A writer's warning as a diagnostic, at the place of the IR node the writer was rendering (the
 * composer puts the role's or activity's place on the nodes made from it); at the top of `file`,
 * the document's own content file, for text that no node places.
 */
export function renderDiagnostic(warning: RenderWarning, file: string): Diagnostic {
  return diagnostic(warning.ruleId, warning.message, warning.source ?? { file, line: 1, column: 1 });
}

/** Every output of a build, in a stable order. Rendering happens only when `produce` is called. */
export function planOutputs(
  model: Model,
  options: BuildOptions = {},
  renderOptions: RenderOptions = {},
  /** Receives writers' warnings as diagnostics, with a key that is the same for repeats. */
  onDiagnostic: (d: Diagnostic, key: string) => void = () => {},
): PlannedOutput[] {
  const formats = new Set(options.formats ?? FORMATS);
  const date = options.date === undefined ? sourceDate() : options.date;
  const plan: PlannedOutput[] = [];
  const report = (d: Diagnostic, w: RenderWarning) =>
    onDiagnostic(d, `${d.file}:${d.line}:${d.column}:${w.ruleId}:${w.char}`);
  // What the writers take besides the document is part of the key: a DOCX made with another
  // reference document is another DOCX. The reference is hashed once, not once per output.
  const reference = renderOptions.referenceDocx ? sha256(renderOptions.referenceDocx.bytes) : null;
  const keyOf = (fingerprint: string, format: DocumentFormat, ir: unknown, json: (ir: unknown) => string) =>
    format === 'docx' && reference
      ? outputKey(fingerprint, format, { ir, reference }, renderKey)
      : keyOfJson(fingerprint, format, json(ir));
  const root = options.root ?? process.cwd();
  const templates = (options.templates ?? DEFAULT_TEMPLATES).map((t) =>
    typeof t === 'string' ? loadTemplate(t, root) : t,
  );
  const theme = typeof options.theme === 'string' ? loadTheme(options.theme, root) : options.theme;
  const compose = {
    date,
    lang: options.lang ?? null,
    ...(theme ? { theme } : {}),
    ...(options.sourceTimes ? { sourceTimes: options.sourceTimes } : {}),
  };
  // One file per content document or role, for each template, in each of its formats asked for.
  for (const planned of planDocuments(model, templates, formats, compose)) {
    // Used by each format's key and by its render, in either order: a build without a previous
    // one works out a key after handing the document over (build.ts), from the same composition.
    const ir = composition(planned.compose, planned.formats.length * 2);
    // The document's JSON, made once for the keys of all its formats (the PDF's and the DOCX's
    // hash the same text), and let go with the last of them.
    let text: { ir: unknown; json: string } | undefined;
    let keysLeft = planned.formats.length;
    const json = (value: unknown) => {
      const made = text !== undefined && text.ir === value ? text.json : JSON.stringify(value, renderKey);
      text = --keysLeft > 0 ? { ir: value, json: made } : undefined;
      return made;
    };
    for (const format of planned.formats) {
      plan.push({
        path: `${planned.path}.${format}`,
        unit: planned.unit,
        key: (fingerprint) => keyOf(fingerprint, format, ir.used(), json),
        produce: (renderer = inProcess) =>
          renderer.render(ir.used(), format, {
            ...renderOptions,
            onWarning: (w) => report(renderDiagnostic(w, planned.file), w),
          }),
      });
    }
  }
  const data = (path: string, make: () => string) => {
    const text = lazy(make);
    plan.push({
      path,
      unit: 'model',
      key: (fingerprint) => outputKey(fingerprint, path, text()),
      produce: async () => text(),
    });
  };
  if (formats.has('md')) data(DATA_FILES.md, () => renderMarkdown(model));
  // model.json says which file is whose: ids are slugs, so `Zoë` may be `roles/zoe-2.pdf`.
  const outputs = plan.flatMap(({ path, unit }): OutputEntry[] => {
    const [kind, id = ''] = unit.split(/:(.*)/su);
    return kind === 'role' ? [{ path, role: id }] : kind === 'document' ? [{ path, document: id }] : [];
  });
  if (formats.has('json')) data(DATA_FILES.json, () => renderJson(model, outputs));
  return plan;
}
