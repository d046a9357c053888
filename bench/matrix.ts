/**
 * The matrix benchmark: our pager (src/render/pdf/matrix.ts) against pdfkit's own `doc.table()`,
 * on the same data, with the same embedded font (DejaVu Sans), each timed from a new document to
 * the finished PDF bytes. Medians of several runs, side by side in one process.
 *
 *   npm run bench:matrix                 # prints a Markdown table
 *   npm run bench:matrix -- --write      # also writes bench/results-matrix.md
 *   BENCH_RUNS=3 npm run bench:matrix    # runs per case (doc.table on 500×30 runs at most 3 times)
 */
import { writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import PDFDocument from 'pdfkit';
import type { DocumentIR, MatrixBlock } from '../src/ir/types.js';
import { RACI } from '../src/model/schemes.js';
import { fontData } from '../src/render/pdf/fonts.js';
import { renderPdf } from '../src/render/pdf/index.js';

const CODES = ['R', 'A', 'C', 'I', 'A/R', '', '', ''];

interface Case {
  rows: number;
  cols: number;
  names: string[];
  roles: string[];
  cells: string[][];
}

function data(rows: number, cols: number): Case {
  const roles = Array.from({ length: cols }, (_, i) => `Role ${i + 1}`);
  const names = Array.from(
    { length: rows },
    (_, i) => `Activity ${i + 1}: review and sign off the quarterly plan`,
  );
  const cells = names.map((_, r) => roles.map((_, c) => CODES[(r * 7 + c * 3) % CODES.length] as string));
  return { rows, cols, names, roles, cells };
}

/** Ours: a document holding one matrix block, rendered by the PDF writer (untagged, like doc.table()). */
function ours(c: Case, tagged: boolean): Promise<Buffer> {
  const matrix: MatrixBlock = {
    type: 'matrix',
    columns: c.roles.map((name, i) => ({ roleId: `r${i}`, name, short: null })),
    rows: c.names.map((name, r) => ({
      type: 'activity' as const,
      name,
      cells: (c.cells[r] ?? []).map((cell) => ({ codes: cell === '' ? [] : cell.split('/') })),
    })),
    codes: RACI.codes,
    notes: [],
    activityLabel: 'Activity',
  };
  const ir: DocumentIR = {
    kind: 'team-charter',
    meta: {
      title: 'Bench',
      subject: 'Bench',
      author: null,
      keywords: [],
      lang: 'en',
      date: '2026-01-01',
      version: null,
    },
    header: 'Bench',
    footer: 'Bench',
    labels: { pageOf: 'Page {page} of {pages}' },
    blocks: [matrix],
  };
  return renderPdf(ir, { tagged, fallbackFonts: [] });
}

/** pdfkit's doc.table() with the same font, embedded. */
function theirs(c: Case): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: c.cols > 10 ? 'landscape' : 'portrait',
    info: { CreationDate: new Date(0) },
  });
  doc.registerFont('dejavu', fontData('regular'));
  doc.font('dejavu').fontSize(8);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  doc.table({ data: [['Activity', ...c.roles], ...c.names.map((n, r) => [n, ...(c.cells[r] ?? [])])] });
  doc.end();
  return done;
}

async function median(runs: number, f: () => Promise<Buffer>): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    bytes = (await f()).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] ?? 0, bytes };
}

const runs = Number(process.env.BENCH_RUNS ?? 7);
const loadAtStart = loadavg()[0] ?? 0;
const lines = [
  '| table | ours (untagged) | ours (tagged) | doc.table() | doc.table() ÷ ours | runs (ours / doc.table) |',
  '|---|--:|--:|--:|--:|--:|',
];
// Warm up the font files and the JIT once, outside the timings.
await ours(data(5, 3), false);
await theirs(data(5, 3));
for (const [rows, cols] of [
  [50, 8],
  [500, 30],
] as const) {
  const c = data(rows, cols);
  // doc.table() on 500×30 takes ~30 s a run: `npm run bench` asks for one (BENCH_LARGE_TABLE_RUNS=1)
  // to stay under 10 minutes; against a ratio of ~60×, the noise of one run does not matter.
  const tableRuns =
    rows > 100 ? Math.min(Number(process.env.BENCH_LARGE_TABLE_RUNS ?? 3), runs) : Math.min(5, runs);
  const a = await median(runs, () => ours(c, false));
  const t = await median(runs, () => ours(c, true));
  const b = await median(tableRuns, () => theirs(c));
  lines.push(
    `| ${rows} × ${cols} | ${a.ms.toFixed(0)} ms | ${t.ms.toFixed(0)} ms | ${b.ms.toFixed(0)} ms | ${(b.ms / a.ms).toFixed(1)}× | ${runs} / ${tableRuns} |`,
  );
  console.error(lines[lines.length - 1]);
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${arch()}, Node ${process.version}`;
const report = [
  '# Matrix benchmark: our pager vs pdfkit `doc.table()`',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
  '',
  'Each run renders one table, from a new document to the finished PDF bytes, with DejaVu Sans',
  'embedded. Medians. `npm run bench:matrix` (source: `bench/matrix.ts`).',
  `Load average when the run started: ${loadAtStart.toFixed(1)} (the machine may be shared; both`,
  'sides run in the same process, one after the other, so the ratio holds better than the times).',
  '',
  ...lines,
  '',
].join('\n');
console.log(report);
if (process.argv.includes('--write'))
  writeFileSync(new URL('../../bench/results-matrix.md', import.meta.url), report);
