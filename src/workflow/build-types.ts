/** The build's options, progress events, result and planned outputs: the API's types (src/build.ts). */
import type { LoadOptions } from '../config/scheme.js';
import type { Diagnostic } from '../model/types.js';
import type { Format } from '../render/formats.js';
import type { Renderer } from '../render/pool.js';
import type { RuleSettings } from '../rules/engine.js';
import type { ResolvedTheme, Template } from '../templates/index.js';
import type { Shard } from './shard.js';

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
   * How many documents to render at once, in worker threads. By default, on more than 2 cores, one
   * per core but one (at most 4), with the calling thread rendering beside them, when there are
   * enough documents to gain from it (see `render/pool.ts`); otherwise a first or
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
