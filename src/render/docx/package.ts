import { strFromU8, strToU8, unzipSync } from 'fflate';
import { fixBookmarks, Renamer } from './bookmarks.js';
import { zipParts } from './zip.js';

/**
 * Makes the package docx writes reproducible: the same IR gives the same bytes, whatever the clock,
 * the time zone or how many documents the process wrote before. docx takes `new Date()` for the
 * creation and modification dates, numbers bookmarks from a counter shared by every document of
 * the process, names some relationships with random ids, and zips with the current time.
 */
export interface PackageOptions {
  /** ISO 8601 timestamp for dcterms:created and dcterms:modified; null leaves them out. */
  modified: string | null;
  /** BCP 47 language tag, for dc:language and settings' w:themeFontLang. */
  lang: string;
}

/** 1980-01-01 00:00 in local time: fflate writes DOS times in local time, so this is the same zip time in every zone. */
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function fixCore(xml: string, options: PackageOptions): string {
  let out = xml.replace(/<dcterms:(created|modified)\b[^>]*>[^<]*<\/dcterms:\1>/g, '');
  const extra: string[] = [];
  if (options.modified) {
    for (const el of ['created', 'modified'])
      extra.push(`<dcterms:${el} xsi:type="dcterms:W3CDTF">${options.modified}</dcterms:${el}>`);
  }
  if (!/<dc:language>/.test(out)) extra.push(`<dc:language>${escapeXml(options.lang)}</dc:language>`);
  // A function, not a string: `$&` or `$'` in a language tag must not become a replacement pattern.
  out = out.replace('</cp:coreProperties>', () => `${extra.join('')}</cp:coreProperties>`);
  return out;
}

function fixSettings(xml: string, lang: string): string {
  if (/<w:themeFontLang\b/.test(xml)) return xml;
  const el = `<w:themeFontLang w:val="${escapeXml(lang)}"/>`;
  // CT_Settings is a sequence: themeFontLang follows compat (and docVars, rsids, mathPr…).
  const after = /<\/w:compat>|<w:compat\/>/.exec(xml);
  if (after)
    return xml.slice(0, after.index + after[0].length) + el + xml.slice(after.index + after[0].length);
  return xml.replace('</w:settings>', () => `${el}</w:settings>`);
}

/**
 * Numbers the drawings' `wp:docPr` ids 1, 2, 3… in the order of the parts given and, in a part, of
 * the document: docx takes them from a counter shared by every document of the process, when each
 * image is made, so a logo's id depended on how many images the process had made before.
 */
function fixDrawingIds(xmls: string[]): string[] {
  let n = 0;
  return xmls.map((xml) =>
    xml.includes('<wp:docPr ') ? xml.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++n}"`) : xml,
  );
}

/**
 * Relationship ids docx made at random (external hyperlinks) become `rIdLink<n>`, in the order the
 * part's relationships list them, in the part and in its relationships.
 */
function fixRelationshipIds(files: Record<string, Uint8Array>): void {
  for (const relsPath of Object.keys(files)) {
    const m = /^(.*)_rels\/([^/]+)\.rels$/.exec(relsPath);
    if (!m) continue;
    const partPath = `${m[1]}${m[2]}`;
    const rels = strFromU8(files[relsPath] as Uint8Array);
    const renamer = new Renamer((i) => `rIdLink${i}`);
    const random = [...rels.matchAll(/\bId="([^"]+)"/g)]
      .map((x) => x[1] as string)
      .filter((id) => !/^rId\d+$/.test(id));
    if (random.length === 0) continue;
    for (const id of random) renamer.get(id);
    // A set: a list looked up per attribute was quadratic in the links (10,000 links: 50 s).
    const isRandom = new Set(random);
    const swap = (xml: string, attr: string) =>
      xml.replace(new RegExp(`\\b${attr}="([^"]+)"`, 'g'), (all, id: string) =>
        isRandom.has(id) ? `${attr}="${renamer.get(id)}"` : all,
      );
    files[relsPath] = strToU8(swap(rels, 'Id'));
    const part = files[partPath];
    if (part) files[partPath] = strToU8(swap(strFromU8(part), 'r:id'));
  }
}

/**
 * docx puts a note reference mark in the separator notes too, which makes Word offer to repair the
 * file: a separator holds only its separator run.
 */
function fixNoteSeparators(xml: string, kind: 'footnote' | 'endnote'): string {
  const note = new RegExp(
    `<w:${kind} w:type="(?:separator|continuationSeparator)"[\\s\\S]*?</w:${kind}>`,
    'g',
  );
  const ref = new RegExp(`<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:${kind}Ref/></w:r>`, 'g');
  return xml.replace(note, (block) => block.replace(ref, ''));
}

/**
 * A paragraph docx adds on its own (the end of the contents field, a section break after a table)
 * gets the Normal style named, so that every paragraph of the body names its style: a paragraph
 * without properties gets them, properties without a style get the style first. One pass over the
 * part, where four (an empty paragraph, empty properties, a paragraph without properties,
 * properties without a style) each copied the whole body; test/docx-package.test.ts keeps the four
 * passes as the specification.
 */
const UNSTYLED =
  /<w:p(\s[^>]*)?\/>|<w:pPr\s*\/>|<w:p(\s[^>]*)?>(?!<w:pPr>|<w:pPr\s*\/>)|<w:pPr>(?!<w:pStyle )/g;
const NORMAL = '<w:pStyle w:val="Normal"/>';

export function nameParagraphStyles(xml: string): string {
  return xml.replace(UNSTYLED, (tag: string, empty: string | undefined, open: string | undefined) => {
    if (tag.startsWith('<w:pPr')) return tag.endsWith('/>') ? `<w:pPr>${NORMAL}</w:pPr>` : `<w:pPr>${NORMAL}`;
    return tag.endsWith('/>')
      ? `<w:p${empty ?? ''}><w:pPr>${NORMAL}</w:pPr></w:p>`
      : `<w:p${open ?? ''}><w:pPr>${NORMAL}</w:pPr>`;
  });
}

/** `word/header1.xml`, `word/header2.xml`… among the texts, in the order of their numbers. */
function partsNamed(texts: Map<string, string>, kind: 'header' | 'footer'): string[] {
  const pattern = new RegExp(`^word/${kind}(\\d+)\\.xml$`);
  return [...texts.keys()]
    .map((path) => [path, pattern.exec(path)?.[1]] as const)
    .filter((x): x is readonly [string, string] => x[1] !== undefined)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map(([path]) => path);
}

/** The package again, normalised and zipped with a fixed time, [Content_Types].xml first. */
export function finishPackage(docx: Uint8Array, options: PackageOptions): Uint8Array {
  return finishParts(new Map(Object.entries(unzipSync(docx))), options);
}

/**
 * The same from the package's parts before they are zipped (docx's compiler output: XML as strings,
 * media as bytes), which spares deflating every part only to inflate it again here: ~0.1–0.2 s of a
 * cold DOCX (docs/performance.md). The bytes are the same as through `finishPackage`.
 */
export function finishParts(parts: Map<string, string | Uint8Array>, options: PackageOptions): Uint8Array {
  const texts = new Map<string, string>();
  const files: Record<string, Uint8Array> = {};
  for (const [path, data] of parts) {
    if (typeof data === 'string') texts.set(path, data);
    else files[path] = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  // The parts edited below as text, whether they came as text (docx's compiler) or zipped.
  for (const [path, data] of Object.entries(files)) {
    if (/^word\/(document|header\d+|footer\d+|footnotes|endnotes|comments)\.xml$/.test(path)) {
      texts.set(path, strFromU8(data));
      delete files[path];
    }
  }
  const edit = (path: string, fix: (xml: string) => string) => {
    const text = texts.get(path);
    if (text !== undefined) texts.set(path, fix(text));
    else {
      const data = files[path];
      if (data) files[path] = strToU8(fix(strFromU8(data)));
    }
  };
  edit('docProps/core.xml', (xml) => fixCore(xml, options));
  edit('word/settings.xml', (xml) => fixSettings(xml, options.lang));
  edit('word/document.xml', (xml) => nameParagraphStyles(fixBookmarks(xml)));
  for (const path of [...texts.keys()]) {
    if (/^word\/(header|footer)\d+\.xml$/.test(path)) edit(path, nameParagraphStyles);
  }
  // The body, then headers and footers in the order docx made them, then notes.
  const drawn = [
    'word/document.xml',
    ...partsNamed(texts, 'header'),
    ...partsNamed(texts, 'footer'),
    'word/footnotes.xml',
    'word/endnotes.xml',
    'word/comments.xml',
  ].filter((path) => texts.has(path));
  fixDrawingIds(drawn.map((path) => texts.get(path) as string)).forEach((xml, i) => {
    texts.set(drawn[i] as string, xml);
  });
  edit('word/footnotes.xml', (xml) => fixNoteSeparators(xml, 'footnote'));
  edit('word/endnotes.xml', (xml) => fixNoteSeparators(xml, 'endnote'));
  for (const [path, text] of texts) files[path] = strToU8(text);
  fixRelationshipIds(files);
  const order = Object.keys(files).sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  // As zipSync zips them, each part deflated once per process (zip.ts).
  return zipParts(
    order.map((path) => [path, files[path] as Uint8Array]),
    { mtime: ZIP_TIME, level: 6 },
  );
}
