/**
 * Trims characters that `strip` matches (one character at a time) from both ends, or only the
 * end. A loop, not a `/[…]+$/` regular expression: those take quadratic time on a long run of
 * such characters that is not at the end, and the reader must stay linear on any input.
 */
export function trimWhere(text: string, strip: RegExp, ends: 'both' | 'end' = 'both'): string {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  if (ends === 'both') while (start < end && strip.test(chars[start] as string)) start++;
  while (end > start && strip.test(chars[end - 1] as string)) end--;
  return start === 0 && end === chars.length ? text : chars.slice(start, end).join('');
}

/** Collapses every run of white space to one space and trims. */
export const collapse = (text: string): string => text.replace(/\s+/gu, ' ').trim();
