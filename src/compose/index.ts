import type { DocumentIR } from '../ir/types.js';
import { labelsFor } from '../lang/labels.js';
import type { Diagnostic, Model } from '../model/types.js';
import { diagnostic } from '../rules/diagnostic.js';
import { fillPlaceholders, type Values } from '../templates/placeholders.js';
import { type Template, TemplateError, type TemplateFormat } from '../templates/template.js';
import { composeTemplate, type TemplateComposeOptions } from './compose.js';

export type { TemplateComposeOptions, TemplateTarget } from './compose.js';
export { composeTemplate, roleAnchor } from './compose.js';

/**
 * The composer's entry: every document a build makes from its templates, each composed on demand
 * (Model + template → IR, `compose.ts`), and the warnings composing gives about the content.
 */

/** One file a build makes from a template, before it is composed. */
export interface PlannedDocument {
  /** Path inside the output folder, without the extension. */
  path: string;
  /** `document:<id>` or `role:<id>`: outputs of one unit belong together. */
  unit: string;
  /** The content file a render warning about this document points at. */
  file: string;
  formats: TemplateFormat[];
  compose: () => DocumentIR;
}

const defaultOutput = (t: Template) =>
  t.meta.per === 'document' ? '{{document.id}}/{{template.name}}' : '{{template.name}}/{{role.id}}';

/**
 * Every document the templates make for a model: one per content document or per role, each in
 * the template's formats that the build asks for. Two templates that would write the same file
 * are refused.
 */
export function planDocuments(
  model: Model,
  templates: readonly Template[],
  formats: ReadonlySet<string>,
  options: TemplateComposeOptions = {},
): PlannedDocument[] {
  const planned: PlannedDocument[] = [];
  const owners = new Map<string, string>();
  const names = new Map<string, string>();
  for (const template of templates) {
    const other = names.get(template.meta.name);
    if (other && other !== template.file)
      throw new TemplateError([
        clash(template, `Two templates are named \`${template.meta.name}\`: ${other} and ${template.file}`),
      ]);
    names.set(template.meta.name, template.file);
    const chosen = template.meta.formats.filter((f) => formats.has(f));
    if (chosen.length === 0) continue;
    const pattern = template.meta.output?.text ?? defaultOutput(template);
    const targets =
      template.meta.per === 'document'
        ? model.documents.map((document) => ({
            target: { document } as const,
            unit: `document:${document.id}`,
            file: document.file,
            ids: { 'document.id': document.id, 'role.id': null },
          }))
        : model.roles.map((role) => ({
            target: { role } as const,
            unit: `role:${role.id}`,
            file: role.source?.file ?? '',
            ids: { 'document.id': role.documents[0] ?? null, 'role.id': role.id },
          }));
    for (const { target, unit, file, ids } of targets) {
      const values: Values = { ...ids, 'template.name': template.meta.name };
      const path = fillPlaceholders(pattern, values);
      if (path === null) continue;
      const previous = owners.get(path);
      if (previous && previous !== template.meta.name)
        throw new TemplateError([
          clash(
            template,
            `Templates \`${previous}\` and \`${template.meta.name}\` would both write \`${path}\`; give one an \`output:\` of its own`,
          ),
        ]);
      owners.set(path, template.meta.name);
      planned.push({
        path,
        unit,
        file,
        formats: chosen,
        compose: () => composeTemplate(model, template, target, options),
      });
    }
  }
  return planned;
}

function clash(template: Template, message: string): Diagnostic {
  return diagnostic(
    'template-output',
    message,
    template.meta.output?.at ?? { file: template.file, line: 1, column: 1 },
  );
}

/** Warnings for content in a language rolemark has no labels for: its documents use English. */
export function languageWarnings(model: Model, lang?: string | null): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of model.documents) {
    const wanted = doc.lang ?? lang;
    if (!wanted || labelsFor(wanted)) continue;
    out.push(
      diagnostic(
        'lang-unsupported',
        `No labels for language \`${wanted}\`; the documents of "${doc.title}" use English (rolemark has en, fr, de, es)`,
        { file: doc.file, line: doc.source?.line ?? 1, column: doc.source?.column ?? 1 },
      ),
    );
  }
  return out;
}
