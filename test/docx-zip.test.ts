import fc from 'fast-check';
import { strToU8, unzipSync, type ZipOptions, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { compose, load } from '../src/index.js';
import { renderDocx } from '../src/render/docx/index.js';
import { zipParts } from '../src/render/docx/zip.js';

/**
 * The DOCX package's zip (src/render/docx/zip.ts): the bytes fflate's zipSync makes, with each part
 * deflated once per process.
 */

const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);
const options = { mtime: ZIP_TIME, level: 6 as const };
const viaZipSync = (parts: [string, Uint8Array][], opts: ZipOptions = options) =>
  zipSync(Object.fromEntries(parts.map(([p, d]) => [p, [d, opts]])), { mtime: opts.mtime });

describe('zipParts', () => {
  it('makes the bytes zipSync makes, parts seen before or not', () => {
    const path = fc.oneof(
      fc.constantFrom(
        '[Content_Types].xml',
        'word/document.xml',
        'word/styles.xml',
        'docProps/core.xml',
        'é/ü.xml',
      ),
      fc.stringMatching(/^[a-z]{1,8}(\/[a-z]{1,8}){0,2}\.xml$/),
    );
    const data = fc.oneof(
      fc.string({ maxLength: 3000 }).map((s) => strToU8(s)),
      fc.uint8Array({ maxLength: 2000 }),
      fc.constantFrom(strToU8(''), strToU8('<w:styles/>'.repeat(500))),
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(path, data), { selector: ([p]) => p, maxLength: 8 }), (parts) => {
        const ours = zipParts(parts, options);
        expect(Buffer.from(ours).equals(Buffer.from(viaZipSync(parts)))).toBe(true);
        // Again, from the parts deflated before, and with one part changed.
        expect(Buffer.from(zipParts(parts, options)).equals(Buffer.from(ours))).toBe(true);
        if (parts.length > 0) {
          const changed: [string, Uint8Array][] = parts.map(([p, d], i) => [
            p,
            i === 0 ? strToU8(`x${d.length}`) : d,
          ]);
          expect(Buffer.from(zipParts(changed, options)).equals(Buffer.from(viaZipSync(changed)))).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('writes the records zipSync writes at any level and time, names in UTF-8 too (zip.ts zipRecord)', () => {
    const opts = fc.record({
      level: fc.constantFrom(0, 1, 6, 9) as fc.Arbitrary<ZipOptions['level']>,
      mtime: fc.constantFrom(ZIP_TIME, new Date(2026, 11, 8, 13, 57, 31), new Date(2099, 11, 31, 23, 59, 58)),
    });
    const part = fc.tuple(
      fc.oneof(
        fc.stringMatching(/^[a-z]{1,8}\.xml$/),
        fc.constantFrom('é/ü.xml', 'word/文書.xml', '[Content_Types].xml'),
      ),
      fc.oneof(
        fc.uint8Array({ maxLength: 3000 }),
        fc.string({ maxLength: 4000 }).map((t) => strToU8(t.repeat(3))),
      ),
    );
    fc.assert(
      fc.property(fc.uniqueArray(part, { selector: ([p]) => p, maxLength: 5 }), opts, (parts, o) => {
        expect(Buffer.from(zipParts(parts, o)).equals(Buffer.from(viaZipSync(parts, o)))).toBe(true);
      }),
      { numRuns: 200 },
    );
    // A year MS-DOS cannot write: refused, as zipSync refuses it.
    const late = { level: 6 as const, mtime: new Date(2107, 0, 1) };
    expect(() => viaZipSync([['a.xml', strToU8('a')]], late)).toThrow();
    expect(() => zipParts([['a.xml', strToU8('a')]], late)).toThrow();
  });

  it('zips whole documents as zipSync does, each rendered twice', async () => {
    const model = await load(['content']);
    for (const ir of [
      ...model.documents.map((d) => compose(model, { document: d.id })),
      ...model.roles.slice(0, 3).map((r) => compose(model, { role: r.id })),
    ]) {
      const docx = await renderDocx(ir, { modified: null });
      const files = unzipSync(new Uint8Array(docx));
      const parts = Object.entries(files);
      expect(Buffer.from(viaZipSync(parts)).equals(docx), ir.meta.title).toBe(true);
      expect((await renderDocx(ir, { modified: null })).equals(docx)).toBe(true);
    }
  });
});
