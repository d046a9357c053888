import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInSchemes, RACI } from '../src/model/schemes.js';
import { isNeutralCell, parseCell, unknownCodeHint } from '../src/read/cells.js';

describe('parseCell', () => {
  it.each([
    ['A/R', ['R', 'A']],
    ['A / R', ['R', 'A']],
    ['A, R', ['R', 'A']],
    ['R+A', ['R', 'A']],
    ['C;I', ['C', 'I']],
    ['a/r', ['R', 'A']],
    ['AR', ['R', 'A']],
    ['R', ['R']],
    ['✅ R', ['R']],
    ['', []],
    ['-', []],
    ['—', []],
    ['–', []],
  ])('reads %j as %j', (text, codes) => {
    expect(parseCell(text, RACI)).toEqual({ codes, unknown: [] });
  });

  it('keeps a note in parentheses', () => {
    expect(parseCell('A (signs off)', RACI)).toEqual({ codes: ['A'], note: 'signs off', unknown: [] });
  });

  it('returns unknown tokens rather than dropping them', () => {
    expect(parseCell('R/X', RACI)).toEqual({ codes: ['R'], unknown: ['X'] });
    expect(parseCell('Owner', RACI)).toEqual({ codes: [], unknown: ['Owner'] });
  });

  it('never throws, and returns codes of the scheme in scheme order without duplicates', () => {
    const order = RACI.codes.map((c) => c.code);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const { codes } = parseCell(text, RACI);
        expect(codes.every((c) => order.includes(c))).toBe(true);
        expect([...codes].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(codes);
        expect(new Set(codes).size).toBe(codes.length);
      }),
      { numRuns: 300 },
    );
  });

  it('reads every combination of codes joined by any separator', () => {
    const sep = fc.constantFrom('/', ' / ', ',', ', ', '+', ';', ' ');
    fc.assert(
      fc.property(
        fc.subarray(['R', 'A', 'C', 'I'], { minLength: 1 }),
        sep,
        fc.boolean(),
        (codes, s, lower) => {
          const text = codes.map((c) => (lower ? c.toLowerCase() : c)).join(s);
          expect(parseCell(text, RACI).codes).toEqual(['R', 'A', 'C', 'I'].filter((c) => codes.includes(c)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('cells with words', () => {
  it.each([
    ['Accountable', ['A'], undefined],
    ['**Accountable**', ['A'], undefined],
    ['responsible', ['R'], undefined],
    ['Responsible (lead)', ['R'], 'lead'],
    ['(Consulted)', ['C'], undefined],
    ['(C)', ['C'], undefined],
    ['Informed – weekly', ['I'], 'weekly'],
    ['Responsible and Informed', ['R', 'I'], undefined],
    ['Consulté et informé', ['C', 'I'], undefined],
    ['Verantwortlich, Genehmiger', ['R', 'A'], undefined],
    ['Responsável e aprovador', ['R', 'A'], undefined],
    ['Aprobador', ['A'], undefined],
  ])('reads %j as %j', (text, codes, note) => {
    expect(parseCell(text, RACI)).toEqual({ codes, unknown: [], ...(note ? { note } : {}) });
  });

  it.each([
    'N/A',
    'n/a',
    'n.a.',
    '—',
    '-',
    'Not applicable',
    'non applicable',
    'nicht zutreffend',
    'não se aplica',
    'none',
    'Not responsible',
    'not involved',
    'Non responsable',
    'non impliqué',
    'Nicht verantwortlich',
    'nicht beteiligt',
    'No responsable',
    'Não responsável',
    'não envolvido',
    '不负责',
    '対象外',
  ])('reads %j as no part at all', (text) => {
    expect(parseCell(text, RACI)).toEqual({ codes: [], unknown: [] });
    expect(isNeutralCell(text)).toBe(true);
  });

  it('keeps "not decided yet" as a note without codes, never as an unknown code', () => {
    expect(parseCell('TBD', RACI)).toEqual({ codes: [], note: 'TBD', unknown: [] });
    expect(parseCell('à définir', RACI)).toEqual({ codes: [], note: 'à définir', unknown: [] });
    expect(isNeutralCell('TBD')).toBe(true);
    // A question mark is not a word: it stays an unknown code, reported at the cell.
    expect(parseCell('?', RACI).unknown).toEqual(['?']);
    // A note that is not a code stays a note.
    expect(parseCell('(on holiday)', RACI)).toEqual({ codes: [], note: 'on holiday', unknown: [] });
    expect(isNeutralCell('R')).toBe(false);
  });
});

describe('words for no part under a scheme that has a code for them', () => {
  it('reads "Nicht beteiligt" as CAIRO\'s Out of the loop, and as no part in RACI', () => {
    const cairo = builtInSchemes().find((s) => s.name === 'CAIRO');
    expect(cairo && parseCell('Nicht beteiligt', cairo).codes).toEqual(['O']);
    expect(parseCell('Nicht beteiligt', RACI)).toEqual({ codes: [], unknown: [] });
  });
});

describe('unknownCodeHint', () => {
  it('says what to write instead of "Shared", in every supported language', () => {
    for (const word of ['Shared', 'shared', 'Partagé', 'geteilt', 'compartilhado', '共同']) {
      expect(parseCell(word, RACI).unknown).toEqual([word]);
      expect(unknownCodeHint(word)).toContain(`\`${word}\` says the work is shared`);
    }
    // Written with its codes, the word is a note.
    expect(parseCell('R (shared)', RACI)).toEqual({ codes: ['R'], note: 'shared', unknown: [] });
    expect(unknownCodeHint('X')).toBe('');
    expect(unknownCodeHint('Not')).toBe('');
  });
});

describe('neutral cells, as properties', () => {
  it('a neutral cell never gives codes or unknown tokens', () => {
    const neutral = fc.constantFrom(
      'N/A',
      'n/a',
      '—',
      '-',
      'TBD',
      'to be decided',
      'none',
      'nicht zutreffend',
      '',
    );
    fc.assert(
      fc.property(neutral, fc.constantFrom('', ' ', '**'), (text, wrap) => {
        const cell = parseCell(`${wrap}${text}${wrap}`, RACI);
        expect(cell.codes).toEqual([]);
        expect(cell.unknown).toEqual([]);
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        if (isNeutralCell(text)) expect(parseCell(text, RACI).codes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
