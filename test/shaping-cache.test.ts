import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { describe, expect, it, vi } from 'vitest';
import { shapingCacheFolder } from '../src/render/pdf/shaping-cache.js';
import { decodeLayouts, encodeLayouts } from '../src/render/pdf/shaping-file.js';
import {
  adoptLayouts,
  layoutCounts,
  listenToRecorded,
  type Recorded,
  shareLayouts,
} from '../src/render/pdf/shared-layout.js';
import { expectLikeFontkit, type Font, fresh, seen, word } from './font-copies.js';
import { tempDir } from './helpers.js';

/**
 * The shaping of words kept between processes (render/pdf/shaping-cache.ts): a layout read from the
 * cache replays as fontkit's own, or is shaped again; a file that is not whole, or not for this
 * font and code, is ignored. A "process" here is a fresh copy of the PDF writer's modules
 * (`vi.resetModules`), whose font and layout caches start empty, as a new process's do.
 */

/** The layouts recorded in this file's process, by font key, as shaping-cache.ts is told of them. */
const recordedByKey = new Map<string, [string, Recorded][]>();
listenToRecorded((key, text, entry) => {
  const list = recordedByKey.get(key) ?? [];
  list.push([text, entry]);
  recordedByKey.set(key, list);
});
const takeNewLayouts = (key: string) => recordedByKey.get(key);

let keys = 0;
/** Layouts recorded under a key of their own by copies shaping `words` in turn (one "process"). */
function record(words: readonly string[]): { key: string; copies: Font[] } {
  const key = `test:cache:${keys++}`;
  const copies = [fresh(), fresh()];
  for (const copy of copies) shareLayouts(copy, key);
  words.forEach((text, i) => {
    (copies[i % 2] as Font).layout(text);
  });
  return { key, copies };
}

describe('the shaping cache file (shaping-cache.ts)', () => {
  it('reads back what it wrote, layout for layout', () => {
    // The second copy makes the ffi ligature's glyph from U+FB03 first, then shapes 'office'.
    const { key } = record(['AVATAR office', 'ﬃ', 'مدير', 'office', 'e\u0301té', 'שלום 開']);
    const entries = takeNewLayouts(key) ?? [];
    expect(entries.length).toBe(6);
    const office = entries.find(([text]) => text === 'office')?.[1];
    expect(office?.calls.some((c) => c.seen?.[0] === 0xfb03 && c.characters?.[0] === 0x66)).toBe(true);
    const text = encodeLayouts(entries, 'code', 'font');
    expect(decodeLayouts(text, 'code', 'font')).toEqual(entries);
  });

  it('gives a new process fontkit’s own shaping, glyph objects and their characters included', () => {
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 20 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), word), { maxLength: 30 }),
        (before, steps) => {
          // One process shapes `before` and writes its layouts; another reads them and shapes `steps`,
          // its copies' glyphs made in another order than the first process made them.
          const { key } = record(before);
          const file = encodeLayouts(takeNewLayouts(key) ?? [], 'code', 'font');
          const next = `test:cache:${keys++}`;
          adoptLayouts(next, decodeLayouts(file, 'code', 'font') ?? []);
          const plain = [fresh(), fresh()];
          const sharing = [fresh(), fresh()];
          for (const copy of sharing) shareLayouts(copy, next);
          expectLikeFontkit(plain, sharing, steps);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('replays the words it holds instead of shaping them', () => {
    const { key } = record(['Responsible Accountable', 'office']);
    const next = `test:cache:${keys++}`;
    adoptLayouts(next, decodeLayouts(encodeLayouts(takeNewLayouts(key) ?? [], 'c', 'f'), 'c', 'f') ?? []);
    const font = fresh();
    shareLayouts(font, next);
    const before = { ...layoutCounts };
    const run = font.layout('Responsible Accountable');
    expect(layoutCounts.replayed - before.replayed).toBe(1);
    expect(layoutCounts.shaped - before.shaped).toBe(0);
    expect(seen(run)).toEqual(seen(fresh().layout('Responsible Accountable')));
  });

  it('ignores a file cut short, damaged, or written for another font or other code', () => {
    const { key } = record(['AVATAR', 'office', 'مدير']);
    const good = encodeLayouts(takeNewLayouts(key) ?? [], 'code', 'font');
    expect(decodeLayouts(good, 'code', 'font')).toBeDefined();
    const newline = good.indexOf('\n');
    const body = good.slice(newline + 1);
    const damaged = [
      '',
      'not a cache',
      good.slice(0, newline),
      good.slice(0, good.length - 7),
      good.replace(/\[(\d+),/, (_, n) => `[${Number(n) + 1},`),
      `${good.slice(0, newline + 1)}${body.replace('AVATAR', 'AVATAX')}`,
      good.replace(/"format":\d+/, '"format":0'),
    ];
    for (const text of damaged) expect(decodeLayouts(text, 'code', 'font')).toBeUndefined();
    expect(decodeLayouts(good, 'other code', 'font')).toBeUndefined();
    expect(decodeLayouts(good, 'code', 'other font')).toBeUndefined();
    // A whole file (its hash right) whose layouts do not hold together is ignored too.
    const forged = (b: string) => {
      const header = JSON.parse(good.slice(0, newline)) as Record<string, unknown>;
      header.sha256 = createHash('sha256').update(b).digest('hex');
      return `${JSON.stringify(header)}\n${b}`;
    };
    const [texts, data] = JSON.parse(body) as [string[], number[]];
    for (const b of [
      JSON.stringify([texts, data.slice(0, -1)]),
      JSON.stringify([texts, [...data, 0]]),
      JSON.stringify([[...texts, 'more'], data]),
      JSON.stringify([texts, data.map((n, i) => (i === 0 ? 1e9 : n))]),
      JSON.stringify([texts, data.map((n, i) => (i === 1 ? 'x' : n))]),
      JSON.stringify({ texts, data }),
    ])
      expect(decodeLayouts(forged(b), 'code', 'font')).toBeUndefined();
    expect(decodeLayouts(forged(body), 'code', 'font')).toEqual(decodeLayouts(good, 'code', 'font'));
  });

  it('lives beside the installed bundle, or where ROLEMARK_CODE_CACHE says, and nowhere else', () => {
    const chunk = pathToFileURL('/opt/rolemark/dist/bundle/chunks/pdf-X.js').href;
    expect(shapingCacheFolder({}, chunk)).toBe('/opt/rolemark/dist/bundle/code-cache/shaping');
    expect(shapingCacheFolder({ ROLEMARK_CODE_CACHE: '/tmp/cc' }, chunk)).toBe('/tmp/cc/shaping');
    expect(shapingCacheFolder({ ROLEMARK_CODE_CACHE: 'off' }, chunk)).toBeNull();
    // The library run from its modules (and these tests) keeps none unless told where.
    const module = pathToFileURL('/opt/rolemark/dist/render/pdf/shaping-cache.js').href;
    expect(shapingCacheFolder({}, module)).toBeNull();
    expect(shapingCacheFolder({ ROLEMARK_CODE_CACHE: '/tmp/cc' }, module)).toBe('/tmp/cc/shaping');
  });
});

const CHART = [
  '# Plan',
  '',
  'Die *Produktverantwortliche* definiert die **Strategie**: ﬁnal offices, “quotes”, 0–9, AVATAR.',
  '',
  '| Activity | PM | Dev |',
  '|---|---|---|',
  '| Définir la stratégie | A | R |',
  '| مراجعة الخطة | C | R |',
  '| Office ﬃ | I | R |',
  '',
].join('\n');

/** The writes a render leaves for when the thread is idle (`saveShapingCacheWhenIdle`), done. */
const written = () => new Promise((resolve) => setTimeout(resolve, 60));

/** A new "process": the PDF writer's modules loaded afresh, with the shaping cache in `folder`. */
async function newProcess(folder: string | null) {
  vi.resetModules();
  const cache = await import('../src/render/pdf/shaping-cache.js');
  const layout = await import('../src/render/pdf/shared-layout.js');
  cache.useShapingCache(folder);
  const { renderTeam } = await import('./pdf-helpers.js');
  return { cache, layout, renderTeam };
}

describe('PDFs rendered with the shaping cache', () => {
  it('are the bytes rendered without it, whether the cache is empty, full or damaged', async () => {
    const none = await newProcess(null);
    const plain = (await none.renderTeam(CHART)).pdf;
    expect(none.layout.layoutCounts.shaped).toBeGreaterThan(20);

    const folder = tempDir('rolemark-shaping-');
    const first = await newProcess(folder);
    expect((await first.renderTeam(CHART)).pdf.equals(plain)).toBe(true);
    await written();
    const files = readdirSync(folder).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(1);

    // The next process shapes nothing: every word comes from the cache, and the bytes are the same.
    const second = await newProcess(folder);
    expect((await second.renderTeam(CHART)).pdf.equals(plain)).toBe(true);
    expect(second.layout.layoutCounts.shaped).toBe(0);
    expect(second.layout.layoutCounts.replayed).toBeGreaterThan(20);
    await written();
    expect(second.cache.saveShapingCache()).toBe(0);

    // Files cut short: ignored, everything shaped again, the same bytes; then written whole again.
    for (const f of files) {
      const path = join(folder, f);
      writeFileSync(path, readFileSync(path, 'utf8').slice(0, -20));
    }
    const third = await newProcess(folder);
    expect((await third.renderTeam(CHART)).pdf.equals(plain)).toBe(true);
    expect(third.layout.layoutCounts.replayed).toBe(none.layout.layoutCounts.replayed);
    await written();
    const fourth = await newProcess(folder);
    expect((await fourth.renderTeam(CHART)).pdf.equals(plain)).toBe(true);
    expect(fourth.layout.layoutCounts.shaped).toBe(0);
  });

  it('keeps in one file the words two faces of one font file shaped (bold and headings)', async () => {
    const folder = tempDir('rolemark-shaping-');
    const shapeIn = async (words: Record<string, string>) => {
      const { cache, layout } = await newProcess(folder);
      const fonts = await import('../src/render/pdf/fonts.js');
      const data = fonts.fontData('bold');
      for (const [key, text] of Object.entries(words)) {
        cache.attachShapingCache(key, data);
        const copy = fontkit.create(data) as Font;
        layout.shareLayouts(copy, key);
        copy.layout(text);
      }
      expect(cache.saveShapingCache()).toBeLessThanOrEqual(1);
      return layout.layoutCounts;
    };
    expect(await shapeIn({ bold: 'Accountable', heading: 'Responsible' })).toEqual({
      shaped: 2,
      replayed: 0,
    });
    expect(readdirSync(folder).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    // Each word is found under either face.
    expect(await shapeIn({ bold: 'Responsible', heading: 'Accountable' })).toEqual({
      shaped: 0,
      replayed: 2,
    });
  });

  it('renders as before where the cache cannot be written', async () => {
    const folder = join(tempDir('rolemark-shaping-'), 'file');
    writeFileSync(folder, 'a file where the folder would be');
    const none = await newProcess(null);
    const plain = (await none.renderTeam(CHART)).pdf;
    const blocked = await newProcess(folder);
    expect((await blocked.renderTeam(CHART)).pdf.equals(plain)).toBe(true);
    await written();
    expect(blocked.cache.saveShapingCache()).toBe(0);
    expect(blocked.layout.layoutCounts.shaped).toBe(none.layout.layoutCounts.shaped);
  });
});
