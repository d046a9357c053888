import type { Worker } from 'node:worker_threads';
import { languageWarnings, planDocuments } from './compose/index.js';
import type { LoadOptions } from './config/scheme.js';
import { RolemarkError } from './errors.js';
import { type OutputEntry, renderJson } from './export/json.js';
import { renderMarkdown } from './export/markdown.js';
import type { DocumentFormat } from './ir/types.js';
import type { Diagnostic, Model } from './model/types.js';
import { assertSafeOutDir } from './output-paths.js';
import { recoverOutput, writeAtomically } from './outputs.js';
import { languageTag } from './read/frontmatter.js';
import { DATA_FILES, FORMATS, type Format } from './render/formats.js';
import type { RenderOptions, RenderWarning } from './render/index.js';
import { buildRenderer, discardWorker, inProcess, type Renderer, workerCount } from './render/pool.js';
import { diagnostic } from './rules/diagnostic.js';
import { type RuleSettings, runRules, withSetting } from './rules/engine.js';
import {
  DEFAULT_TEMPLATES,
  loadTemplate,
  loadTheme,
  type ResolvedTheme,
  type Template,
} from './templates/index.js';
import {
  CACHE_FILE,
  type CacheEntry,
  codeFingerprint,
  outputKey,
  readManifest,
  reusable,
  serializeManifest,
  sha256,
} from './workflow/cache.js';
import { type Shard, selectShard } from './workflow/shard.js';
import { sourceTimes as readSourceTimes } from './workflow/source-time.js';

export { FORMATS, type Format } from './render/formats.js';

export type { Shard } from './workflow/shard.js';

/** What a build reports as it goes: first the plan, then one event per output written. */
export type BuildProgress =
  | {
      type: 'plan';
      /** Outputs this build writes. */
      total: number;
      /** Of those, how many the cache cannot provide and must be rendered. */
      toRender: number;
    }
  | {
      type: 'output';
      path: string;
      /** True when the output was copied from the previous build instead of rendered. */
      reused: boolean;
      done: number;
      total: number;
      /** Time spent on this output, in milliseconds. */
      ms: number;
    };

export interface BuildOptions {
  /** Output folder; `out` by default. Replaced whole and atomically on success. */
  out?: string;
  formats?: readonly Format[];
  /** Inputs the model was read from, so that `out` can be refused when it would overwrite them. */
  inputs?: readonly string[];
  /** Date printed on documents that give none (YYYY-MM-DD); `SOURCE_DATE_EPOCH` by default. */
  date?: string | null;
  /**
   * When each content file last changed (ISO), by path: the files' creation dates when no date is
   * set. `buildModel` reads them from git (see `workflow/source-time.ts`).
   */
  sourceTimes?: Readonly<Record<string, string>>;
  /**
   * For `build --watch`: the source times of the previous build into `out` (its result's
   * `sourceTimes`). An output whose key with these times is the one that build wrote has changed
   * only by its date (its file was saved, but nothing it shows changed, as a role charter when the
   * team's introduction is edited): it keeps its previous bytes in this build, which so writes
   * sooner what the change did touch, and is listed in the result's `stale`, for a build right
   * after to bring up to date.
   */
  previousSourceTimes?: Readonly<Record<string, string>>;
  /** A .docx or .dotx whose styles the DOCX outputs take, as pandoc's `--reference-doc`. */
  referenceDocx?: string;
  /**
   * Render every output again. By default an output whose document, format and rolemark version
   * are unchanged since the previous build into `out` is copied from it instead.
   */
  force?: boolean;
  /** Build only one part of the documents (`{ index: 1, count: 4 }`), for CI runners in parallel. */
  shard?: Shard;
  /** Called with the plan, then after each output is written. */
  onProgress?: (event: BuildProgress) => void;
  /** Rule severities and options, as `check` takes them (usually the configuration's `rules`). */
  rules?: RuleSettings;
  /** The default and custom schemes for reading the inputs (usually the configuration's `load`). */
  load?: LoadOptions;
  /** Templates to build, by name or path (`team-charter` and `role-charter` by default). */
  templates?: readonly (string | Template)[];
  /** A theme by name or path; the built-in `default` when none. */
  theme?: string | ResolvedTheme;
  /** Language of the documents whose content and template name none (`fr`, `de`, `es`, `en`). */
  lang?: string | null;
  /** Where the project's own `templates/` folder is looked up; the current folder by default. */
  root?: string;
  /**
   * Stops the build between two outputs (Ctrl+C in the CLI): nothing is written, the previous
   * output stays as it was, and the build rejects with the signal's reason.
   */
  signal?: AbortSignal;
  /**
   * How many documents to render at once, in worker threads. By default one per core (at most 4)
   * when there are enough documents to gain from it (see `render/pool.ts`); a smaller first or
   * forced build of PDFs and DOCX files renders its PDFs in one worker and its DOCX files in the
   * calling thread, at once (on 2 cores or more); 1 renders in the calling thread. The output is
   * the same bytes either way.
   */
  jobs?: number;
  /**
   * Render in a worker thread even a build too small to gain from one, so that the calling thread
   * stays free to answer `signal`: a render that runs away (minutes on input within the limits)
   * is then stopped at once and its worker terminated, instead of holding the thread until it
   * ends or runs out of memory. `jobs: 1` still renders in the calling thread. (The CLI runs the
   * whole build in a thread of its own instead: cli/build-thread.ts.)
   */
  isolate?: boolean;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Paths written, relative to the output folder. */
  files: string[];
  /** Of `files`, those rendered by this build. */
  rendered: string[];
  /** Of `files`, those copied unchanged from the previous build. */
  reused: string[];
  /** Of `reused`, those kept with their previous date (see `previousSourceTimes`). */
  stale?: string[];
  /** The source times the documents were dated with, when they were read. */
  sourceTimes?: Readonly<Record<string, string>>;
}

/** A document the build writes: where it goes and how its bytes are made. */
export interface PlannedOutput {
  path: string;
  /** The document or data set the output belongs to: shards keep a unit's formats together. */
  unit: string;
  /**
   * The cache key: a hash of everything the bytes depend on, given rolemark's code fingerprint.
   * Cheap next to `produce` (it composes, but never renders).
   */
  key: (fingerprint: string) => string;
  /** Makes the bytes: documents with `renderer` (the main thread's writers by default). */
  produce: (renderer?: Renderer) => Promise<Buffer | string>;
}

/**
 * Refuses an empty or unknown list of formats: a build of nothing would replace `out` with an
 * empty folder and exit 0 (`--format ''`).
 */
function assertFormats(formats: readonly string[] | undefined): void {
  if (formats === undefined) return;
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (formats.length === 0 || unknown.length > 0) {
    const what =
      unknown.length > 0 ? `Unknown format ${unknown.map((f) => `\`${f}\``).join(', ')}` : 'No format';
    throw new RolemarkError(`${what} to build; expected one or more of ${FORMATS.join(', ')}`);
  }
}

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

/** A promise rejected with the signal's reason when it aborts (never unhandled). */
function aborted(signal: AbortSignal): Promise<never> {
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  promise.catch(() => {});
  return promise;
}

/**
 * What of an IR goes into its output's key: all but the nodes' `source` (ir/types.ts, `IrSource`),
 * which only says where a writer's warning points. A line added above a table moves every
 * position below it and changes no byte of the documents: they are reused, not rendered again.
 */
export const renderKey = (key: string, value: unknown): unknown => (key === 'source' ? undefined : value);

/** A value computed on first use, then kept: one composition serves the key and every format. */
function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    value ??= { v: make() };
    return value.v;
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
  const keyOf = (fingerprint: string, format: DocumentFormat, ir: unknown) =>
    outputKey(fingerprint, format, format === 'docx' && reference ? { ir, reference } : ir, renderKey);
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
    const ir = lazy(planned.compose);
    for (const format of planned.formats) {
      plan.push({
        path: `${planned.path}.${format}`,
        unit: planned.unit,
        key: (fingerprint) => keyOf(fingerprint, format, ir()),
        produce: (renderer = inProcess) =>
          renderer.render(ir(), format, {
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

/**
 * Checks the model and, when it has no errors, renders every output into `out`, atomically.
 * A build with errors writes nothing and leaves the previous output as it was. Outputs whose key
 * is unchanged since the previous build are copied from it (see `workflow/cache.ts`), so `out` is
 * always complete, whichever outputs were rendered.
 */
export async function buildModel(
  model: Model,
  options: BuildOptions = {},
  /**
   * A render worker started before the content was read (workflow/early-render.ts): given the
   * PDFs of a small build, taken into the pool of a large one, or ended.
   */
  early: Worker | null = null,
): Promise<BuildResult> {
  try {
    return await buildWith(model, options, early);
  } finally {
    // Adopted by the build's renderer, it is ended by it; else it was not needed.
    if (early && !adopted.has(early)) void discardWorker(early);
  }
}

/** Early workers a renderer took over. */
const adopted = new WeakSet<Worker>();

async function buildWith(model: Model, options: BuildOptions, early: Worker | null): Promise<BuildResult> {
  assertFormats(options.formats);
  if (options.lang && !languageTag(options.lang)) {
    throw new RolemarkError(
      `Invalid language \`${options.lang.slice(0, 60)}\`: expected a BCP 47 language tag, such as \`en\`, \`fr-CA\` or \`pt-BR\``,
    );
  }
  // A content problem the build finds (a language without labels) follows the settings too.
  const languages = languageWarnings(model, options.lang).flatMap(
    (d) => withSetting(d, model, options.rules) ?? [],
  );
  const diagnostics = [...runRules(model, options.rules ?? {}), ...languages];
  const out = options.out ?? 'out';
  if (diagnostics.some((d) => d.severity === 'error')) {
    // A build killed earlier may have left the previous output under another name: put it back.
    await recoverOutput(out).catch(() => undefined);
    return { ok: false, diagnostics, files: [], rendered: [], reused: [] };
  }
  assertSafeOutDir(out, options.inputs ?? []);
  // Read before anything is rendered, so a bad reference fails the build with nothing written.
  // Imported here: `check` loads this module and must not load the DOCX writer's code.
  const referenceDocx =
    options.referenceDocx !== undefined
      ? await (await import('./render/docx/reference.js')).readReferenceDocx(options.referenceDocx)
      : undefined;
  // A warning from a writer (a glyph no font has) is reported once, however many documents show
  // it; an output reused from the cache is not rendered, so it reports nothing.
  const warnings = new Map<string, Diagnostic>();
  // Without a date, a document is dated by its sources' last commit (read before any rendering).
  const dated = options.date === undefined ? sourceDate() : options.date;
  const renders = (options.formats ?? FORMATS).some((f) => f === 'pdf' || f === 'docx');
  const sourceTimes =
    options.sourceTimes ??
    (dated === null && renders ? await readSourceTimes(model.documents.map((d) => d.file)) : undefined);
  let plan = planOutputs(
    model,
    { ...options, ...(sourceTimes ? { sourceTimes } : {}) },
    referenceDocx ? { referenceDocx } : {},
    (d, key) => {
      const set = withSetting(d, model, options.rules ?? {});
      if (set && !warnings.has(key)) warnings.set(key, set);
    },
  );
  if (options.shard) plan = selectShard(plan, (p) => p.unit, options.shard);
  const fingerprint = await codeFingerprint();
  const manifest = options.force ? null : await readManifest(out);
  // Keys compose the documents. Without a previous build to compare them with (a first build,
  // --force), each is worked out when its output is made: composing L's documents took 3 s before
  // the first render, with every worker idle; now it overlaps their rendering.
  const keyed = plan.map((p) => {
    const own = lazy(() => p.key(fingerprint));
    const item = {
      ...p,
      /** The previous build's key, kept by an output whose only change is its date: its bytes are kept too. */
      kept: undefined as string | undefined,
      cacheKey: (): string => item.kept ?? own(),
    };
    return item;
  });
  if (manifest && sourceTimes && options.previousSourceTimes) {
    // Outputs whose only change is their date keep their previous key, and so their bytes.
    const before = planOutputs(
      model,
      { ...options, sourceTimes: options.previousSourceTimes },
      referenceDocx ? { referenceDocx } : {},
    );
    const previousKey = new Map(before.map((p) => [p.path, p]));
    for (const p of keyed) {
      // Only outputs that changed are composed again with the previous times.
      if (manifest.outputs[p.path]?.key === p.cacheKey()) continue;
      const key = previousKey.get(p.path)?.key(fingerprint);
      if (key !== undefined && key !== p.cacheKey() && manifest.outputs[p.path]?.key === key) p.kept = key;
    }
  }
  const cached = manifest ? keyed.filter((p) => manifest.outputs[p.path]?.key === p.cacheKey()).length : 0;
  options.onProgress?.({ type: 'plan', total: keyed.length, toRender: keyed.length - cached });

  const rendered: string[] = [];
  const reused: string[] = [];
  const entries: Record<string, CacheEntry> = {};
  const toRender = keyed.length - cached;
  const mainOnly = (options.jobs ?? (Number(process.env.ROLEMARK_JOBS) || 0)) === 1;
  const workers =
    workerCount(toRender, options.jobs) || (options.isolate && toRender > 0 && !mainOnly ? 1 : 0);
  // A render in a worker does not hold the main thread: an abort stops the wait for it at once.
  const stopped = options.signal ? aborted(options.signal) : null;
  const formatsToRender = new Set(
    keyed
      .filter((p) => !manifest || manifest.outputs[p.path]?.key !== p.cacheKey())
      .map((p) => p.path.split('.').pop() ?? ''),
  );
  const { renderer, ahead } = buildRenderer(workers, mainOnly ? null : early, formatsToRender);
  if (early && renderer !== inProcess) adopted.add(early);
  const make = async (p: (typeof keyed)[number]) => {
    const started = performance.now();
    const previous = await reusable(out, manifest, p.path, p.cacheKey());
    // A stale output that cannot be copied (edited or removed by hand) is rendered, newly dated.
    if (previous === null) p.kept = undefined;
    const data =
      previous ?? (await (stopped ? Promise.race([p.produce(renderer), stopped]) : p.produce(renderer)));
    return { data, previous, ms: performance.now() - started };
  };
  async function* produceAll() {
    const running: (ReturnType<typeof make> | undefined)[] = [];
    let launched = 0;
    for (const [i, p] of keyed.entries()) {
      for (; launched < keyed.length && launched < i + ahead; launched++) {
        const job = make(keyed[launched] as (typeof keyed)[number]);
        // Awaited in order below; until then a failure must not count as unhandled.
        job.catch(() => {});
        running[launched] = job;
      }
      const { data, previous, ms } = await (running[i] as ReturnType<typeof make>);
      running[i] = undefined;
      entries[p.path] = { key: p.cacheKey(), sha256: sha256(data), size: Buffer.byteLength(data) };
      (previous ? reused : rendered).push(p.path);
      yield { path: p.path, data };
      options.onProgress?.({
        type: 'output',
        path: p.path,
        reused: previous !== null,
        done: rendered.length + reused.length,
        total: keyed.length,
        ms,
      });
    }
    yield { path: CACHE_FILE, data: serializeManifest(entries) };
  }
  try {
    const files = (
      await writeAtomically(out, produceAll(), {
        marker: CACHE_FILE,
        ...(options.signal ? { signal: options.signal } : {}),
      })
    ).filter((f) => f !== CACHE_FILE);
    const stale = keyed.filter((p) => p.kept !== undefined).map((p) => p.path);
    return {
      ok: true,
      diagnostics: [...diagnostics, ...warnings.values()],
      files,
      rendered,
      reused,
      ...(stale.length > 0 ? { stale } : {}),
      ...(sourceTimes ? { sourceTimes } : {}),
    };
  } finally {
    await renderer.close();
  }
}
