/**
 * A TrueType glyph's metrics worked out once per process for each (font file, glyph), instead of
 * once per document. Each document has its own copy of each font (fonts.ts's `freshCopy`), so its
 * own glyph objects, and the first `advanceWidth` pdfkit reads of each glyph made fontkit decode
 * the glyph's `hmtx` entry and the bounding box in its `glyf` header again, through restructure:
 * 84 ms of a build of M's PDFs (`--jobs 1`), with the garbage it leaves. Without a variation
 * instance, a glyph's metrics depend only on the font's tables, which the copies of a file share;
 * the object is the one fontkit made for the first copy, and nothing writes to it then (fontkit
 * changes metrics in place only for a variation instance, which keeps its own).
 */

interface Metrics {
  advanceWidth: number;
  advanceHeight: number;
  leftBearing: number;
  topBearing: number;
}

/** The parts of fontkit's `TTFGlyph` this module touches. */
interface Glyph {
  id: number;
  _metrics?: Metrics;
  _font: { _tables: object; _variationProcessor?: unknown };
  _getMetrics(): Metrics;
}

/** Per font file (the tables its copies share), each glyph's metrics. */
const shared = new WeakMap<object, Map<number, Metrics>>();
const PATCHED = Symbol.for('rolemark.sharedMetrics');

/** How many glyph metrics fontkit worked out and how many were shared, since the process started. */
export const metricsCounts = { computed: 0, shared: 0 };

/**
 * Makes fontkit's TrueType glyphs (the class of `glyph`) take their metrics from any glyph of
 * the same id in a font sharing its tables. Patched once per process.
 */
export function shareGlyphMetrics(glyph: object): void {
  const proto = Object.getPrototypeOf(glyph) as Glyph & { [PATCHED]?: true };
  if (proto[PATCHED] || !Object.hasOwn(proto, '_getMetrics')) return;
  const own = proto._getMetrics;
  proto._getMetrics = function sharedMetrics(this: Glyph): Metrics {
    if (this._metrics) return this._metrics;
    const font = this._font;
    if (font._variationProcessor) return own.call(this);
    let byId = shared.get(font._tables);
    if (!byId) {
      byId = new Map();
      shared.set(font._tables, byId);
    }
    let metrics = byId.get(this.id);
    if (metrics === undefined) {
      metrics = own.call(this);
      byId.set(this.id, metrics);
      metricsCounts.computed++;
    } else {
      this._metrics = metrics;
      metricsCounts.shared++;
    }
    return metrics;
  };
  proto[PATCHED] = true;
}
