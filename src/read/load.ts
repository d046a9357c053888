import type { TableCell } from 'mdast';
import { documentSettings } from '../config/frontmatter.js';
import type { LoadOptions } from '../config/scheme.js';
import { findScheme, RACI, schemeNames } from '../model/schemes.js';
import { SlugRegistry } from '../model/slug.js';
import type {
  Activity,
  Diagnostic,
  Model,
  Role,
  Scheme,
  SourcePosition,
  TeamDocument,
} from '../model/types.js';
import { type ParsedDocument, parseDocument } from './document.js';
import { cellPosition, nameKey } from './markdown.js';
import { type ActivityDraft, readMatrixTable } from './tables.js';

/** A Markdown file to read: its path as it should appear in diagnostics, and its text. */
export interface SourceFile {
  file: string;
  text: string;
}

const where = (p: SourcePosition | undefined): string =>
  p ? `${p.file}:${p.line}:${p.column}` : 'unknown position';

/** Roles of the whole organisation, found by name or alias in any file. */
class RoleIndex {
  readonly roles: Role[] = [];
  private readonly byKey = new Map<string, Role>();
  private readonly ids = new SlugRegistry('role');

  find(name: string): Role | undefined {
    return this.byKey.get(nameKey(name));
  }

  add(role: Omit<Role, 'id'>, diagnostics: Diagnostic[]): Role {
    const created: Role = { id: this.ids.take(role.name), ...role };
    this.roles.push(created);
    for (const name of [role.name, ...role.aliases]) {
      const key = nameKey(name);
      if (key === '') continue;
      const other = this.byKey.get(key);
      if (other && other !== created) {
        diagnostics.push({
          ruleId: 'duplicate-role',
          severity: 'error',
          message: `Unexpected second role named "${name}", already used by "${other.name}" at ${where(other.source)}`,
          ...(role.source ?? { file: '', line: 1, column: 1 }),
        });
      } else {
        this.byKey.set(key, created);
      }
    }
    return created;
  }
}

function documentScheme(doc: ParsedDocument, diagnostics: Diagnostic[], fallback: Scheme = RACI): Scheme {
  const name = doc.frontmatter.scheme;
  if (!name) return fallback;
  const scheme = findScheme(name);
  if (scheme) return scheme;
  diagnostics.push({
    ruleId: 'unknown-scheme',
    severity: 'error',
    message: `Unknown scheme "${name}", expected one of ${schemeNames().join(', ')}`,
    file: doc.file,
    line: 2,
    column: 1,
  });
  return RACI;
}

const baseName = (file: string): string =>
  (file.split(/[\\/]/u).pop() ?? file).replace(/\.(md|markdown)$/iu, '');

/**
 * Reads Markdown files into one model. A role defined in any file is the same role in every file
 * that names it or one of its aliases. Never throws on any input: problems become diagnostics.
 */
export function loadSources(sources: readonly SourceFile[], options: LoadOptions = {}): Model {
  const diagnostics: Diagnostic[] = [];
  const parsed = sources.map((s) => parseDocument(s.file, s.text));
  for (const doc of parsed) diagnostics.push(...doc.diagnostics);

  const index = new RoleIndex();
  const definedIn = new Map<Role, Set<string>>();
  // `roles` is the folder of the role charters in the output, so no document may take it.
  const docIds = new SlugRegistry('document', ['roles']);
  const documentIds = parsed.map((doc) => docIds.take(doc.frontmatter.team ?? baseName(doc.file)));

  parsed.forEach((doc, i) => {
    for (const def of doc.roles) {
      const role = index.add({ ...def, documents: [], implicit: false }, diagnostics);
      if (!definedIn.has(role)) definedIn.set(role, new Set());
      definedIn.get(role)?.add(documentIds[i] as string);
    }
  });
  const anyDefined = index.roles.length > 0;

  const activityIds = new SlugRegistry('activity');
  const activities: Activity[] = [];
  const documents: TeamDocument[] = parsed.map((doc, i) => {
    const id = documentIds[i] as string;
    // Custom schemes and frontmatter `rules:` are read in src/config/frontmatter.ts.
    const settings = documentSettings(doc, options, diagnostics);
    const scheme = settings.scheme ?? documentScheme(doc, diagnostics, options.scheme);
    const columnOrder: string[] = [];
    const resolveRole = (header: string, cell: TableCell): string => {
      const name = header === '' ? 'Unnamed role' : header;
      let role = index.find(name);
      if (!role) {
        if (anyDefined) {
          diagnostics.push({
            ruleId: 'unknown-role',
            severity: 'warning',
            message: `Unexpected column "${name}" that names no defined role; created a role "${name}"`,
            ...cellPosition(doc.file, cell),
          });
        }
        role = index.add(
          {
            name,
            aliases: [],
            purpose: '',
            fields: [],
            documents: [],
            implicit: true,
            source: cellPosition(doc.file, cell),
          },
          diagnostics,
        );
      }
      return role.id;
    };
    const roleName = (roleId: string): string => index.roles.find((r) => r.id === roleId)?.name ?? roleId;
    for (const table of doc.tables) {
      const read = readMatrixTable(table.node, {
        file: doc.file,
        document: id,
        group: table.group,
        scheme,
        resolveRole,
        roleName,
        diagnostics,
      });
      for (const r of read.roles) if (!columnOrder.includes(r)) columnOrder.push(r);
      for (const draft of read.activities) activities.push(withId(draft, activityIds));
    }
    for (const role of index.roles) {
      if (definedIn.get(role)?.has(id) && !columnOrder.includes(role.id)) columnOrder.push(role.id);
    }
    return {
      id,
      file: doc.file,
      title: doc.title ?? baseName(doc.file),
      version: doc.frontmatter.version ?? null,
      owner: doc.frontmatter.owner ?? null,
      date: doc.frontmatter.date ?? null,
      lang: doc.frontmatter.lang ?? null,
      intro: doc.intro,
      rolesIntro: doc.rolesIntro,
      matrixIntro: doc.matrixIntro,
      roles: columnOrder,
      sections: doc.sections,
      scheme,
      ...(settings.rules ? { rules: settings.rules } : {}),
      source: doc.titleSource ?? { file: doc.file, line: 1, column: 1 },
    };
  });

  for (const document of documents) {
    for (const roleId of document.roles)
      index.roles.find((r) => r.id === roleId)?.documents.push(document.id);
  }
  const first = documents[0];
  const schemes = new Set(documents.map((d) => d.scheme.name));
  return {
    title: documents.length === 1 && first ? first.title : null,
    scheme: schemes.size === 1 && first ? first.scheme : RACI,
    documents,
    roles: index.roles,
    activities,
    diagnostics,
  };
}

function withId(draft: ActivityDraft, ids: SlugRegistry): Activity {
  return { id: ids.take(draft.name), ...draft };
}
