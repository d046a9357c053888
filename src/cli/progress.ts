import type { BuildProgress } from '../index.js';

export interface ProgressOptions {
  /** Where progress goes (stderr, so that stdout stays clean for pipes). */
  write: (text: string) => void;
  /** A terminal that can redraw a line; false in CI and when output is redirected. */
  tty: boolean;
  /** One line per output, with its time. */
  verbose?: boolean;
  /** Nothing at all. */
  quiet?: boolean;
  /** Show progress only when more than this many outputs are to be rendered. */
  threshold?: number;
  /** Terminal width, for the bar. */
  columns?: number;
}

export interface ProgressReporter {
  onProgress: (event: BuildProgress) => void;
  /** Clears the bar, so the next line starts clean. */
  finish: () => void;
}

const BAR_WIDTH = 24;
/** Redraw the bar at most this often: reused outputs arrive faster than a terminal can show. */
const REDRAW_MS = 80;

/**
 * Reports a build's progress: a bar redrawn in place on a terminal, or a plain line at every tenth
 * in CI logs, and only when enough outputs must be rendered for the wait to be noticed. With
 * `verbose`, one line per output instead.
 */
export function progressReporter(options: ProgressOptions): ProgressReporter {
  const threshold = options.threshold ?? 20;
  let mode: 'off' | 'bar' | 'lines' | 'verbose' = 'off';
  let lastDraw = 0;
  let lastTenth = 0;
  let drawn = false;

  const draw = (done: number, total: number, path: string, force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < REDRAW_MS) return;
    lastDraw = now;
    const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const line = `Rendering ${bar} ${done}/${total} ${path}`;
    const width = Math.max(20, (options.columns || 80) - 1);
    options.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    drawn = true;
  };

  return {
    onProgress(event) {
      if (event.type === 'plan') {
        if (options.quiet) mode = 'off';
        else if (options.verbose) mode = 'verbose';
        else if (event.toRender > threshold) mode = options.tty ? 'bar' : 'lines';
        if (mode === 'lines' || (mode === 'verbose' && !options.tty)) {
          options.write(
            `Rendering ${event.toRender} of ${event.total} outputs (${event.total - event.toRender} unchanged)\n`,
          );
        }
        return;
      }
      if (mode === 'verbose') {
        const what = event.reused ? 'unchanged' : 'rendered ';
        options.write(`  ${what}  ${event.path}  ${Math.round(event.ms)} ms\n`);
      } else if (mode === 'bar') {
        draw(event.done, event.total, event.path, event.done === event.total);
      } else if (mode === 'lines') {
        const tenth = Math.floor((event.done / event.total) * 10);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          options.write(`  ${event.done}/${event.total} (${tenth * 10}%)\n`);
        }
      }
    },
    finish() {
      if (drawn) options.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
