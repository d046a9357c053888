/**
 * Writes the XML of the objects docx's Formatter makes (`{ "w:b": { _attr: { "w:val": false } } }`)
 * in one pass, byte for byte as docx's own `stringifyXmlable` does without indenting, quirks and
 * all — which resolves every element into a record of attribute and content lists, then joins
 * them, allocating several arrays and strings per element (docs/performance.md, round four).
 *
 * The quirks kept, from the xml package docx's writer copies:
 * - an element's content is an array of children; an `{ _attr }` child adds attributes, wherever
 *   it sits; a child that is not an object (text, a number) replaces the item before it, so an
 *   element child just before a text is dropped;
 * - an array with no text, even an empty one, is written `<a></a>`; an object that is not an
 *   array, `{}` or `{ _attr }`, is written `<a/>`; `null` too;
 * - an attribute whose value is `undefined` is written `a="undefined"`;
 * - strings are escaped (`&"'<>`) and stripped of C0 controls other than tab, LF and CR; numbers
 *   and booleans are written as they are.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids them; docx drops them.
const NEEDS_ESCAPE = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const ESCAPABLE = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};

/** The same as docx's `escapeAll`; strings without anything to escape are returned as they are. */
export function escapeXml(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPABLE, (c) => ENTITY[c] ?? '') : value;
}

/** A value as docx writes it: strings escaped, anything else through `String`. */
const valueText = (value: unknown): string => (typeof value === 'string' ? escapeXml(value) : String(value));

/** The first own enumerable key, as `Object.keys(o)[0]` without the array. */
function firstKey(o: object): string | undefined {
  for (const key in o) if (Object.hasOwn(o, key)) return key;
  return undefined;
}

function attributesOf(attr: Record<string, unknown>): string {
  let out = '';
  for (const key in attr) if (Object.hasOwn(attr, key)) out += ` ${key}="${valueText(attr[key])}"`;
  return out;
}

/** The XML of one formatted object: `{ name: values }`. */
function element(data: Record<string, unknown>): string {
  const name = firstKey(data);
  const values = name === undefined ? undefined : data[name];
  const open = name ? `<${name}` : '';
  const close = name ? `</${name}>` : '';
  const gt = name ? '>' : '';
  if (typeof values !== 'object') {
    // Text or a number as the whole content; `undefined` writes an empty element.
    return `${open}${gt}${values === undefined ? '' : valueText(values)}${close}`;
  }
  if (values === null) return `${open}/>`;
  const { _attr: attr, _cdata: cdata } = values as { _attr?: Record<string, unknown>; _cdata?: string };
  let attributes = attr ? attributesOf(attr) : '';
  const cdataXml = cdata ? `<![CDATA[${cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>` : undefined;
  if (!Array.isArray(values)) {
    return cdataXml === undefined ? `${open}${attributes}/>` : `${open}${attributes}${gt}${cdataXml}${close}`;
  }
  // The content so far, and its last item apart: a text child takes that item's place.
  let done = cdataXml ?? '';
  let last = '';
  for (const value of values) {
    if (typeof value === 'object') {
      if (firstKey(value as object) === '_attr') {
        attributes += attributesOf((value as { _attr: Record<string, unknown> })._attr);
      } else {
        done += last;
        last = element(value as Record<string, unknown>);
      }
    } else {
      last = value === undefined ? '' : valueText(value);
    }
  }
  return `${open}${attributes}${gt}${done}${last}${close}`;
}

/** The XML of what docx's Formatter returned: an object, or several written one after another. */
export function writeXmlable(input: unknown): string {
  if (!Array.isArray(input)) return element(input as Record<string, unknown>);
  let out = '';
  for (const item of input) out += element(item as Record<string, unknown>);
  return out;
}
