import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { tempDir } from './helpers.js';

/** Every part of a DOCX, as text. */
export function docxParts(docx: Uint8Array): Record<string, string> {
  const files = unzipSync(new Uint8Array(docx));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** The elements named `name` (with their content), in document order; not nested ones of the same name. */
export function elements(xml: string, name: string): string[] {
  return xml.match(new RegExp(`<${name}(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</${name}>)`, 'g')) ?? [];
}

export const attr = (xml: string, name: string): string | undefined =>
  new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1];

/** The zip entries' DOS modification times, read from the local file headers. */
export function zipTimes(zip: Uint8Array): { time: number; date: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: { time: number; date: number }[] = [];
  for (let i = 0; i + 30 <= zip.length; ) {
    if (view.getUint32(i, true) !== 0x04034b50) break;
    out.push({ time: view.getUint16(i + 10, true), date: view.getUint16(i + 12, true) });
    const compressed = view.getUint32(i + 18, true);
    i += 30 + view.getUint16(i + 26, true) + view.getUint16(i + 28, true) + compressed;
  }
  return out;
}

/**
 * Converts DOCX files to PDF with LibreOffice, in one run with a profile of its own (two runs
 * sharing a profile block each other). Resolves to the PDFs' paths, by input name. Asynchronous,
 * so that a test file can go on with other work while LibreOffice runs.
 */
export async function sofficeToPdf(files: string[]): Promise<Record<string, string>> {
  const dir = tempDir('rolemark-soffice-');
  const profile = join(dir, 'profile');
  const args = [
    `-env:UserInstallation=file://${profile}`,
    '--headless',
    '--convert-to',
    'pdf',
    '--outdir',
    dir,
  ];
  await promisify(execFile)('soffice', [...args, ...files], { timeout: 120_000 });
  const pdfs = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
  return Object.fromEntries(pdfs.map((f) => [f.replace(/\.pdf$/, ''), join(dir, f)]));
}
