/**
 * Checks a YAML (or JSON) node against rolemark's JSON Schemas and reports problems with their
 * offsets, so that a misspelt key in `rolemark.config.yaml` or a frontmatter `rules:` is reported at
 * its line and column. It understands the subset of JSON Schema that src/config/schema.ts uses.
 */

import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { didYouMean } from '../model/did-you-mean.js';
import type { JsonSchema, JsonType } from './schema.js';

export interface SchemaIssue {
  severity: 'error' | 'warning';
  message: string;
  /** Offset in the YAML text. */
  offset: number;
  /** The path of the value, e.g. `['rules', 'too-many-consulted', 'max']`. */
  path: string[];
}

type Kind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

interface Context {
  root: JsonSchema;
  doc: Document;
  /** How to name the whole file in messages: `the configuration`, `the frontmatter`. */
  rootName: string;
}

/** Validates `node` (the document's contents) against `schema`. */
export function validateNode(
  doc: Document,
  schema: JsonSchema,
  rootName: string,
  path: string[] = [],
): SchemaIssue[] {
  const node = (doc.contents ?? null) as Node | null;
  return check(node, schema, path, node?.range?.[0] ?? 0, { root: schema, doc, rootName });
}

function resolve(schema: JsonSchema, ctx: Context): JsonSchema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) {
    const name = s.$ref.replace(/^#\/\$defs\//u, '');
    const target = ctx.root.$defs?.[name];
    if (!target) throw new Error(`Unknown schema reference ${s.$ref}`);
    s = target;
  }
  return s;
}

function deref(node: Node | null, ctx: Context): Node | null {
  return node && isAlias(node) ? ((node.resolve(ctx.doc) as Node | undefined) ?? null) : node;
}

function kindOf(node: Node | null): Kind {
  if (node === null) return 'null';
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number' || typeof v === 'bigint') return 'number';
    if (typeof v === 'boolean') return 'boolean';
    return 'string';
  }
  return 'null';
}

const scalarValue = (node: Node | null): unknown => (node && isScalar(node) ? node.value : undefined);

const TYPE_WORDS: Record<JsonType, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'nothing (null)',
};

function expectation(schema: JsonSchema, ctx: Context): string {
  const s = resolve(schema, ctx);
  if (s.enum) return `one of ${s.enum.map((v) => String(v)).join(', ')}`;
  if (s.anyOf) return [...new Set(s.anyOf.map((b) => expectation(b, ctx)))].join(' or ');
  if (s.type) return (Array.isArray(s.type) ? s.type : [s.type]).map((t) => TYPE_WORDS[t]).join(' or ');
  return 'a value';
}

/** The kinds of value a schema can accept, to pick the branch of an `anyOf` the user meant. */
function kindsOf(schema: JsonSchema, ctx: Context): Set<Kind> | null {
  const s = resolve(schema, ctx);
  if (s.type) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    return new Set(types.map((t) => (t === 'integer' ? 'number' : t)));
  }
  if (s.enum) return new Set(s.enum.map((v) => (v === null ? 'null' : (typeof v as Kind))));
  if (s.anyOf) {
    const all = new Set<Kind>();
    for (const b of s.anyOf) {
      const k = kindsOf(b, ctx);
      if (!k) return null;
      for (const x of k) all.add(x);
    }
    return all;
  }
  return null;
}

const show = (node: Node | null): string => {
  const v = scalarValue(node);
  if (node && isMap(node)) return 'a mapping';
  if (node && isSeq(node)) return 'a list';
  return v === null || v === undefined ? 'an empty value' : JSON.stringify(v);
};

const where = (path: string[], ctx: Context): string =>
  path.length ? `\`${path.join('.')}\`` : ctx.rootName;

function check(
  raw: Node | null,
  schema: JsonSchema,
  path: string[],
  offset: number,
  ctx: Context,
): SchemaIssue[] {
  const node = deref(raw, ctx);
  const s = resolve(schema, ctx);
  const at = node?.range?.[0] ?? offset;
  const error = (message: string, o = at): SchemaIssue => ({ severity: 'error', message, offset: o, path });
  const kind = kindOf(node);

  if (s.anyOf) {
    const results = s.anyOf.map((b) => check(node, b, path, offset, ctx));
    const clean = results.find((r) => r.every((i) => i.severity !== 'error'));
    if (clean) return clean;
    const matching = s.anyOf.findIndex((b) => kindsOf(b, ctx)?.has(kind) ?? true);
    if (matching >= 0) return results[matching] ?? [];
    return [error(`Unexpected ${show(node)} for ${where(path, ctx)}, expected ${expectation(s, ctx)}`)];
  }

  if (s.type) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const value = scalarValue(node);
    const ok = types.some((t) =>
      t === 'integer' ? kind === 'number' && Number.isInteger(Number(value)) : t === kind,
    );
    if (!ok)
      return [error(`Unexpected ${show(node)} for ${where(path, ctx)}, expected ${expectation(s, ctx)}`)];
  }

  if (s.enum) {
    const value = scalarValue(node);
    if (!s.enum.includes(value as string)) {
      const hint = suggest(String(value), s.enum.map(String));
      return [
        error(
          `Unexpected ${show(node)} for ${where(path, ctx)}, ${hint ? `did you mean "${hint}"?` : `expected ${expectation(s, ctx)}`}`,
        ),
      ];
    }
  }

  const issues: SchemaIssue[] = [];
  const value = scalarValue(node);
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength)
      issues.push(error(`Unexpected empty string for ${where(path, ctx)}`));
    if (s.pattern && !new RegExp(s.pattern, 'u').test(value))
      issues.push(
        error(
          `Unexpected ${show(node)} for ${where(path, ctx)}, expected ${s.patternErrorMessage ?? `text matching ${s.pattern}`}`,
        ),
      );
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum)
      issues.push(error(`Unexpected ${value} for ${where(path, ctx)}, expected at least ${s.minimum}`));
    if (s.maximum !== undefined && value > s.maximum)
      issues.push(error(`Unexpected ${value} for ${where(path, ctx)}, expected at most ${s.maximum}`));
  }
  if (node && isSeq(node) && s.items) {
    node.items.forEach((item, i) => {
      issues.push(...check(item as Node | null, s.items as JsonSchema, [...path, String(i)], at, ctx));
    });
  }
  if (node && isMap(node)) issues.push(...checkMap(node, s, path, at, ctx));
  return issues;
}

function checkMap(
  node: YAMLMap<unknown, unknown>,
  s: JsonSchema,
  path: string[],
  at: number,
  ctx: Context,
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const pair of node.items) {
    const keyNode = pair.key as Node | null;
    const key = String(scalarValue(keyNode) ?? '');
    const keyAt = keyNode?.range?.[0] ?? at;
    const valueNode = pair.value as Node | null;
    const valueAt = valueNode?.range?.[0] ?? keyAt;
    const keyPath = [...path, key];
    seen.add(key);
    const known = s.properties?.[key];
    if (known) {
      issues.push(...check(valueNode, known, keyPath, valueAt, ctx));
      continue;
    }
    const names = s.propertyNames ? resolve(s.propertyNames, ctx) : undefined;
    if (names?.pattern && !new RegExp(names.pattern, 'u').test(key)) {
      issues.push({
        severity: 'error',
        message: `Unexpected key "${key}" in ${where(path, ctx)}, expected ${names.patternErrorMessage ?? `a key matching ${names.pattern}`}`,
        offset: keyAt,
        path: keyPath,
      });
      continue;
    }
    if (s.additionalProperties === false) {
      const keys = Object.keys(s.properties ?? {});
      const hint = suggest(key, keys);
      const expected =
        path[path.length - 1] === 'rules'
          ? 'a rule id (`rolemark rules` lists them)'
          : `one of ${keys.join(', ')}`;
      issues.push({
        // A warning, not an error: a newer configuration still works with an older rolemark.
        severity: 'warning',
        message: `Unexpected ${path[path.length - 1] === 'rules' ? 'rule' : 'key'} "${key}" in ${where(path, ctx)}, ${hint ? `did you mean "${hint}"?` : `expected ${expected}`}`,
        offset: keyAt,
        path: keyPath,
      });
    } else if (typeof s.additionalProperties === 'object') {
      issues.push(...check(valueNode, s.additionalProperties, keyPath, valueAt, ctx));
    }
  }
  for (const key of s.required ?? []) {
    if (!seen.has(key)) {
      issues.push({
        severity: 'error',
        message: `Missing key "${key}" in ${where(path, ctx)}`,
        offset: at,
        path,
      });
    }
  }
  return issues;
}

/** The closest candidate when it is close enough to be a typo (`acountable-missing`, `warn`). */
export const suggest = (value: string, candidates: readonly string[]): string | undefined =>
  didYouMean(value, candidates);
