import type PDFDocument from 'pdfkit';
import type { Block, DocumentIR, Inline, IrSource } from '../../ir/types.js';
import type { FontFace, FontStack } from './fonts.js';
import type { StructElem, Tagger } from './tags.js';
import type { Span, TextBlock } from './text.js';
import type { Theme } from './theme.js';
import type { Align, Typesetter } from './typeset.js';

export type Doc = InstanceType<typeof PDFDocument>;

export interface TextStyle {
  size: number;
  color: string;
  face?: FontFace;
}

export interface FlowOptions {
  x?: number;
  width?: number;
  align?: Align;
  lineGap?: number;
  /** Lines kept together at a page break, so a paragraph never leaves a lone line behind. */
  keep?: number;
  /** The paragraph's base direction (IR `dir`); the first strong character by default. */
  dir?: 'ltr' | 'rtl' | undefined;
}

/**
 * What the drawing helpers (blocks, matrix, workload, contents, page furniture…) see of the PDF
 * writer: the page, the text tools and the writer's state. `PdfWriter` (writer.ts) implements it;
 * the helpers import this, not the writer, so that the writer can import them without a cycle.
 * A helper that needs more of the writer adds it here.
 */
export interface PdfContext {
  readonly doc: Doc;
  readonly ir: DocumentIR;
  readonly fonts: FontStack;
  readonly tags: Tagger;
  readonly ts: Typesetter;
  readonly theme: Theme;
  /** Extra left indent for lists and quotes. */
  indent: number;
  /** A layout to return to before the next block (after a landscape matrix). */
  pendingLayout: 'portrait' | 'landscape' | undefined;
  /** The page the last legend block was drawn on: a matrix starting there needs no legend of its own. */
  legendPage: number;
  /** The room the blocks after the current one need on its page. */
  keepNext: number;
  /** Where in the content the text being drawn comes from (see PdfWriter). */
  source: IrSource | undefined;
  readonly left: number;
  readonly width: number;
  readonly bottom: number;
  readonly top: number;
  readonly landscape: boolean;
  pageIndex(): number;
  ensure(height: number): void;
  newPage(layout?: 'portrait' | 'landscape'): void;
  space(points: number): void;
  plain(text: string, face: FontFace, size: number, color?: string, extra?: Partial<Span>): Span[];
  spans(content: readonly Inline[], style: TextStyle): Span[];
  measure(spans: readonly Span[], width?: number, lineGap?: number, dir?: 'ltr' | 'rtl'): TextBlock;
  put(
    block: TextBlock,
    x: number,
    y: number,
    width: number,
    tag: StructElem | null | 'artifact',
    align?: Align,
  ): void;
  flow(spans: readonly Span[], tag: StructElem | null | 'artifact', options?: FlowOptions): void;
  deco(draw: (doc: Doc) => void): void;
  rule(x: number, y: number, width: number, lineWidth: number, color: string): void;
  from<T>(source: IrSource | undefined, draw: () => T): T;
  render(list: readonly Block[]): void;
  block(block: Block): void;
  bookmark(level: number, title: string, y?: number): void;
}
