/**
 * Our own page-number estimate for the DOCX contents (issue 16): the pages of the formatted body
 * worked out in one pass with Carlito's widths (Calibri's metrics) and rolemark's styles, instead
 * of docx's `estimatePageNumbers`, which lays the document out as Word does, in general, two or
 * three times over and took ~60% of a warm DOCX render. It is used for documents in rolemark's own
 * styles and fonts; a reference document's styles or another font get docx's estimate (estimate.ts),
 * which knows them, and so does a machine without Carlito.
 *
 * How close it comes to LibreOffice's pages is what `test/docx-pages.e2e.test.ts` measures.
 */
import type { EstimatedPageNumbers, PageNumberEstimator } from 'docx';
import { type Look, textWidthOf } from '../look.js';
import { bodyFlow } from './body.js';
import type { FlowContext, Xml } from './flow.js';
import { carlito, type Metrics } from './metrics.js';
import { paginate } from './paginate.js';
import { characterSettings, styleSettings } from './styles.js';

/** Fonts whose widths are Carlito's. */
const CARLITO = /^(calibri|carlito)$/i;

/** Whether our typesetter can measure a document with this look: Calibri throughout, and Carlito here. */
export function canTypeset(look: Look, metrics: Metrics | null = carlito() ?? null): boolean {
  return CARLITO.test(look.font) && CARLITO.test(look.headingFont) && metrics !== null;
}

/** The pages of a formatted body, each bookmark's and the document's page count. */
export function typesetPages(body: Xml, ctx: FlowContext): EstimatedPageNumbers {
  const pages = paginate(bodyFlow(body, ctx));
  return {
    bookmarks: new Map([...pages.bookmarks].map(([name, page]) => [name, String(page)])),
    bookmarkPageNumbers: pages.bookmarks,
    pageCount: pages.pageCount,
    sectionPageCounts: pages.sectionPageCounts,
  };
}

/**
 * Our estimator for a document with this look and these footnotes, or undefined when it cannot
 * measure it: a font other than Calibri, or no Carlito on this machine (`metrics` null).
 */
export function ownEstimator(
  look: Look,
  notes: ReadonlyMap<string, string>,
  metrics: Metrics | null = carlito() ?? null,
): PageNumberEstimator | undefined {
  if (!canTypeset(look, metrics) || !metrics) return undefined;
  const ctx: FlowContext = {
    metrics,
    styles: styleSettings(look),
    characters: characterSettings(look),
    notes,
    noteWidth: textWidthOf(look.page, false) / 20,
    // numbering() in styles.ts: 360 DXA a level.
    listIndent: (level) => 360 * (level + 1),
  };
  return (body) => typesetPages(body, ctx);
}
