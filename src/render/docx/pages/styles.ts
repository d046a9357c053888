/**
 * rolemark's Word styles (styles.ts) as the page-number estimate needs them: each paragraph style's
 * spacing, keeps, indents and type, resolved over the style it is based on and the document
 * defaults, from the same definitions and scaled the same way as `stylesXml` writes them.
 */
import { DEFAULT_LOOK, type Look } from '../look.js';
import { styleDefs } from '../styles.js';
/** A style's settings as a paragraph with it gets them. */
export interface StyleSettings {
  /** Spacing in DXA; `line` in 240ths of a line (auto). */
  before: number;
  after: number;
  line: number;
  keepNext: boolean;
  keepLines: boolean;
  widowControl: boolean;
  contextual: boolean;
  left: number;
  right: number;
  /** Size in half-points, and the run settings that change widths. */
  size: number;
  bold: boolean;
  italic: boolean;
  caps: boolean;
  /** Character spacing in DXA. */
  spacing: number;
  font: string;
  /** The bottom border and its space, in points, that a paragraph adds below its text. */
  border: number;
}

/** Each style's settings, by style id. The defaults are `stylesXml`'s `w:docDefaults`. */
export function styleSettings(look: Look = DEFAULT_LOOK): Map<string, StyleSettings> {
  const defs = new Map(styleDefs(look).map((d) => [d.id, d]));
  const base: StyleSettings = {
    before: 0,
    after: 120,
    line: 264,
    keepNext: false,
    keepLines: false,
    widowControl: true,
    contextual: false,
    left: 0,
    right: 0,
    size: Math.round(20 * look.scale),
    bold: false,
    italic: false,
    caps: false,
    spacing: 0,
    font: look.font,
    border: 0,
  };
  const out = new Map<string, StyleSettings>();
  const resolve = (id: string): StyleSettings => {
    const known = out.get(id);
    if (known) return known;
    const d = defs.get(id);
    const under = d?.basedOn && d.basedOn !== id ? resolve(d.basedOn) : base;
    const p = d?.p ?? {};
    const r = d?.r ?? {};
    const s: StyleSettings = {
      ...under,
      before: p.before ?? under.before,
      after: p.after ?? under.after,
      line: p.line ?? under.line,
      keepNext: p.keepNext ?? under.keepNext,
      keepLines: p.keepLines ?? under.keepLines,
      widowControl: p.widowControl ?? under.widowControl,
      contextual: p.contextual ?? under.contextual,
      left: p.indent?.left ?? under.left,
      right: p.indent?.right ?? under.right,
      size: r.size ? Math.round(r.size * look.scale) : under.size,
      bold: r.bold ?? under.bold,
      italic: r.italic ?? under.italic,
      caps: r.caps ?? under.caps,
      spacing: r.spacing ?? under.spacing,
      font: r.font ?? under.font,
      border: p.border ? p.border.size / 8 + p.border.space : under.border,
    };
    out.set(id, s);
    return s;
  };
  for (const id of defs.keys()) resolve(id);
  return out;
}

/** What each character style changes in a run (bold, italic, size in half-points, font), by id. */
export function characterSettings(
  look: Look = DEFAULT_LOOK,
): Map<string, { bold?: boolean; italic?: boolean; size?: number; font?: string }> {
  return new Map(
    styleDefs(look)
      .filter((d) => d.type === 'character')
      .map((d) => [
        d.id,
        {
          ...(d.r?.bold !== undefined ? { bold: d.r.bold } : {}),
          ...(d.r?.italic !== undefined ? { italic: d.r.italic } : {}),
          ...(d.r?.size ? { size: Math.round(d.r.size * look.scale) } : {}),
          ...(d.r?.font ? { font: d.r.font } : {}),
        },
      ]),
  );
}
