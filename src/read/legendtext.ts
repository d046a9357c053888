import type { ListItem } from 'mdast';
import { nodeText } from './markdown.js';
import { collapse, trimWhere } from './text.js';
import { fold, isKnownLabel, LEGEND_PREFIXES } from './vocabulary.js';

/** One letter (or word) a legend defines, before its position is known. */
export interface TextEntry {
  code: string;
  label: string;
  description?: string;
  /** True when the label was accepted without being a known code label (`E (Expert)`). */
  loose?: boolean;
}

// A single capital letter, standing alone, then `=`, `:`, a dash or an arrow.
const ENTRY = /(?<![\p{L}\p{N}])(\p{Lu})(?![\p{L}\p{N}])\s*(=|:|–|—|-|→|⇒)\s*/gu;

const plainText = (text: string): string => collapse(text.normalize('NFKC').replace(/[*_`]/gu, ''));

/** `Legend: …`, `Key: …` opening a legend: the text without it. */
function withoutPrefix(body: string): string {
  const prefix = /^([^:=]{1,24}):\s*/u.exec(body);
  return prefix && LEGEND_PREFIXES.has(fold(prefix[1] as string)) ? body.slice(prefix[0].length) : body;
}

/**
 * `Responsible: does the work`, `Responsible (does the work)`, `Responsible, verantwortlich für…`
 * → label and description. The label ends at a colon, a parenthesis, a spaced dash or a full stop,
 * or at a comma when what is before it is a known code label.
 */
export function splitLabel(text: string): { label: string; description: string } {
  const rest = collapse(text);
  const comma = /^([^,]{1,40}),\s*(.+)$/u.exec(rest);
  if (comma && isKnownLabel(comma[1] as string) && !/[:(]/u.test(comma[1] as string))
    return { label: (comma[1] as string).trim(), description: (comma[2] as string).trim() };
  const split = /^(.*?)(?:\s*[:(]\s*|\s+[-–—]\s+|\.\s+)(.*)$/u.exec(rest);
  if (!split) return { label: trimWhere(rest, /[.\s]/u), description: '' };
  return {
    label: trimWhere((split[1] as string).trim(), /[.\s]/u),
    description: (split[2] as string).replace(/\)$/u, '').trim(),
  };
}

/**
 * `最終責任 (Accountable)`, `Final say (Accountable)`: when the label is no known code label but
 * the text after it is one, that one is the label and the first the description.
 */
function knownFirst(split: { label: string; description: string }): { label: string; description: string } {
  if (isKnownLabel(split.label) || !isKnownLabel(split.description)) return split;
  return { label: split.description, description: split.label };
}

/**
 * Reads a legend written as text: `R = Responsible, A = Accountable`, `**S** = Support`,
 * `Legend: C – Consulted (gives input)`. Every part of the text must be an entry, or it is not a
 * legend. With `:` or a dash the label must be a known code label, so that a list item such as
 * `R: Content Strategist` (a role for an activity) is not taken for a legend. One entry may also
 * be written `R (Responsible): …`, `(R) - Responsible: …`, `Responsible (R): …` or
 * `R for Responsible: …` (see `readLegendEntry`).
 */
export function readLegendText(text: string): TextEntry[] | undefined {
  const body = withoutPrefix(plainText(text));
  const matches = [...body.matchAll(ENTRY)];
  const first = matches[0];
  if (!first || body.slice(0, first.index).replace(/[\s(,;|·]/gu, '') !== '') {
    const one = readLegendEntry(body);
    return one ? [one] : undefined;
  }
  const entries: TextEntry[] = [];
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i] as RegExpExecArray;
    const end = matches[i + 1]?.index ?? body.length;
    // `R: 実行責任者、A: 説明責任者`: CJK commas and full stops end an entry too.
    const rest = trimWhere(body.slice(m.index + m[0].length, end), /[\s,;|·)、，；。]/u, 'end').trim();
    const { label, description } = knownFirst(splitLabel(rest));
    if (label === '' || label.length > 40) return undefined;
    const sep = m[2] as string;
    if (sep !== '=' && sep !== '→' && sep !== '⇒' && !isKnownLabel(label)) {
      // `R: Content Strategist` is no entry; a single match may still be one in another form.
      const one = matches.length === 1 ? readLegendEntry(body) : undefined;
      return one ? [one] : undefined;
    }
    entries.push({ code: m[1] as string, label, ...(description ? { description } : {}) });
  }
  return entries;
}

// `R (Responsible): …`, `(R) Responsible: …`, `(R) - Responsible: …`, `R for Responsible`,
// `Responsible (R): …`.
const LETTER_THEN_PAREN = /^(\p{Lu})\s*\(([^()]{1,40})\)\s*(?:[:=–—-]\s*)?(.*)$/u;
const PAREN_LETTER = /^\((\p{Lu})\)\s*(?:[:=–—-]\s*)?(.+)$/u;
const LETTER_FOR = /^(\p{Lu})\s+(?:for|stands for|means|pour|für|fur|para|steht für)\s+(.+)$/iu;
// `谁负责（R = Responsible），负责执行任务的角色`: a short lead-in, then the entry in parentheses.
const LEAD_IN_PAREN = /^[^()=:]{1,16}\((\p{Lu})\s*[=:]\s*([^()]{1,40})\)\s*[,，:：.。;；]?\s*(.*)$/u;
const LABEL_THEN_LETTER = /^([\p{L}][\p{L} '’-]{0,39}?)\s*\((\p{Lu})\)\s*(?:[:=–—-]\s*)?(.*)$/u;

/**
 * One legend entry written with its letter in parentheses or with "for": the label must be a
 * known code label, or the entry is marked `loose` (the list it is in must hold a known one).
 */
export function readLegendEntry(text: string): TextEntry | undefined {
  const body = plainText(text);
  let code: string | undefined;
  let label = '';
  let description = '';
  const a = LETTER_THEN_PAREN.exec(body);
  const b = a ? null : PAREN_LETTER.exec(body);
  const c = a || b ? null : LETTER_FOR.exec(body);
  const d = a || b || c ? null : LABEL_THEN_LETTER.exec(body);
  const e = a || b || c || d ? null : LEAD_IN_PAREN.exec(body);
  if (e) {
    // Only a known label makes such a sentence a legend entry.
    const lead = {
      code: e[1] as string,
      label: (e[2] as string).trim(),
      description: (e[3] as string).trim(),
    };
    if (!isKnownLabel(lead.label)) return undefined;
    return {
      code: lead.code,
      label: lead.label,
      ...(lead.description ? { description: lead.description } : {}),
    };
  }
  if (a) {
    code = a[1];
    label = trimWhere((a[2] as string).trim(), /[.\s]/u);
    description = (a[3] as string).trim();
  } else if (b || c) {
    const m = (b ?? c) as RegExpExecArray;
    code = m[1];
    ({ label, description } = splitLabel(m[2] as string));
  } else if (d) {
    code = d[2];
    label = (d[1] as string).trim();
    description = (d[3] as string).trim();
  }
  if (code === undefined || label === '' || label.length > 40) return undefined;
  // The letter must be the label's initial, unless the label is a known code label (`A (Aprovador)`).
  const known = isKnownLabel(label);
  if (!known && fold(label)[0] !== code.toLowerCase()) return undefined;
  return { code, label, ...(description ? { description } : {}), ...(known ? {} : { loose: true }) };
}

/**
 * `**R**esponsible: who does the work`: the letter in bold, the rest of the word after it. Only a
 * list item written so is read (the bold letter is what says "this is the letter").
 */
export function readAcrosticItem(item: ListItem): TextEntry | undefined {
  const para = item.children[0];
  if (para?.type !== 'paragraph') return undefined;
  const [strong, next] = para.children;
  if (strong?.type !== 'strong' || next?.type !== 'text') return undefined;
  const letter = nodeText(strong).trim();
  if (!/^\p{Lu}$/u.test(letter) || !/^\p{Ll}/u.test(next.value)) return undefined;
  const { label: tail, description } = splitLabel(nodeText(para).slice(nodeText(strong).length));
  const label = `${letter}${tail}`;
  if (!/^\p{L}+$/u.test(label) || label.length > 40) return undefined;
  const known = isKnownLabel(label);
  return { code: letter, label, ...(description ? { description } : {}), ...(known ? {} : { loose: true }) };
}
