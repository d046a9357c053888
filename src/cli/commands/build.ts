import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { RolemarkError } from '../../errors.js';
import type { BuildOptions, BuildResult, Format, Model, WatchOptions } from '../../index.js';
import { FORMATS } from '../../render/formats.js';
import { type CommandContext, canonicalFormat, formatDiagnostic, splitList, summary } from '../io.js';
import { commandOptions, withConfig, withInputs, withRule } from '../options.js';

const FORMAT_CHOICES = FORMATS;

interface BuildArgs {
  inputs?: string[];
  out?: string;
  config?: string;
  rule?: string[];
  format: string[];
  quiet: boolean;
  verbose: boolean;
  force: boolean;
  shard?: string;
  watch: boolean;
  referenceDocx?: string;
  template?: string[];
  theme?: string;
  lang?: string;
  jobs?: number;
}

export const buildCommand = (ctx: CommandContext) => ({
  command: 'build [inputs..]',
  describe: 'Check the content and render charters (PDF, DOCX), the matrix (Markdown) and the model (JSON)',
  builder: (a: Argv) =>
    withRule(withConfig(withInputs(a)))
      .option('out', {
        alias: 'o',
        type: 'string',
        describe: 'Output folder, replaced as a whole; `out` in the configuration, or out/',
      })
      .option('format', {
        alias: 'f',
        type: 'string',
        array: true,
        default: [...FORMAT_CHOICES],
        describe: `Formats to write, comma-separated: ${FORMAT_CHOICES.join(', ')}`,
      })
      .option('reference-docx', {
        type: 'string',
        describe: 'A .docx or .dotx whose styles the DOCX files take (like pandoc --reference-doc)',
      })
      .option('watch', {
        alias: 'w',
        type: 'boolean',
        default: false,
        describe: 'Build, then rebuild what changed whenever a Markdown file changes; Ctrl+C stops',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Render every output again, ignoring the unchanged outputs of the previous build',
      })
      .option('shard', {
        type: 'string',
        describe: 'Build only part i of n of the documents (1/4, 2/4, …), for parallel CI jobs',
      })
      .option('template', {
        alias: 't',
        type: 'string',
        array: true,
        describe:
          'Templates to build, by name or path, comma-separated (default: `template` in the configuration, or team-charter,role-charter; see `rolemark templates`)',
      })
      .option('theme', {
        type: 'string',
        describe: 'Theme by name or path (default, print-mono, or your own .yaml)',
      })
      .option('lang', {
        type: 'string',
        describe: 'Language of the documents when the content names none: en, fr, de, es',
      })
      .option('jobs', {
        alias: 'j',
        type: 'number',
        describe:
          'Documents rendered at once, in worker threads (default: one per core when there are many, one for the PDFs of a smaller first or forced build; 1: none)',
      })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print errors only' })
      .option('verbose', {
        type: 'boolean',
        default: false,
        describe: 'Print every output, rendered or unchanged, with its time',
      })
      .example('$0 build', 'Build content/ into out/')
      .example('$0 build team.md --out dist --format pdf', 'Only PDFs of one file')
      .example('$0 build --reference-docx company.dotx', 'DOCX files in the company template')
      .example('$0 build --watch --format pdf', 'Rebuild the PDFs on every save')
      .example('$0 build --shard 2/4', 'The second quarter of the documents (one CI job of four)')
      .example(
        '$0 build --template handout,matrix-poster --theme print-mono',
        'Workshop handouts and a poster, greyscale',
      ),
  handler: (args: BuildArgs) => runBuild(ctx, args).catch((error) => Promise.reject(onArgument(error, args))),
});

/**
 * A template or theme named on the command line that cannot be found is a usage error about the
 * option, not a problem at `nosuch:1:1` (a file position for a word that is no file).
 */
function onArgument(error: unknown, args: BuildArgs): unknown {
  type Problem = { file: string; line: number; column: number; message: string; ruleId: string };
  const diagnostics = (error as { diagnostics?: Problem[] }).diagnostics;
  if (!(error instanceof RolemarkError) || !diagnostics) return error;
  const options: [string, string | undefined][] = [
    ['--theme', args.theme],
    ...splitList(args.template).map((t): [string, string] => ['--template', t]),
  ];
  const lines = diagnostics.map((d) => {
    // Only a name that is no file: a template file's own problems keep their line and column.
    const option = options.find(([, value]) => value !== undefined && value === d.file && !existsSync(value));
    return option
      ? `${option[0]} ${d.file}: ${d.message}`
      : `${d.file}:${d.line}:${d.column}: ${d.message}  ${d.ruleId}`;
  });
  if (!lines.some((l) => l.startsWith('--'))) return error;
  return new RolemarkError(`${lines.join('\n')}. See \`rolemark templates\` for the ones there are`);
}

async function runBuild(ctx: CommandContext, args: BuildArgs): Promise<void> {
  const formats = splitList(args.format).map(canonicalFormat);
  const unknown = formats.filter((f) => !(FORMAT_CHOICES as readonly string[]).includes(f));
  if (unknown.length > 0) {
    throw new RolemarkError(`Unknown format ${unknown.join(', ')}; expected ${FORMAT_CHOICES.join(', ')}`);
  }
  if (args.quiet && args.verbose) throw new RolemarkError('Choose one of --quiet and --verbose, not both');
  // A signal before the build's thread answers signals (while the configuration is read): nothing
  // is written yet, so the process just ends.
  const early = (signal: NodeJS.Signals) => {
    ctx.io.stderr(
      `rolemark: build stopped by ${signal}; nothing was written, ${args.out ? `${args.out}/` : 'the output folder'} is as it was\n`,
    );
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const signals = ['SIGINT', 'SIGTERM'] as const;
  if (!args.watch) for (const s of signals) process.on(s, early);
  let running: ReturnType<typeof import('../build-thread.js').buildInThread>;
  let progress: ReturnType<typeof import('../progress.js').progressReporter>;
  let shown: Shown;
  try {
    const { options, inputs, out, resolved } = await resolveBuild(ctx, args, formats as Format[]);
    const { config } = resolved;
    shown = { ...args, inputs, out };
    if (args.watch) {
      // Settings files: a change to any reads them again (the configuration, the project's
      // templates and themes, a template or theme named by path).
      const named = [...splitList(args.template), ...(args.theme ? [args.theme] : [])].filter((p) =>
        /[\\/]|\.(md|ya?ml)$/u.test(p),
      );
      // `.rolemarkignore` and `ignores:` apply to what a watch reads and to what makes it rebuild;
      // a glob is watched through the folder it starts from, keeping the files it matches.
      const { ignoreFilter, IGNORE_FILE, watchedInputs } = await import('../content.js');
      const watched = await watchedInputs(inputs);
      const paths = [
        ...(config.file ? [resolve(config.file)] : []),
        join(resolved.templateRoot, 'templates'),
        join(resolved.root, IGNORE_FILE),
        ...named.map((p) => resolve(p)),
      ];
      const both = (ignored: (file: string) => boolean) => (file: string) =>
        watched.matches(file) && ignored(file);
      const reload = async () => {
        const again = await resolveBuild(ctx, args, formats as Format[]);
        return { ...again.options, keep: both(await ignoreFilter(again.resolved)) };
      };
      const keep = both(await ignoreFilter(resolved));
      return await watchBuild(
        ctx,
        { ...shown, inputs: watched.folders },
        { ...options, keep, settings: { paths, reload } },
      );
    }
    const { progressReporter } = await import('../progress.js');
    progress = progressReporter({
      write: ctx.io.stderr,
      tty: ctx.io.isTTY === true && !process.env.CI,
      verbose: args.verbose,
      quiet: args.quiet,
      columns: process.stderr.columns,
    });
    // The build runs in a thread of its own, and the main thread answers signals: Ctrl+C or
    // SIGTERM stops it, the staging folder is removed and the previous output left as it was; a
    // second signal, or a build still running 2 s after the first, ends it wherever it is, whatever
    // it is doing (build-thread.ts). Its handlers are in place when the call returns.
    const { buildInThread } = await import('../build-thread.js');
    running = buildInThread(inputs, options, { out, onProgress: progress.onProgress, stderr: ctx.io.stderr });
  } finally {
    for (const s of signals) process.off(s, early);
  }
  let result: Awaited<typeof running>;
  try {
    result = await running;
  } finally {
    progress.finish();
  }
  report(ctx, shown, result);
  if (result.ok && !args.quiet) await reportNames(ctx, result.model, args.verbose);
  if (!result.ok) ctx.setExitCode(1);
}

/** The build's options from the command line and the configuration, read again on reloads. */
async function resolveBuild(ctx: CommandContext, args: BuildArgs, formats: Format[]) {
  // Not from index.js: the main thread never loads the reader and writers, the build's thread does.
  // Inputs, rules, output folder, templates, theme, language and shard: the command line's, else
  // the configuration's (src/options.ts, as every command).
  const resolved = await commandOptions(ctx, args);
  // Files, folders and globs, less what .rolemarkignore names; `-` is refused (exit 2). A watch
  // keeps the folders themselves, so that files added later are seen.
  const { readContent } = await import('../content.js');
  const content = await readContent(ctx, {}, resolved, 'build', false);
  const inputs = args.watch || content.kind !== 'files' ? resolved.inputs : content.files;
  const { out } = resolved;
  // The output folder is checked before anything is planned, rendered or printed: a folder of
  // someone else's files is refused at once, not after minutes of rendering. (The build checks
  // it again when it swaps the new output in.)
  const { CACHE_FILE, preflightOutput } = await import('../../outputs.js');
  const missing = await preflightOutput(out, inputs);
  if (missing.length > 0 && !args.quiet) {
    // Still rolemark's folder (every file it holds is as written), so it is replaced; but a file
    // deleted by hand is said, not passed over.
    const listed = missing
      .slice(0, 5)
      .map((m) => `\`${m}\``)
      .join(', ');
    const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
    ctx.io.stderr(
      `rolemark: ${out}/ lacks ${missing.length === 1 ? 'a file' : `${missing.length} files`} its ${CACHE_FILE} lists (${listed}${more}), deleted since the last build; every other file is as rolemark wrote it, so the build replaces the folder and writes ${missing.length === 1 ? 'it' : 'them'} again if still planned.\n`,
    );
  }
  const { templates, theme, lang, shard } = resolved;
  const options: BuildOptions = {
    out,
    formats,
    force: args.force,
    rules: resolved.rules,
    load: resolved.load,
    ...(shard ? { shard } : {}),
    ...(args.referenceDocx !== undefined ? { referenceDocx: args.referenceDocx } : {}),
    ...(templates ? { templates } : {}),
    ...(theme ? { theme } : {}),
    ...(lang ? { lang } : {}),
    root: resolved.templateRoot,
    ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
  };
  return { options, inputs, out, resolved };
}

/** Diagnostics, then one line: what was built, or why nothing was. */
type Shown = BuildArgs & { inputs: string[]; out: string };

function report(ctx: CommandContext, args: Shown, result: BuildResult): void {
  for (const d of result.diagnostics) {
    if (!args.quiet || d.severity === 'error') ctx.io.stderr(`${formatDiagnostic(d)}\n`);
  }
  if (!result.ok) {
    ctx.io.stderr(
      `Build failed: ${summary(result.diagnostics)}. Nothing was written; ${args.out}/ is as it was.\n`,
    );
  } else if (!args.quiet) {
    const shard = args.shard ? ` (shard ${args.shard})` : '';
    ctx.io.stdout(
      `Built ${result.files.length} files into ${args.out}/${shard}: ${counts(result)} (${summary(result.diagnostics)})\n`,
    );
  }
}

/**
 * Roles and documents whose files are named differently from them beyond case and accents (path
 * characters, reserved names, a name taken by a lookalike), so nobody looks for `Zoë` in `zoe.pdf`.
 */
async function reportNames(ctx: CommandContext, model: Model, verbose: boolean): Promise<void> {
  const { renamedOutputs } = await import('../../output-names.js');
  const renamed = renamedOutputs(model);
  if (renamed.length === 0) return;
  const count =
    renamed.length === 1
      ? 'One name is written differently'
      : `${renamed.length} names are written differently`;
  ctx.io.stdout(`${count} in file names (model.json maps every file to its role or document):\n`);
  const shown = verbose ? renamed : renamed.slice(0, 20);
  const width = Math.max(...shown.map((r) => r.id.length));
  for (const r of shown) {
    const name = r.name.length > 60 ? `${r.name.slice(0, 57)}…` : r.name;
    ctx.io.stdout(`  ${r.id.padEnd(width)}  ${r.kind} "${name}": ${r.reason}\n`);
  }
  if (shown.length < renamed.length)
    ctx.io.stdout(`  …and ${renamed.length - shown.length} more (--verbose lists them)\n`);
}

const counts = (r: BuildResult) => `${r.rendered.length} rendered, ${r.reused.length} unchanged`;

const clock = () => new Date().toTimeString().slice(0, 8);

/** `build --watch`: runs until Ctrl+C (or the caller's signal), reporting every build. */
async function watchBuild(ctx: CommandContext, args: Shown, options: WatchOptions): Promise<void> {
  const { watch } = await import('../../index.js');
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  ctx.io.signal?.addEventListener('abort', onSignal, { once: true });
  const stopped = new Promise<void>((resolve) => {
    if (stop.signal.aborted) resolve();
    stop.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  try {
    const watcher = await watch(args.inputs, {
      ...options,
      signal: stop.signal,
      onBuild: (event) => {
        const what = event.changed.length > 0 ? `${event.changed.join(', ')} changed: ` : '';
        const time = `${(event.ms / 1000).toFixed(1)} s`;
        if (event.error) {
          const message = event.error instanceof RolemarkError ? event.error.message : String(event.error);
          ctx.io.stderr(`[${clock()}] ${what}${message}. Waiting for a change…\n`);
        } else if (event.result && !event.result.ok) {
          report(ctx, args, event.result);
          ctx.io.stderr(
            `[${clock()}] ${what}fix the errors and save; ${args.out}/ keeps the last good build.\n`,
          );
        } else if (event.result && event.followUp) {
          // The same content as the build before, whose diagnostics were printed.
          if (!args.quiet)
            ctx.io.stdout(`[${clock()}] dated ${args.out}/ anew: ${counts(event.result)} in ${time}\n`);
        } else if (event.result) {
          for (const d of event.result.diagnostics) {
            if (!args.quiet || d.severity === 'error') ctx.io.stderr(`${formatDiagnostic(d)}\n`);
          }
          if (!args.quiet) {
            const stale = event.result.stale?.length;
            const then = stale ? ` (${stale} with a new date to follow)` : '';
            ctx.io.stdout(
              `[${clock()}] ${what}built ${args.out}/: ${counts(event.result)} in ${time}${then}\n`,
            );
            if (args.verbose) for (const f of event.result.rendered) ctx.io.stdout(`  rendered  ${f}\n`);
          }
        }
      },
    });
    if (!args.quiet) ctx.io.stderr(`Watching ${args.inputs.join(', ')} for changes. Press Ctrl+C to stop.\n`);
    await stopped;
    await watcher.close();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
