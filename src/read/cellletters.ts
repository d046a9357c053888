import type { RootContent } from 'mdast';
import { builtInSchemes, RACI } from '../model/schemes.js';
import { splitNotes } from './cells.js';
import { codeIndex, codesOfLabel } from './codes.js';
import { nodeText } from './markdown.js';
import type { ParsedDocument } from './parsed.js';

/**
 * Without a legend, code letters in the cells that RACI does not have choose the scheme, as code
 * headers do: `S` beside `R` and `A` makes the chart RASCI, `O` CAIRO (the smallest built-in
 * scheme with every letter the cells use). A letter counts when two cells or more use it, or when
 * the file names the scheme (`## RASCI`), so that one stray letter stays an unknown code.
 */
export function lettersInCells(doc: ParsedDocument, nodes: readonly RootContent[]): void {
  const raci = codeIndex(RACI);
  const known = new Set(builtInSchemes().flatMap((s) => s.codes.map((c) => c.code)));
  const cellsWith = new Map<string, number>();
  for (const node of nodes) {
    if (node.type !== 'table') continue;
    const headers = (node.children[0]?.children ?? []).map((c) => nodeText(c));
    // A table with codes as headers holds role names in its cells.
    if (headers.filter((h) => codesOfLabel(h, raci) !== undefined).length >= 2) continue;
    for (const row of node.children.slice(1)) {
      for (const cell of row.children.slice(1)) {
        const tokens = splitNotes(nodeText(cell))
          .body.replace(/[*_`]/gu, '')
          .split(/[\s/,+;&]+/u)
          .filter((t) => t !== '');
        if (tokens.length === 0 || !tokens.every((t) => known.has(t))) continue;
        for (const t of new Set(tokens)) cellsWith.set(t, (cellsWith.get(t) ?? 0) + 1);
      }
    }
  }
  const extra = [...cellsWith.keys()].filter((letter) => codesOfLabel(letter, raci) === undefined);
  if (extra.length === 0) return;
  const named = builtInSchemes().filter(
    (s) => s !== RACI && new RegExp(`\\b${s.name}\\b`, 'u').test(doc.text),
  );
  const counted = extra.filter(
    (letter) =>
      (cellsWith.get(letter) ?? 0) >= 2 || named.some((s) => s.codes.some((c) => c.code === letter)),
  );
  if (counted.length === 0) return;
  doc.codeHeaders.push(...cellsWith.keys());
}
