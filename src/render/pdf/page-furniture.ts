import type { PdfContext } from './context.js';
import type { Span } from './text.js';

/** A one-line text at most `width` wide: smaller type first, and the first line only as a last resort. */
function oneLine(w: PdfContext, text: string, size: number, width: number) {
  const spans = (s: number): Span[] => w.plain(text, 'regular', s, w.theme.color.muted);
  const natural = w.ts.widthOf(spans(size));
  const fitted = natural > width ? Math.max(6, (size * width) / natural) : size;
  return w.measure(spans(fitted), width);
}

/** pdfkit's image object: opened once, drawn on every page that shows it (embedded once). */
type Opened = object;
interface Images {
  openImage(src: Buffer): Opened;
  image(src: Opened, x: number, y: number, options: { width: number; height: number }): unknown;
}
const images = new WeakMap<PdfContext, Opened>();

/** The printed size of the theme's logo within `maxW` × `maxH`, proportions kept; null without one. */
export function logoSize(
  w: PdfContext,
  maxW: number,
  maxH: number,
): { width: number; height: number } | null {
  const logo = w.theme.logo;
  if (!logo) return null;
  const ratio = logo.pixelHeight / Math.max(1, logo.pixelWidth);
  const width = Math.min(logo.width, maxW, maxH / ratio);
  return { width, height: width * ratio };
}

/** Draws the theme's logo with its top-left corner at (x, y), as an artifact unless already in one. */
export function drawLogo(
  w: PdfContext,
  x: number,
  y: number,
  size: { width: number; height: number },
  inArtifact = false,
): void {
  const logo = w.theme.logo;
  if (!logo) return;
  const doc = w.doc as unknown as Images;
  let image = images.get(w);
  if (!image) {
    image = doc.openImage(Buffer.from(logo.data, 'base64'));
    images.set(w, image);
  }
  const opened = image;
  if (inArtifact) doc.image(opened, x, y, size);
  else w.tags.artifact(() => doc.image(opened, x, y, size));
}

/**
 * The running header (the document title, from the second page on) and the footer (source,
 * version and `Page X of Y`), drawn on every page once all pages exist. They are pagination
 * artifacts: a screen reader does not read them on every page.
 */
export function drawPageFurniture(w: PdfContext): void {
  const doc = w.doc;
  const t = w.theme;
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    const width = doc.page.width - margins.left - margins.right;
    w.tags.artifact(() => {
      doc.save();
      if (i > range.start) {
        const hy = margins.top - 30;
        const header = oneLine(w, w.ir.header, t.size.header, width * 0.75);
        w.ts.draw(header, margins.left, hy, width * 0.75, { tag: null, to: 1 });
        doc
          .moveTo(margins.left, hy + 12)
          .lineTo(margins.left + width, hy + 12)
          .lineWidth(0.5)
          .stroke(t.color.rule);
      }
      const logo = t.logo && t.logo.placement !== 'cover' ? logoSize(w, width * 0.3, margins.top - 29) : null;
      if (logo) {
        // In the header band, right-aligned and standing on the header rule, on every page.
        drawLogo(w, margins.left + width - logo.width, margins.top - 21 - logo.height, logo, true);
      }
      const fy = doc.page.height - margins.bottom + 24;
      doc
        .moveTo(margins.left, fy - 7)
        .lineTo(margins.left + width, fy - 7)
        .lineWidth(0.5)
        .stroke(t.color.rule);
      const pageText = w.ir.labels.pageOf
        .replace('{page}', String(i - range.start + 1))
        .replace('{pages}', String(total));
      const footer = oneLine(w, w.ir.footer, t.size.header, width * 0.7);
      w.ts.draw(footer, margins.left, fy, width * 0.7, { tag: null, to: 1 });
      const page = w.measure(w.plain(pageText, 'regular', t.size.header, t.color.muted), width * 0.28);
      w.ts.draw(page, margins.left + width * 0.72, fy, width * 0.28, { tag: null, align: 'right', to: 1 });
      doc.restore();
    }, 'Pagination');
  }
}
