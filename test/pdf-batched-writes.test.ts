import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { batchWrites } from '../src/render/pdf/batched-writes.js';
import { fontData } from '../src/render/pdf/fonts.js';

type Doc = InstanceType<typeof PDFDocument>;

/** A small document of text in an embedded font, a line, a link and a second page; its chunks. */
function draw(batched: boolean): Promise<Buffer[]> {
  const date = new Date('2024-01-01T00:00:00Z');
  const doc: Doc = new PDFDocument({
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    info: { Title: 'Écrit — 書く', CreationDate: date, ModDate: date },
  });
  if (batched) batchWrites(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer[]>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(chunks));
    doc.on('error', reject);
  });
  doc.registerFont('body', fontData('regular'));
  for (const page of [1, 2]) {
    doc.addPage({ size: 'A4' });
    doc.font('body').fontSize(11).fillColor('#334455');
    for (let line = 0; line < 40; line++)
      doc.text(`Page ${page}, line ${line}: Définir la stratégie, ﬁnal → ✓`, 72, 72 + line * 14, {
        lineBreak: false,
      });
    doc.moveTo(72, 60).lineTo(500, 60).stroke();
    doc.link(72, 72, 100, 14, 'https://example.org/');
  }
  doc.end();
  return done;
}

describe('batched writes (batched-writes.ts)', () => {
  it('gives pdfkit’s own bytes in a few chunks instead of one per line', async () => {
    // The file's lines as pdfkit writes them (streams may be batched already: the test files of a
    // worker share its modules; the next test checks a stream's bytes against pdfkit's calls).
    const plain = await draw(false);
    const batched = await draw(true);
    const bytes = Buffer.concat(batched);
    expect(bytes.equals(Buffer.concat(plain))).toBe(true);
    expect(plain.length).toBeGreaterThan(100);
    expect(batched.length).toBeLessThan(plain.length / 5);
    // Read back: every entry of the cross-reference table points at its object.
    const pdf = bytes.toString('latin1');
    const xref = Number(/startxref\n(\d+)\n%%EOF/.exec(pdf)?.[1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const entries = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries.length).toBeGreaterThan(20);
    entries.forEach((offset, i) => {
      expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
  });

  it('keeps the order of lines and binary chunks in a stream, and its length', async () => {
    const doc: Doc = new PDFDocument({ compress: false, autoFirstPage: false });
    batchWrites(doc);
    const chunks: Buffer[] = [];
    const done = new Promise<void>((resolve) => doc.on('end', resolve));
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ref = doc.ref({});
    ref.write('line one');
    ref.write(new Uint8Array([0, 255, 10]));
    ref.write('line two é');
    (ref as unknown as { end(): void }).end();
    doc.end();
    await done;
    const pdf = Buffer.concat(chunks).toString('latin1');
    const at = pdf.indexOf(`\n${ref.toString().replace(' R', '')} obj`);
    expect(at).toBeGreaterThan(0);
    const object = pdf.slice(at, pdf.indexOf('endobj', at));
    expect(object).toContain('/Length 23');
    expect(object).toContain('stream\nline one\n\u0000\u00ff\nline two é\n\nendstream');
  });

  it('writes each page stream as pdfkit was asked to: every operator, a newline after each', async () => {
    const doc: Doc = new PDFDocument({ compress: false, autoFirstPage: false });
    batchWrites(doc);
    const asked: string[] = [];
    const addContent = doc.addContent.bind(doc);
    doc.addContent = (data: string) => {
      asked.push(`${data}\n`);
      return addContent(data);
    };
    const chunks: Buffer[] = [];
    const done = new Promise<void>((resolve) => doc.on('end', resolve));
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.registerFont('body', fontData('regular'));
    doc.addPage({ size: 'A4' });
    doc.font('body').fontSize(11);
    for (let line = 0; line < 30; line++)
      doc.text(`Ligne ${line} : é → ✓`, 72, 72 + 14 * line, { lineBreak: false });
    doc.rect(10, 10, 50, 50).fill('#ff0000');
    doc.end();
    await done;
    const pdf = Buffer.concat(chunks).toString('latin1');
    const contents = Number(/\/Contents (\d+) 0 R/.exec(pdf)?.[1]);
    const at = pdf.indexOf(`\n${contents} 0 obj`);
    const start = pdf.indexOf('stream\n', at) + 'stream\n'.length;
    const end = pdf.indexOf('\nendstream', start);
    expect(asked.length).toBeGreaterThan(100);
    expect(pdf.slice(start, end)).toBe(asked.join(''));
  });
});
