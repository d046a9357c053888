import { describe, expect, it } from 'vitest';
import { abbreviate, shortNames } from '../src/compose/short-names.js';

/**
 * The short names that head a matrix's columns when whole names cannot (issue 14): one rule for
 * the PDF and the DOCX. A role's own short name first, else an abbreviation, every one unique.
 */

const col = (name: string, short: string | null = null, roleId = name.toLowerCase()) => ({
  roleId,
  name,
  short,
});

describe('abbreviate', () => {
  it.each([
    ['Site Reliability Engineer', 'SRE'],
    ['Chef de produit', 'CDP'],
    ['Qualitätssicherungsbeauftragter', 'QUA'],
    ['Υπεύθυνος Προϊόντος', 'ΥΠ'],
    ['Руководитель проекта', 'РП'],
    ['品質保証担当', '品質'],
    ['プロダクトマネージャー', 'プロ'],
    ['مدير المنتج', 'مم'],
    ['מנהלת מוצר', 'ממ'],
    ['Quality-Assurance Lead', 'QAL'],
    ['  ', '?'],
  ])('%s → %s', (name, short) => expect(abbreviate(name)).toBe(short));
});

describe('shortNames', () => {
  it('takes the role’s own short name, and makes one for a role without', () => {
    expect(shortNames([col('Product Manager', 'PM'), col('Site Reliability Engineer')])).toEqual([
      'PM',
      'SRE',
    ]);
  });

  it('never gives two columns the same short name, nor a made-up one that is another role’s own', () => {
    const names = shortNames([
      col('Site Reliability Engineer'),
      col('Security Research Engineer'),
      col('Software Release Engineer', 'SRE'),
      col('Product Owner', 'PO'),
      col('Product Owner 2', 'po'),
    ]);
    expect(names).toEqual(['SRE2', 'SRE3', 'SRE', 'PO', 'po2']);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('keeps the name of a column that is no role (a handout’s “Others”)', () => {
    expect(shortNames([col('Tech Lead', 'TL'), col('Others', null, '')])).toEqual(['TL', 'Others']);
  });
});
