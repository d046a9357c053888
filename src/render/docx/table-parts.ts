import { WidthType } from 'docx';

/** A theme colour as Word writes it: `#1f77b4` → `1F77B4`. */
export const hex = (color: string): string => color.replace('#', '').toUpperCase();

/** A cell or column width in twentieths of a point (DXA). */
export const cellWidth = (w: number) => ({ size: w, type: WidthType.DXA });
