import type { Worker } from 'node:worker_threads';
import { languageWarnings } from './compose/index.js';
import { RolemarkError } from './errors.js';
import type { Diagnostic, Model } from './model/types.js';
import { assertSafeOutDir } from './output-paths.js';
import { recoverOutput, writeAtomically } from './outputs.js';
import { languageTag } from './read/frontmatter.js';
import { FORMATS } from './render/formats.js';
import { buildRenderer, discardWorker, inProcess, lateWorker, workerCount } from './render/pool.js';
import { runRules, withSetting } from './rules/engine.js';
import type { BuildOptions, BuildResult } from './workflow/build-types.js';
import {
  CACHE_FILE,
  type CacheEntry,
  codeFingerprint,
  readManifest,
  reusable,
  serializeManifest,
  sha256,
} from './workflow/cache.js';
import { lazy, planOutputs, sourceDate } from './workflow/plan.js';
import { inOrder } from './workflow/schedule.js';
import { selectShard } from './workflow/shard.js';
import { sourceTimes as readSourceTimes } from './workflow/source-time.js';

export { FORMATS, type Format } from './render/formats.js';
export type { BuildOptions, BuildProgress, BuildResult, PlannedOutput } from './workflow/build-types.js';
export { planOutputs, renderDiagnostic, renderKey, sourceDate } from './workflow/plan.js';
export type { Shard } from './workflow/shard.js';

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
  /**
   * A warm render worker the caller keeps (`watch`'s, from build to build): it renders the PDFs
   * while this thread renders the DOCX files, as an early worker does, and is left running.
   */
  lent: Worker | null = null,
): Promise<BuildResult> {
  try {
    return await buildWith(model, options, early, lent);
  } finally {
    // Adopted by the build's renderer, it is ended by it; else it was not needed.
    if (early && !adopted.has(early)) void discardWorker(early);
  }
}

/** Early workers a renderer took over. */
const adopted = new WeakSet<Worker>();

async function buildWith(
  model: Model,
  options: BuildOptions,
  early: Worker | null,
  lent: Worker | null,
): Promise<BuildResult> {
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
  // Told how many workers (`jobs`), or to keep this thread free (`isolate`), it renders nothing;
  // by default it renders beside one worker fewer than cores (render/pool.ts, `workerCount`).
  const share = !options.isolate && !((options.jobs ?? (Number(process.env.ROLEMARK_JOBS) || 0)) > 0);
  // On 2 cores an incremental build with many documents to render gets the second thread a first
  // build has (render/pool.ts, `lateWorker`): not a pool, one thread per writer.
  const second =
    mainOnly || early || lent || workers > 0 || options.isolate
      ? early
      : lateWorker(toRender, formatsToRender);
  const { renderer, ahead, lead } = buildRenderer(
    workers,
    mainOnly ? null : second,
    formatsToRender,
    mainOnly ? null : lent,
    share,
  );
  if (early && renderer !== inProcess) adopted.add(early);
  if (second && second !== early && renderer === inProcess) void discardWorker(second);
  const make = async (p: (typeof keyed)[number], here?: boolean) => {
    const started = performance.now();
    // Nothing to reuse: handed to its renderer now, not after a turn of the event loop, so that a
    // worker's jobs go to it one by one as they are composed, not after the whole batch launched.
    const previous = manifest ? await reusable(out, manifest, p.path, p.cacheKey()) : null;
    // A stale output that cannot be copied (edited or removed by hand) is rendered, newly dated.
    if (previous === null) p.kept = undefined;
    if (previous !== null) return { data: previous, previous, ms: performance.now() - started };
    // The schedule's lane of this thread (a DOCX-only build in two threads) renders here.
    const made = p.produce(here ? inProcess : renderer);
    made.catch(() => {});
    // Without a previous build the key is needed only for the manifest: worked out once the
    // document is on its way, not before, so that a worker's first job is not held by it.
    p.cacheKey();
    const data = await (stopped ? Promise.race([made, stopped]) : made);
    return { data, previous, ms: performance.now() - started };
  };
  async function* produceAll() {
    let i = 0;
    for await (const { data, previous, ms } of inOrder(keyed, make, ahead, lead)) {
      const p = keyed[i++] as (typeof keyed)[number];
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
