import { type Document, Packer } from 'docx';
import { withLeanPrep } from './prep.js';
import { writeXmlable } from './xml-write.js';

/**
 * The parts of a DOCX package, as docx's compiler makes them (XML as strings, media as bytes), but
 * with the XML written by `writeXmlable` in one pass instead of docx's writer, and each part
 * formatted once: docx formats every header and footer twice, once to find its images.
 *
 * docx's compiler is private in its typings and there at run time (9.x), as is the formatter it
 * calls for each part: this compiler is docx's with that formatter swapped for one that returns
 * the part's XML already written, wrapped so that docx's writer passes it through unchanged (a
 * value docx's writer takes as text and does not escape: a function, written through its
 * `toString`). `test/docx-compile.test.ts` checks the bytes against docx's own on many documents.
 * `undefined` when docx has no such compiler: the caller then uses docx's.
 */
/**
 * The XML of each formatted object, for the process: a part that gives the same object again (the
 * styles every document shares, styles-cache.ts) is written once.
 */
const writtenBefore = new WeakMap<object, string>();

export function fastCompiler(): PartsCompiler | undefined {
  const docx = (Packer as unknown as { compiler?: PartsCompiler & { formatter?: unknown } }).compiler;
  if (typeof docx?.compile !== 'function' || typeof docx.formatter !== 'object') return undefined;
  const Compiler = docx.constructor as new () => PartsCompiler & {
    formatter: PartFormatter;
    imageReplacer?: ImageReplacer;
  };
  return {
    compile(file, options) {
      const compiler = new Compiler();
      // What each part wrote, for this document only: a document compiled again is formatted again.
      const written = new WeakMap<object, string>();
      compiler.formatter = {
        format(input, context) {
          let xml = written.get(input);
          if (xml === undefined) {
            const output = input.prepForXml(context) as object | undefined;
            if (!output) throw new Error('XMLComponent did not format correctly');
            xml = writtenBefore.get(output) ?? writeXmlable(output);
            writtenBefore.set(output, xml);
            written.set(input, xml);
          }
          return { '': [asIs(xml)] };
        },
      };
      // docx searches every part's XML for image placeholders even when it has no images.
      const images = compiler.imageReplacer;
      if (typeof images?.getMediaData === 'function') {
        const find = images.getMediaData.bind(images);
        images.getMediaData = (xml, media) => (media.Entries.length === 0 ? [] : find(xml, media));
      }
      return withLeanPrep(() => compiler.compile(file), options);
    },
  };
}

/** docx's compiler, which `Packer` zips the output of. */
export interface PartsCompiler {
  /**
   * `passOver`: the blocks marked with prep.ts's `passOver` are formatted for docx's walks of the
   * body to pass over (only where nothing else of docx reads the formatted body: index.ts).
   */
  compile(file: Document, options?: { passOver?: boolean }): Map<string, string | Uint8Array>;
}

interface ImageReplacer {
  getMediaData(xml: string, media: { Entries: readonly unknown[] }): unknown[];
}

interface PartFormatter {
  format(input: { prepForXml(context: unknown): unknown }, context: unknown): unknown;
}

/** XML that docx's writer writes as it is: not a string (which it escapes) nor an object. */
function asIs(xml: string): () => string {
  const value = () => xml;
  value.toString = () => xml;
  return value;
}
