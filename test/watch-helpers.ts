import { renameSync, writeFileSync } from 'node:fs';

/** Polls until `ready()` holds, failing after `ms`: a bounded wait instead of a fixed sleep. */
export async function until(ready: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Saves like an editor does: a new file renamed over the old one, so no build sees half a file. */
export function save(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}
