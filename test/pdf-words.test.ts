import { describe, expect, it } from 'vitest';
import { fitColumns, unbreakable } from '../src/render/pdf/linebreak.js';
import { pdfWords, renderTeam } from './pdf-helpers.js';

/**
 * Words are broken only where the Unicode line-break rules allow (issue 14, item 11): the cover's
 * band of fields gives a column at least its longest word rather than cutting "Größenordnung".
 */

const chart = (owner: string, version = '1.0') => `---
title: Straßenbau
version: "${version}"
owner: ${owner}
date: 2026-11-28
---
# Straßenbau

## Roles

### Bauleiterin (BL)

## Responsibilities

| Activity | BL |
|---|---|
| Plan | A/R |
`;

describe('the cover band keeps words whole', () => {
  for (const owner of [
    'Größenordnungsplanungsabteilung',
    'Abteilung Größenordnungsplanungsverwaltungsstelle',
    'Größenordnung Größenordnung Größenordnung Größenordnung',
  ]) {
    it(`owner "${owner}"`, async () => {
      const { path } = await renderTeam(chart(owner, 'Versionsverwaltungsnummerierung'));
      const page = pdfWords(path)[0];
      const words = (page?.words ?? []).map((w) => w.text);
      for (const word of unbreakable(owner)) expect(words, word).toContain(word);
      expect(words).toContain('Versionsverwaltungsnummerierung');
      // No piece of a cut word is left on the page.
      expect(words.filter((w) => /^(Größen|ordnung|g)$/.test(w))).toEqual([]);
    });
  }
});

describe('fitColumns', () => {
  it('shares the width equally when every word fits', () => {
    expect(fitColumns([50, 60, 70], 300)).toEqual([100, 100, 100]);
  });
  it('gives a column its longest word and the others the rest', () => {
    expect(fitColumns([50, 200, 40], 300)).toEqual([50, 200, 50]);
    expect(fitColumns([120, 130, 10], 300)).toEqual([120, 130, 50]);
  });
  it('returns null when the words cannot fit side by side', () => {
    expect(fitColumns([150, 160], 300)).toBeNull();
  });
  it('unbreakable pieces follow UAX #14: spaces and hyphens, not inside a compound', () => {
    expect(unbreakable('Straßen-Größenordnung und Bau')).toEqual(['Straßen-', 'Größenordnung', 'und', 'Bau']);
  });
});
