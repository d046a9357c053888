import type { IrSource } from '../ir/types.js';

/** Something a writer could not render as written; the document is still complete. */
export interface RenderWarning {
  ruleId: 'missing-glyph';
  message: string;
  /** The character that could not be drawn. */
  char: string;
  /** The text the problem is in, as written in the source. */
  text: string;
  /**
   * Where that text is written: the place of the IR node the writer was rendering (a matrix row's
   * activity, a role section's role). Absent for text no node places (a running header).
   */
  source?: IrSource;
}
