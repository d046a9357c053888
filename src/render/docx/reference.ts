import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { RolemarkError } from '../../errors.js';
import { schemaOrder } from './xml-order.js';

/**
 * A reference document's styles, as pandoc's `--reference-doc` uses them: the styles a company
 * template defines replace rolemark's styles of the same name, and rolemark's own styles are kept
 * only where the template has none (its matrix table style, its table text…).
 */
export interface ReferenceDocx {
  /** Where it was read from, for messages. */
  name: string;
  /** The whole package, for the theme its styles' theme fonts and colours refer to. */
  bytes: Uint8Array;
  /** Its word/styles.xml. */
  styles: string;
}

/** Reads a .docx or .dotx to use as a reference; a clear error when it is not a Word document. */
export async function readReferenceDocx(path: string): Promise<ReferenceDocx> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code);
    throw new RolemarkError(`Cannot read the reference document \`${path}\`: ${why}`);
  }
  return parseReferenceDocx(bytes, path);
}

export function parseReferenceDocx(bytes: Uint8Array, name = 'reference.docx'): ReferenceDocx {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'word/styles.xml' });
  } catch {
    throw new RolemarkError(`The reference document \`${name}\` is not a Word document (not a zip package)`);
  }
  const styles = files['word/styles.xml'];
  if (!styles) throw new RolemarkError(`The reference document \`${name}\` has no styles (word/styles.xml)`);
  const xml = strFromU8(styles);
  if (!/<w:styles[\s>]/.test(xml))
    throw new RolemarkError(`The reference document \`${name}\` has no styles (word/styles.xml)`);
  return { name, bytes, styles: xml };
}

interface StyleEntry {
  xml: string;
  type: string;
  id: string;
  /** The name, lower-cased: Word matches built-in style names without regard to case. */
  name: string;
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

function parseStyles(xml: string) {
  const root = /<w:styles\b[^>]*>/.exec(xml)?.[0] ?? '<w:styles>';
  const docDefaults = /<w:docDefaults\b[\s\S]*?<\/w:docDefaults>|<w:docDefaults\b[^>]*\/>/.exec(xml)?.[0];
  const latent = /<w:latentStyles\b[\s\S]*?<\/w:latentStyles>|<w:latentStyles\b[^>]*\/>/.exec(xml)?.[0];
  const styles: StyleEntry[] = [];
  for (const m of xml.matchAll(/<w:style\b[^>]*?(?:\/>|>[\s\S]*?<\/w:style>)/g)) {
    const open = /^<w:style\b[^>]*>/.exec(m[0])?.[0] ?? '';
    const id = attr(open, 'w:styleId');
    if (!id) continue;
    const name = /<w:name w:val="([^"]*)"/.exec(m[0])?.[1] ?? id;
    styles.push({ xml: m[0], type: attr(open, 'w:type') ?? 'paragraph', id, name: name.toLowerCase() });
  }
  return { root, docDefaults, latent, styles };
}

/** Renames the style ids a style refers to (its own, basedOn, next, link). */
function renameIds(xml: string, rename: Map<string, string>): string {
  if (rename.size === 0) return xml;
  return xml
    .replace(/(w:styleId=")([^"]*)(")/g, (all, a: string, id: string, b: string) =>
      rename.has(id) ? `${a}${rename.get(id)}${b}` : all,
    )
    .replace(/(<w:(?:basedOn|next|link) w:val=")([^"]*)(")/g, (all, a: string, id: string, b: string) =>
      rename.has(id) ? `${a}${rename.get(id)}${b}` : all,
    );
}

/**
 * The styles part of a document made with a reference: the reference's document defaults, latent
 * styles and styles, then rolemark's styles that the reference lacks. A reference style is matched
 * to rolemark's by type and name (Word gives built-in styles localised ids, `berschrift1` for
 * heading 1 in German, but always the English name), and takes rolemark's id, so the body's style
 * references need no change. List numbering is left to the paragraphs: a reference style's own
 * `numPr` would point into the reference's numbering part, which the document does not carry.
 */
export function mergeStyles(own: string, reference: string): string {
  const mine = parseStyles(own);
  const ref = parseStyles(schemaOrder(reference));
  const byName = new Map(mine.styles.map((s) => [`${s.type}:${s.name}`, s.id]));
  const refIds = new Set(ref.styles.map((s) => s.id));
  const rename = new Map<string, string>();
  for (const s of ref.styles) {
    const ours = byName.get(`${s.type}:${s.name}`);
    if (ours && ours !== s.id && !refIds.has(ours)) rename.set(s.id, ours);
  }
  const refStyles = ref.styles.map((s) => ({
    ...s,
    id: rename.get(s.id) ?? s.id,
    xml: renameIds(s.xml, rename).replace(/<w:numPr>[\s\S]*?<\/w:numPr>|<w:numPr\/>/g, ''),
  }));
  const taken = new Set(refStyles.map((s) => s.id));
  const takenNames = new Set(refStyles.map((s) => `${s.type}:${s.name}`));
  const added = mine.styles.filter((s) => !taken.has(s.id) && !takenNames.has(`${s.type}:${s.name}`));
  // The reference's root element keeps its namespace declarations (w14, mc…) its styles use.
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    ref.root,
    ref.docDefaults ?? mine.docDefaults ?? '',
    ref.latent ?? '',
    ...refStyles.map((s) => s.xml),
    ...added.map((s) => s.xml),
    '</w:styles>',
  ].join('');
}

/**
 * Sets the language of the document defaults' run properties, keeping a reference's other
 * defaults: the language belongs to the content, not to the template.
 */
export function withLanguage(styles: string, lang: string): string {
  const langEl = `<w:lang w:val="${lang}" w:eastAsia="${lang}" w:bidi="${lang}"/>`;
  const setIn = (rPr: string) => {
    if (/<w:lang\b/.test(rPr)) return rPr.replace(/<w:lang\b[^>]*\/>/, langEl);
    // w:lang comes before these, at the end of CT_RPr.
    const later = /<w:(?:eastAsianLayout|specVanish|oMath)\b/.exec(rPr);
    if (later) return `${rPr.slice(0, later.index)}${langEl}${rPr.slice(later.index)}`;
    return rPr.replace(/<\/w:rPr>$/, `${langEl}</w:rPr>`);
  };
  const defaults = /<w:docDefaults\s*\/>|<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles);
  const fresh = `<w:rPrDefault><w:rPr>${langEl}</w:rPr></w:rPrDefault>`;
  if (!defaults) {
    const open = /<w:styles\b[^>]*>/.exec(styles);
    if (!open) return styles;
    const at = open.index + open[0].length;
    return `${styles.slice(0, at)}<w:docDefaults>${fresh}</w:docDefaults>${styles.slice(at)}`;
  }
  let block = defaults[0].replace(/^<w:docDefaults\s*\/>$/, '<w:docDefaults></w:docDefaults>');
  const current = /<w:rPrDefault\s*\/>|<w:rPrDefault>([\s\S]*?)<\/w:rPrDefault>/.exec(block);
  if (!current) {
    block = block.replace('<w:docDefaults>', `<w:docDefaults>${fresh}`);
  } else {
    const rPr = /<w:rPr>[\s\S]*<\/w:rPr>/.exec(current[1] ?? '')?.[0];
    block = block.replace(current[0], rPr ? `<w:rPrDefault>${setIn(rPr)}</w:rPrDefault>` : fresh);
  }
  return styles.slice(0, defaults.index) + block + styles.slice(defaults.index + defaults[0].length);
}
