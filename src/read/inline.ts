import type { FileSuppressions, Suppression } from '../model/types.js';

/**
 * Inline control, as markdownlint and eslint have it, in HTML comments that no renderer shows:
 *
 *   <!-- rolemark-disable rule-id other-id -->   … every rule when none is named
 *   <!-- rolemark-enable rule-id -->             … until here (or the end of the file)
 *   <!-- rolemark-disable-next-line rule-id -->  … for the block that follows: a table, a list,
 *                                                   a heading, a paragraph (up to a blank line)
 *
 * The reader records which lines each comment governs (`suppressions`, on the model: this file);
 * the rule engine applies them (rules/suppress.ts) to every diagnostic it returns, the reader's included, so that `check`,
 * `build`, `build --watch`, `export` and the library's `check()` silence the same problems: this
 * is the one place that does it. No rule knows of it. A comment that silences nothing, or names a rule that does not exist, is
 * reported (`unused-disable`), so that stale comments do not pile up.
 */

interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line';
  rules: string[];
  line: number;
  column: number;
}

const COMMENT = /<!--\s*rolemark-(disable-next-line|disable|enable)\b([^>]*?)\s*-->/gu;

/** The directives of one file, outside fenced code blocks. */
function directives(text: string): Directive[] {
  const out: Directive[] = [];
  let fence: string | null = null;
  text.split(/\r?\n/u).forEach((line, i) => {
    const f = /^\s{0,3}(`{3,}|~{3,})/u.exec(line)?.[1];
    if (f && (fence === null || f.startsWith(fence))) {
      fence = fence === null ? f : null;
      return;
    }
    if (fence !== null) return;
    for (const m of line.matchAll(COMMENT)) {
      const rules = (m[2] ?? '')
        .split(/[\s,]+/u)
        .map((r) => r.trim())
        .filter((r) => r !== '');
      out.push({ kind: m[1] as Directive['kind'], rules, line: i + 1, column: (m.index ?? 0) + 1 });
    }
  });
  return out;
}

/** The lines of the block after `line`: from the next non-blank line to the line before a blank. */
function nextBlock(lines: readonly string[], line: number): [number, number] {
  let from = line + 1;
  while (from <= lines.length && (lines[from - 1] ?? '').trim() === '') from++;
  let to = from;
  while (to + 1 <= lines.length && (lines[to] ?? '').trim() !== '') to++;
  return [from, to];
}

function ranges(text: string): Suppression[] {
  const lines = text.split(/\r?\n/u);
  const out: Suppression[] = [];
  const open = new Map<string | null, Suppression>();
  const at = (d: Directive) => ({ kind: d.kind, line: d.line, column: d.column });
  for (const d of directives(text)) {
    const rules = d.rules.length > 0 ? d.rules : [null];
    for (const rule of rules) {
      if (d.kind === 'disable-next-line') {
        const [from, to] = nextBlock(lines, d.line);
        out.push({ ...at(d), rule, from, to });
      } else if (d.kind === 'disable') {
        const range = { ...at(d), rule, from: d.line, to: lines.length };
        open.set(rule, range);
        out.push(range);
      } else {
        const range = open.get(rule);
        if (range) {
          range.to = d.line;
          open.delete(rule);
        }
      }
    }
  }
  return out;
}

/** What the comments of each source govern: the reader stores it on the model. */
export function readSuppressions(sources: readonly { file: string; text: string }[]): FileSuppressions[] {
  const out: FileSuppressions[] = [];
  for (const s of sources) {
    // Most files have no comment at all: skip the line scan for them.
    if (!s.text.includes('rolemark-')) continue;
    const r = ranges(s.text);
    if (r.length > 0) out.push({ file: s.file, ranges: r });
  }
  return out;
}
