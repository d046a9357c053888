import {
  EMPTY_OBJECT,
  isXmlComponent,
  NextAttributeComponent,
  XmlAttributeComponent,
  XmlComponent,
} from 'docx';
import { PASSED_OVER, writeOnce } from './xml-write.js';

/**
 * Leaner versions of three of docx's `prepForXml` methods, the ones every element goes through,
 * with the same results, used while rolemark compiles a document (compile.ts):
 * - `NextAttributeComponent` (a run's or paragraph's properties, a drawing's attributes…) built
 *   its attributes by spreading the object so far into a new one per attribute: quadratic, and
 *   the largest source of garbage of a DOCX (a fifth of all it allocates, with its key lists);
 * - `XmlAttributeComponent` listed its entries in arrays first;
 * - `XmlComponent` gathered its children with `flatMap` and then `filter`, two arrays per element,
 *   and made its object with a computed key (see `named`).
 * The results are the same objects, with the same keys in the same order; test/docx-compile.test.ts
 * compares the bytes with docx's own on many documents.
 */

type Prep = (this: unknown, context: { stack: unknown[] }) => unknown;
interface Patched {
  prototype: { prepForXml: Prep };
}

function nextAttributes(this: { root: Record<string, { key: string; value: unknown }> }): unknown {
  const attrs: Record<string, unknown> = {};
  const root = this.root;
  for (const name in root) {
    if (!Object.hasOwn(root, name)) continue;
    const { key, value } = root[name] as { key: string; value: unknown };
    if (value === undefined) continue;
    // docx defined each key on the object, so `__proto__` was a key like any other.
    if (key === '__proto__')
      Object.defineProperty(attrs, key, { value, enumerable: true, writable: true, configurable: true });
    else attrs[key] = value;
  }
  return { _attr: attrs };
}

function xmlAttributes(this: { root: Record<string, unknown>; xmlKeys?: Record<string, string> }): unknown {
  const attrs: Record<string, unknown> = {};
  const root = this.root;
  const keys = this.xmlKeys;
  for (const key in root) {
    if (!Object.hasOwn(root, key)) continue;
    const value = root[key];
    if (value !== undefined) attrs[keys?.[key] || key] = value;
  }
  return { _attr: attrs };
}

/** A child as `flatMap` then `filter` added it: an array (several parts) adds its items, one level deep. */
function add(children: unknown[], child: unknown): void {
  if (Array.isArray(child)) {
    for (const item of child) if (item !== undefined) children.push(item);
  } else if (child !== undefined) children.push(child);
}

function element(this: { root: unknown[]; rootKey: string }, context: { stack: unknown[] }): unknown {
  context.stack.push(this);
  const children: unknown[] = [];
  for (const comp of this.root) {
    if (isXmlComponent(comp)) {
      const component = comp as unknown as { prepForXml: Prep; writtenAs?: { prepForXml: Prep }[] };
      const parts = component.writtenAs;
      if (parts)
        add(
          children,
          parts.map((part) => part.prepForXml(context)),
        );
      else add(children, component.prepForXml(context));
    } else add(children, comp);
  }
  context.stack.pop();
  const only = children.length === 1 ? (children[0] as { _attr?: unknown } | null | undefined) : undefined;
  return named(this.rootKey, children.length ? (only?._attr ? only : children) : EMPTY_OBJECT);
}

/**
 * `{ [name]: value }`, made by assigning the key: an object literal with a computed key took V8's
 * slow path once it had met many names (every element name of WordprocessingML), several times
 * slower than the assignment; the object is the same.
 */
function named(name: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // As the literal did, `__proto__` is a key like any other, never the prototype.
  if (name === '__proto__')
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
  return out;
}

const LEAN: [Patched, Prep][] = [
  [NextAttributeComponent as unknown as Patched, nextAttributes as Prep],
  [XmlAttributeComponent as unknown as Patched, xmlAttributes as Prep],
  [XmlComponent as unknown as Patched, element as Prep],
];

/** Whether the compile under way formats the blocks given to `passOver` as passed over. */
let passing = false;

/**
 * Runs `compile` with the lean methods in docx's classes, and docx's own back after, whatever
 * happens: the swap lasts one synchronous call, so nothing else in the process sees it. With
 * `passOver`, the blocks given to `passOver` are formatted for docx's walks to pass over.
 */
export function withLeanPrep<T>(compile: () => T, options: { passOver?: boolean } = {}): T {
  const own = LEAN.map(([cls]) => cls.prototype.prepForXml);
  for (const [cls, lean] of LEAN) cls.prototype.prepForXml = lean;
  const before = passing;
  passing = options.passOver === true;
  try {
    return compile();
  } finally {
    passing = before;
    LEAN.forEach(([cls], i) => {
      cls.prototype.prepForXml = own[i] as Prep;
    });
  }
}

/**
 * Makes a block of the body (a table) that docx's walks of the formatted body need not see, when
 * formatted by a compile that asks for it (`withLeanPrep`'s `passOver`), formatted as
 * `{ [PASSED_OVER]: block }`, which those walks step over and our XML writer and typesetter read
 * as the block it holds (xml-write.ts, pages/body.ts). Once the body is formatted, docx walks the
 * whole of it three to four times with an `Object.keys` per element: for the contents' headings
 * (`fillTablesOfContents`, into tables too), for the SEQ fields and for the page-number fields, and
 * for the section properties; in a team charter nine elements in ten are in tables, mostly the
 * matrix's code cells. A block given here must have no field (PAGEREF, SEQ, PAGE…), no paragraph
 * that a contents could list (a heading style or an outline level) and no section properties:
 * what those walks would find there. rolemark's tables have none of these (docs/performance.md,
 * round seven); docx's own estimate (docx/layout) would not read the form, so the compile asks for
 * it only where our typesetter numbers the contents or there are none (index.ts).
 */
export function passOver<T extends object>(block: T): T {
  Object.defineProperty(block, 'prepForXml', {
    value(this: object, context: { stack: unknown[] }) {
      // Its class's method as it is now: the lean one (above) while rolemark compiles.
      const formatted = (Object.getPrototypeOf(this) as { prepForXml: Prep }).prepForXml.call(this, context);
      return passing && typeof formatted === 'object' && formatted !== null
        ? named(PASSED_OVER, formatted)
        : formatted;
    },
    configurable: true,
    writable: true,
  });
  return block;
}

/**
 * Makes a component that stands in many places of a document (a matrix's code cell: matrix.ts)
 * formatted once: docx formats a component anew wherever it meets it, and a team charter's code
 * cells are most of its body. The formatted object is then the same object in every place, which
 * is safe for what reads it (docx's contents, SEQ and page-number fills change only fields and
 * headings, which a code cell has none of; our typesetter and both XML writers read it), and our
 * XML writer writes it once too (`writeOnce`). A component whose XML depends on where it stands
 * (a field, a heading, a footnote reference, a hyperlink) must not be given here.
 */
export function formatOnce<T extends object>(component: T): T {
  const format = (component as unknown as { prepForXml: Prep }).prepForXml;
  let formatted: unknown;
  Object.defineProperty(component, 'prepForXml', {
    value(this: unknown, context: { stack: unknown[] }) {
      if (formatted === undefined) {
        formatted = format.call(this, context);
        if (typeof formatted === 'object' && formatted !== null) writeOnce(formatted);
      }
      return formatted;
    },
    configurable: true,
    writable: true,
  });
  return component;
}
