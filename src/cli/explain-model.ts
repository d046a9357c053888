import type { BlockReading, FileReading, ReadModel } from '../index.js';
import { readerProblems } from '../lint.js';

/**
 * What `rolemark explain` and `check --explain` print: how the reader classified each block of
 * each file, and why. A module of its own, loaded when asked for: it needs the reader's API.
 */

const SHAPES: Record<NonNullable<BlockReading['shape']>, string> = {
  'roles-as-columns': 'roles as columns',
  'codes-as-columns': 'codes as columns, names in the cells',
  'roles-as-rows': 'roles as rows under the heading',
  'activities-as-columns': 'roles as rows, activities as columns',
  'code-lines': 'code lines',
  'role-lines': 'role lines',
  'activity-list': 'a list of activities with code lines',
};

const BLOCKS: Record<BlockReading['block'], string> = {
  table: 'table',
  'html-table': 'HTML table',
  list: 'list',
  paragraph: 'paragraph',
  heading: 'heading',
  frontmatter: 'frontmatter',
};

const MAX_LISTED = 6;
const listed = (items: readonly string[]): string =>
  items.slice(0, MAX_LISTED).join(', ') + (items.length > MAX_LISTED ? ', …' : '');
const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
const activities = (n: number) => plural(n, 'activity', 'activities');

function describe(block: BlockReading, model: ReadModel): string {
  const nameOf = (id: string) => model.roles.find((r) => r.id === id)?.name ?? id;
  switch (block.as) {
    case 'matrix': {
      const parts = [`matrix, ${block.shape ? SHAPES[block.shape] : 'read'}`];
      const roles = (block.roles ?? []).map(({ written, role }) => {
        const name = nameOf(role);
        return written === '' || written.toLowerCase() === name.toLowerCase() ? name : `${written} = ${name}`;
      });
      if (roles.length > 0) parts[0] += ` (${listed(roles)})`;
      const count = activities(block.activities ?? 0);
      parts.push(block.groups ? `${count} in ${plural(block.groups, 'group')}` : count);
      parts.push(plural(block.assignments ?? 0, 'assignment'));
      if (block.metadata?.length) parts.push(`${listed(block.metadata)} kept as metadata`);
      if (block.reason) parts.push(block.reason);
      return parts.join(', ');
    }
    case 'legend':
      return `legend (${listed(block.defines ?? [])})`;
    case 'roles':
      return `roles (${listed(block.defines ?? [])})`;
    case 'metadata':
      return block.reason ? `metadata (${block.reason})` : 'metadata';
    case 'prose':
      return block.reason ? `prose (${block.reason})` : 'prose';
    case 'not-read':
      return `NOT READ: ${block.reason ?? 'it gives no assignments'} (chart-not-read)`;
  }
}

function fileHeader(file: FileReading): string {
  return file.kind === 'role-file' ? `${file.file} (role file)` : `${file.file} (${file.scheme ?? 'RACI'})`;
}

/**
 * How the reader took every block of every file, one line a block:
 * `12:1 table → matrix, roles as columns (PM = Product Manager, …), 14 activities in 3 groups`.
 * It only formats `model.readings`, which the reader records as it reads.
 */
export function explainModel(model: ReadModel): string {
  const out: string[] = [];
  for (const file of model.readings ?? []) {
    out.push(fileHeader(file));
    if (file.blocks.length === 0) out.push('  (no table, list or legend)');
    for (const block of file.blocks) {
      out.push(
        `  ${block.source.line}:${block.source.column} ${BLOCKS[block.block]} → ${describe(block, model)}`,
      );
    }
  }
  // What check would report of the reader's problems: less what rolemark-disable comments silence.
  const problems = readerProblems(model).filter(
    (d) => d.severity !== 'info' && d.ruleId !== 'unused-disable',
  ).length;
  out.push(
    '',
    `${activities(model.activities.length)}, ${plural(model.roles.length, 'role')}; ${plural(problems, 'problem')} from the reader (\`rolemark check\` lists them)`,
  );
  return `${out.join('\n')}\n`;
}
