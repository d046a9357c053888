import type { List, ListItem, Nodes, Paragraph } from 'mdast';
import { plausibleRoleName, splitNames } from './cellnames.js';
import { isCodeCell, parseCell } from './cells.js';
import { codesOfLabel } from './codes.js';
import { deconfuse } from './confusables.js';
import { ActivityBuilder, type ReadContext, report, reportConfusables } from './context.js';
import { Locator, nodeText, positionOf } from './markdown.js';
import { ownNote } from './rows.js';
import { collapse } from './text.js';

/**
 * `Responsible: UX Designer, Frontend Engineer` or `R: Content Strategist`, read; or the other way
 * round, a role then its codes (`CISO – A`, `**Product**: Accountable`, `Legal - C (contracts)`).
 */
interface CodeLine {
  label: string;
  /** The codes the label names; undefined for another label (`Deadline: Q3`), kept as metadata. */
  codes: string[] | undefined;
  value: string;
  /** The node the line was written in, to find positions. */
  node: Nodes;
  /** A role line: `label` is the role, `codes` come from the value, with its note. */
  role?: { note?: string };
}

const LINE = /^\s*([^:=\n]{1,40}?)\s*(?::|=|\s[-–—]\s|→)\s*(.*)$/su;

function parseLine(text: string, node: Nodes, ctx: ReadContext): CodeLine | undefined {
  const m = LINE.exec(text);
  if (!m) return undefined;
  const label = (m[1] as string).trim();
  const value = (m[2] as string).trim();
  const codes = codesOfLabel(label, ctx.codes);
  if (!codes && value.length <= 60) {
    // `Engineering: R`: the codes come after the role.
    let cell = parseCell(value, ctx.scheme);
    // `C, for changes to firewalls`: the codes, then a note after a comma.
    const comma = /^([^,;]{1,12})[,;]\s*(\S.*)$/su.exec(value);
    if (!isCodeCell(cell) && comma) {
      const head = parseCell(comma[1] as string, ctx.scheme);
      const note = [head.note, (comma[2] as string).trim()].filter((n) => n !== undefined).join('; ');
      if (isCodeCell(head)) cell = { ...head, note };
    }
    if (isCodeCell(cell)) {
      return { label, codes: cell.codes, value, node, role: cell.note ? { note: cell.note } : {} };
    }
  }
  return { label, codes, value, node };
}

/** A role's name before its codes: up to five words, opening with a letter, a digit, `@` or `#`. */
const ROLE_LABEL = /^[\p{L}\p{N}@#][^\s]*(?:\s+[^\s]+){0,4}$/u;

/** A paragraph's lines, hard breaks included (`CISO – A  ⏎ Legal – C`). */
function paragraphLines(para: Paragraph): string[] {
  let text = '';
  for (const child of para.children) text += child.type === 'break' ? '\n' : nodeText(child);
  return text.split('\n');
}

/** The first paragraph of a list item, when that is all it holds (besides `nested`). */
const itemParagraph = (item: ListItem): Paragraph | undefined =>
  item.children[0]?.type === 'paragraph' ? item.children[0] : undefined;

/**
 * Whether lines are a list of code labels with role names. At least one label must name codes.
 * Where no heading names the activity, or outside a Responsibilities section, two codes at least
 * must be named and every name must look like a role name, so that a list explaining the letters
 * (`Responsible: the person who does the work`) is not read as roles.
 */
function acceptable(lines: CodeLine[], ctx: ReadContext, strict: boolean): boolean {
  if (!lines.some((l) => l.codes !== undefined)) return false;
  const known = (name: string) => ctx.roles.knows(name);
  // A role line names one role, which must look like one, in any section: a few words (`Help
  // desk` is a role here, though `help` opens many sentences).
  if (!lines.every((l) => !l.role || known(l.label) || ROLE_LABEL.test(l.label))) return false;
  if (!strict) return true;
  // Two codes at least (`Essential: …, Accountable: adds …` is a list of something else).
  if (new Set(lines.flatMap((l) => l.codes ?? [])).size < 2) return false;
  return lines.every(
    (l) =>
      l.codes === undefined ||
      l.role !== undefined ||
      splitNames(l.value, known).every((p) => plausibleRoleName(p.name, known)),
  );
}

/** A list whose every item is `label: names`: the assignments of the activity its heading names. */
export function codeListLines(list: List, ctx: ReadContext, strict: boolean): CodeLine[] | undefined {
  const lines: CodeLine[] = [];
  for (const item of list.children) {
    const para = itemParagraph(item);
    if (!para || item.children.length > 1) return undefined;
    const line = parseLine(nodeText(para), item, ctx);
    if (!line) return undefined;
    lines.push(line);
  }
  return acceptable(lines, ctx, strict) ? lines : undefined;
}

/** A paragraph whose every line is `label: names` (bold labels, one per line). */
export function codeParagraphLines(
  para: Paragraph,
  ctx: ReadContext,
  strict: boolean,
): CodeLine[] | undefined {
  const lines: CodeLine[] = [];
  for (const text of paragraphLines(para)) {
    if (text.trim() === '') continue;
    const line = parseLine(text, para, ctx);
    if (!line) return undefined;
    lines.push(line);
  }
  if (strict && lines.length < 2) return undefined;
  return acceptable(lines, ctx, strict) ? lines : undefined;
}

/** Whether the lines name a role, then its codes (`CISO – A`), rather than codes, then names. */
export const areRoleLines = (lines: readonly CodeLine[]): boolean => lines.some((l) => l.role !== undefined);

/** Adds the assignments (and metadata) that code lines give to an activity. */
export function applyLines(lines: CodeLine[], activity: ActivityBuilder, ctx: ReadContext): void {
  const known = (name: string) => ctx.roles.knows(name);
  const locators = new Map<Nodes, Locator>();
  for (const line of lines) {
    let locate = locators.get(line.node);
    if (!locate) {
      locate = new Locator(ctx.file, ctx.text, ctx.lines, line.node);
      locators.set(line.node, locate);
    }
    const labelAt = locate.find(line.label);
    if (!line.codes) {
      report(
        ctx,
        'non-role-column',
        `Item "${line.label}" names no code of ${ctx.scheme.name}; kept as activity metadata`,
        labelAt,
      );
      activity.meta(line.label, line.value);
      continue;
    }
    if (line.role) {
      const role = ctx.roles.resolve(line.label, labelAt, 'name');
      ctx.useRole(role.id);
      activity.add(role.id, line.codes, line.role.note, labelAt);
      continue;
    }
    const confusion = deconfuse(line.label);
    if (confusion) reportConfusables(ctx, [confusion], labelAt, 'a label');
    for (const part of splitNames(line.value, known)) {
      const at = locate.find(part.name);
      const role = ctx.roles.resolve(part.name, at, 'name');
      ctx.useRole(role.id);
      activity.add(role.id, line.codes, ownNote(part.note, role), at);
    }
  }
}

/**
 * Activities written as a list, each with its own list of codes:
 * `- Design the homepage` / `  - R: UX Designer`. Every item that has a nested list must have a
 * code list there, and one item at least must.
 */
export function readActivityList(
  list: List,
  ctx: ReadContext,
  group: string | null,
): ActivityBuilder[] | undefined {
  const items: { name: string; item: ListItem; lines: CodeLine[] }[] = [];
  for (const item of list.children) {
    const para = itemParagraph(item);
    if (!para) return undefined;
    const lines: CodeLine[] = [];
    for (const child of item.children.slice(1)) {
      const found = child.type === 'list' ? codeListLines(child, ctx, !ctx.inMatrix) : undefined;
      if (!found) return undefined;
      lines.push(...found);
    }
    items.push({ name: collapse(nodeText(para)), item, lines });
  }
  if (!items.some((i) => i.lines.length > 0)) return undefined;
  return items.map(({ name, item, lines }) => {
    const source = positionOf(ctx.file, itemParagraph(item));
    if (name === '') report(ctx, 'activity-unnamed', 'Unexpected list item without an activity name', source);
    const activity = new ActivityBuilder(
      ctx.scheme,
      name === '' ? `(unnamed activity, line ${source.line})` : name,
      group,
      ctx.document,
      source,
    );
    applyLines(lines, activity, ctx);
    return activity;
  });
}
