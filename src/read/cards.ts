import type { Heading, Paragraph, RootContent } from 'mdast';
import { CHART_HEADING } from './classify.js';
import type { ReadContext } from './context.js';
import { codeListLines, codeParagraphLines } from './lists.js';
import { nodeText } from './markdown.js';
import { collapse } from './text.js';
import { ACTIVITY_HEADERS, fold, MATRIX_SECTION, ROLES_SECTION } from './vocabulary.js';

/**
 * The "card" form of a chart: a bold line names the activity, and the lines below give its codes
 * (`**Requirements**` then `- R: PM` / `- A: Sponsor`, or `**Task: Testing**` then `QA – R`).
 * People write it where a table would be too wide. The bold line works as a heading one level
 * below the current one; it is only taken as one when the block right after it reads as code or
 * role lines, so a bold line before anything else stays prose.
 */
export function cardHeading(
  node: Paragraph,
  next: RootContent | undefined,
  depth: number,
  ctx: ReadContext,
): Heading | undefined {
  const parts = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const [first, second] = parts;
  if (first?.type !== 'strong' || parts.length > 2) return undefined;
  if (second && !(second.type === 'text' && /^\s*:\s*$/u.test(second.value))) return undefined;
  let name = collapse(nodeText(first)).replace(/\s*:$/u, '');
  const labelled = /^([^:]{1,24}):\s*(\S.*)$/u.exec(name);
  if (labelled && ACTIVITY_HEADERS.has(fold(labelled[1] as string))) name = labelled[2] as string;
  if (name === '' || name.length > 80 || CHART_HEADING.test(name)) return undefined;
  if (ROLES_SECTION.has(fold(name)) || MATRIX_SECTION.has(fold(name))) return undefined;
  const strict = !ctx.inMatrix;
  const lines =
    next?.type === 'list'
      ? codeListLines(next, ctx, strict)
      : next?.type === 'paragraph'
        ? codeParagraphLines(next, ctx, strict)
        : undefined;
  if (!lines) return undefined;
  return {
    type: 'heading',
    depth: Math.min(depth + 1, 6) as Heading['depth'],
    children: [{ type: 'text', value: name }],
    ...(node.position ? { position: node.position } : {}),
  };
}
