/**
 * The contents' page numbers, worked out on a lighter twin of the document, by docx's estimate:
 * for documents our own typesetter (pages/, the default) cannot measure (a reference document's
 * styles, fonts other than Calibri, no Carlito installed) and with `pageEstimate: 'docx'`.
 *
 * docx's `estimatePageNumbers` lays the pages out as Word does, resolving the styles of every
 * paragraph, two or three times over. In a team charter most paragraphs are the matrix's code
 * cells: on a 125-activity chart the estimate took 1.5 s of the DOCX's 2 s, 1.3 s of it in the
 * matrix (measured with `build --verbose`; docs/performance.md). A matrix row is as tall as its
 * activity name (code cells hold a letter or two on one line, and the header row, which does hold
 * the role names, is kept whole), so the estimator is given the document with each activity row
 * cut to that first cell, plus the cells that carry a footnote reference, as footnotes take room
 * at the foot of the page. The document itself is written in full. `test/docx.test.ts` checks
 * that the bytes are the same as with the full estimate, on charters small and large, narrow and
 * wide: 1.83 s became 1.35 s on the 125-activity charter.
 */
import { createRequire } from 'node:module';
import type { PageNumberEstimator } from 'docx';
import { STYLE } from './styles.js';
import { PASSED_OVER } from './xml-write.js';

/**
 * docx/layout is 1.8 MB of code (docx's whole layout engine and its width tables), which V8
 * compiled on every DOCX writer's start (about 0.1–0.2 s of a worker's loading) though rolemark's
 * own typesetter (pages/) numbers the contents wherever it can. It is loaded on first need:
 * ahead, by a render that will use it (`loadDocxLayout`, awaited by `renderDocx`: in the bundle,
 * through the code cache), or on the spot, synchronously (`require`), when a document asks for it
 * unannounced (our typesetter failing on a body, or `docxDocument` called on its own).
 */
type Layout = typeof import('docx/layout');
let layout: Layout | undefined;

/** Loads docx/layout, for a document about to use docx's estimate. */
export async function loadDocxLayout(): Promise<void> {
  const loaded = (await import('docx/layout')) as Layout & { default?: Layout };
  // The bundle's chunk for it (scripts/bundle.mjs, through the code cache) exports the CommonJS
  // module's exports as its default.
  layout ??= typeof loaded.estimatePageNumbersWith === 'function' ? loaded : loaded.default;
}

function docxLayout(): Layout {
  layout ??= createRequire(import.meta.url)('docx/layout') as Layout;
  return layout;
}

type Xml = unknown;
type XmlObject = Record<string, Xml>;

const isObject = (x: Xml): x is XmlObject => typeof x === 'object' && x !== null && !Array.isArray(x);
/** The one key of an element object (`{ "w:tr": [...] }`), as docx's serialisable tree has it. */
const tagOf = (x: Xml): string | undefined => (isObject(x) ? Object.keys(x)[0] : undefined);
const has = (x: Xml, needle: string): boolean => JSON.stringify(x).includes(needle);

function isMatrix(table: Xml[]): boolean {
  const props = table.find((c) => tagOf(c) === 'w:tblPr');
  return props !== undefined && has(props, `"w:val":"${STYLE.matrixTable}"`);
}

/** An activity row with its first cell only (and cells with footnotes); header rows stay whole. */
function slimRow(row: Xml[]): Xml[] {
  const props = row.find((c) => tagOf(c) === 'w:trPr');
  if (props !== undefined && has(props, '"w:tblHeader"')) return row;
  let cells = 0;
  return row.filter((c) => {
    if (tagOf(c) !== 'w:tc') return true;
    cells++;
    return cells === 1 || has(c, '"w:footnoteReference"');
  });
}

/** A copy of `node` with its matrix tables slimmed; parts without a matrix are shared, not copied. */
export function slimMatrices(node: Xml): Xml {
  if (Array.isArray(node)) {
    let changed = false;
    const out = node.map((child) => {
      const next = slimMatrices(child);
      if (next !== child) changed = true;
      return next;
    });
    return changed ? out : node;
  }
  if (!isObject(node)) return node;
  const tag = tagOf(node);
  // A table docx's walks pass over (prep.ts), should docx's estimate take over from ours: the table.
  if (tag === PASSED_OVER) return slimMatrices(node[tag]);
  if (tag === 'w:tbl' && Array.isArray(node[tag]) && isMatrix(node[tag] as Xml[])) {
    const table = (node[tag] as Xml[]).map((c) =>
      tagOf(c) === 'w:tr' && Array.isArray((c as XmlObject)['w:tr'])
        ? { 'w:tr': slimRow((c as XmlObject)['w:tr'] as Xml[]) }
        : c,
    );
    return { ...node, [tag]: table };
  }
  let changed = false;
  const out: XmlObject = {};
  for (const [key, value] of Object.entries(node)) {
    const next = slimMatrices(value);
    if (next !== value) changed = true;
    out[key] = next;
  }
  return changed ? out : node;
}

type Body = Parameters<PageNumberEstimator>[0];

let guessing: ReturnType<Layout['estimatePageNumbersWith']> | undefined;

/**
 * docx's estimator with `guess`: a character without widths in Calibri (Japanese, Arabic, which
 * Word draws in a fallback font) is measured as an average letter instead of stopping the layout.
 * Without it every number after the first such name was left blank, and Word and LibreOffice print
 * a contents whose dot leaders run to the margin until the field is updated (issue 14, item 10).
 */
export function docxEstimator(): ReturnType<Layout['estimatePageNumbersWith']> {
  guessing ??= docxLayout().estimatePageNumbersWith({ guess: true });
  return guessing;
}

type Context = Parameters<PageNumberEstimator>[1];

/**
 * The estimator a document is given: `docxEstimator()` on its slimmed twin (see above), or
 * docx's own on the whole document when `full` (which `test/docx.test.ts` compares the bytes with).
 *
 * docx's estimator also works out the list numbers of the headings the contents list (for the
 * entry of a numbered heading, "1.2<tab>Scope"), reading the whole body a second time: a fifth of
 * a warm DOCX render (issue 16). No rolemark heading is numbered: its own styles have no
 * numbering, its headings none of their own, and a reference document's styles lose theirs when
 * merged (reference.ts), so the slimmed estimator is given none to work out.
 */
export function pageEstimator(options: { full?: boolean }): PageNumberEstimator {
  // The whole estimator, loaded now: docx reads its list numbers from it (`listNumbers`).
  if (options.full) return docxEstimator();
  return (body: Body, context: Context) => docxEstimator()(slimMatrices(body) as Body, context);
}
