/**
 * A font's `post` table with its fixed header read at once and its glyph names only when asked
 * for. pdfkit reads two fields of it for every embedded font (`isFixedPitch` for the descriptor's
 * flags, `italicAngle`), and fontkit decodes the whole table to give them: in a version 2 table,
 * such as DejaVu's, the name index of every glyph and every glyph name, each through a
 * TextDecoder. That was 30–60 ms of CPU per DejaVu file, once per process and font, in the first
 * PDF of every build (docs/performance.md, round five). No PDF writes glyph names; fontkit's
 * `glyph.name` still finds them, decoded by fontkit on first use.
 */

/** The parts of a fontkit TrueType font this module touches. */
interface Font {
  type?: string;
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  stream: { buffer: Uint8Array };
  _tables: Record<string, unknown>;
  _decodeTable(entry: unknown): Record<string, unknown>;
}

/** The fields fontkit decodes after the header, by version; other versions are left to fontkit. */
const LATER_FIELDS: Record<number, readonly string[]> = {
  1: [],
  2: ['numberOfGlyphs', 'glyphNameIndex', 'names'],
  3: [],
};

/** The header's length: version, italicAngle, four 16/32-bit fields, four memory sizes. */
const HEADER = 32;

/**
 * Gives `font` (a font file's parsed fontkit font, whose tables its copies share) a `post` table
 * equal to the one fontkit would decode, field by field and in the same order, with the fields
 * after the header decoded by fontkit when first read. Leaves fonts it does not cover (WOFF, a
 * table too short, versions 2.5 and 4) to fontkit.
 */
export function lazyPostTable(fontkitFont: unknown): void {
  const font = fontkitFont as Font;
  const entry = font.directory.tables.post;
  if (font.type !== 'TTF' || !entry || entry.length < HEADER || 'post' in font._tables) return;
  const bytes = font.stream.buffer;
  if (entry.offset + HEADER > bytes.length) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, HEADER);
  const version = view.getInt32(0) / 65536;
  const later = LATER_FIELDS[version];
  if (later === undefined) return;
  const post: Record<string, unknown> = {
    version,
    italicAngle: view.getInt32(4) / 65536,
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
  let full: Record<string, unknown> | undefined;
  for (const field of later) {
    Object.defineProperty(post, field, {
      enumerable: true,
      configurable: true,
      get: () => {
        full ??= font._decodeTable(entry);
        return full[field];
      },
    });
  }
  font._tables.post = post;
}
