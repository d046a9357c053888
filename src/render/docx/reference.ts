import { strFromU8, unzipSync } from 'fflate';
import { RolemarkError } from '../../errors.js';
import { readFileCapped } from '../../read/regular-file.js';
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
  // A regular file of at most 64 MB (src/read/regular-file.ts): never a FIFO or a device.
  const bytes = await readFileCapped(path, { maxBytes: MAX_PACKAGE, what: 'the reference document' });
  return parseReferenceDocx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}

/** The largest reference package read; company templates weigh a few MB at most. */
const MAX_PACKAGE = 64 * 1024 * 1024;
/** The largest styles part taken: Word's own are 30–300 KB. */
const MAX_STYLES = 16 * 1024 * 1024;

export function parseReferenceDocx(bytes: Uint8Array, name = 'reference.docx'): ReferenceDocx {
  let files: Record<string, Uint8Array>;
  const bad = (why: string): never => {
    throw new RolemarkError(`The reference document \`${name}\` ${why}`);
  };
  let declared = 0;
  try {
    // Only styles.xml is inflated, and only when its declared size is within the limit (a 1.5 GB
    // styles part would exhaust memory before anything could look at it).
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== 'word/styles.xml') return false;
        declared = f.originalSize;
        return f.originalSize <= MAX_STYLES;
      },
    });
  } catch {
    return bad('is not a Word document (not a zip package)');
  }
  if (declared > MAX_STYLES)
    bad(
      `has a styles part (word/styles.xml) of ${Math.round(declared / 1024 / 1024)} MB, above the limit of 16 MB`,
    );
  const styles = files['word/styles.xml'];
  if (!styles || styles.byteLength > MAX_STYLES) return bad('has no styles (word/styles.xml)');
  const xml = strFromU8(styles);
  const problem = xmlProblem(xml);
  if (problem) bad(`has a styles part (word/styles.xml) that is not well-formed XML: ${problem}`);
  if (!/<w:styles[\s>]/.test(xml)) bad('has no styles (word/styles.xml)');
  return { name, bytes, styles: xml };
}

/**
 * Why `xml` is not XML rolemark takes, or null: a document type declaration (entities: the
 * "billion laughs"; Word never writes one), or elements that do not close. One pass, in linear
 * time: the regular expressions that read the styles afterwards are quadratic on unclosed tags
 * (400,000 unclosed `<w:style>` took minutes).
 */
export function xmlProblem(xml: string): string | null {
  const open: string[] = [];
  let i = xml.indexOf('<');
  while (i !== -1) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) return 'a comment does not end';
      i = xml.indexOf('<', end + 3);
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end === -1) return 'a CDATA section does not end';
      i = xml.indexOf('<', end + 3);
      continue;
    }
    if (xml.startsWith('<!', i)) return 'it has a document type declaration (<!DOCTYPE or <!ENTITY)';
    const end = xml.indexOf('>', i + 1);
    if (end === -1) return 'a tag does not end';
    const tag = xml.slice(i + 1, end);
    if (tag.startsWith('?')) {
      // A processing instruction (the XML declaration).
    } else if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const expected = open.pop();
      if (expected !== name)
        return `\`</${name.slice(0, 40)}>\` closes ${expected ? `\`<${expected.slice(0, 40)}>\`` : 'nothing'}`;
    } else if (!tag.endsWith('/')) {
      const name = /^[^\s/>]+/u.exec(tag)?.[0];
      if (!name) return 'a tag has no name';
      open.push(name);
    }
    i = xml.indexOf('<', end + 1);
  }
  const last = open.pop();
  return last === undefined ? null : `\`<${last.slice(0, 40)}>\` is never closed`;
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
  // Escaped whatever it holds: the language comes from content (frontmatter `lang:`), and an
  // attribute value is the one place a quote would end the markup.
  const value = escapeAttribute(lang);
  const langEl = `<w:lang w:val="${value}" w:eastAsia="${value}" w:bidi="${value}"/>`;
  const setIn = (rPr: string) => {
    if (/<w:lang\b/.test(rPr)) return rPr.replace(/<w:lang\b[^>]*\/>/, () => langEl);
    // w:lang comes before these, at the end of CT_RPr.
    const later = /<w:(?:eastAsianLayout|specVanish|oMath)\b/.exec(rPr);
    if (later) return `${rPr.slice(0, later.index)}${langEl}${rPr.slice(later.index)}`;
    return rPr.replace(/<\/w:rPr>$/, () => `${langEl}</w:rPr>`);
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
    block = block.replace('<w:docDefaults>', () => `<w:docDefaults>${fresh}`);
  } else {
    const rPr = /<w:rPr>[\s\S]*<\/w:rPr>/.exec(current[1] ?? '')?.[0];
    block = block.replace(current[0], () => (rPr ? `<w:rPrDefault>${setIn(rPr)}</w:rPrDefault>` : fresh));
  }
  return styles.slice(0, defaults.index) + block + styles.slice(defaults.index + defaults[0].length);
}

/** A string as an XML attribute value between double quotes. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}
