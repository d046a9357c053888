import type { Heading, RootContent } from 'mdast';
import type { Section, SourcePosition } from '../model/types.js';
import { ActivityBuilder, type ActivityDraft, type ReadContext, report } from './context.js';
import { joinMarkdown, markdownOf, type ParsedDocument, type Part } from './document.js';
import { applyLines, codeListLines, codeParagraphLines, readActivityList } from './lists.js';
import { nameKey, nodeText, positionOf, sourceOf } from './markdown.js';
import { readTable } from './tables.js';
import { collapse } from './text.js';

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

  for (const node of part.body) {
    if (node.type === 'heading') {
      while (stack.length > 0 && (stack[stack.length - 1] as Heading).depth >= node.depth) stack.pop();
      stack.push(node);
      continue;
    }
    if (doc.legendNodes.has(node)) {
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
    let read: ActivityBuilder[] | undefined;
    if (node.type === 'table') {
      read = readTable(node, ctx, { group, headingActivity });
    } else if (node.type === 'list') {
      const lines = codeListLines(node, ctx, strict);
      if (lines) {
        applyLines(lines, headingActivity(), ctx);
        read = [];
      } else read = readActivityList(node, ctx, group);
    } else if (node.type === 'paragraph') {
      const lines = codeParagraphLines(node, ctx, strict);
      if (lines) {
        applyLines(lines, headingActivity(), ctx);
        read = [];
      }
    }
    if (read) {
      consumed.add(node);
      activities.push(...read);
    } else owner.set(node, here);
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
