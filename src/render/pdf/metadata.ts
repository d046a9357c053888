import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Completes pdfkit's XMP metadata packet. pdfkit copies the Info entries into it without escaping
 * them (a title with `&` makes the packet invalid XML) and leaves out the modification date;
 * PDF/A requires the packet to be well formed and to agree with the Info dictionary. pdfkit writes
 * the Info dictionary before the packet, so the escaped values only ever reach the XMP.
 */
export function completeXmp(doc: Doc, date: Date): void {
  const original = doc.endMetadata.bind(doc);
  doc.endMetadata = () => {
    const info = doc.info as Record<string, unknown>;
    const saved = { ...info };
    for (const [key, value] of Object.entries(info))
      if (typeof value === 'string') info[key] = escapeXml(value);
    const iso = `${date.toISOString().split('.')[0]}Z`;
    doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${iso}</xmp:ModifyDate>
            <xmp:MetadataDate>${iso}</xmp:MetadataDate>
        </rdf:Description>`);
    original();
    Object.assign(info, saved);
  };
}
