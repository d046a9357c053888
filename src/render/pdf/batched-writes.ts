/**
 * pdfkit turns every line it writes into a byte array of its own: each operator of a page's
 * content stream (`BT`, `1 0 0 1 72 700 Tm`, `/F2 10 Tf`, `[<0042…> 0] TJ`, `ET`…), and each line
 * of the file itself (`12 0 obj`, a dictionary, `endobj`, every cross-reference entry), which it
 * pushes one by one through a Node stream. A render of the team charter made some 5,200 of
 * them, and garbage collection was a fifth of its time. Here the lines are kept as strings and
 * turned into bytes once per stream, and once per run of lines between two binary chunks of the
 * file, as pdfkit would have: each character's low byte (`latin1`), a newline after each line.
 * The bytes, their order and the offsets pdfkit counts (for the cross-reference table) are the same.
 */

/** The parts of pdfkit's `PDFReference` (a PDF object and its stream) this module touches. */
interface Reference {
  buffer: Uint8Array[];
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  write(chunk: unknown): void;
  finalize(): void;
  /** Lines written since the last binary chunk, each with its newline. */
  lines?: string[];
}

const PATCHED = Symbol.for('rolemark.batchedWrites');

function flushLines(ref: Reference): void {
  if (ref.lines !== undefined && ref.lines.length > 0) {
    ref.buffer.push(Buffer.from(ref.lines.join(''), 'latin1'));
    ref.lines = [];
  }
}

/**
 * Makes pdfkit's PDF objects (the class of `reference`) keep the lines written to their streams
 * as strings until the stream ends. Patched once per process; a binary chunk (a font file, an
 * image) first takes the lines before it, so the order stays.
 */
function batchStreamLines(reference: object): void {
  const proto = Object.getPrototypeOf(reference) as Reference & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const { write, finalize } = proto;
  proto.write = function writeLine(this: Reference, chunk: unknown): void {
    if (chunk instanceof Uint8Array) {
      flushLines(this);
      write.call(this, chunk);
      return;
    }
    // What pdfkit's `write` counts and sets for a line, which it turns into bytes at once.
    const line = `${chunk}\n`;
    if (this.lines === undefined) this.lines = [];
    this.lines.push(line);
    this.uncompressedLength += line.length;
    if (this.data.Length == null) this.data.Length = 0;
    this.data.Length += line.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  proto.finalize = function finalizeLines(this: Reference): void {
    flushLines(this);
    finalize.call(this);
  };
  proto[PATCHED] = true;
}

/** The parts of pdfkit's `PDFDocument` this module touches. */
interface Document {
  _root: object;
  _offset: number;
  _write(data: unknown): void;
  push(chunk: unknown): boolean;
}

/**
 * Batches the lines of one document: those of its file (`_write`) until the next binary chunk or
 * the end, and those of its streams (see {@link batchStreamLines}).
 */
export function batchWrites(doc: object): void {
  const d = doc as Document;
  batchStreamLines(d._root);
  const push = d.push;
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) {
      push.call(d, Buffer.from(lines.join(''), 'latin1'));
      lines = [];
    }
  };
  d._write = (data: unknown) => {
    if (data instanceof Uint8Array) {
      flush();
      push.call(d, data);
      d._offset += data.length;
      return;
    }
    const line = `${data}\n`;
    lines.push(line);
    d._offset += line.length;
  };
  // The end of the file (`push(null)`) takes the last lines first.
  d.push = (chunk: unknown) => {
    flush();
    return push.call(d, chunk);
  };
}
