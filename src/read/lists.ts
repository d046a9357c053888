import type { List, ListItem, Nodes, Paragraph } from 'mdast';
import { plausibleRoleName, splitNames } from './cells.js';
import { codesOfLabel } from './codes.js';
import { deconfuse } from './confusables.js';
import { ActivityBuilder, type ReadContext, report, reportConfusables } from './context.js';
import { Locator, nodeText, positionOf } from './markdown.js';
import { ownNote } from './rows.js';
import { collapse } from './text.js';

/** `Responsible: UX Designer, Frontend Engineer` or `R: Content Strategist`, read. */
interface CodeLine {
  label: string;
  /** The codes the label names; undefined for another label (`Deadline: Q3`), kept as metadata. */
  codes: string[] | undefined;
  value: string;
  /** The node the line was written in, to find positions. */
  node: Nodes;
}

const LINE = /^\s*([^:=\n]{1,40}?)\s*(?::|=|\s[-–—]\s|→)\s*(.*)$/su;

function parseLine(text: string, node: Nodes, ctx: ReadContext): CodeLine | undefined {
  const m = LINE.exec(text);
  if (!m) return undefined;
  const label = (m[1] as string).trim();
  return { label, codes: codesOfLabel(label, ctx.codes), value: (m[2] as string).trim(), node };
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
  if (!strict) return true;
  // Two codes at least (`Essential: …, Accountable: adds …` is a list of something else).
  if (new Set(lines.flatMap((l) => l.codes ?? [])).size < 2) return false;
  const known = (name: string) => ctx.roles.knows(name);
  return lines.every(
    (l) => l.codes === undefined || splitNames(l.value, known).every((p) => plausibleRoleName(p.name, known)),
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
  for (const text of nodeText(para).split('\n')) {
    if (text.trim() === '') continue;
    const line = parseLine(text, para, ctx);
    if (!line) return undefined;
    lines.push(line);
  }
  if (strict && lines.length < 2) return undefined;
  return acceptable(lines, ctx, strict) ? lines : undefined;
}

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
