import type { Model, SourcePosition } from '../model/types.js';
import { diagnosticJson } from '../rules/diagnostic.js';

/** The version of the JSON export's shape; bumped when a field changes meaning or goes away. */
export const EXPORT_VERSION = 1;

const pos = (p: SourcePosition | undefined) =>
  p ? { file: p.file, line: p.line, column: p.column } : undefined;

/**
 * The model as the documented, stable JSON interface (`rolemark export --format json`). Keys are
 * listed explicitly so that internal fields never leak into it and its key order never changes.
 */
export function toExportObject(model: Model) {
  return {
    version: EXPORT_VERSION,
    title: model.title,
    scheme: {
      name: model.scheme.name,
      codes: model.scheme.codes.map((c) => ({ code: c.code, label: c.label })),
      accountable: model.scheme.accountable,
      doer: model.scheme.doer,
    },
    documents: model.documents.map((d) => ({
      id: d.id,
      file: d.file,
      title: d.title,
      version: d.version,
      owner: d.owner,
      date: d.date,
      scheme: d.scheme.name,
      roles: d.roles,
      sections: d.sections.map((s) => s.title),
      source: pos(d.source),
    })),
    roles: model.roles.map((r) => ({
      id: r.id,
      name: r.name,
      aliases: r.aliases,
      purpose: r.purpose,
      fields: r.fields,
      documents: r.documents,
      implicit: r.implicit,
      source: pos(r.source),
    })),
    activities: model.activities.map((a) => ({
      id: a.id,
      name: a.name,
      group: a.group,
      document: a.document,
      assignments: a.assignments.map((x) => ({
        role: x.role,
        codes: x.codes,
        ...(x.note !== undefined ? { note: x.note } : {}),
        source: pos(x.source),
      })),
      ...(a.meta ? { meta: a.meta } : {}),
      ...(a.description ? { description: a.description } : {}),
      source: pos(a.source),
    })),
    // The shape of `check --format json`: one diagnostic, one JSON shape, its end included.
    diagnostics: model.diagnostics.map(diagnosticJson),
  };
}

/** A file a build wrote, and the role or document it is the charter of. */
export type OutputEntry = { path: string } & ({ role: string } | { document: string });

/**
 * The model as JSON. `outputs` (the files of a build, in `model.json` of the output folder) maps
 * every file to its role or document: file names are slugs, so `Zoë` may be `roles/zoe-2.pdf`.
 */
export function renderJson(model: Model, outputs?: readonly OutputEntry[]): string {
  const object = outputs ? { ...toExportObject(model), outputs } : toExportObject(model);
  return `${JSON.stringify(object, null, 2)}\n`;
}
