import { strToU8, zipSync } from 'fflate';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const xmlText = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/"/gu, '&quot;');

/** `0` → A, `27` → AB. */
const column = (i: number): string =>
  (i >= 26 ? column(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

/**
 * A small but complete .xlsx workbook: sheets of inline strings, written with the namespace
 * prefix `prefix` (`x:` as some exporters write SpreadsheetML) or none. `sheetXml` replaces a
 * sheet's XML when a test needs a hand-made one.
 */
export function workbook(
  sheets: { name: string; rows?: string[][]; sheetXml?: string }[],
  prefix = '',
): Uint8Array {
  const p = prefix === '' ? '' : `${prefix}:`;
  const ns = prefix === '' ? `xmlns="${MAIN}"` : `xmlns:${prefix}="${MAIN}"`;
  const xml = (s: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': xml(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    'xl/workbook.xml': xml(
      `<${p}workbook ${ns} xmlns:r="${REL}"><${p}sheets>${sheets
        .map((s, i) => `<${p}sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</${p}sheets></${p}workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': xml(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('')}<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': xml(`<${p}styleSheet ${ns}/>`),
  };
  sheets.forEach((s, i) => {
    const rows = (s.rows ?? [])
      .map(
        (cells, r) =>
          `<${p}row r="${r + 1}">${cells
            .map(
              (text, c) =>
                `<${p}c r="${column(c)}${r + 1}" t="inlineStr"><${p}is><${p}t>${xmlText(text)}</${p}t></${p}is></${p}c>`,
            )
            .join('')}</${p}row>`,
      )
      .join('');
    files[`xl/worksheets/sheet${i + 1}.xml`] = xml(
      s.sheetXml ?? `<${p}worksheet ${ns}><${p}sheetData>${rows}</${p}sheetData></${p}worksheet>`,
    );
  });
  return zipSync(files);
}
