import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontDir } from '../src/render/pdf/fonts.js';
import { lazyPostTable } from '../src/render/pdf/lazy-post.js';

/** DejaVu's files (post version 2), and Noto CJK (version 3) and Carlito where the system has them. */
const FILES = [
  ...readdirSync(fontDir())
    .filter((f) => f.endsWith('.ttf'))
    .map((f) => ({ path: join(fontDir(), f), name: undefined as string | undefined })),
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKjp-Regular' },
  { path: '/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf', name: undefined },
].filter((f) => existsSync(f.path));

type Post = Record<string, unknown>;
interface Tables {
  post: Post | undefined;
  _tables: Record<string, unknown>;
  getGlyph(id: number): { name: string | null };
  italicAngle: number;
  numGlyphs: number;
}

const open = (path: string, name?: string) => fontkit.create(readFileSync(path), name) as unknown as Tables;

describe("a font's post table, header first and glyph names when asked for (lazy-post.ts)", () => {
  it.each(FILES)('equals what fontkit decodes, field by field, in $path', ({ path, name }) => {
    const theirs = open(path, name);
    const ours = open(path, name);
    lazyPostTable(ours);
    // Installed before anything decoded it (fontkit reads `name` to find a collection's font).
    expect(Object.keys(ours._tables).filter((t) => t !== 'name')).toEqual(['post']);
    const expected = theirs.post as Post;
    const got = ours.post as Post;
    expect(Object.keys(got)).toEqual(Object.keys(expected));
    expect(got.isFixedPitch).toBe(expected.isFixedPitch);
    expect(ours.italicAngle).toBe(theirs.italicAngle);
    for (const key of Object.keys(expected)) expect(got[key], key).toEqual(expected[key]);
    // Glyph names, through fontkit's own decoding of the rest of the table.
    for (const id of [0, 1, 3, 36, Math.floor(theirs.numGlyphs / 2), theirs.numGlyphs - 1])
      expect(ours.getGlyph(id).name).toBe(theirs.getGlyph(id).name);
  });

  it('covers DejaVu (version 2), where the names were the cost', () => {
    const font = open(join(fontDir(), 'DejaVuSans.ttf'));
    lazyPostTable(font);
    const post = font._tables.post as Post;
    expect(post.version).toBe(2);
    // An accessor, not decoded yet.
    expect(Object.getOwnPropertyDescriptor(post, 'names')?.get).toBeTypeOf('function');
  });

  it('leaves a font whose post table fontkit already decoded, or a WOFF file, to fontkit', () => {
    const font = open(join(fontDir(), 'DejaVuSans.ttf'));
    const decoded = font.post;
    lazyPostTable(font);
    expect(font._tables.post).toBe(decoded);
    const woff = { type: 'WOFF', directory: { tables: { post: { offset: 0, length: 32 } } }, _tables: {} };
    lazyPostTable(woff);
    expect(woff._tables).toEqual({});
  });
});
