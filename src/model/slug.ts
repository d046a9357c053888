import transliterate from '@sindresorhus/transliterate';

/**
 * Slugs are used for ids and for output file names, so they must be safe on every file system:
 * ASCII letters, digits and hyphens only, never empty, never a reserved Windows device name.
 *
 * Letters with accents lose them first (`Zoë` → `zoe`, as always); what is still not ASCII is
 * romanised by @sindresorhus/transliterate (`ß` → `ss`, Greek, Cyrillic, Arabic), so that HR can
 * tell whose file is whose (`strassenbauleiterin`, `rukovoditel-proekta`) instead of a hash. It
 * is small (60 kB, no dependencies), maintained, and has no tables for CJK or Hebrew: those names
 * keep the hash, rather than a Chinese reading of a Japanese name.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
const MAX_LENGTH = 80;

/** ASCII, punctuation (dashes, curly quotes, `«»`, `¿`) and spaces: what most names are. */
const PLAIN = /^[\0-\x7f\p{P}\p{Zs}]*$/u;

/**
 * A name in lower-case ASCII words joined by hyphens, before it is shortened and made unique:
 * `Zoë Straße – Lead` → `zoe-strasse-lead`. Text that is only ASCII, punctuation and spaces once
 * its accents are dropped (most names) does not go through transliterate, whose patterns take
 * longer to build when it is loaded than `rolemark check` takes to read a chart: the library
 * leaves such text as it is except for diacritics (`^`, `` ` ``, `·`), which it drops, as this
 * does, and what it makes of punctuation is never a letter or a digit, so the hyphens are the
 * same (test/slug.test.ts compares the two). The bundles load the library on its first call
 * (scripts/bundle.mjs).
 */
export function slugWords(text: string): string {
  const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/gu, '');
  const roman = PLAIN.test(folded) ? folded.replace(/\p{Diacritic}/gu, '') : transliterate(folded);
  return roman
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}

export function slugify(text: string, fallback = 'item'): string {
  let slug = slugWords(text);
  if (slug.length > MAX_LENGTH) slug = slug.slice(0, MAX_LENGTH).replace(/-+$/, '');
  // Names in scripts without an ASCII transliteration (日本語, العربية) get a stable hash instead.
  if (slug === '') slug = text.trim() === '' ? fallback : `${fallback}-${hash(text)}`;
  if (RESERVED.test(slug)) slug = `${slug}-`.replace(/-$/, '-x');
  return slug;
}

/** Hands out slugs that are unique within one namespace: `pm`, `pm-2`, `pm-3`, … */
export class SlugRegistry {
  private readonly used = new Set<string>();

  constructor(
    private readonly fallback = 'item',
    reserved: readonly string[] = [],
  ) {
    for (const slug of reserved) this.used.add(slug);
  }

  take(text: string): string {
    const base = slugify(text, this.fallback);
    let slug = base;
    for (let n = 2; this.used.has(slug); n++) slug = `${base}-${n}`;
    this.used.add(slug);
    return slug;
  }
}

/** FNV-1a, 32-bit, as 7 base-36 digits: short, stable and good enough to tell names apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}
