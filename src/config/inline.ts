import type { Diagnostic } from '../model/types.js';
import { diagnostic } from '../rules/diagnostic.js';

/**
 * Inline control, as markdownlint and eslint have it, in HTML comments that no renderer shows:
 *
 *   <!-- rolemark-disable rule-id other-id -->   … every rule when none is named
 *   <!-- rolemark-enable rule-id -->             … until here (or the end of the file)
 *   <!-- rolemark-disable-next-line rule-id -->  … for the block that follows: a table, a list,
 *                                                   a heading, a paragraph (up to a blank line)
 *
 * Applied to the diagnostics by position after the rule engine, so that neither the reader nor
 * the rules know of it. A comment that silences nothing, or names a rule that does not exist, is
 * reported (`unused-disable`), so that stale comments do not pile up.
 */

interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line';
  rules: string[];
  line: number;
  column: number;
}

interface Range {
  directive: Directive;
  rule: string | null;
  from: number;
  to: number;
  used: boolean;
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

function ranges(text: string): Range[] {
  const lines = text.split(/\r?\n/u);
  const out: Range[] = [];
  const open = new Map<string | null, Range>();
  for (const d of directives(text)) {
    const rules = d.rules.length > 0 ? d.rules : [null];
    for (const rule of rules) {
      if (d.kind === 'disable-next-line') {
        const [from, to] = nextBlock(lines, d.line);
        out.push({ directive: d, rule, from, to, used: false });
      } else if (d.kind === 'disable') {
        const range = { directive: d, rule, from: d.line, to: lines.length, used: false };
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

/**
 * The diagnostics the comments in `sources` leave, plus a warning for each comment (and rule
 * named in it) that silenced nothing or names no rule in `knownRules`.
 */
export function applyInlineConfig(
  diagnostics: readonly Diagnostic[],
  sources: readonly { file: string; text: string }[],
  knownRules: readonly string[],
): Diagnostic[] {
  const byFile = new Map<string, Range[]>();
  for (const s of sources) {
    if (!s.text.includes('rolemark-')) continue;
    const r = ranges(s.text);
    if (r.length > 0) byFile.set(s.file, r);
  }
  if (byFile.size === 0) return [...diagnostics];
  const kept = diagnostics.filter((d) => {
    const matching = (byFile.get(d.file) ?? []).filter(
      (r) => (r.rule === null || r.rule === d.ruleId) && d.line >= r.from && d.line <= r.to,
    );
    for (const r of matching) r.used = true;
    return matching.length === 0;
  });
  const known = new Set(knownRules);
  for (const [file, list] of byFile) {
    for (const r of list) {
      if (r.used) continue;
      const { line, column, kind } = r.directive;
      const what = r.rule === null ? `\`rolemark-${kind}\`` : `\`rolemark-${kind} ${r.rule}\``;
      const message =
        r.rule !== null && !known.has(r.rule)
          ? `Unexpected rule \`${r.rule}\` in ${what}, expected a rule id (\`rolemark rules\` lists them)`
          : `Unused ${what}: no such problem to silence here; remove the comment`;
      kept.push(diagnostic('unused-disable', message, { file, line, column }));
    }
  }
  return kept;
}
