/**
 * The warm per-document cost: in one process, through the library API, `load` → `compose` →
 * `render` of the example's team charter (content/), as PDF and as DOCX, after 3 warm-up renders.
 * Prints medians in milliseconds, wall and CPU (user + system of this process), as JSON.
 *
 *   node dist-bench/bench/warm.js [runs] [library]
 *
 * `library` is the path of another build of the library (its `dist/index.js`), to measure an
 * older version side by side; by default this checkout's.
 */
import { pathToFileURL } from 'node:url';
import { median } from './median.js';

type Library = typeof import('../src/index.js');
const library = process.argv[3];
const { compose, load, render }: Library = library
  ? ((await import(pathToFileURL(library).href)) as Library)
  : await import('../src/index.js');

const RUNS = Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 5);
const WARM_UPS = 3;

/** Wall and CPU milliseconds of one call. */
async function timed(step: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await step();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

async function main(): Promise<void> {
  const model = await load(['content']);
  const id = model.documents[0]?.id;
  if (!id) throw new Error('content/ has no document');
  const ir = compose(model, { document: id });
  const steps = {
    pdf: () => render(ir, 'pdf'),
    docx: () => render(ir, 'docx'),
    both: async () => {
      await render(ir, 'pdf');
      await render(ir, 'docx');
    },
  };
  for (let i = 0; i < WARM_UPS; i++) await steps.both();
  const samples: Record<string, { wall: number; cpu: number }[]> = { pdf: [], docx: [], both: [] };
  // In turn, so that a machine slowing down weighs on each alike.
  for (let i = 0; i < RUNS; i++) {
    for (const [name, step] of Object.entries(steps)) samples[name]?.push(await timed(step));
  }
  const result = Object.fromEntries(
    Object.entries(samples).map(([name, list]) => [
      name,
      { wall: median(list.map((s) => s.wall)), cpu: median(list.map((s) => s.cpu)), runs: list.length },
    ]),
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
