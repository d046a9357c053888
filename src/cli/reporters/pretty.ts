import { createColors } from 'picocolors';
import type { Diagnostic } from '../../index.js';
import { counts, plural, type Reporter } from './types.js';

/** The styles used; picocolors writes their escapes (and nothing when colour is off). */
type Style = 'red' | 'yellow' | 'blue' | 'green' | 'dim' | 'bold' | 'underline';

type Paint = (style: Style, text: string) => string;

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'blue' } as const;

/** `14:3-14:28`, or `14:3` when the end is not known. */
export function place(d: Diagnostic): string {
  const start = `${d.line}:${d.column}`;
  return d.endLine !== undefined && d.endColumn !== undefined
    ? `${start}-${d.endLine}:${d.endColumn}`
    : start;
}

/** Longer messages are not padded to: one long message should not push every rule id off screen. */
const MAX_MESSAGE_PAD = 100;

/**
 * The default reporter, in the style of vfile-reporter: diagnostics grouped by file, one a line
 * with aligned columns (`14:3-14:28  error  Unexpected …  accountable-multiple`), then a summary.
 */
export const pretty: Reporter = (diagnostics, ctx) => {
  const colors = createColors(ctx.color);
  const paint: Paint = (style, text) => colors[style](text);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    if (lines.length > 0) lines.push('');
    lines.push(paint('underline', file || '(no file)'));
    const placeWidth = Math.max(...list.map((d) => place(d).length));
    const severityWidth = Math.max(...list.map((d) => d.severity.length));
    const messageWidth = Math.min(MAX_MESSAGE_PAD, Math.max(...list.map((d) => d.message.length)));
    for (const d of list) {
      lines.push(
        [
          `  ${place(d).padEnd(placeWidth)}`,
          paint(SEVERITY_STYLE[d.severity], d.severity.padEnd(severityWidth)),
          d.message.padEnd(messageWidth),
          paint('dim', d.ruleId),
        ].join('  '),
      );
    }
  }
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(diagnostics, ctx.files, paint));
  return { stdout: `${lines.join('\n')}\n`, stderr: '' };
};

function summaryLine(diagnostics: readonly Diagnostic[], files: number, paint: Paint): string {
  const c = counts(diagnostics);
  const checked = `${plural(files, 'file')} checked`;
  if (diagnostics.length === 0) return `${paint('green', '✔')} No problems (${checked})`;
  const parts = [
    c.error > 0 ? paint('red', plural(c.error, 'error')) : '',
    c.warning > 0 ? paint('yellow', plural(c.warning, 'warning')) : '',
    c.info > 0 ? paint('blue', plural(c.info, 'info')) : '',
  ].filter(Boolean);
  const mark = c.error > 0 ? paint('red', '✖') : c.warning > 0 ? paint('yellow', '⚠') : paint('blue', 'ℹ');
  return `${mark} ${paint('bold', plural(diagnostics.length, 'problem'))} (${parts.join(', ')}; ${checked})`;
}
