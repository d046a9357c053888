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

/**
 * Writes the XML of one formatted object, `{ name: values }`, onto `out`, piece by piece: the
 * pieces are joined once, for the whole part, into one flat string, where concatenating each
 * element's XML made a rope of a few nodes per element for the garbage collector, that was then
 * flattened again by the first search of the part (docx's placeholders).
 */
function write(data: Record<string, unknown>, out: string[]): void {
  if (once.has(data)) writeShared(data, out);
  else writeElement(data, out);
}

function writeElement(data: Record<string, unknown>, out: string[]): void {
  const name = firstKey(data);
  if (name === PASSED_OVER) {
    write(data[name] as Record<string, unknown>, out);
    return;
  }
  const values = name === undefined ? undefined : data[name];
  const open = name ? `<${name}` : '';
  if (typeof values !== 'object') {
    // Text or a number as the whole content; `undefined` writes an empty element.
    out.push(
      name
        ? `${open}>${values === undefined ? '' : valueText(values)}</${name}>`
        : values === undefined
          ? ''
          : valueText(values),
    );
    return;
  }
  if (values === null) {
    out.push(`${open}/>`);
    return;
  }
  const { _attr: attr, _cdata: cdata } = values as { _attr?: Record<string, unknown>; _cdata?: string };
  let attributes = attr ? attributesOf(attr) : '';
  const cdataXml = cdata ? `<![CDATA[${cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>` : undefined;
  if (!Array.isArray(values)) {
    out.push(
      cdataXml === undefined
        ? `${open}${attributes}/>`
        : `${open}${attributes}${name ? '>' : ''}${cdataXml}${name ? `</${name}>` : ''}`,
    );
    return;
  }
  // The start tag's place: its attributes are known once every child is read.
  const tag = out.length;
  out.push('');
  if (cdataXml !== undefined) out.push(cdataXml);
  // Where the last item of the content starts: a text child takes that item's place.
  let last = out.length;
  for (const value of values) {
    if (typeof value === 'object') {
      if (firstKey(value as object) === '_attr') {
        attributes += attributesOf((value as { _attr: Record<string, unknown> })._attr);
      } else {
        last = out.length;
        write(value as Record<string, unknown>, out);
      }
    } else {
      out.length = last;
      if (value !== undefined) out.push(valueText(value));
    }
  }
  out[tag] = name ? `${open}${attributes}>` : attributes;
  if (name) out.push(`</${name}>`);
}

/**
 * The key of a formatted block that docx's walks of the formatted body pass over (prep.ts,
 * `passOver`): `{ [PASSED_OVER]: { "w:tbl": [...] } }` is written as the block it holds. Not a
 * name an element can have (it starts with a NUL), and its value is not a list, which is what
 * makes docx's walks step over it (they go into an element's content only when it is a list).
 */
export const PASSED_OVER = '\u0000rolemark:passed-over';

/**
 * Formatted objects that stand in several places of a part (prep.ts, `formatOnce`), and their XML
 * once written: written again as the one string, without walking them.
 */
const once = new WeakSet<object>();
const onceWritten = new WeakMap<object, string>();

/** Marks a formatted object that stands in several places, whose XML is the same in each. */
export function writeOnce(formatted: object): void {
  once.add(formatted);
}

function writeShared(data: Record<string, unknown>, out: string[]): void {
  let xml = onceWritten.get(data);
  if (xml === undefined) {
    const start = out.length;
    writeElement(data, out);
    xml = out.slice(start).join('');
    onceWritten.set(data, xml);
    out.length = start;
  }
  out.push(xml);
}

/** The XML of what docx's Formatter returned: an object, or several written one after another. */
export function writeXmlable(input: unknown): string {
  const out: string[] = [];
  if (!Array.isArray(input)) write(input as Record<string, unknown>, out);
  else for (const item of input) write(item as Record<string, unknown>, out);
  return out.join('');
}
