import type { Heading, RootContent } from 'mdast';
import type { BlockReading, Section, SourcePosition } from '../model/types.js';
import { cardHeading } from './cards.js';
import { type BlockPlace, headingTexts, matrixReading, tableLooksLikeChart, tableShape } from './classify.js';
import { ActivityBuilder, type ActivityDraft, type ReadContext, report } from './context.js';
import { joinMarkdown, markdownOf, type ParsedDocument, type Part } from './document.js';
import { isNote } from './findings.js';
import { applyLines, areRoleLines, codeListLines, codeParagraphLines, readActivityList } from './lists.js';
import { nameKey, nodeText, positionOf, sourceOf } from './markdown.js';
import { readTable } from './tables.js';
import { collapse } from './text.js';
import { classifyNested, classifyUnread, notRead, tableHasContent } from './unread.js';

/** What the parts of one document hold, once its tables, lists and legends are read. */
export interface DocumentContent {
  intro: string;
  matrixIntro: string;
  sections: Section[];
  activities: ActivityDraft[];
}

const where = (p: SourcePosition | undefined) => (p ? `${p.file}:${p.line}:${p.column}` : 'unknown position');

/**
 * Reads every part of a document. In a Responsibilities section every table is a matrix; in any
 * other part, tables, lists and paragraphs that read as responsibilities are taken too, and what
 * remains of the part (its prose) is carried into the charter as before.
 */
export function readContent(doc: ParsedDocument, base: Omit<ReadContext, 'inMatrix'>): DocumentContent {
  const result: DocumentContent = { intro: '', matrixIntro: '', sections: [], activities: [] };
  for (const part of doc.parts) {
    const ctx: ReadContext = { ...base, inMatrix: part.kind === 'matrix' };
    const read = readPart(doc, part, ctx);
    result.activities.push(...read.activities.map((a) => a.draft));
    const kept = (n: RootContent) => !read.consumed.has(n);
    if (part.kind === 'intro') {
      result.intro = markdownOf(doc.text, part.body, kept);
    } else if (part.kind === 'matrix') {
      const prose = part.body.filter((n) => kept(n) && n.type !== 'heading');
      result.matrixIntro = joinMarkdown(
        result.matrixIntro,
        prose.map((n) => sourceOf(doc.text, [n])).join('\n\n'),
      );
    } else {
      const markdown = markdownOf(doc.text, part.body, kept);
      if (markdown !== '' || read.consumed.size === 0) {
        result.sections.push({
          title: part.title,
          depth: part.heading?.depth ?? 2,
          markdown,
          source: positionOf(doc.file, part.heading ?? undefined),
        });
      }
    }
  }
  reportDuplicates(result.activities, base);
  return result;
}

interface PartReading {
  activities: ActivityBuilder[];
  consumed: Set<RootContent>;
}

function readPart(doc: ParsedDocument, part: Part, ctx: ReadContext): PartReading {
  const consumed = new Set<RootContent>();
  const activities: ActivityBuilder[] = [];
  const byHeading = new Map<Heading | null, ActivityBuilder>();
  const owner = new Map<RootContent, Heading | null>();
  const stack: Heading[] = part.heading ? [part.heading] : [];
  // The section heading of a Responsibilities section is neither a group nor an activity.
  const meaningful = (h: Heading | undefined): Heading | null =>
    h === undefined || (ctx.inMatrix && h === part.heading) ? null : h;

  // Bold lines that name the activity of the code lines below them (cards.ts).
  const cards = new Set<Heading>();
  for (const [index, node] of part.body.entries()) {
    if (node.type === 'heading') {
      while (stack.length > 0 && (stack[stack.length - 1] as Heading).depth >= node.depth) stack.pop();
      stack.push(node);
      continue;
    }
    if (doc.legendNodes.has(node)) {
      consumed.add(node);
      // Legends found after the scan (a word scheme) are recorded here, once.
      const at = node.position?.start;
      if (at && !doc.readings.some((r) => r.source.line === at.line && r.source.column === at.column)) {
        const block = node.type === 'table' || node.type === 'list' ? node.type : 'paragraph';
        doc.readings.push({ source: positionOf(ctx.file, node), block, as: 'legend' });
      }
      continue;
    }
    const card =
      node.type === 'paragraph'
        ? cardHeading(node, part.body[index + 1], stack[stack.length - 1]?.depth ?? 1, ctx)
        : undefined;
    if (card) {
      while (stack.length > 0 && cards.has(stack[stack.length - 1] as Heading)) stack.pop();
      stack.push(card);
      cards.add(card);
      consumed.add(node);
      continue;
    }
    const here = meaningful(stack[stack.length - 1]);
    const parent = meaningful(stack[stack.length - 2]);
    const group = here ? collapse(nodeText(here)) || null : null;
    // Role names must look like names unless a heading says which activity the list is for.
    const strict = !ctx.inMatrix || here === null;
    const headingActivity = (): ActivityBuilder => {
      let activity = byHeading.get(here);
      if (!activity) {
        activity = activityOfHeading(doc, here, parent, ctx);
        byHeading.set(here, activity);
        activities.push(activity);
      }
      return activity;
    };
    // The activity a heading names, when this block adds to it: its assignments count for the block.
    let underHeading: { activity: ActivityBuilder; before: number } | undefined;
    const tracked = (): ActivityBuilder => {
      const activity = headingActivity();
      underHeading ??= { activity, before: activity.draft.assignments.length };
      return activity;
    };
    let read: ActivityBuilder[] | undefined;
    let shape: BlockReading['shape'];
    const reported = ctx.diagnostics.length;
    if (node.type === 'table') {
      read = readTable(node, ctx, { group, headingActivity: tracked });
    } else if (node.type === 'list') {
      const lines = codeListLines(node, ctx, strict);
      if (lines) {
        applyLines(lines, tracked(), ctx);
        read = [];
        shape = areRoleLines(lines) ? 'role-lines' : 'code-lines';
      } else {
        read = readActivityList(node, ctx, group);
        shape = 'activity-list';
      }
    } else if (node.type === 'paragraph') {
      const lines = codeParagraphLines(node, ctx, strict);
      if (lines) {
        applyLines(lines, tracked(), ctx);
        read = [];
        shape = areRoleLines(lines) ? 'role-lines' : 'code-lines';
      }
    }
    const place = (): BlockPlace => ({
      headings: headingTexts(doc.title, stack),
      legend: doc.legend.length > 0,
    });
    if (read) {
      consumed.add(node);
      activities.push(...read);
      const own = read.reduce((n, a) => n + a.draft.assignments.length, 0);
      const added = underHeading ? underHeading.activity.draft.assignments.length - underHeading.before : 0;
      const total = own + added;
      const all =
        underHeading && !read.includes(underHeading.activity) ? [...read, underHeading.activity] : read;
      const reading =
        node.type === 'table'
          ? matrixReading(
              doc.htmlTables.has(node) ? 'html-table' : 'table',
              positionOf(ctx.file, node),
              'roles-as-columns',
              all,
              total,
              tableShape(node, read, ctx),
            )
          : matrixReading(
              node.type === 'list' ? 'list' : 'paragraph',
              positionOf(ctx.file, node),
              shape ?? 'code-lines',
              all,
              total,
            );
      const comments = node.type === 'table' ? doc.joined.get(node) : undefined;
      if (comments)
        reading.reason = `rows continue after the comment${comments.length === 1 ? '' : 's'} at ${comments.map((c) => `${c.line}:${c.column}`).join(', ')}`;
      const cardAt = here && cards.has(here) ? here.position?.start : undefined;
      if (cardAt) reading.reason = `activity named by the bold line at ${cardAt.line}:${cardAt.column}`;
      if (underHeading && !reading.roles) {
        const added = underHeading.activity.draft.assignments.slice(underHeading.before);
        reading.roles = added.map((x) => ({ written: '', role: x.role }));
      }
      const warned = ctx.diagnostics.slice(reported).some((d) => !isNote(d.ruleId));
      if (total === 0 && node.type === 'table' && read.length > 0 && !warned) {
        // Rows read as activities, nothing in them as an assignment, and nothing said: a chart
        // read wrong (unknown codes, say, are reported where they are).
        const look = tableLooksLikeChart(node, ctx, place());
        if (look && tableHasContent(node)) {
          notRead(ctx, doc.htmlTables.has(node) ? 'html-table' : 'table', look, node);
          reading.as = 'not-read';
          reading.reason = look.why;
        }
      }
      doc.readings.push(reading);
    } else {
      owner.set(node, here);
      classifyUnread(doc, node, ctx, place);
      classifyNested(doc, node, ctx, place);
    }
    // A bold line names the one block right after it; what follows is the section's again.
    if (cards.has(stack[stack.length - 1] as Heading)) stack.pop();
  }

  // Prose right under a heading that names an activity describes that activity.
  const named = new Set([...byHeading.keys()].filter((h): h is Heading => h !== null));
  const described = new Map<Heading, RootContent[]>();
  for (const [node, heading] of owner) {
    if (heading && named.has(heading)) {
      const nodes = described.get(heading);
      if (nodes) nodes.push(node);
      else described.set(heading, [node]);
      consumed.add(node);
    }
  }
  for (const [heading, nodes] of described) {
    const activity = byHeading.get(heading);
    const description = markdownOf(doc.text, nodes);
    if (activity && description !== '') activity.draft.description = description;
  }
  if (part.kind !== 'matrix') dropEmptyHeadings(part, consumed, named);
  return { activities, consumed };
}

/**
 * The activity a heading names (a table of roles or a list of codes under it). Without a heading,
 * a single-activity file is named by its title; otherwise the activity is unnamed, and reported.
 */
function activityOfHeading(
  doc: ParsedDocument,
  heading: Heading | null,
  parent: Heading | null,
  ctx: ReadContext,
): ActivityBuilder {
  const group = parent ? collapse(nodeText(parent)) || null : null;
  if (heading) {
    const source = positionOf(ctx.file, heading);
    const name = collapse(nodeText(heading));
    if (name !== '') return new ActivityBuilder(ctx.scheme, name, group, ctx.document, source);
    report(
      ctx,
      'activity-unnamed',
      'Unexpected empty heading above a list of roles; it should name the activity',
      source,
    );
    return new ActivityBuilder(
      ctx.scheme,
      `(unnamed activity, line ${source.line})`,
      group,
      ctx.document,
      source,
    );
  }
  // A file about one activity (an SOP with a `## RACI` list) is named by its title.
  if (doc.title) {
    return new ActivityBuilder(
      ctx.scheme,
      doc.title,
      null,
      ctx.document,
      doc.titleSource ?? positionOf(ctx.file, undefined),
    );
  }
  const source = doc.titleSource ?? positionOf(ctx.file, undefined);
  report(
    ctx,
    'activity-unnamed',
    'Unexpected list or table of roles without a heading that names its activity',
    source,
  );
  return new ActivityBuilder(
    ctx.scheme,
    `(unnamed activity, line ${source.line})`,
    null,
    ctx.document,
    source,
  );
}

/** Headings inside a part whose whole content was read as responsibilities are not shown again. */
function dropEmptyHeadings(part: Part, consumed: Set<RootContent>, named: Set<Heading>): void {
  const body = part.body;
  for (let i = 0; i < body.length; i++) {
    const heading = body[i] as RootContent;
    if (heading.type !== 'heading') continue;
    if (named.has(heading)) {
      consumed.add(heading);
      continue;
    }
    let read = false;
    let kept = false;
    for (let j = i + 1; j < body.length; j++) {
      const node = body[j] as RootContent;
      if (node.type === 'heading' && node.depth <= heading.depth) break;
      if (node.type === 'heading') continue;
      if (consumed.has(node)) read = true;
      else kept = true;
    }
    if (read && !kept) consumed.add(heading);
  }
}

/** Two activities with the same name in the same group of one document: both kept, reported. */
function reportDuplicates(activities: readonly ActivityDraft[], ctx: Omit<ReadContext, 'inMatrix'>): void {
  const seen = new Map<string, ActivityDraft>();
  for (const activity of activities) {
    const key = `${activity.group === null ? '' : nameKey(activity.group)}\u0000${nameKey(activity.name)}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, activity);
      continue;
    }
    if (activity.source) {
      report(
        ctx,
        'duplicate-activity',
        `Unexpected second activity "${activity.name}"${activity.group ? ` in "${activity.group}"` : ''}, already at ${where(first.source)}; both are kept`,
        activity.source,
      );
    }
  }
}
