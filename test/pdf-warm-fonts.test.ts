import { describe, expect, it, vi } from 'vitest';
import { tempDir } from './helpers.js';

/**
 * A render worker started ahead of its jobs parses the fonts a first document reads while the
 * build reads its content (render/pdf/warm-fonts.ts, `warmFonts`). The documents it renders after that
 * must have the bytes they have without it: each test loads the PDF writer afresh (its font cache
 * empty), warms it or not, and renders the same charter.
 */
const CHART = [
  '# Plan',
  '',
  'Die *Produktverantwortliche* definiert die **Strategie**: ﬁnal offices, “quotes”, 0–9.',
  '',
  '| Activity | PM | Dev |',
  '|---|---|---|',
  '| Définir la stratégie | A | R |',
  '| مراجعة الخطة | C | R |',
  '',
].join('\n');

async function freshWriter(shapingCache: string | null = null) {
  vi.resetModules();
  const cache = await import('../src/render/pdf/shaping-cache.js');
  cache.useShapingCache(shapingCache);
  const fonts = {
    ...(await import('../src/render/pdf/fonts.js')),
    ...(await import('../src/render/pdf/warm-fonts.js')),
  };
  const layout = await import('../src/render/pdf/shared-layout.js');
  const { renderTeam } = await import('./pdf-helpers.js');
  return { fonts, layout, cache, renderTeam };
}

type Tables = { _tables: Record<string, unknown> };

describe('fonts warmed before the first document', () => {
  it('decodes the tables a document reads, for the faces a first document uses', async () => {
    const { fonts } = await freshWriter();
    const stack = new fonts.FontStack({ registerFont: () => {} }, []);
    fonts.warmFonts(['regular']);
    // The warmed font is the one documents use: its tables were decoded by the warm-up.
    const loaded = (stack as unknown as { chain(face: string): { font: Tables }[] }).chain('regular')[0];
    expect(Object.keys(loaded?.font._tables ?? {})).toEqual(
      expect.arrayContaining(['cmap', 'hmtx', 'GSUB', 'GPOS']),
    );
    expect(fonts.FIRST_FACES).toEqual(
      expect.arrayContaining(['regular', 'bold', 'italic', 'condensed', 'condensedBold']),
    );
  });

  it('reads the tables every subset of a warmed face holds, so that its first subset does not', async () => {
    const chart = '# Plan\n\n**Strategie** plain text.\n\n| Activity | PM |\n|---|---|\n| Plan | A |\n';
    const cold = await freshWriter();
    const coldCounts = (await import('../src/render/pdf/ttf-subset.js')).ttfSubsetCounts;
    await cold.renderTeam(chart);
    const warm = await freshWriter();
    const warmCounts = (await import('../src/render/pdf/ttf-subset.js')).ttfSubsetCounts;
    warm.fonts.warmFonts(['regular', 'bold']);
    expect(warmCounts.fonts).toBe(2);
    await warm.renderTeam(chart);
    // The document read the tables of the same fonts, the two warmed ones not again.
    expect(coldCounts.fonts).toBeGreaterThan(2);
    expect(warmCounts.fonts).toBe(coldCounts.fonts);
  });

  it('leaves the bytes and the text layer of the documents rendered after it as they were', async () => {
    const cold = await freshWriter();
    const plain = await cold.renderTeam(CHART);
    const again = await cold.renderTeam(CHART);
    const warm = await freshWriter();
    warm.fonts.warmFonts();
    const warmed = await warm.renderTeam(CHART);
    expect(warmed.pdf.equals(plain.pdf)).toBe(true);
    expect(again.pdf.equals(plain.pdf)).toBe(true);
  });

  it('lays out no sample word when the shaping cache holds words of the fonts, with the same bytes', async () => {
    const plain = await (await freshWriter()).renderTeam(CHART);
    const edited = `${CHART}\nNew words: *offices* ﬂow, Ωmega, خطة جديدة.\n`;
    const plainEdited = await (await freshWriter()).renderTeam(edited);
    const folder = tempDir('rolemark-warm-');
    // A first build (nothing kept): the sample decodes GSUB and GPOS, then the words are kept.
    const first = await freshWriter(folder);
    first.fonts.warmFonts();
    const decoded = (w: typeof first) => {
      const stack = new w.fonts.FontStack({ registerFont: () => {} }, []);
      const chain = (stack as unknown as { chain(face: string): { font: Tables }[] }).chain('regular');
      return Object.keys(chain[0]?.font._tables ?? {});
    };
    expect(decoded(first)).toEqual(expect.arrayContaining(['GSUB', 'GPOS']));
    expect((await first.renderTeam(CHART)).pdf.equals(plain.pdf)).toBe(true);
    expect(first.cache.saveShapingCache()).toBeGreaterThan(0);
    // The next: the faces are parsed and their subset tables read, but no word is laid out.
    const next = await freshWriter(folder);
    next.fonts.warmFonts();
    expect(decoded(next)).not.toContain('GSUB');
    expect(decoded(next)).not.toContain('GPOS');
    expect(next.layout.layoutCounts).toEqual({ shaped: 0, replayed: 0 });
    expect((await next.renderTeam(CHART)).pdf.equals(plain.pdf)).toBe(true);
    expect(next.layout.layoutCounts.shaped).toBe(0);
    // Words the cache lacks are shaped in the render, decoding the tables then: the same bytes.
    const later = await freshWriter(folder);
    later.fonts.warmFonts();
    expect((await later.renderTeam(edited)).pdf.equals(plainEdited.pdf)).toBe(true);
    expect(later.layout.layoutCounts.shaped).toBeGreaterThan(0);
    // The sample laid out later (a watcher's idle worker) changes no document rendered after it.
    const idle = await freshWriter(folder);
    idle.fonts.warmFonts();
    idle.fonts.layoutPendingSample();
    expect(decoded(idle)).toEqual(expect.arrayContaining(['GSUB', 'GPOS']));
    expect((await idle.renderTeam(edited)).pdf.equals(plainEdited.pdf)).toBe(true);
  });

  it('lays out the postponed sample once the thread has rendered nothing for a while', async () => {
    const folder = tempDir('rolemark-warm-');
    const first = await freshWriter(folder);
    await first.renderTeam(CHART);
    expect(first.cache.saveShapingCache()).toBeGreaterThan(0);
    const next = await freshWriter(folder);
    const gsub = () => {
      const stack = new next.fonts.FontStack({ registerFont: () => {} }, []);
      const chain = (stack as unknown as { chain(face: string): { font: Tables }[] }).chain('regular');
      return 'GSUB' in (chain[0]?.font._tables ?? {});
    };
    vi.useFakeTimers();
    try {
      next.fonts.warmFonts();
      vi.advanceTimersByTime(next.fonts.SAMPLE_IDLE_MS - 100);
      // A document begins (render/pdf/index.ts): the wait starts again.
      next.fonts.postponeSample();
      vi.advanceTimersByTime(next.fonts.SAMPLE_IDLE_MS - 100);
      expect(gsub()).toBe(false);
      vi.advanceTimersByTime(200);
      expect(gsub()).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
