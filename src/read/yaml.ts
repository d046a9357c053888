import { type Document, LineCounter, parseDocument } from 'yaml';

/** YAML parsed once, with the place in its file of every offset in it. */
export interface PlacedYaml {
  document: Document;
  /** The file's line and column (1-based) of an offset in the YAML text. */
  at(offset: number): { line: number; column: number };
  /** The syntax errors, each with its place and the first line of its message. */
  errors: { message: string; line: number; column: number }[];
}

/**
 * The one way rolemark parses YAML that a user wrote (a frontmatter, the configuration, a
 * template's frontmatter, a theme), so that every problem in it is reported at its line and
 * column: keys must be unique, and values stay nodes with their ranges. `firstLine` is the file
 * line of the YAML's first line (a frontmatter starts on the line after `---`).
 */
export function parseYaml(text: string, firstLine = 1): PlacedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: firstLine + p.line - 1, column: p.col };
  };
  const errors = document.errors.map((e) => ({ message: e.message.split('\n')[0] ?? '', ...at(e.pos[0]) }));
  return { document, at, errors };
}
