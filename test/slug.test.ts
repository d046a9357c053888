import transliterate from '@sindresorhus/transliterate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugify, slugWords } from '../src/model/slug.js';

/** What slugWords computed before it skipped the library for plain text: transliterate, always. */
const throughLibrary = (text: string) =>
  transliterate(text.normalize('NFKD').replace(/[\u0300-\u036f]/gu, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');

/** Every code point of a Unicode property, outside ASCII. */
function codePoints(property: RegExp): string[] {
  const out: string[] = [];
  for (let c = 0x80; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCodePoint(c);
    if (property.test(ch)) out.push(ch);
  }
  return out;
}

const PUNCTUATION = codePoints(/^[\p{P}\p{Zs}]$/u);

describe('slugWords: transliterate only where it changes the slug', () => {
  it('agrees with the library on every punctuation mark and space, alone and between words', () => {
    // 833 marks and 16 spaces outside ASCII; `·` is a diacritic, which the library drops.
    expect(PUNCTUATION.length).toBeGreaterThan(800);
    for (const ch of PUNCTUATION) {
      for (const text of [ch, `Plan${ch}Build`, `a ${ch} b`, `${ch}${ch}x${ch}`]) {
        expect(slugWords(text), `U+${ch.codePointAt(0)?.toString(16)} in ${JSON.stringify(text)}`).toBe(
          throughLibrary(text),
        );
      }
    }
    expect(slugWords('a·b')).toBe('ab');
    expect(slugWords('PM–PO collaboration')).toBe('pm-po-collaboration');
  });

  it('agrees with the library on ASCII, accents, punctuation and other scripts mixed', () => {
    const pieces = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 6 }),
      fc.constantFrom(...PUNCTUATION),
      fc.constantFrom(
        '^',
        '`',
        '·',
        'ß',
        'ø',
        'Æ',
        'ł',
        'ı',
        'Zoë',
        'é',
        'Ж',
        'ый',
        'Ω',
        'ու',
        '日本',
        'ع',
        '™',
        '½',
      ),
      fc.string({ unit: 'binary', maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(slugWords(text)).toBe(throughLibrary(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('still romanises what is not plain text', () => {
    expect(slugify('Straßenbauleiterin')).toBe('strassenbauleiterin');
    expect(slugify('Руководитель проекта')).toBe('rukovoditel-proekta');
    expect(slugify('Zoë – Lead “Ops”')).toBe('zoe-lead-ops');
    expect(slugify('a^b`c')).toBe('abc');
  });
});
