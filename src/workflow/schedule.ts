/**
 * The order in which a build makes its outputs: written one by one in plan order, made a few at a
 * time ahead of the writing, or, on 2 cores with one thread per writer, by two lanes that keep
 * both threads busy with their own format (render/pool.ts, `Lead`). Split from src/build.ts.
 */
import type { Lead } from '../render/pool.js';

/** What making an output gives: its bytes, among the rest. */
interface Made {
  data: Buffer | string;
}

/**
 * Makes `outputs` with `make` and yields what each gives, in their order. Without a `lead`, up to
 * `ahead` outputs are made at once. With one, each lane's outputs are made in plan order past the
 * next one to write, within the lead's limits: a worker's lane (`here` unset) keeps `depth` jobs
 * handed over, refilled as each comes back; the lane of this thread renders one at a time, and
 * only while the next output to write is not ready (a PDF the worker has not finished yet), with
 * a turn of the event loop between two so that the worker's replies are handled and the files
 * written. A lane's output the writing reaches before the lane did is made then.
 */
export async function* inOrder<T extends { path: string }, R extends Made>(
  outputs: readonly T[],
  /** `here`: made by this thread's lane ({@link Lead}), not handed to a worker. */
  make: (output: T, here?: boolean) => Promise<R>,
  ahead: number,
  lead?: Lead,
): AsyncGenerator<R> {
  const running: (Promise<R> | undefined)[] = [];
  const settled: boolean[] = [];
  /** The next output to write: those before it are written, never made again. */
  let next = 0;
  /** Outputs this thread's lane took: made here, whatever their format. */
  const mine: boolean[] = [];
  const launch = (n: number, here = false): Promise<R> => {
    if (here) mine[n] = true;
    const job = make(outputs[n] as T, here);
    running[n] = job;
    const done = () => {
      settled[n] = true;
    };
    // Awaited in order below; until then a failure must not count as unhandled.
    job.then(done, done);
    return job;
  };
  const lanes = (lead?.lanes ?? []).map((lane) => ({ ...lane, at: 0, busy: 0 }));
  type LaneState = (typeof lanes)[number];
  /** Bytes of outputs made by a lane and not written yet. */
  let held = 0;
  const heldBytes = new Map<number, number>();
  const hold = (n: number, made: R) => {
    const bytes = Buffer.byteLength(made.data);
    heldBytes.set(n, bytes);
    held += bytes;
  };
  /** The lane's next output it may make now, or -1. */
  const nextOf = (lane: LaneState, limits: Lead): number => {
    for (; lane.at < outputs.length && lane.at < next + limits.ahead; lane.at++) {
      if (held > limits.bytes) return -1;
      const n = lane.at;
      if (running[n] === undefined && n >= next && outputs[n]?.path.endsWith(`.${lane.format}`)) {
        lane.at++;
        return n;
      }
    }
    return -1;
  };
  const fill = (lane: LaneState, limits: Lead) => {
    while (lane.busy < lane.depth) {
      const n = nextOf(lane, limits);
      if (n < 0) return;
      lane.busy++;
      launch(n).then(
        (made) => {
          lane.busy--;
          // Before the writing takes it: its `await` came later.
          hold(n, made);
          fill(lane, limits);
        },
        () => {
          lane.busy--;
        },
      );
    }
  };
  const here = lanes.find((lane) => lane.here);
  // One writer in two threads (a DOCX-only build): a worker's lane and this thread's take the same
  // format from the plan, each the next output nobody took; an output this thread did not take is
  // made elsewhere.
  const shared = here !== undefined && lanes.some((lane) => !lane.here && lane.format === here.format);
  let launched = 0;
  for (let i = 0; i < outputs.length; i++) {
    next = i;
    if (lead) {
      for (const lane of lanes) if (!lane.here) fill(lane, lead);
      if (running[i] === undefined) launch(i);
      // While the next output is made elsewhere and not ready, this thread renders its own ahead.
      const elsewhere = here && (!outputs[i]?.path.endsWith(`.${here.format}`) || (shared && !mine[i]));
      while (here && elsewhere && !settled[i]) {
        const n = nextOf(here, lead);
        if (n < 0) break;
        // A failure is reported when the writing reaches it, in order, as any other.
        const made = await launch(n, true).catch(() => undefined);
        if (made) hold(n, made);
        await new Promise<void>((turn) => setImmediate(turn));
      }
    } else {
      for (; launched < outputs.length && launched < i + ahead; launched++) launch(launched);
    }
    const made = await (running[i] as Promise<R>);
    running[i] = undefined;
    held -= heldBytes.get(i) ?? 0;
    heldBytes.delete(i);
    yield made;
  }
}
