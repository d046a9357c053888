/** Characters no document may hold, and files with more lines than the limit. */
import type { Finding } from '../model/types.js';
import { finding } from './findings.js';
import { limitDiagnostic } from './limits.js';
import { LineIndex } from './markdown.js';

/** How many of one kind of problem are reported one by one in a file. */
export const REPORTED_EACH = 3;

// Tab, line feed and carriage return are text; vertical tab and form feed are whitespace that XML
// cannot hold; every other C0 control, DEL, U+FFFE, U+FFFF and unpaired surrogates (which a `u`
// regular expression matches only when unpaired) are junk.
const BAD_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF\uFFFD\uD800-\uDFFF]/gu;

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Replaces characters no document can hold by U+FFFD, and reports them and any U+FFFD. */
export function cleanCharacters(text: string, file: string, diagnostics: Finding[]): string {
  BAD_CHARACTER.lastIndex = 0;
  if (!BAD_CHARACTER.test(text)) return text;
  const lines = new LineIndex(text);
  const counts = { replacement: 0, control: 0 };
  const reportOne = (kind: keyof typeof counts, offset: number, message: string) => {
    counts[kind]++;
    if (counts[kind] > REPORTED_EACH) return;
    const at = lines.at(file, offset);
    diagnostics.push(
      finding('input-encoding', message, { ...at, endLine: at.line, endColumn: at.column + 1 }),
    );
  };
  const out = text.replace(BAD_CHARACTER, (ch: string, offset: number) => {
    if (ch === '\u000B' || ch === '\u000C') return ' ';
    if (ch === '\uFFFD') {
      reportOne(
        'replacement',
        offset,
        'Unexpected U+FFFD replacement character: bytes here were not UTF-8, or an earlier conversion lost a character. Retype it and save the file as UTF-8',
      );
      return ch;
    }
    const what =
      ch === '\u0000'
        ? 'NUL character'
        : /[\uD800-\uDFFF]/u.test(ch)
          ? 'unpaired surrogate'
          : 'control character';
    reportOne('control', offset, `Unexpected ${what} ${codePoint(ch)}; read as U+FFFD. Delete it`);
    return '\uFFFD';
  });
  for (const kind of ['replacement', 'control'] as const) {
    const more = counts[kind] - REPORTED_EACH;
    if (more > 0) {
      diagnostics.push(
        finding(
          'input-encoding',
          `…and ${more} more ${kind === 'replacement' ? 'U+FFFD replacement characters' : 'control characters'} in this file`,
          { file, line: 1, column: 1 },
        ),
      );
    }
  }
  return out;
}

/** The text up to its `max`th line; an `input-limit` error when there were more. */
export function firstLines(text: string, file: string, max: number, diagnostics: Finding[]): string {
  let end = -1;
  for (let n = 0; n < max; n++) {
    end = text.indexOf('\n', end + 1);
    if (end < 0) return text;
  }
  if (end === text.length - 1) return text;
  let total = max;
  for (let i = end; i >= 0; i = text.indexOf('\n', i + 1)) total++;
  if (text.endsWith('\n')) total--;
  diagnostics.push(
    limitDiagnostic(
      { file, line: max + 1, column: 1 },
      `file of ${total.toLocaleString('en')} lines`,
      'lines',
      max.toLocaleString('en'),
      total - max === 1
        ? `the line after line ${max.toLocaleString('en')} was not read`
        : `the ${(total - max).toLocaleString('en')} lines after line ${max.toLocaleString('en')} were not read`,
    ),
  );
  return text.slice(0, end + 1);
}
