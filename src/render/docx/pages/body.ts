/**
 * The whole formatted body as a flow (flow.ts): its paragraphs, its tables' rows with their
 * heights, and where each section ends with the height of its text area.
 */

import { PASSED_OVER } from '../xml-write.js';
import {
  attr,
  child,
  type Flow,
  type FlowContext,
  kids,
  nameOf,
  paragraphFlow,
  paragraphWidth,
  type Row,
  valOf,
  type Xml,
} from './flow.js';

const DXA = 20;

/** Cell margins (top, left) in DXA of rolemark's table styles (styles.ts), by table style id. */
const CELL_MARGINS: Record<string, [number, number]> = {
  RolemarkMatrix: [40, 80],
  RolemarkTable: [40, 80],
  RolemarkLegend: [20, 80],
};
/** The rules between rows, in points: ruled tables' inside hairline, a legend's white line. */
const RULES: Record<string, { outer: number; inside: number }> = {
  RolemarkMatrix: { outer: 1, inside: 0.5 },
  RolemarkTable: { outer: 1, inside: 0.5 },
  RolemarkLegend: { outer: 0, inside: 0.25 },
};

interface Section {
  width: number;
  height: number;
  start?: number;
}

function sectionOf(sectPr: Xml): Section {
  const size = child(sectPr, 'w:pgSz');
  const margin = child(sectPr, 'w:pgMar');
  const n = (el: Xml | undefined, name: string, fallback: number) => Number(el && attr(el, name)) || fallback;
  const w = n(size, 'w:w', 11906);
  const h = n(size, 'w:h', 16838);
  const numbers = child(sectPr, 'w:pgNumType');
  const start = numbers && attr(numbers, 'w:start');
  return {
    width: (w - n(margin, 'w:left', 1440) - n(margin, 'w:right', 1440)) / DXA,
    height: (h - n(margin, 'w:top', 1440) - n(margin, 'w:bottom', 1440)) / DXA,
    ...(start !== undefined ? { start: Number(start) } : {}),
  };
}

/** The section properties that end each section, in order (the body's own last). */
function sections(body: Xml[]): Section[] {
  const out: Section[] = [];
  for (const block of body) {
    if (nameOf(block) === 'w:sectPr') out.push(sectionOf(block));
    else if (nameOf(block) === 'w:p') {
      const props = child(block, 'w:pPr');
      const sect = props && child(props, 'w:sectPr');
      if (sect) out.push(sectionOf(sect));
    }
  }
  return out;
}

/**
 * A cell's margins in DXA: its own (`w:tcMar`, which the matrix sets for its denser rows and its
 * narrow short-named columns), else its table style's top and side.
 */
function cellMargins(
  tcPr: Xml | undefined,
  top: number,
  side: number,
): { top: number; bottom: number; left: number; right: number } {
  const mar = tcPr && child(tcPr, 'w:tcMar');
  const own = (name: string, fallback: number) => {
    const el = mar && child(mar, name);
    const w = el && attr(el, 'w:w');
    return w === undefined ? fallback : Number(w) || 0;
  };
  return {
    top: own('w:top', top),
    bottom: own('w:bottom', top),
    left: own('w:left', own('w:start', side)),
    right: own('w:right', own('w:end', side)),
  };
}

/**
 * Each cell's measure, by the formatted cell: a matrix's code cell is one object wherever it
 * stands (prep.ts, `formatOnce`), measured once for the document (given the same context and
 * table margins) instead of in every row.
 */
const measured = new WeakMap<
  object,
  {
    ctx: FlowContext;
    top: number;
    side: number;
    height: number;
    keepNext: boolean;
    bookmarks: string[];
    notes: number[];
  }
>();

/** A table's rows, each as tall as its tallest cell (at least its set height). */
function tableRows(table: Xml, ctx: FlowContext): Row[] {
  const props = child(table, 'w:tblPr');
  const style = valOf(props, 'w:tblStyle') ?? '';
  const [top, side] = CELL_MARGINS[style] ?? [0, 108];
  const rules = RULES[style] ?? { outer: 0, inside: 0 };
  const rows = kids(table).filter((k) => nameOf(k) === 'w:tr');
  return rows.map((row, r) => {
    const trPr = child(row, 'w:trPr');
    const heightEl = trPr && child(trPr, 'w:trHeight');
    const set = Number(heightEl && attr(heightEl, 'w:val')) / DXA || 0;
    const exact = heightEl !== undefined && attr(heightEl, 'w:hRule') === 'exact';
    let content = 0;
    let keepNext = true;
    const bookmarks: string[] = [];
    const notes: number[] = [];
    for (const cell of kids(row).filter((k) => nameOf(k) === 'w:tc')) {
      const known = measured.get(cell as object);
      if (known && known.ctx === ctx && known.top === top && known.side === side) {
        content = Math.max(content, known.height);
        keepNext &&= known.keepNext;
        bookmarks.push(...known.bookmarks);
        notes.push(...known.notes);
        continue;
      }
      const marks = bookmarks.length;
      const noted = notes.length;
      let cellKeepNext = true;
      const tcPr = child(cell, 'w:tcPr');
      const wEl = tcPr && child(tcPr, 'w:tcW');
      const width = Number(wEl && attr(wEl, 'w:w')) / DXA || 100;
      const dir = tcPr && child(tcPr, 'w:textDirection');
      const rotated = dir !== undefined && /btLr|tbRl/.test(attr(dir, 'w:val') ?? '');
      const m = cellMargins(tcPr, top, side);
      let h = (m.top + m.bottom) / DXA;
      for (const block of kids(cell)) {
        if (nameOf(block) === 'w:p') {
          // Rotated text runs up the cell: its length is the height it needs (one line).
          const p = paragraphFlow(block, rotated ? 10_000 : width - (m.left + m.right) / DXA, ctx, true);
          if (rotated) h += paragraphWidth(block, ctx);
          else h += p.before + p.lines.reduce((a, b) => a + b, 0) + p.after;
          cellKeepNext &&= p.keepNext;
          bookmarks.push(...p.bookmarks);
          notes.push(...p.notes);
        } else if (nameOf(block) === 'w:tbl') {
          h += tableRows(block, ctx).reduce((a, x) => a + x.height, 0);
        }
      }
      keepNext &&= cellKeepNext;
      content = Math.max(content, h);
      measured.set(cell as object, {
        ctx,
        top,
        side,
        height: h,
        keepNext: cellKeepNext,
        bookmarks: bookmarks.slice(marks),
        notes: notes.slice(noted),
      });
    }
    const rule = r === 0 ? rules.outer : rules.inside;
    const last = r === rows.length - 1 ? rules.outer : 0;
    return {
      height: (exact ? set : Math.max(set, content)) + rule + last,
      cantSplit: trPr !== undefined && child(trPr, 'w:cantSplit') !== undefined,
      header: trPr !== undefined && child(trPr, 'w:tblHeader') !== undefined,
      keepNext,
      bookmarks,
      notes,
    };
  });
}

/** The body as a flow, with the end of each section. */
export function bodyFlow(body: Xml, ctx: FlowContext): Flow[] {
  const blocks = kids(body);
  const sects = sections(blocks);
  let s = 0;
  const width = () => sects[Math.min(s, sects.length - 1)]?.width ?? 451;
  const out: Flow[] = [];
  const walk = (list: Xml[]) => {
    for (const block of list) {
      const name = nameOf(block);
      if (name === 'w:p') {
        out.push(paragraphFlow(block, width(), ctx));
        const props = child(block, 'w:pPr');
        if (props && child(props, 'w:sectPr')) {
          const sect = sects[s++] as { height: number; start?: number };
          out.push({
            kind: 'section',
            height: sect.height,
            ...(sect.start !== undefined ? { start: sect.start } : {}),
          });
        }
      } else if (name === 'w:tbl') out.push({ kind: 'table', rows: tableRows(block, ctx) });
      // A table docx's walks pass over (prep.ts `passOver`): the table it holds.
      else if (name === PASSED_OVER) walk([(block as Record<string, Xml>)[PASSED_OVER]]);
      else if (name === 'w:sdt') walk(kids(child(block, 'w:sdtContent')));
      else if (name === 'w:sectPr') {
        const sect = sects[s++] as { height: number; start?: number };
        out.push({
          kind: 'section',
          height: sect.height,
          ...(sect.start !== undefined ? { start: sect.start } : {}),
        });
      }
    }
  };
  walk(blocks);
  return out;
}
