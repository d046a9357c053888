/**
 * The options of a run, from a command line and the loaded configuration: what marp-cli's
 * `fromArguments` is to marp. Every command of the CLI resolves its options here, and nowhere
 * else (test/options.test.ts), so that `check`, `build`, `export`, `fmt`, `explain`, `diff` and
 * `templates` agree on which files are read, how, and with which rules. It is light on purpose
 * (the rule registry and path arithmetic, nothing of the reader or the writers): `rolemark check`
 * uses it through `rolemark/lint`.
 *
 * Precedence, lowest first: rolemark's defaults, the configuration file, the command line. Over
 * both, per file, a document's frontmatter `rules:` (applied by the rule engine), as eslint's
 * inline configuration applies over its `--rule`.
 *
 * @packageDocumentation
 */
import { dirname, resolve } from 'node:path';
import type { Config } from './config/load.js';
import type { LoadOptions } from './config/scheme.js';
import { RolemarkError } from './errors.js';
import { didYouMean } from './model/did-you-mean.js';
import type { RuleSetting } from './model/types.js';
import type { RuleSettings } from './rules/engine.js';
import { rules as registry } from './rules/index.js';
import { templateSettings } from './templates/config.js';
import { looksLikePath } from './templates/resolve.js';
import { parseShard, type Shard } from './workflow/shard.js';

/** The configuration a run's options are resolved from (also in `rolemark/lint`). */
export { type Config, loadConfig } from './config/load.js';

/** What a command line may say about the shared options; each command has the flags it needs. */
export interface OptionArgs {
  /** Markdown files, folders or globs; the configuration's `content`, else content/. */
  inputs?: readonly string[];
  /** The output folder; the configuration's `out`, else out/. */
  out?: string;
  /** `id=severity` (`off`, `info`, `warning`, `error`), over the configuration's `rules:`. */
  rule?: readonly string[];
  /** Templates by name or path (a path is the current folder's), comma-separated or repeated. */
  template?: readonly string[];
  /** A theme by name or path. */
  theme?: string;
  /** The documents' language when the content names none. */
  lang?: string;
  /** Part i of n of the documents, `2/4`. */
  shard?: string;
}

/** The options every command shares, resolved. */
export interface Options {
  /** The configuration they were resolved from (its `file` is null without one). */
  config: Config;
  /** What to read: the command line's inputs, else the configuration's `content`, else content/. */
  inputs: string[];
  /** True when the command line named no input. */
  inputsDefaulted: boolean;
  /**
   * Where `inputs` came from: the command line, the configuration's `content`, the content/
   * folder beside a configuration that names none, or content/ in the current folder.
   */
  inputsFrom: 'command line' | 'configuration' | 'beside the configuration' | 'default';
  /** How to read: the default and custom schemes, the limits. */
  load: LoadOptions;
  /** Rule settings: the configuration's, with each `--rule` over it. */
  rules: RuleSettings;
  /** Where `.rolemarkignore` is and `ignores:` is relative to: the configuration's folder. */
  root: string;
  /** Patterns of files not to read (`ignores:`; `.rolemarkignore` is read beside `root`). */
  ignores: string[];
  /** The output folder. */
  out: string;
  /** Templates and theme (names, or absolute paths) and language, when anything names them. */
  templates?: string[];
  theme?: string;
  lang?: string;
  /** Where the project's `templates/` folder is: beside the configuration. */
  templateRoot: string;
  /** The part of the documents to build, when the command line names one. */
  shard?: Shard;
}

const SEVERITIES = ['off', 'info', 'warning', 'error'] as const;

/** Splits `a,b` and repeated values into one list, without empty items. */
const listOf = (values: readonly string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * `accountable-missing=warning` → its setting. An unknown rule or severity is a usage error (exit
 * 2) naming what was typed, with the nearest rule id or severity.
 */
export function parseRuleFlag(flag: string): [string, RuleSetting['severity']] {
  const match = /^\s*([^=:\s]+)\s*[=:]\s*(\S+)\s*$/u.exec(flag);
  if (!match) {
    throw new RolemarkError(
      `Unexpected --rule ${JSON.stringify(flag)}, expected id=severity (for example role-overloaded=off)`,
    );
  }
  const [, id = '', severity = ''] = match;
  if (!registry.some((r) => r.id === id)) {
    const near = didYouMean(
      id,
      registry.map((r) => r.id),
    );
    throw new RolemarkError(
      `Unknown rule \`${id}\` in --rule ${flag}${near ? `; did you mean \`${near}\`?` : '.'} Run \`rolemark rules\` for the list.`,
    );
  }
  if (!(SEVERITIES as readonly string[]).includes(severity)) {
    const near = didYouMean(severity, SEVERITIES);
    throw new RolemarkError(
      `Unexpected severity \`${severity}\` in --rule ${flag}, expected ${SEVERITIES.join(', ')}${near ? `; did you mean \`${near}\`?` : ''}`,
    );
  }
  return [id, severity as RuleSetting['severity']];
}

/**
 * Resolves a command line's arguments and the loaded configuration into the options of a run.
 * Paths the command line names are the current folder's; the configuration's are its own folder's
 * (already resolved by `loadConfig`). Throws a {@link RolemarkError} on a `--rule` that is not one.
 *
 * @example
 * ```ts
 * const options = resolveOptions({ rule: ['role-overloaded=off'] }, await loadConfig());
 * const diagnostics = check(await load(options.inputs, options.load), options.rules);
 * ```
 */
export function resolveOptions(args: OptionArgs, config: Config, cwd = process.cwd()): Options {
  const named = (args.inputs ?? []).filter((i) => i !== '');
  const rules: RuleSettings = { ...config.rules };
  for (const flag of listOf(args.rule)) {
    const [id, severity] = parseRuleFlag(flag);
    // A severity on the command line keeps the configuration's options for the rule.
    const base = config.rules[id];
    rules[id] = base?.options ? { ...base, severity } : { severity };
  }
  const settings = templateSettings(config, cwd);
  const here = (p: string) => (looksLikePath(p) ? resolve(cwd, p) : p);
  const templates = listOf(args.template).map(here);
  const chosen = templates.length > 0 ? templates : settings.templates;
  const theme = args.theme ? here(args.theme) : settings.theme;
  const lang = args.lang ?? settings.lang;
  const shard = args.shard !== undefined ? parseShard(args.shard) : undefined;
  const inputsFrom =
    named.length > 0
      ? 'command line'
      : config.content === undefined
        ? 'default'
        : config.contentDefaulted
          ? 'beside the configuration'
          : 'configuration';
  return {
    config,
    inputs: named.length > 0 ? named : (config.content ?? ['content']),
    inputsDefaulted: named.length === 0,
    inputsFrom,
    load: config.load,
    rules,
    root: config.root ?? (config.file ? dirname(resolve(cwd, config.file)) : cwd),
    ignores: [...(config.ignores ?? [])],
    out: args.out ?? config.out ?? 'out',
    ...(chosen ? { templates: chosen } : {}),
    ...(theme ? { theme } : {}),
    ...(lang ? { lang } : {}),
    templateRoot: settings.root,
    ...(shard ? { shard } : {}),
  };
}
