/**
 * Hostile spreadsheets through `rolemark import`, in a child process with a timeout and a memory
 * cap (as test/hostile-process.e2e.test.ts does for Markdown): each must end in a clear message
 * and exit code 2 (or a normal import), never a hang, an out-of-memory abort or a stack trace.
 * Before the limits in src/import/{csv,xlsx}.ts: the cell reference `XFDZZZZZ3` aborted V8 (exit
 * 133), regular expressions went quadratic on unclosed tags (3 KB, over 120 s), a workbook of
 * many parts took 2.5 GB, a CSV line of 1e6 columns took over 90 s and 200,000 rows overflowed
 * the stack.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCli, runCli } from './cli-process.js';
import { tempDir } from './helpers.js';
import { workbook } from './xlsx-helpers.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const sheet = (body: string) => `<worksheet xmlns="${MAIN}"><sheetData>${body}</sheetData></worksheet>`;

/** The inputs, by file name, and the message each must end with (null: a normal import). */
const CASES: Record<string, { data: () => Uint8Array | string; message: string | null }> = {
  'cell-ref.xlsx': {
    data: () => workbook([{ name: 'S', sheetXml: sheet('<row r="3"><c r="XFDZZZZZ3"><v>1</v></c></row>') }]),
    message: 'has the cell reference "XFDZZZZZ3", outside Excel\'s grid',
  },
  'unclosed-tags.xlsx': {
    data: () =>
      workbook([{ name: 'S', sheetXml: sheet(`<row r="1">${'<c r="A1" t="s"><v>0'.repeat(3000)}`) }]),
    message: 'Not a readable Excel workbook (.xlsx)',
  },
  'many-parts.xlsx': {
    data: () => {
      const parts: Record<string, Uint8Array> = {};
      for (let i = 0; i < 20_000; i++) parts[`xl/worksheets/part${i}.xml`] = strToU8(sheet(''));
      return zipSync(parts);
    },
    message: 'The workbook has more than 2000 parts',
  },
  'bomb.xlsx': {
    data: () => zipSync({ 'xl/workbook.xml': new Uint8Array(200 * 1024 * 1024).fill(0x20) }, { level: 9 }),
    message: 'The workbook part xl/workbook.xml inflates to 209715200 bytes',
  },
  'bomb.docx': {
    data: () => zipSync({ 'word/document.xml': new Uint8Array(200 * 1024 * 1024).fill(0x20) }, { level: 9 }),
    message: 'The document part word/document.xml inflates to 209715200 bytes',
  },
  'columns-1e6.csv': {
    data: () => `Activity,${Array.from({ length: 1_000_000 }, (_, i) => `R${i}`).join(',')}\n`,
    message: 'a row longer than 1000000 characters',
  },
  'columns-5000.csv': {
    data: () => `Activity,${Array.from({ length: 5_000 }, (_, i) => `R${i}`).join(',')}\n`,
    message: '5001 columns; rolemark reads at most 2000',
  },
  'rows-200k.csv': {
    data: () => `Activity,PM,Dev\n${'Ship,A,R\n'.repeat(200_000)}`,
    message: 'more than 50000 rows',
  },
  // Within the CSV limits, beyond what one Markdown table holds: refused, never cut short.
  'rows-40k.csv': {
    data: () => `Activity,PM,Dev\n${Array.from({ length: 40_000 }, (_, i) => `Task ${i},A,R`).join('\n')}\n`,
    message: '40000 rows for "Rows 40k"; rolemark reads at most 2000 in one table (limits.rows)',
  },
  'rows-2000.csv': {
    data: () => `Activity,PM,Dev\n${Array.from({ length: 2_000 }, (_, i) => `Task ${i},A,R`).join('\n')}\n`,
    message: null,
  },
};

describe('hostile spreadsheets, in a child process with 60 s and 512 MB', () => {
  let cli: ReturnType<typeof compileCli>;
  const dir = tempDir('rolemark-import-hostile-');
  beforeAll(() => {
    cli = compileCli();
    for (const [name, c] of Object.entries(CASES)) writeFileSync(join(dir, name), c.data());
  });
  afterAll(() => cli.remove());

  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.message ?? 'imports'}`, async () => {
      const r = await runCli(cli.bin, ['import', join(dir, name), '--out', join(dir, `${name}.md`)], {
        timeout: 60_000,
        maxOldSpace: 512,
      });
      expect(r.timedOut).toBe(false);
      expect(r.signal).toBeNull();
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr).not.toMatch(/\n\s+at /u);
      if (c.message === null) {
        expect(r.code).toBe(0);
      } else {
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(c.message);
      }
    });
  }
});
