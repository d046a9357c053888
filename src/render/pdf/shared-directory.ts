/**
 * A font's table directory decoded once per process for each (font file, font in it), instead of
 * once per copy. Each document has its own fontkit copy of each font it uses (fonts.ts,
 * `freshCopy`), and the render worker's warm-up makes one more per face: fontkit's constructor
 * decodes the copy's directory (a record of tag, checksum, offset and length per table) through
 * restructure, field by field, for every copy. The directory is a function of the file's bytes
 * at the font's offset, and fontkit only reads it (its lazy table getters, `_getTable`, and
 * ttf-subset.ts's coverage test), so copies of one font can share the object.
 */

import { threadState } from '../../thread-state.js';

interface Font {
  type?: string;
  stream: { buffer: Uint8Array; pos: number };
  _directoryPos: number;
  directory: { numTables?: number };
  _decodeDirectory(): unknown;
}

interface State {
  /** Per file (fonts.ts reads each once: one buffer), per offset of a font in it, its directory. */
  directories: WeakMap<Uint8Array, Map<number, { directory: Font['directory']; end: number }>>;
  counts: { decoded: number; shared: number };
}

/**
 * One per process, whichever copy of this module patched fontkit first (the tests load the PDF
 * writer afresh in one process; fontkit's class is the same for all of them).
 */
const { directories, counts } = threadState<State>('rolemark.sharedDirectory.state', () => ({
  directories: new WeakMap(),
  counts: { decoded: 0, shared: 0 },
}));
const PATCHED = Symbol.for('rolemark.sharedDirectory');

/** How many directories fontkit decoded and how many were shared, since the process started. */
export const directoryCounts: Readonly<State['counts']> = counts;

function remember(buffer: Uint8Array, pos: number, directory: Font['directory'], end: number): void {
  let byPos = directories.get(buffer);
  if (!byPos) {
    byPos = new Map();
    directories.set(buffer, byPos);
  }
  byPos.set(pos, { directory, end });
}

/**
 * Makes fontkit's TrueType/OpenType fonts (the class of `font`, a font fontkit has just made)
 * share the directory of `font` and of every later font made from the same bytes at the same
 * offset. Patched once per process; WOFF and WOFF2 fonts (other classes, whose directory decoding
 * has other effects) are left alone.
 */
export function shareDirectories(font: object): void {
  const f = font as Font;
  const proto = Object.getPrototypeOf(f) as Font & { [PATCHED]?: true };
  if (f.type !== 'TTF' || !Object.hasOwn(proto, '_decodeDirectory') || !f.directory) return;
  // The directory fontkit decoded for this font: 12 bytes of header, then 16 a table.
  const tables = f.directory.numTables;
  if (typeof tables === 'number')
    remember(f.stream.buffer, f._directoryPos, f.directory, f._directoryPos + 12 + 16 * tables);
  if (proto[PATCHED]) return;
  const own = proto._decodeDirectory;
  proto._decodeDirectory = function sharedDirectory(this: Font): unknown {
    const { buffer, pos } = this.stream;
    const known = directories.get(buffer)?.get(pos);
    if (known) {
      counts.shared++;
      this.stream.pos = known.end;
      this.directory = known.directory;
      return known.directory;
    }
    const directory = own.call(this) as Font['directory'];
    counts.decoded++;
    remember(buffer, pos, directory, this.stream.pos);
    return directory;
  };
  proto[PATCHED] = true;
}
