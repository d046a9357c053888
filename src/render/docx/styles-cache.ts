import { Document, type Styles, Theme } from 'docx';

/**
 * One docx `Styles` per styles part, shared by every document of the process that has those
 * styles, and formatted once: docx parsed the styles XML rolemark gives it into components for
 * every document (`externalStyles`: ~1.6 ms a document of the M set, with its default styles),
 * then formatted the whole styles part three times for each document with contents — once to find
 * the headings for the contents, once for the SEQ fields' heading levels, once to write it.
 *
 * The sharing is safe because formatting the styles reads them and does not change them, and what
 * it gives depends on the styles alone (no numbering, images or relationships in rolemark's styles
 * or a reference document's: an imported element is written as it was read). The formatted object
 * is read, never changed, by docx's contents and field filling and by both XML writers;
 * `test/docx-compile.test.ts` compares the bytes with docx's own, unshared styles.
 */

/** A few styles parts (themes × languages) for each reference document, the oldest dropped first. */
const LIMIT = 16;
/**
 * By reference document, then by styles XML. docx's page estimate (`docx/layout`, used with a
 * reference document) keeps what it read of a document's styles, and of its theme, by its styles:
 * two references with the same styles and other themes must not share them.
 */
const caches = new WeakMap<object, Map<string, Styles>>();
const NO_REFERENCE = {};

/** Styles with no style in them: the cheapest part docx accepts as `externalStyles`. */
export const NO_STYLES = '<w:styles/>';

/**
 * docx's `Styles` for the styles XML, as `new Document({ externalStyles: xml })` makes them, the
 * same for every document made with the same reference document (`reference`), or with none.
 */
export function sharedStyles(xml: string, reference: object = NO_REFERENCE): Styles {
  const cache = caches.get(reference) ?? new Map<string, Styles>();
  caches.set(reference, cache);
  let styles = cache.get(xml);
  if (styles) {
    cache.delete(xml);
    cache.set(xml, styles);
    return styles;
  }
  styles = formattedOnce(new Document({ sections: [], externalStyles: xml }).Styles);
  cache.set(xml, styles);
  for (const old of cache.keys()) {
    if (cache.size <= LIMIT) break;
    cache.delete(old);
  }
  return styles;
}

/** The document, made with `NO_STYLES`, given the shared styles of `xml` instead. */
export function withSharedStyles(doc: Document, xml: string, reference?: object): Document {
  (doc as unknown as { styles: Styles }).styles = sharedStyles(xml, reference);
  return doc;
}

/**
 * A part formatted the first time it is asked for, the same object every time after (which
 * compile.ts then writes once for the process too).
 */
function formattedOnce<T extends { prepForXml(context: never): unknown }>(part: T): T {
  const format = part.prepForXml;
  let formatted: unknown;
  Object.defineProperty(part, 'prepForXml', {
    value(this: T, context: never) {
      formatted ??= format.call(this, context);
      return formatted;
    },
    configurable: true,
    writable: true,
  });
  return part;
}

let officeTheme: Theme | undefined;

/**
 * The document, which has docx's default theme (no reference document), given one for the process,
 * formatted once: docx made the theme part's ~200 elements anew for every document, then
 * formatted and wrote them (~0.7 ms of a role charter's ~8 ms, warm; docs/performance.md, round
 * seven). Nothing changes a theme once made: it has no relationships, fields or numbering, and
 * what docx reads of it (its colours) is the same in every copy. docx's own XML writer
 * (`xmlWriter: 'docx'`) keeps its own, and test/docx-compile.test.ts compares the bytes.
 */
export function withSharedTheme(doc: Document): Document {
  officeTheme ??= formattedOnce(new Theme());
  (doc as unknown as { theme: Theme }).theme = officeTheme;
  return doc;
}
