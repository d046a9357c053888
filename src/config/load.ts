/**
 * Finds and reads `rolemark.config.yaml` (or `.yml`, or `.json`). Kept cheap on purpose: it loads
 * `yaml` and the rule metadata, nothing of the reader or the writers, so `rolemark check` starts
 * fast. Problems are `config-invalid` diagnostics with their position; only a file that cannot be
 * read or parsed at all is a RolemarkError (exit 2).
 */
import { access } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isMap, type Node } from 'yaml';
import { RolemarkError } from '../errors.js';
import { findScheme } from '../model/schemes.js';
import type { Diagnostic, RuleSetting, Scheme } from '../model/types.js';
import { type Limits, parseSize } from '../read/limits.js';
import { readFileCapped } from '../read/regular-file.js';
import { parseYaml } from '../read/yaml.js';
import { diagnostic } from '../rules/diagnostic.js';
import { hasErrorUnder, ruleSettingsFromNode } from './rules.js';
import { configSchema } from './schema.js';
import { findCustomScheme, type LoadOptions, schemeFromNode } from './scheme.js';
import { type SchemaIssue, validateNode } from './validate.js';

export const CONFIG_FILES = ['rolemark.config.yaml', 'rolemark.config.yml', 'rolemark.config.json'] as const;

export interface Config {
  /** The file read, as shown in diagnostics; null when there is none. */
  file: string | null;
  /** Inputs when the command line names none, relative to the working directory. */
  content?: string[];
  /** True when the file names no `content`: `content` is then the content/ folder beside it. */
  contentDefaulted?: boolean;
  /** The output folder, relative to the working directory. */
  out?: string;
  /** Patterns of files not to read (.gitignore syntax), relative to `root`. */
  ignores?: string[];
  /** The folder of the configuration file (the working directory without one): paths are its. */
  root?: string;
  /** What the reader needs: the default scheme and the custom schemes. */
  load: LoadOptions;
  rules: Record<string, RuleSetting>;
  /** Reserved for templates and themes: passed through as written. */
  template?: unknown;
  theme?: unknown;
  lang?: string;
  diagnostics: Diagnostic[];
}

const EMPTY: Config = { file: null, load: {}, rules: {}, diagnostics: [] };

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * The configuration file that applies in `cwd`: the first found walking up from it, stopping at
 * the folder that holds `.git` (the project root) or at the file system root.
 */
export async function findConfig(cwd = process.cwd()): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const path = join(dir, name);
      if (await exists(path)) return path;
    }
    const parent = dirname(dir);
    if (parent === dir || (await exists(join(dir, '.git')))) return undefined;
    dir = parent;
  }
}

const shown = (path: string, cwd: string): string => {
  const rel = relative(cwd, path);
  return (rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel).split(sep).join('/');
};

/**
 * Loads the configuration: `file` when given (it must exist), else the one `findConfig` finds,
 * else the defaults.
 */
export async function loadConfig(options: { cwd?: string; file?: string } = {}): Promise<Config> {
  const cwd = options.cwd ?? process.cwd();
  const path = options.file ? resolve(cwd, options.file) : await findConfig(cwd);
  if (!path) return { ...EMPTY, diagnostics: [] };
  // A regular file of at most 1 MB (src/read/regular-file.ts): never a FIFO, a device or /proc.
  const text = (
    await readFileCapped(path, { maxBytes: 1024 * 1024, what: 'configuration', shown: shown(path, cwd) })
  ).toString('utf8');
  const config = parseConfig(text.replace(/^\uFEFF/u, ''), shown(path, cwd), { cwd, dir: dirname(path) });
  // A configuration that names no `content` or `out` still anchors them: content/ and out/ beside
  // it, so that every command works from any subfolder of the project (init writes one that
  // names neither).
  const beside = (p: string) => shown(resolve(dirname(path), p), cwd);
  if (config.content === undefined) {
    config.content = [beside('content')];
    config.contentDefaulted = true;
  }
  config.out ??= beside('out');
  return config;
}

/**
 * Reads configuration text (YAML, or JSON, which YAML reads too). `file` is how diagnostics name
 * it; relative paths in it are relative to `dir`, and are returned relative to `cwd`.
 */
export function parseConfig(
  text: string,
  file: string,
  where: { cwd: string; dir: string } = { cwd: process.cwd(), dir: process.cwd() },
): Config {
  const placed = parseYaml(text);
  const yaml = placed.document;
  const first = placed.errors[0];
  if (first) {
    throw new RolemarkError(`${file}:${first.line}:${first.column}: Invalid configuration: ${first.message}`);
  }
  const config: Config = { file, load: {}, rules: {}, diagnostics: [], root: where.dir };
  if (yaml.contents === null) return config;

  const issues: SchemaIssue[] = validateNode(yaml, configSchema(), 'the configuration');
  const ok = (key: string) => !hasErrorUnder(issues, [key]);
  const map = yaml.contents;
  if (isMap(map)) {
    const get = (key: string) => (map.get(key, true) as Node | undefined) ?? null;
    const value = (key: string) => get(key)?.toJSON() as unknown;
    const path = (p: string) => shown(resolve(where.dir, p), where.cwd);

    const content = value('content');
    if (content !== undefined && ok('content'))
      config.content = (Array.isArray(content) ? content : [content]).map((p) => path(String(p)));
    const out = value('out');
    if (typeof out === 'string' && ok('out')) config.out = path(out);
    const ignores = value('ignores');
    if (Array.isArray(ignores) && ok('ignores')) config.ignores = ignores.map(String);

    const schemes: Scheme[] = [];
    const schemesNode = get('schemes');
    if (schemesNode && isMap(schemesNode)) {
      for (const pair of schemesNode.items) {
        const name = String((pair.key as { value?: unknown })?.value ?? pair.key);
        const def = pair.value as Node | null;
        if (!def || !isMap(def)) continue;
        const valid = !hasErrorUnder(issues, ['schemes', name]);
        const built = schemeFromNode(def, name, ['schemes', name]);
        issues.push(...built.issues);
        if (built.scheme && valid) schemes.push(built.scheme);
      }
    }
    if (schemes.length > 0) config.load.schemes = schemes;

    const schemeNode = get('scheme');
    if (schemeNode) {
      if (isMap(schemeNode)) {
        const valid = ok('scheme');
        const built = schemeFromNode(schemeNode, 'Custom', ['scheme']);
        issues.push(...built.issues);
        if (built.scheme && valid) config.load.scheme = built.scheme;
      } else if (ok('scheme')) {
        const name = String(value('scheme'));
        const scheme = findCustomScheme(name, schemes) ?? findScheme(name);
        if (scheme) config.load.scheme = scheme;
        else
          issues.push({
            severity: 'error',
            message: `Unknown scheme "${name}", expected a built-in scheme (RACI, RASCI, RACI-VS, CAIRO, DACI, RAPID) or one of \`schemes\``,
            offset: schemeNode.range?.[0] ?? 0,
            path: ['scheme'],
          });
      }
    }

    const limits = value('limits');
    if (limits && typeof limits === 'object' && ok('limits')) {
      const read: Partial<Limits> = {};
      for (const [key, v] of Object.entries(limits as Record<string, unknown>)) {
        const n = key === 'fileSize' ? parseSize(v) : v;
        if (typeof n === 'number') read[key as keyof Limits] = n;
      }
      config.load.limits = read;
    }

    const rulesNode = get('rules');
    if (rulesNode && isMap(rulesNode)) config.rules = ruleSettingsFromNode(rulesNode, ['rules'], issues);

    for (const key of ['template', 'theme'] as const) if (value(key) !== undefined) config[key] = value(key);
    const lang = value('lang');
    if (typeof lang === 'string') config.lang = lang;
  }

  for (const issue of issues) {
    const place = { file, ...placed.at(issue.offset) };
    // An unknown key is a warning, a wrong value an error: the validator says which.
    config.diagnostics.push({
      ...diagnostic('config-invalid', issue.message, place),
      severity: issue.severity,
    });
  }
  return config;
}
