import { type UnzipFileInfo, unzipSync } from 'fflate';
import { RolemarkError } from '../errors.js';

/**
 * Limits an Office document (a zip archive of XML parts) must pass before a reader inflates it:
 * at most `entries` entries, each XML part at most `partBytes` and `ratio` times its compressed
 * size, all XML parts together at most `totalBytes`. The sizes are those the zip declares; fflate
 * inflates into buffers of that size, so a lying header gets no more than it declared.
 */
export const OFFICE_LIMITS = {
  entries: 2_000,
  partBytes: 32 * 1024 * 1024,
  totalBytes: 64 * 1024 * 1024,
  ratio: 250,
} as const;

/** The parts Office readers read: XML and relationships. */
const isXml = (name: string) => name.endsWith('.xml') || name.endsWith('.rels');

/**
 * Checks the zip's directory against OFFICE_LIMITS and returns the parts `keep` selects, inflated
 * by fflate within the declared sizes. `what` names the document in messages ("workbook").
 */
export function inflateChecked(
  bytes: Uint8Array,
  keep: (name: string) => boolean,
  what: string,
  notZip: string,
): Record<string, Uint8Array> {
  let entries = 0;
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (f: UnzipFileInfo) => {
        if (++entries > OFFICE_LIMITS.entries) {
          throw new RolemarkError(`The ${what} has more than ${OFFICE_LIMITS.entries} parts`);
        }
        if (!isXml(f.name)) return false;
        total += f.originalSize;
        const tooLarge = f.originalSize > OFFICE_LIMITS.partBytes || total > OFFICE_LIMITS.totalBytes;
        const ratio = f.originalSize / Math.max(f.size, 1);
        if (tooLarge || (f.originalSize > 1024 * 1024 && ratio > OFFICE_LIMITS.ratio)) {
          throw new RolemarkError(
            `The ${what} part ${f.name} inflates to ${f.originalSize} bytes (${Math.round(ratio)} times its size in the file); the limits are ${OFFICE_LIMITS.partBytes} bytes a part, ${OFFICE_LIMITS.totalBytes} in all, ${OFFICE_LIMITS.ratio} times`,
          );
        }
        return keep(f.name);
      },
    });
  } catch (error) {
    if (error instanceof RolemarkError) throw error;
    throw new RolemarkError(notZip);
  }
}

/** The names of a zip's entries, read from its directory without inflating anything. */
export function entryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f: UnzipFileInfo) => {
        if (names.length < OFFICE_LIMITS.entries + 1) names.push(f.name);
        return false;
      },
    });
  } catch {
    return [];
  }
  return names;
}
