import type { Model, TeamDocument } from '../model/types.js';
import type { Block, DocumentIR } from './ir.js';
import { en, type Labels } from './labels.js';
import { markdownBlocks, markdownInlines } from './markdown.js';
import { composeMatrix, composeWorkload } from './matrix.js';

export interface ComposeOptions {
  labels?: Labels;
  /** The date printed on documents (YYYY-MM-DD) when the source gives none; never the clock. */
  date?: string | null;
}

export const roleAnchor = (roleId: string): string => `role-${roleId}`;

/** The cover's version, owner and date lines, leaving out what the source does not give. */
export function coverItems(labels: Labels, doc: TeamDocument, date: string | null) {
  const items: { label: string; value: string }[] = [];
  if (doc.version) items.push({ label: labels.version, value: doc.version });
  if (doc.owner) items.push({ label: labels.owner, value: doc.owner });
  if (date) items.push({ label: labels.date, value: date });
  return items;
}

/**
 * The team charter of one document: title block, intro, legend, matrix, one section per role,
 * then the source's other sections, in that order.
 */
export function composeTeamCharter(
  model: Model,
  doc: TeamDocument,
  options: ComposeOptions = {},
): DocumentIR {
  const labels = options.labels ?? en;
  const date = doc.date ?? options.date ?? null;
  const roles = doc.roles.map((id) => model.roles.find((r) => r.id === id)).filter((r) => r !== undefined);
  const anchors = new Map(roles.map((r) => [r.id, roleAnchor(r.id)]));
  const blocks: Block[] = [
    { type: 'cover', title: doc.title, subtitle: labels.teamCharter, items: coverItems(labels, doc, date) },
    { type: 'toc', title: labels.contents },
    ...markdownBlocks(doc.intro),
    { type: 'heading', level: 2, text: labels.matrix, anchor: 'matrix' },
    ...markdownBlocks(doc.matrixIntro),
    { type: 'legend', codes: doc.scheme.codes },
    composeMatrix(model, doc, labels, anchors),
    { type: 'heading', level: 3, text: labels.workload, anchor: 'workload' },
    composeWorkload(model, doc, anchors),
    { type: 'heading', level: 2, text: labels.roles, anchor: 'roles' },
    ...markdownBlocks(doc.rolesIntro),
  ];
  for (const role of roles) {
    blocks.push({ type: 'heading', level: 3, text: role.name, anchor: roleAnchor(role.id) });
    if (role.aliases.length > 0) {
      blocks.push({
        type: 'paragraph',
        style: 'small',
        content: [{ type: 'text', text: `${labels.aliases}: ${role.aliases.join(', ')}` }],
      });
    }
    blocks.push(...markdownBlocks(role.purpose));
    if (role.fields.length > 0) {
      blocks.push({
        type: 'fields',
        items: role.fields.map((f) => ({ label: f.label, value: markdownInlines(f.value) })),
      });
    }
  }
  for (const section of doc.sections) {
    blocks.push({ type: 'heading', level: 2, text: section.title });
    blocks.push(...markdownBlocks(section.markdown));
  }
  return {
    kind: 'team-charter',
    meta: {
      title: doc.title,
      subject: `${labels.teamCharter}: ${doc.title}`,
      author: doc.owner,
      keywords: ['RACI', ...roles.map((r) => r.name)],
      lang: doc.lang ?? 'en',
      date,
      version: doc.version,
    },
    header: doc.title,
    footer: [`${labels.source}: ${doc.file}`, doc.version ? `${labels.version} ${doc.version}` : '']
      .filter((s) => s !== '')
      .join(' · '),
    labels: { pageOf: labels.pageOf, rolesOf: labels.rolesOf },
    blocks,
  };
}
