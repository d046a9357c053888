import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Diagnostic } from '../model/types.js';
import { type PlacedYaml, parseYaml } from '../read/yaml.js';
import { diagnostic, type Place } from '../rules/diagnostic.js';

/** A place in a template or theme file, 1-based like editors show it: the same as content's. */
export type { Place };

/** A string from a template or theme, with where it was written: placeholders in it report there. */
export interface PlacedText {
  text: string;
  at: Place;
}

/** Collects errors about one template or theme file; they are reported together. */
/** Problems listed for one file, at most. */
export const MAX_PROBLEMS = 100;

export class Problems {
  readonly list: Diagnostic[] = [];
  constructor(readonly file: string) {}

  add(at: Place, message: string, ruleId: string): void {
    // A hundred problems say enough: 100,000 unknown placeholders took 86 s to list.
    if (this.list.length >= MAX_PROBLEMS) return;
    // One value can stand for several (a single margin for four sides): say it once.
    if (this.list.some((d) => d.line === at.line && d.column === at.column && d.message === message)) return;
    this.list.push(diagnostic(ruleId, message, { file: at.file, line: at.line, column: at.column }));
  }
}

/**
 * A parsed YAML mapping whose values know their place in the file, so that a wrong key or value
 * is reported at `file:line:col`. `firstLine` is the file line of the YAML's first line (a
 * frontmatter starts on the line after `---`).
 */
export class YamlFile {
  private readonly yaml: PlacedYaml;
  readonly root: Node | null;

  constructor(
    readonly file: string,
    text: string,
    readonly problems: Problems,
    firstLine = 1,
  ) {
    this.yaml = parseYaml(text, firstLine);
    for (const error of this.yaml.errors) {
      problems.add(
        { file, line: error.line, column: error.column },
        `Invalid YAML: ${error.message}`,
        'yaml-invalid',
      );
    }
    this.root = this.yaml.errors.length > 0 ? null : (this.yaml.document.contents as Node | null);
  }

  offset(pos: number): Place {
    return { file: this.file, ...this.yaml.at(pos) };
  }

  at(node: Node | Pair | null | undefined): Place {
    const range = node && 'range' in node ? node.range : undefined;
    const key = node && 'key' in node ? (node.key as Node | null) : undefined;
    return this.offset(range?.[0] ?? key?.range?.[0] ?? 0);
  }

  /**
   * The entries of a mapping, each checked against `known` keys: an unknown key is an error at its
   * place, with the keys that are allowed.
   */
  entries(node: Node | null, known: readonly string[], what: string): Map<string, Node | null> {
    const out = new Map<string, Node | null>();
    if (node === null) return out;
    if (!isMap(node)) {
      this.problems.add(
        this.at(node),
        `Expected ${what} to be a mapping of \`key: value\` lines`,
        'yaml-type',
      );
      return out;
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const at = this.at(pair.key as Node);
      if (!known.includes(key)) {
        this.problems.add(
          at,
          `Unknown key \`${key}\` in ${what}; expected one of ${known.map((k) => `\`${k}\``).join(', ')}`,
          'yaml-unknown-key',
        );
        continue;
      }
      out.set(key, (pair.value as Node | null) ?? null);
    }
    return out;
  }

  /** A scalar as the text written (`version: 1.0` stays "1.0"), or undefined with an error. */
  string(node: Node | null | undefined, what: string): PlacedText | undefined {
    if (node === null || node === undefined) return undefined;
    if (!isScalar(node) || (typeof node.value === 'object' && node.value !== null)) {
      this.problems.add(this.at(node), `Expected ${what} to be a single value`, 'yaml-type');
      return undefined;
    }
    if (node.value === null) return undefined;
    const text = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
    // A quoted scalar's text starts after its quote; placeholders report at the text itself.
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
    const at = this.at(node);
    return { text, at: { ...at, column: at.column + quoted } };
  }

  /** One value of a fixed set, reported with the choices when it is none of them. */
  choice<T extends string>(
    node: Node | null | undefined,
    choices: readonly T[],
    what: string,
  ): T | undefined {
    const value = this.string(node, what);
    return value ? this.oneOf(value, choices, what) : undefined;
  }

  /** Text that must be one of `choices` (without regard to case). */
  oneOf<T extends string>(value: PlacedText, choices: readonly T[], what: string): T | undefined {
    const found = choices.find((c) => c.toLowerCase() === value.text.trim().toLowerCase());
    if (!found) {
      this.problems.add(
        value.at,
        `Unexpected ${what} \`${value.text}\`, expected one of ${choices.join(', ')}`,
        'yaml-value',
      );
    }
    return found;
  }

  /**
   * A list of scalars; a single scalar counts as a list of one. With `split`, comma-separated text
   * is split too (`formats: pdf, docx`).
   */
  list(node: Node | null | undefined, what: string, split = true): PlacedText[] {
    if (node === null || node === undefined) return [];
    if (isSeq(node)) {
      return node.items.flatMap((item) => {
        const v = this.string(item as Node, what);
        return v ? [v] : [];
      });
    }
    const one = this.string(node, what);
    if (!one) return [];
    if (!split) return [one];
    // Columns of the parts are approximate after the first; each part is usually short.
    return one.text
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '')
      .map((text) => ({ text, at: one.at }));
  }

  /** Whether a node is a mapping (for keys that take either a value or a mapping). */
  isMapping(node: Node | null | undefined): boolean {
    return node !== null && node !== undefined && isMap(node);
  }

  isList(node: Node | null | undefined): boolean {
    return node !== null && node !== undefined && isSeq(node);
  }

  /** The items of a sequence (for lists of mappings). */
  items(node: Node | null | undefined, what: string): Node[] {
    if (node === null || node === undefined) return [];
    if (!isSeq(node)) {
      this.problems.add(this.at(node), `Expected ${what} to be a list`, 'yaml-type');
      return [];
    }
    return node.items as Node[];
  }
}
