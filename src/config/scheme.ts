/**
 * Custom responsibility schemes, defined in a document's frontmatter (`scheme:` as a mapping) or in
 * the configuration (`scheme:` and `schemes:`). A definition names its codes in order, with labels,
 * colours and cardinalities, and says which code is accountable and which does the work.
 *
 * ```yaml
 * scheme:
 *   name: Decision
 *   codes:
 *     D: { label: Driver, cardinality: 1 }
 *     A: Approver
 *     C: Contributor
 *     I: Informed
 *   accountable: A
 *   doer: D
 * ```
 */
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { Scheme, SchemeCode } from '../model/types.js';
import type { SchemaIssue } from './validate.js';

/** What the reader needs from the configuration: declared by the reader, filled in here. */
export type { LoadOptions } from '../read/source.js';

/**
 * Fill colours for codes that give none, in order. The same lightened Okabe–Ito colours as the
 * built-in schemes (src/model/schemes.ts), so that custom and built-in matrices look alike.
 */
const PALETTE = ['#8CC8EE', '#F4B860', '#F2E68C', '#D9D9D9', '#9ED9BF', '#D8B4E2', '#F2A58E', '#F4F6F8'];

const child = (map: YAMLMap<unknown, unknown>, key: string): Node | null =>
  (map.get(key, true) as Node | undefined) ?? null;

const scalar = (node: Node | null): unknown => (node && isScalar(node) ? node.value : undefined);

const offsetOf = (node: Node | null, fallback: number): number => node?.range?.[0] ?? fallback;

/** A key node of `map`, to point at it rather than at its value. */
function keyNode(map: YAMLMap<unknown, unknown>, key: string): Node | null {
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return (pair?.key as Node | undefined) ?? null;
}

function cardinalityOf(node: Node | null): SchemeCode['cardinality'] | undefined {
  const value = scalar(node);
  if (typeof value === 'number') return { min: value, max: value };
  if (node && isMap(node)) {
    const min = scalar(child(node, 'min'));
    const max = scalar(child(node, 'max'));
    const c: { min?: number; max?: number } = {};
    if (typeof min === 'number') c.min = min;
    if (typeof max === 'number') c.max = max;
    return c;
  }
  return undefined;
}

/**
 * Builds a scheme from a definition that passed the JSON Schema, and checks what a schema cannot:
 * that `accountable` and `doer` are codes of the scheme, that no two codes differ only in case, and
 * that `min` is not above `max`. Returns no scheme when one of those fails.
 */
export function schemeFromNode(
  node: YAMLMap<unknown, unknown>,
  fallbackName: string,
  path: string[],
): { scheme?: Scheme; issues: SchemaIssue[] } {
  const issues: SchemaIssue[] = [];
  const start = offsetOf(node, 0);
  const problem = (message: string, at: Node | null, sub: string[]) =>
    issues.push({ severity: 'error', message, offset: offsetOf(at, start), path: [...path, ...sub] });
  const name = String(scalar(child(node, 'name')) ?? fallbackName);
  const codesNode = child(node, 'codes');
  const codes: SchemeCode[] = [];
  const seen = new Map<string, string>();
  if (codesNode && isMap(codesNode)) {
    codesNode.items.forEach((pair, i) => {
      const code = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const value = (pair.value as Node | null) ?? null;
      const other = seen.get(code.toUpperCase());
      if (other !== undefined) {
        problem(
          `Unexpected code "${code}" in scheme "${name}", already defined as "${other}" (codes are read without regard to case)`,
          pair.key as Node,
          ['codes', code],
        );
        return;
      }
      seen.set(code.toUpperCase(), code);
      const entry: SchemeCode = { code, label: code, color: PALETTE[i % PALETTE.length] as string };
      if (typeof scalar(value) === 'string') entry.label = scalar(value) as string;
      if (value && isMap(value)) {
        entry.label = String(scalar(child(value, 'label')) ?? code);
        const color = scalar(child(value, 'color'));
        if (typeof color === 'string') entry.color = color.toUpperCase();
        const description = scalar(child(value, 'description'));
        if (typeof description === 'string') entry.description = description;
        const cardNode = child(value, 'cardinality');
        const card = cardinalityOf(cardNode);
        if (card) {
          if (card.min !== undefined && card.max !== undefined && card.min > card.max) {
            problem(
              `Unexpected cardinality of "${code}" with min ${card.min} above max ${card.max}`,
              cardNode,
              ['codes', code, 'cardinality'],
            );
          } else {
            entry.cardinality = card;
          }
        }
      }
      codes.push(entry);
    });
  }
  // A missing or malformed `codes` is the schema's to report; an empty mapping is not.
  if (codes.length === 0 && codesNode && isMap(codesNode))
    problem(`Missing codes in scheme "${name}", expected at least 1`, codesNode, ['codes']);

  const role = (key: 'accountable' | 'doer', conventional: string): string | null => {
    const n = child(node, key);
    const given = n ? scalar(n) : undefined;
    if (given === undefined) return codes.some((c) => c.code === conventional) ? conventional : null;
    if (given === null || typeof given !== 'string') return null;
    const code = codes.find((c) => c.code.toUpperCase() === String(given).toUpperCase());
    if (!code) {
      problem(
        `Unexpected ${key} code "${String(given)}" in scheme "${name}", expected one of its codes: ${codes.map((c) => c.code).join(', ')}`,
        n ?? keyNode(node, key),
        [key],
      );
      return null;
    }
    return code.code;
  };
  const accountable = role('accountable', 'A');
  const doer = role('doer', 'R');
  if (issues.length > 0) return { issues };
  return { scheme: { name, codes, accountable, doer }, issues };
}

// Found by name in model/schemes.ts, where the reader finds it too (`scheme: NAME` in a frontmatter).
export { findCustomScheme } from '../model/schemes.js';
