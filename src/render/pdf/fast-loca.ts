/**
 * A TrueType font's `loca` table (where each glyph's outline starts in `glyf`) read from its bytes
 * in one loop, as fontkit would decode it. fontkit decodes it through restructure, number by
 * number, the first time a glyph's metrics or outline are read: 5–7 ms per DejaVu file in a cold
 * process, 25–35 ms for the five faces the render worker warms before its first job, which a
 * cold build's first PDF waits for (docs/performance.md, round six). The result is what fontkit's
 * decoder returns: `version` (the `head` table's `indexToLocFormat`) and `offsets`, doubled for
 * the short version, which then carries `_processed`.
 */

/** The parts of a fontkit TrueType font this module touches. */
interface Font {
  type?: string;
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  stream: { buffer: Uint8Array };
  _tables: Record<string, unknown>;
  head: { indexToLocFormat: number };
}

/**
 * Gives `font` (a font file's parsed fontkit font, whose tables its copies share) its `loca`
 * table, decoded now. Leaves to fontkit what it does not cover: WOFF files, a table already
 * decoded, a version other than 0 and 1, a length that is not a whole number of offsets.
 */
export function fastLocaTable(fontkitFont: unknown): void {
  const font = fontkitFont as Font;
  const entry = font.directory.tables.loca;
  if (font.type !== 'TTF' || !entry || 'loca' in font._tables) return;
  const version = font.head.indexToLocFormat;
  const size = version === 0 ? 2 : version === 1 ? 4 : 0;
  const bytes = font.stream.buffer;
  if (size === 0 || entry.length % size !== 0 || entry.offset + entry.length > bytes.length) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, entry.length);
  const count = entry.length / size;
  const offsets: number[] = new Array(count);
  if (size === 2) for (let i = 0; i < count; i++) offsets[i] = view.getUint16(2 * i) << 1;
  else for (let i = 0; i < count; i++) offsets[i] = view.getUint32(4 * i);
  font._tables.loca = size === 2 ? { version, offsets, _processed: true } : { version, offsets };
}
