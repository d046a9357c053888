/**
 * OpenType shaping done once per process for each (font file, word), instead of once per document.
 *
 * pdfkit shapes every word it measures or draws with fontkit's `font.layout` (GSUB, GPOS, script
 * detection), and caches the result per document only: each document has its own copy of each font
 * (`freshCopy` in fonts.ts), so the same words were shaped again in every role charter, and a warm
 * render of the team charter spent a fifth of its CPU in fontkit's layout engine.
 *
 * Shaping itself is a pure function of the font's tables and the text, except for one thing: the
 * glyph objects a font copy caches remember the characters they were first made from
 * (`glyph.codePoints`), the shaper reads them (script features, default ignorables), and pdfkit
 * writes them into the PDF's text layer. So the first layout of a text records, besides the glyph
 * ids and positions, every glyph request it made (`getGlyph`, `_getBaseGlyph`) and the characters of
 * the glyph each one returned. Another copy replays those requests: when each returns a glyph with
 * the same characters, the copy is in the state the layout saw and the result is the same, down to
 * the glyph objects; otherwise (a glyph first made from other characters) it shapes the text itself.
 * A replay that stops half-way has only made the requests the real layout makes first, in the same
 * order, so falling back is safe. No output byte changes (test/shared-layout.test.ts checks this
 * against fontkit on mixed scripts).
 */
import type * as fontkit from 'fontkit';

interface Glyph {
  id: number;
  codePoints: number[];
}

type Request = (id: number, characters?: number[]) => Glyph | null | undefined;

/** The parts of a fontkit font (and of the glyph run it returns) this module touches. */
interface Shaper {
  layout(text: unknown, ...rest: unknown[]): Run;
  getGlyph: Request;
  _getBaseGlyph: Request;
}

interface Run {
  glyphs: Glyph[];
  positions: Record<string, number>[];
  readonly advanceWidth: number;
}

/** One glyph request made while shaping, and the characters of the glyph it returned. */
export interface Call {
  base: boolean;
  id: number;
  characters: number[] | undefined;
  /** The returned glyph's characters (a copy), or what was returned instead of a glyph. */
  seen: readonly number[] | null | undefined;
}

export interface Recorded {
  calls: Call[];
  /** Per glyph of the run, the index of the request that returned it. */
  glyphs: number[];
  /** xAdvance, yAdvance, xOffset, yOffset per glyph. */
  positions: Float64Array;
}

const POSITION_KEYS = ['xAdvance', 'yAdvance', 'xOffset', 'yOffset'] as const;

/**
 * Recorded layouts by font, then text; null: a layout that cannot be replayed (shaped each time).
 * A map per font rather than one keyed by font and text joined: a key made of two strings was a
 * new string to copy and hash on every word pdfkit measured or drew.
 */
const recorded = new Map<string, Map<string, Recorded | null>>();
/** How many layouts `recorded` holds, over all fonts. */
let recordedCount = 0;
const MAX_RECORDED = 100_000;

/** The recorded layouts of the font file keyed `key`. */
function recordedOf(key: string): Map<string, Recorded | null> {
  let byText = recorded.get(key);
  if (!byText) {
    byText = new Map();
    recorded.set(key, byText);
  }
  return byText;
}

/**
 * Told of each layout recorded for a font key, as it is recorded (shaping-cache.ts keeps them).
 * One listener per process: the cache of the process's fonts.
 */
let onRecorded: ((key: string, text: string, entry: Recorded) => void) | undefined;

export function listenToRecorded(listener: typeof onRecorded): void {
  onRecorded = listener;
}

/**
 * Adds layouts recorded elsewhere (another process: shaping-cache.ts) for the font file keyed
 * `key`, where this process has none of its own. They replay as a layout recorded here does:
 * only when each glyph request returns a glyph made from the characters the recording saw.
 */
export function adoptLayouts(key: string, entries: Iterable<readonly [string, Recorded]>): number {
  const byText = recordedOf(key);
  let adopted = 0;
  for (const [text, entry] of entries) {
    if (byText.has(text) || recordedCount >= MAX_RECORDED) continue;
    byText.set(text, entry);
    recordedCount++;
    adopted++;
  }
  return adopted;
}

/** How many layouts of the font file keyed `key` this process holds (its own and adopted ones). */
export function recordedLayouts(key: string): number {
  return recorded.get(key)?.size ?? 0;
}

/** How many layouts were shaped by fontkit and how many replayed, since the process started. */
export const layoutCounts = { shaped: 0, replayed: 0 };

const seenOf = (glyph: Glyph | null | undefined): readonly number[] | null | undefined =>
  glyph ? [...glyph.codePoints] : glyph;

/** Whether `glyph` is what a recorded request saw: a glyph made from the same characters, or none. */
function sameAsSeen(glyph: Glyph | null | undefined, seen: readonly number[] | null | undefined): boolean {
  if (!glyph || !seen) return glyph === seen;
  const codePoints = glyph.codePoints;
  if (codePoints.length !== seen.length) return false;
  for (let i = 0; i < seen.length; i++) if (codePoints[i] !== seen[i]) return false;
  return true;
}

/** A glyph run as fontkit returns it, for what pdfkit reads: glyphs, positions, `advanceWidth`. */
class ReplayedRun implements Run {
  constructor(
    readonly glyphs: Glyph[],
    readonly positions: Record<string, number>[],
  ) {}

  get advanceWidth(): number {
    let width = 0;
    for (const p of this.positions) width += p.xAdvance ?? 0;
    return width;
  }
}

function replay(font: Shaper, entry: Recorded): Run | undefined {
  const results: (Glyph | null | undefined)[] = [];
  for (const call of entry.calls) {
    const glyph = call.base
      ? font._getBaseGlyph(call.id, call.characters)
      : font.getGlyph(call.id, call.characters);
    if (!sameAsSeen(glyph, call.seen)) return undefined;
    results.push(glyph);
  }
  const glyphs: Glyph[] = [];
  const positions: Record<string, number>[] = [];
  for (let i = 0; i < entry.glyphs.length; i++) {
    glyphs.push(results[entry.glyphs[i] as number] as Glyph);
    const p = entry.positions;
    // pdfkit scales every key of a position and then adds `advanceWidth`: made with it (0 scales
    // to 0), the object keeps one shape, and the same keys in the same order.
    positions.push({
      xAdvance: p[4 * i] as number,
      yAdvance: p[4 * i + 1] as number,
      xOffset: p[4 * i + 2] as number,
      yOffset: p[4 * i + 3] as number,
      advanceWidth: 0,
    });
  }
  return new ReplayedRun(glyphs, positions);
}

/** Shapes `text` with fontkit, recording the glyph requests it makes. */
function record(
  font: Shaper,
  shape: (text: string) => Run,
  text: string,
): { run: Run; entry: Recorded | null } {
  const calls: Call[] = [];
  const results: (Glyph | null | undefined)[] = [];
  let depth = 0;
  const watch =
    (original: Request, base: boolean): Request =>
    (id, characters) => {
      depth++;
      try {
        const glyph = original.call(font, id, characters);
        if (depth === 1) {
          calls.push({ base, id, characters: characters && [...characters], seen: seenOf(glyph) });
          results.push(glyph);
        }
        return glyph;
      } finally {
        depth--;
      }
    };
  font.getGlyph = watch(font.getGlyph, false);
  font._getBaseGlyph = watch(font._getBaseGlyph, true);
  let run: Run;
  try {
    run = shape(text);
  } finally {
    // The prototype's methods again.
    delete (font as Partial<Shaper>).getGlyph;
    delete (font as Partial<Shaper>)._getBaseGlyph;
  }
  const glyphs = run.glyphs.map((g) => results.indexOf(g));
  const plain = run.positions.every(
    (p) =>
      Object.keys(p).length === POSITION_KEYS.length && POSITION_KEYS.every((k) => typeof p[k] === 'number'),
  );
  if (glyphs.includes(-1) || !plain || run.glyphs.length !== run.positions.length)
    return { run, entry: null };
  // Copied now: pdfkit scales the positions in place as soon as it gets them.
  const positions = new Float64Array(4 * run.positions.length);
  run.positions.forEach((p, i) => {
    POSITION_KEYS.forEach((k, j) => {
      positions[4 * i + j] = p[k] as number;
    });
  });
  return { run, entry: { calls, glyphs, positions } };
}

/**
 * Makes `font` (one document's copy of a font file) share its layouts with every other copy
 * registered under the same `key`. Only pdfkit's plain calls, `layout(text)`, are shared; a call
 * with features, script or direction is shaped as before.
 */
export function shareLayouts(font: fontkit.Font, key: string): void {
  const shaper = font as unknown as Shaper;
  const proto = Object.getPrototypeOf(shaper) as Shaper;
  const shape = (text: string): Run => proto.layout.call(shaper, text);
  const byText = recordedOf(key);
  shaper.layout = (text: unknown, ...rest: unknown[]): Run => {
    if (typeof text !== 'string' || rest.some((a) => a !== undefined))
      return proto.layout.call(shaper, text, ...rest);
    const entry = byText.get(text);
    if (entry) {
      const run = replay(shaper, entry);
      if (run) {
        layoutCounts.replayed++;
        return run;
      }
    }
    layoutCounts.shaped++;
    if (entry !== undefined) return shape(text);
    const result = record(shaper, shape, text);
    if (recordedCount >= MAX_RECORDED) {
      for (const layouts of recorded.values()) layouts.clear();
      recordedCount = 0;
    }
    byText.set(text, result.entry);
    recordedCount++;
    if (result.entry) onRecorded?.(key, text, result.entry);
    return result.run;
  };
}
