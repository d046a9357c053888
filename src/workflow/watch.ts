import { watch as fsWatch } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { type BuildOptions, type BuildResult, buildModel, FORMATS, sourceDate } from '../build.js';
import { withDocumentSettings } from '../config/frontmatter.js';
import { RolemarkError } from '../errors.js';
import type { Model } from '../model/types.js';
import { displayPath, findInputs, readSources } from '../read/files.js';
import { loadSources } from '../read/load.js';
import { startRenderWorker } from '../render/pool.js';
import { withDefaultSeverities } from '../rules/engine.js';
import { sourceTimes } from './source-time.js';
import { type ChangeKind, watchTree } from './tree-watch.js';

/** What the watcher reports after each build. */
export interface WatchEvent {
  /** The files whose change started this build (empty for the first build), sorted. */
  changed: string[];
  /** The build's result, when it ran: `ok` is false when the content has errors. */
  result?: BuildResult & { model: Model };
  /** A problem that stopped the build, such as an unreadable input. The watcher keeps going. */
  error?: Error;
  /** How long the build took, in milliseconds. */
  ms: number;
  /**
   * True for the build that follows one which kept outputs with their previous date (its
   * `result.stale`): this one renders them newly dated. The outputs the change touched were
   * written by the build before, without waiting for these.
   */
  followUp?: boolean;
}

export interface WatchOptions extends BuildOptions {
  /**
   * Quiet time after the last change before rebuilding, in milliseconds (20 by default: an
   * editor's save, a write or a temporary file renamed over the old one, is over in a few, and
   * a build that read a file half-written is followed by another, as the rest of the write is a
   * change too; the wait is part of every save's time to new outputs, docs/performance.md).
   */
  debounceMs?: number;
  /** Called after every build, whether it succeeded, found errors in the content, or failed. */
  onBuild?: (event: WatchEvent) => void;
  /** Stops the watcher when aborted. */
  signal?: AbortSignal;
  /**
   * Files and folders the build's settings come from (the configuration file, the project's
   * `templates/` with its themes, a theme or template named by path), and how to read the
   * settings again: a change to any of them rebuilds with `reload()`'s options.
   */
  settings?: { paths: readonly string[]; reload: () => Promise<WatchSettings> };
  /**
   * Whether a file found under a watched folder is content (`.rolemarkignore` and `ignores:` say
   * no): a file it refuses is neither read nor a reason to rebuild. A file named as an input is
   * always read, as eslint and git do. Everything by default.
   */
  keep?: (file: string) => boolean;
}

/** What `settings.reload()` gives: the build's options and the content filter, read again. */
export type WatchSettings = BuildOptions & Pick<WatchOptions, 'keep'>;

export interface Watcher {
  /** Resolves once no build is running or waiting to run. */
  idle: () => Promise<void>;
  /** Stops watching; resolves when the build in progress, if any, has finished. */
  close: () => Promise<void>;
}

const MARKDOWN = /\.(md|markdown)$/iu;
/**
 * Editor droppings: hidden files (swap files, `.#lock` files), backups (`x~`, `x.bak`, `x.orig`),
 * vim's write test (`4913`), JetBrains' `x___jb_tmp___`, and files without a known extension
 * (`sed -i`'s `sedV9u0eV`, Word's `~$x.docx` lock files). Never a reason to rebuild.
 */
const IGNORED = /^(\..*|.*~|~\$.*|4913|.*\.(swp|swx|tmp|bak|orig|crswap)|.*___jb_(tmp|old)___)$/iu;
/** What a settings folder holds: templates (Markdown), themes (YAML), images and fonts they use. */
const SETTINGS_FILE = /\.(md|markdown|ya?ml|json|png|jpe?g|ttf|otf|dotx|docx)$/iu;

/**
 * Whether a build dates its documents by their files' times, as `buildModel` decides: no `date`
 * given (nor `SOURCE_DATE_EPOCH`), no times given, and a PDF or DOCX to write.
 */
export const datedBySources = (options: BuildOptions): boolean =>
  options.sourceTimes === undefined &&
  (options.date === undefined ? sourceDate() : options.date) === null &&
  (options.formats ?? FORMATS).some((f) => f === 'pdf' || f === 'docx');

/**
 * Whether a build may render its PDFs in a second thread while this one renders its DOCX files:
 * both formats, not `jobs: 1`, at least 2 cores (as workflow/early-render.ts decides).
 */
const rendersInTwo = (options: BuildOptions): boolean => {
  const formats = options.formats ?? FORMATS;
  if (!formats.includes('pdf') || !formats.includes('docx')) return false;
  return (options.jobs ?? (Number(process.env.ROLEMARK_JOBS) || 0)) !== 1 && availableParallelism() >= 2;
};

/**
 * A file is watched through its folder: editors save by replacing the file, which would end a
 * watch on the file itself.
 */
function watchFile(dir: string, onChange: (path: string) => void, onError: (error: Error) => void) {
  const watcher = fsWatch(dir, (_event, name) => {
    if (name !== null) onChange(join(dir, name.toString()));
  });
  watcher.on('error', onError);
  return watcher;
}

/**
 * Builds `inputs` into `options.out`, then again whenever a Markdown file under them changes.
 * Changes are debounced, builds never overlap (changes made during a build start one more build
 * after it), and a build with errors or a failing input is reported and waited out: the next
 * save that fixes it builds again. Only outputs whose documents changed are rendered again: the
 * build cache reuses the rest from the previous output. Outputs that changed only by their date
 * (made from the saved file, but showing nothing the edit changed) are rendered in a second build
 * right after the first has written what the edit touched. A change to a settings file (the
 * configuration, templates, themes) reads the settings again before the next build.
 */
export async function watch(inputs: readonly string[], options: WatchOptions = {}): Promise<Watcher> {
  const { debounceMs = 20, onBuild, signal, settings, keep: initialKeep, ...initialOptions } = options;
  let buildOptions: BuildOptions = initialOptions;
  let keep = initialKeep ?? (() => true);
  /** Set when a settings file changed: the next build reads the settings again first. */
  let reload = false;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let building = false;
  let current: Promise<void> = Promise.resolve();
  let closed = false;
  /** The source times the last build into `out` dated its documents with. */
  let times: Readonly<Record<string, string>> | undefined;
  /**
   * A render worker kept warm from build to build: a save's team charter has its PDF rendered
   * there while this thread renders its DOCX, at once (docs/performance.md, round four, second
   * half). Started with the watcher, so it loads the PDF writer during the first build; started
   * again when it has ended (a crash), and ended when the watcher closes.
   */
  let worker: Worker | null = null;
  const renderWorker = (): Worker | null => {
    if (closed || !rendersInTwo(buildOptions)) return null;
    if (worker === null) {
      const started = startRenderWorker(['pdf']);
      started?.once('exit', () => {
        if (worker === started) worker = null;
      });
      worker = started;
    }
    return worker;
  };

  const report = (event: WatchEvent) => {
    try {
      onBuild?.(event);
    } catch {
      // A failing listener must not stop the watcher.
    }
  };

  const run = async (changed: string[]) => {
    const started = performance.now();
    try {
      if (reload && settings) {
        reload = false;
        const { keep: reloadedKeep, ...reloaded } = await settings.reload();
        buildOptions = reloaded;
        keep = reloadedKeep ?? (() => true);
      }
      // Started before the content is read, the first time: it loads the PDF writer meanwhile.
      const lent = renderWorker();
      const files = await contentFiles();
      // When the documents are dated by their files' times, git is asked for them (a process or
      // two per file) while this thread reads and checks the files, not after.
      const timing = datedBySources(buildOptions) ? sourceTimes(files.map((f) => displayPath(f))) : undefined;
      const model = withDefaultSeverities(
        loadSources(await readSources(files), withDocumentSettings(buildOptions.load)),
      );
      const read = timing && (await timing);
      const dates = read && {
        sourceTimes: Object.fromEntries(
          model.documents.flatMap((d) => {
            const time = read[d.file];
            return time === undefined ? [] : [[d.file, time] as const];
          }),
        ),
      };
      // A save changes the date of every document made from the file (its modification time),
      // so each one's key: the documents that changed only by their date keep their previous
      // bytes in this build, and the ones the edit touched are written without waiting for them.
      const result = await buildModel(
        model,
        { inputs, ...buildOptions, ...dates, ...(times ? { previousSourceTimes: times } : {}) },
        null,
        lent,
      );
      if (result.ok) times = result.sourceTimes;
      report({ changed, result: { ...result, model }, ms: performance.now() - started });
      if (result.ok && result.stale && !closed) {
        // Then those, newly dated, in a build of their own: `out` is whole after each.
        const again = performance.now();
        const dated = await buildModel(
          model,
          { inputs, ...buildOptions, ...(result.sourceTimes ? { sourceTimes: result.sourceTimes } : {}) },
          null,
          lent,
        );
        report({ changed, result: { ...dated, model }, ms: performance.now() - again, followUp: true });
      }
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      report({ changed, error: err, ms: performance.now() - started });
    }
  };

  const start = (changed: string[]) => {
    building = true;
    current = run(changed).finally(() => {
      building = false;
      if (pending.size > 0 && timer === undefined && !closed) trigger();
    });
  };

  const trigger = () => {
    timer = undefined;
    if (building || closed || pending.size === 0) return;
    const changed = [...pending].sort();
    pending.clear();
    start(changed);
  };

  const changedFile = (file: string) => {
    if (closed) return;
    pending.add(displayPath(file));
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(trigger, debounceMs);
  };

  /** The inputs' files less the ignored ones; a file named as an input is always read. */
  const named = new Set<string>();
  const contentFiles = async () => (await findInputs(inputs)).filter((f) => named.has(resolve(f)) || keep(f));

  const watchers: { close: () => void }[] = [];
  const onError = (input: string) => (error: Error) =>
    report({ changed: [], error: new Error(`Stopped watching \`${input}\`: ${error.message}`), ms: 0 });
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info === null) {
      for (const w of watchers) w.close();
      throw new RolemarkError(`Cannot watch \`${input}\`: no such file or folder`);
    }
    const dir = info.isDirectory() ? input : dirname(input);
    const only = info.isDirectory() ? null : resolve(input);
    if (only !== null) named.add(only);
    const onChange = (path: string, kind: ChangeKind) => {
      const file = resolve(path);
      if (only !== null && file !== only) return;
      const name = basename(file);
      if (IGNORED.test(name)) return;
      // An ignored file is not content: its changes build nothing. (A folder's change still
      // builds: files saved into a folder just made may come before its watcher does.)
      if (only === null && kind === 'file' && !keep(file)) return;
      // Markdown files, and folders (a folder renamed or removed takes its files with it).
      if (MARKDOWN.test(name) || kind === 'folder') changedFile(file);
    };
    if (info.isDirectory()) watchers.push(await watchTree(dir, onChange, onError(input)));
    else watchers.push(watchFile(dir, (path) => onChange(path, 'file'), onError(input)));
  }
  // The settings: a change reloads them before the next build.
  for (const path of settings?.paths ?? []) {
    const info = await lstat(path).catch(() => null);
    if (info === null || info.isSymbolicLink()) continue;
    const onSettings = (changed: string, kind: ChangeKind) => {
      const name = basename(changed);
      // A settings file named itself (`.rolemarkignore` is hidden) is watched whatever its name.
      if (!info.isDirectory()) {
        if (resolve(changed) !== resolve(path)) return;
      } else if (IGNORED.test(name) || (kind === 'file' && !SETTINGS_FILE.test(name))) return;
      reload = true;
      changedFile(changed);
    };
    if (info.isDirectory()) watchers.push(await watchTree(path, onSettings, onError(path)));
    else watchers.push(watchFile(dirname(path), (p) => onSettings(p, 'file'), onError(path)));
  }

  const close = async () => {
    closed = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    for (const w of watchers) w.close();
    await current;
    await worker?.terminate();
    worker = null;
  };
  start([]);
  if (signal?.aborted) await close();
  else signal?.addEventListener('abort', () => void close(), { once: true });
  return {
    async idle() {
      while (building || timer !== undefined) {
        await current;
        if (timer !== undefined) await new Promise((r) => setTimeout(r, debounceMs));
      }
    },
    close,
  };
}
