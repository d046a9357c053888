/**
 * Pages from a flow (flow.ts), as Word and LibreOffice break them: paragraphs break between lines
 * with widow and orphan control (never one line of a paragraph alone at a page's foot or top) and
 * `keepLines`; a chain of `keepNext` paragraphs (a heading and the line kept with it) goes to the
 * next page with the first lines of what follows when it does not fit; table rows that may not
 * split move whole, a run of rows kept with the next (a matrix's first 4) goes on with the row that
 * ends it and with the header rows when it starts the table, and a table's header rows repeat at
 * the top of each page it goes on to;
 * footnotes take room at the foot of the page their reference is on (a table row's that do not fit
 * under it, at the next page's foot); each section starts a page.
 * The space before a paragraph at the top of a page is left out, but for a section's first.
 * A keep longer than a page is given up, as both do.
 */
import type { Flow, Paragraph, Row, TableFlow } from './flow.js';

export interface Pages {
  /** The page each bookmark is on (counted as the pages show, from 1), by name. */
  bookmarks: Map<string, number>;
  pageCount: number;
  sectionPageCounts: number[];
}

/**
 * The footnote separator and the space around it, in points, as LibreOffice sets it: a row of 15.5
 * points and a one-line note fitted in 16.3 points at a page's foot, where Word's separator, a whole
 * line of Normal text (12.2 points), would not have let them (measured on a 7-role charter).
 */
const NOTE_SEPARATOR = 6.5;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The least of a paragraph that must go on a page with what keeps with it: its first lines. */
function head(p: Paragraph): number {
  const n = p.keepLines || (p.widowControl && p.lines.length <= 3) ? p.lines.length : p.widowControl ? 2 : 1;
  const lines = p.lines.slice(0, n);
  return sum(lines) - (lines.at(-1) ?? 0) * (1 - 1 / p.spacing);
}

/** The rows from `from` through the first after it that does not keep with the next. */
function keptRun(rows: readonly Row[], from: number): number {
  let h = 0;
  for (let r = from; r < rows.length; r++) {
    const row = rows[r] as Row;
    h += row.height;
    if (!row.keepNext) break;
  }
  return h;
}

function tableHead(t: TableFlow): number {
  let h = 0;
  for (const row of t.rows) {
    h += row.height;
    if (!row.header && !row.keepNext) break;
  }
  return h;
}

/** `trace` hears where each paragraph and table starts (page, and points down the text area). */
export function paginate(
  flow: readonly Flow[],
  trace?: (index: number, page: number, y: number) => void,
): Pages {
  const sections = flow.filter((f) => f.kind === 'section');
  const heights = sections.map((f) => f.height);
  let section = 0;
  let height = heights[0] ?? 770;
  let page = 1;
  let number = sections[0]?.start ?? 1;
  let sectionFirst = 1;
  let y = 0;
  let notes = 0;
  /**
   * The notes of a table row that did not fit under it. LibreOffice keeps the row on the page and
   * sets its notes at the next page's foot (a 6-role matrix's row at the foot of page 2, its note
   * on page 3), where a paragraph's note takes its line along with it.
   */
  let carried = 0;
  let top = true;
  let sectionStart = true;
  /** The space after the last paragraph, still to come: the larger of it and the next one's before goes between. */
  let after = 0;
  const bookmarks = new Map<string, number>();
  const sectionPageCounts: number[] = [];
  const newPage = () => {
    page++;
    number++;
    y = 0;
    notes = carried > 0 ? carried + NOTE_SEPARATOR : 0;
    carried = 0;
    after = 0;
    top = true;
    sectionStart = false;
  };
  const mark = (names: readonly string[]) => {
    for (const name of names) if (!bookmarks.has(name)) bookmarks.set(name, number);
  };
  const room = () => height - y - notes;
  const noteRoom = (ns: readonly number[]) =>
    ns.length === 0 ? 0 : sum(ns) + (notes === 0 ? NOTE_SEPARATOR : 0);
  /**
   * How tall a chain of keeps from item `i` is, up to the first lines (or rows) of the item after
   * it: what must fit on this page for the chain to stay here.
   */
  const chain = (i: number): number => {
    let h = 0;
    let previous = top ? 0 : after;
    for (let k = i; k < flow.length && k <= i + 20; k++) {
      const f = flow[k] as Flow;
      if (f.kind === 'section') return h;
      if (f.kind === 'table') {
        if (!keeps(f)) return h + previous + tableHead(f);
        h += previous + sum(f.rows.map((r) => r.height));
        previous = 0;
        continue;
      }
      const gap = k === i && top ? 0 : Math.max(previous, f.before);
      if (!keeps(f)) return h + gap + head(f);
      h += gap + sum(f.lines);
      previous = f.after;
    }
    return h;
  };

  const placeParagraph = (p: Paragraph) => {
    if (p.lines.length === 0) {
      mark(p.bookmarks);
      if (p.pageBreak) newPage();
      return;
    }
    const n = p.lines.length;
    const all = sum(p.lines);
    const noteH = noteRoom(p.notes);
    let i = 0;
    while (i < n) {
      const first = i === 0;
      const gap = !first ? 0 : top ? (sectionStart ? p.before : 0) : Math.max(after, p.before);
      // Lines that fit here, less those widow control and keepLines hold back.
      let fits = 0;
      let used = gap;
      const free = room() - (first ? noteH : 0) + 0.01;
      while (i + fits < n && used + (p.lines[i + fits] as number) / p.spacing <= free) {
        used += p.lines[i + fits] as number;
        fits++;
      }
      const rest = n - i;
      if (fits < rest) {
        if (top) fits = Math.max(fits, 1);
        else if (first && p.keepLines && all <= height) fits = 0;
        else if (p.widowControl) {
          if (rest - fits === 1 && rest >= 2) fits--;
          if (first && fits === 1 && n >= 2) fits = 0;
        }
      }
      if (fits <= 0) {
        newPage();
        continue;
      }
      if (first) {
        mark(p.bookmarks);
        notes += noteH;
      }
      y += gap + sum(p.lines.slice(i, i + fits));
      i += fits;
      top = false;
      sectionStart = false;
      if (i < n) newPage();
    }
    after = p.after;
    if (p.pageBreak) newPage();
  };

  const placeTable = (t: TableFlow) => {
    const headers: Row[] = [];
    for (const row of t.rows) {
      if (row.header && headers.length === t.rows.indexOf(row)) headers.push(row);
    }
    const headerH = sum(headers.map((r) => r.height));
    t.rows.forEach((row, r) => {
      const isHeader = r < headers.length;
      const kept = r > headers.length && (t.rows[r - 1] as Row).keepNext;
      let need = row.height + (r === 0 && !top ? after : 0);
      // The header rows go with the rows under them that keep together (the first row at least),
      // and a run of rows kept with the next goes on with the row that ends it: LibreOffice moves
      // the table's break back before the run, or the whole table on when the run starts it.
      // A run taller than a page is given up.
      if (r === 0 && headers.length > 0) need += headerH - row.height + keptRun(t.rows, headers.length);
      else if (!isHeader && !kept && row.keepNext) need += keptRun(t.rows, r) - row.height;
      if (need > height - (r === 0 ? 0 : headerH) + 0.01) need = row.height;
      if (!top && need > room() + 0.01 && !(isHeader && r > 0)) {
        newPage();
        if (!isHeader && r > headers.length) y += headerH;
      }
      mark(row.bookmarks);
      if (noteRoom(row.notes) > room() - row.height + 0.01) carried += sum(row.notes);
      else notes += noteRoom(row.notes);
      y += row.height + (r === 0 && !top ? after : 0);
      after = 0;
      top = false;
      sectionStart = false;
    });
  };

  flow.forEach((f, i) => {
    if (f.kind === 'section') {
      sectionPageCounts.push(page - sectionFirst + 1);
      if (i === flow.length - 1) return;
      section++;
      height = heights[section] ?? height;
      newPage();
      sectionStart = true;
      sectionFirst = page;
      const start = sections[section]?.start;
      if (start !== undefined) number = start;
      return;
    }
    const starts = i === 0 || (flow[i - 1] as Flow).kind === 'section' || !keeps(flow[i - 1] as Flow);
    if (starts && !top && keeps(f)) {
      const h = chain(i);
      if (h > room() + 0.01 && h <= height) newPage();
    }
    if (f.kind === 'p') placeParagraph(f);
    else placeTable(f);
    trace?.(i, page, y);
  });
  return { bookmarks, pageCount: page, sectionPageCounts };
}

const keeps = (f: Flow): boolean =>
  f.kind === 'p' ? f.keepNext && !f.pageBreak : f.kind === 'table' && f.rows.every((r) => r.keepNext);
