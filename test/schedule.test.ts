/**
 * The order in which a build makes its outputs (src/workflow/schedule.ts): always yielded in plan
 * order, each made once; without a lead a few at a time; with one (a PDF worker beside this
 * thread's DOCX files), each thread kept busy with its own format, within the lead's limits.
 */
import { describe, expect, it } from 'vitest';
import { type Lead, ONE_WRITER } from '../src/render/pool.js';
import { inOrder } from '../src/workflow/schedule.js';

interface Out {
  path: string;
}
interface Made {
  path: string;
  data: string;
}

/** Documents d0…d(n-1), each a PDF then a DOCX, as the plan has them. */
const plan = (n: number): Out[] =>
  Array.from({ length: n }, (_, i) => [{ path: `d${i}.pdf` }, { path: `d${i}.docx` }]).flat();

const LEAD: Lead = {
  lanes: [
    { format: 'pdf', depth: 16 },
    { format: 'docx', depth: 1, here: true },
  ],
  ahead: 1024,
  bytes: 64 * 1024 * 1024,
};

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
/** This thread's work: it holds the thread, as a DOCX render does. */
const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

/**
 * The worker's first PDF, finished once this thread has made `after` documents of its own: a
 * schedule that makes none ahead waits for the fallback, a second.
 */
function slowFirst(after: number): { done: Promise<void>; count: () => void } {
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
    setTimeout(resolve, 1000);
  });
  let made = 0;
  return { done, count: () => void (++made === after && finish()) };
}

async function collect(generator: AsyncGenerator<Made>): Promise<string[]> {
  const paths: string[] = [];
  for await (const made of generator) paths.push(made.path);
  return paths;
}

describe('inOrder', () => {
  it('without a lead: plan order, each once, at most `ahead` being made at once', async () => {
    const outputs = plan(10);
    let running = 0;
    let most = 0;
    const made: string[] = [];
    const make = async (o: Out): Promise<Made> => {
      made.push(o.path);
      most = Math.max(most, ++running);
      await sleep(1);
      running--;
      return { path: o.path, data: 'x' };
    };
    expect(await collect(inOrder(outputs, make, 4))).toEqual(outputs.map((o) => o.path));
    expect(made.sort()).toEqual(outputs.map((o) => o.path).sort());
    expect(most).toBe(4);
  });

  it("hands the worker's format over far past the next output to write, not four at a time", async () => {
    const outputs = plan(40);
    const started: string[] = [];
    const make = async (o: Out): Promise<Made> => {
      started.push(o.path);
      if (o.path.endsWith('.pdf')) await sleep(1);
      else busy(2);
      return { path: o.path, data: 'x' };
    };
    const generator = inOrder(outputs, make, 4, LEAD);
    const first = await generator.next();
    expect(first.value?.path).toBe('d0.pdf');
    // Sixteen PDFs went to the worker before the first output was written; before, two.
    expect(started.filter((p) => p.endsWith('.pdf')).length).toBeGreaterThanOrEqual(16);
    const rest: string[] = [];
    for await (const made of generator) rest.push(made.path);
    expect(['d0.pdf', ...rest]).toEqual(outputs.map((o) => o.path));
    expect(started.sort()).toEqual(outputs.map((o) => o.path).sort());
  });

  it("renders this thread's own format ahead while the worker's next output is not ready", async () => {
    const outputs = plan(12);
    const events: string[] = [];
    // The worker finishes d0.pdf once five DOCX files are made (or after a second, if never).
    const first = slowFirst(5);
    const make = async (o: Out): Promise<Made> => {
      if (o.path.endsWith('.pdf')) {
        await (o.path === 'd0.pdf' ? first.done : sleep(1));
        events.push(`done ${o.path}`);
      } else {
        events.push(`made ${o.path}`);
        first.count();
      }
      return { path: o.path, data: 'x' };
    };
    expect(await collect(inOrder(outputs, make, 4, LEAD))).toEqual(outputs.map((o) => o.path));
    const firstPdf = events.indexOf('done d0.pdf');
    // Before, no DOCX past the fourth output was made while the first PDF was awaited.
    expect(events.slice(0, firstPdf).filter((e) => e.startsWith('made')).length).toBeGreaterThanOrEqual(4);
  });

  it("turns the event loop between two of this thread's documents made ahead", async () => {
    const outputs = plan(8);
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const seen: number[] = [];
    const first = slowFirst(5);
    const make = async (o: Out): Promise<Made> => {
      if (o.path.endsWith('.pdf')) await (o.path === 'd0.pdf' ? first.done : sleep(1));
      else {
        seen.push(turns);
        first.count();
      }
      return { path: o.path, data: 'x' };
    };
    await collect(inOrder(outputs, make, 4, LEAD));
    ticking = false;
    // Made ahead while d0.pdf was awaited: a turn (the worker's replies, a signal) between each two.
    const ahead = seen.slice(1, 5);
    for (let k = 1; k < ahead.length; k++) expect(ahead[k]).toBeGreaterThan(ahead[k - 1] as number);
  });

  it('holds at most `bytes` (and the jobs already handed over) of finished outputs not yet written', async () => {
    const outputs = plan(60);
    const lead: Lead = { ...LEAD, bytes: 40 };
    let finished = 0;
    let written = 0;
    let most = 0;
    const make = async (o: Out): Promise<Made> => {
      // The DOCX files are slow: the worker's PDFs pile up, 10 bytes each.
      if (o.path.endsWith('.pdf')) await sleep(0);
      else busy(2);
      finished++;
      most = Math.max(most, finished - written);
      return { path: o.path, data: '0123456789' };
    };
    for await (const _ of inOrder(outputs, make, 4, lead)) {
      written++;
      // As the writing does (outputs.ts): a turn of the event loop per file.
      await new Promise<void>((turn) => setImmediate(turn));
    }
    expect(written).toBe(120);
    // 40 bytes are 4 outputs; one more past the limit, and the worker's 16 in flight.
    expect(most).toBeLessThanOrEqual(5 + 16 + 1);
    expect(most).toBeGreaterThan(2);
  });

  it('a failure far ahead surfaces when the writing reaches it, after every earlier output', async () => {
    const outputs = plan(20);
    const make = async (o: Out): Promise<Made> => {
      if (o.path === 'd15.pdf' || o.path === 'd16.docx') throw new Error(`cannot render ${o.path}`);
      if (o.path === 'd0.pdf') await sleep(30);
      return { path: o.path, data: 'x' };
    };
    const written: string[] = [];
    const error = await (async () => {
      for await (const made of inOrder(outputs, make, 4, LEAD)) written.push(made.path);
    })().catch((e: Error) => e);
    expect(String(error)).toBe('Error: cannot render d15.pdf');
    expect(written).toEqual(outputs.slice(0, 30).map((o) => o.path));
  });

  describe('one writer in two threads (a DOCX-only build)', () => {
    /** DOCX files only, as a `--format docx` plan has them. */
    const docx = (n: number): Out[] => Array.from({ length: n }, (_, i) => ({ path: `d${i}.docx` }));

    it('hands the worker its depth, then this thread takes the next one nobody took, each once', async () => {
      const outputs = docx(30);
      const by = new Map<string, 'here' | 'worker'>();
      const make = async (o: Out, here?: boolean): Promise<Made> => {
        expect(by.has(o.path), o.path).toBe(false);
        by.set(o.path, here ? 'here' : 'worker');
        // The worker's documents take a while; this thread's hold it.
        if (here) busy(2);
        else await sleep(3);
        return { path: o.path, data: 'x' };
      };
      expect(await collect(inOrder(outputs, make, 4, ONE_WRITER))).toEqual(outputs.map((o) => o.path));
      expect([...by.keys()].sort()).toEqual(outputs.map((o) => o.path).sort());
      // The worker's first documents are the first of the plan; this thread took the next, while
      // the first was not ready (before, it rendered none: the worker made all 30).
      const first = ONE_WRITER.lanes[0]?.depth ?? 0;
      for (let i = 0; i < first; i++) expect(by.get(`d${i}.docx`)).toBe('worker');
      expect(by.get(`d${first}.docx`)).toBe('here');
      const here = [...by.values()].filter((b) => b === 'here').length;
      expect(here).toBeGreaterThan(2);
      expect(here).toBeLessThan(outputs.length - first);
    });

    it('leaves a build no larger than the worker’s depth to the worker', async () => {
      const outputs = docx(ONE_WRITER.lanes[0]?.depth ?? 0);
      const here: string[] = [];
      const make = async (o: Out, mine?: boolean): Promise<Made> => {
        if (mine) here.push(o.path);
        await sleep(1);
        return { path: o.path, data: 'x' };
      };
      expect(await collect(inOrder(outputs, make, 4, ONE_WRITER))).toEqual(outputs.map((o) => o.path));
      expect(here).toEqual([]);
    });

    it('takes more when the worker is slower, and reports a failure of either in order', async () => {
      const outputs = docx(24);
      const here: string[] = [];
      const make = async (o: Out, mine?: boolean): Promise<Made> => {
        if (mine) here.push(o.path);
        else await sleep(20);
        if (o.path === 'd9.docx' || o.path === 'd13.docx') throw new Error(`cannot render ${o.path}`);
        return { path: o.path, data: 'x' };
      };
      const written: string[] = [];
      const error = await (async () => {
        for await (const made of inOrder(outputs, make, 4, ONE_WRITER)) written.push(made.path);
      })().catch((e: Error) => e);
      expect(String(error)).toBe('Error: cannot render d9.docx');
      expect(written).toEqual(outputs.slice(0, 9).map((o) => o.path));
      // A worker 20 ms a document against this thread's nothing: most documents made here.
      expect(here.length).toBeGreaterThan(outputs.length / 2);
    });
  });
});
