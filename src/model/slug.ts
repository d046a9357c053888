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

export function slugify(text: string, fallback = 'item'): string {
  let slug = transliterate(text.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
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
