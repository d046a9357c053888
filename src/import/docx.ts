import { zipSync } from 'fflate';
import { RolemarkError } from '../errors.js';
import { inflateChecked } from './zip.js';

/**
 * The tables of a Word document (.docx), as rows of cell texts, read by mammoth (a maintained
 * OOXML reader: runs, fields, tracked changes, merged cells) behind the same zip limits as a
 * workbook. mammoth's zip library inflates a part whatever size its header declares, so the parts
 * it reads are inflated first by fflate within the declared sizes and stored again uncompressed:
 * what mammoth gets is bounded.
 */

/** The parts mammoth reads for a document's text and tables. */
const PARTS = /^(\[Content_Types\]\.xml|_rels\/\.rels|word\/[^/]+\.xml|word\/_rels\/[^/]+\.rels)$/u;

interface Element {
  type: string;
  value?: string;
  children?: Element[];
  colSpan?: number;
  rowSpan?: number;
}

/** The text of a cell: its paragraphs joined by line breaks, tabs as spaces. */
function cellText(cell: Element): string {
  const paragraphs: string[] = [];
  const walk = (e: Element, into: string[]) => {
    if (e.type === 'text') into.push(e.value ?? '');
    else if (e.type === 'tab' || e.type === 'break') into.push(' ');
    for (const child of e.children ?? []) {
      if (child.type === 'paragraph') {
        const text: string[] = [];
        walk(child, text);
        paragraphs.push(text.join(''));
      } else walk(child, into);
    }
  };
  const loose: string[] = [];
  walk(cell, loose);
  if (loose.length > 0) paragraphs.unshift(loose.join(''));
  return paragraphs
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('\n');
}

/**
 * A table as a grid: a cell spanning columns leaves blank cells after it; a cell spanning rows
 * (vertically merged in Word) repeats its text below, as a group name that spans its rows reads.
 */
function grid(table: Element): string[][] {
  const rows: string[][] = [];
  const carried = new Map<number, { text: string; left: number }>();
  for (const row of (table.children ?? []).filter((c) => c.type === 'tableRow')) {
    const cells: string[] = [];
    const place = () => {
      for (;;) {
        const carry = carried.get(cells.length);
        if (!carry) return;
        cells.push(carry.text);
        if (--carry.left === 0) carried.delete(cells.length - 1);
      }
    };
    for (const cell of (row.children ?? []).filter((c) => c.type === 'tableCell')) {
      place();
      const text = cellText(cell);
      const span = Math.max(1, Math.min(cell.colSpan ?? 1, 1000));
      if ((cell.rowSpan ?? 1) > 1) carried.set(cells.length, { text, left: (cell.rowSpan ?? 1) - 1 });
      cells.push(text, ...Array.from({ length: span - 1 }, () => ''));
    }
    place();
    rows.push(cells);
  }
  return rows;
}

/** Every table of the document that is not inside another table, in order. */
function tables(element: Element, out: Element[] = []): Element[] {
  for (const child of element.children ?? []) {
    if (child.type === 'table') out.push(child);
    else tables(child, out);
  }
  return out;
}

/** The tables of a .docx file, each as rows of cell texts. */
export async function readWordTables(bytes: Uint8Array): Promise<string[][][]> {
  const parts = inflateChecked(
    bytes,
    (name) => PARTS.test(name),
    'document',
    'Not a Word document (.docx): the file is not a valid zip archive',
  );
  if (!parts['word/document.xml'])
    throw new RolemarkError('Not a Word document (.docx): it has no word/document.xml');
  const bounded = zipSync(parts, { level: 0 });
  const { default: mammoth } = await import('mammoth');
  let found: Element[] = [];
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bounded) },
      {
        transformDocument: (document: Element) => {
          found = tables(document);
          return document;
        },
      },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new RolemarkError(`Not a readable Word document (.docx): ${message}`);
  }
  return found.map(grid);
}
