import { findCustomScheme, findScheme, RACI, schemeNames } from '../model/schemes.js';
import { SlugRegistry } from '../model/slug.js';
import type {
  Activity,
  BlockReading,
  Diagnostic,
  FileReading,
  Finding,
  Model,
  ReadModel,
  Role,
  Scheme,
  TeamDocument,
} from '../model/types.js';
import { codeIndex } from './codes.js';
import { readContent } from './content.js';
import { type ActivityDraft, type RoleLookup, report } from './context.js';
import type { ParsedDocument } from './document.js';
import { finding } from './findings.js';
import { type Guarded, limitMatrices, limitNames, limitRoles, parseSources } from './guard.js';
import { readSuppressions } from './inline.js';
import { reportOverriddenLegend, schemeFromHeaders, schemeFromLegend } from './legend.js';
import { nameKey } from './markdown.js';
import { isRoleFile, readRoleFile } from './rolefile.js';
import { RoleIndex } from './roleindex.js';
import type { DocumentSettings, LoadOptions, SourceFile } from './source.js';
import { collapse } from './text.js';

export type { SourceFile };

/** Where the frontmatter's `scheme:` value is (line and column, 1-based), for its diagnostics. */
function schemePosition(doc: ParsedDocument): { line: number; column: number } {
  const yaml = doc.frontmatter.yaml;
  const node = yaml?.document.get('scheme', true) as { range?: [number, number, number] } | undefined;
  return yaml && node?.range ? yaml.at(node.range[0]) : { line: 1, column: 1 };
}

function documentScheme(
  doc: ParsedDocument,
  diagnostics: Finding[],
  fallback: Scheme = RACI,
  custom: readonly Scheme[] = [],
): Scheme {
  const name = doc.frontmatter.scheme;
  // A legend (`**S** = Support`, `| Code | Meaning |`) picks the scheme; frontmatter wins over it.
  if (!name) return schemeFromLegend(doc.legend) ?? schemeFromHeaders(doc.codeHeaders, fallback);
  const scheme = findScheme(name);
  if (scheme) {
    reportOverriddenLegend(scheme, doc.legend, diagnostics);
    return scheme;
  }
  diagnostics.push(
    finding(
      'unknown-scheme',
      `Unknown scheme "${name}", expected one of ${[...schemeNames(), ...custom.map((s) => s.name)].join(', ')}`,
      { file: doc.file, ...schemePosition(doc) },
    ),
  );
  return RACI;
}

/** Without a settings reader: the custom scheme a frontmatter names, if the options have it. */
function namedScheme(doc: ParsedDocument, options: LoadOptions): DocumentSettings {
  const named = doc.frontmatter.scheme;
  const scheme = named ? findCustomScheme(named, options.schemes) : undefined;
  return scheme ? { scheme } : {};
}

const baseName = (file: string): string =>
  (file.split(/[\\/]/u).pop() ?? file).replace(/\.(md|markdown)$/iu, '');

/**
 * Reads Markdown files into one model. A role defined in any file (or in a file of a `roles/`
 * folder) is the same role in every file that names it or one of its aliases. Never throws on any
 * input: problems become diagnostics.
 */
export function loadSources(
  sources: readonly SourceFile[],
  options: LoadOptions = {},
  /** Each source checked and parsed beforehand (guard.ts, `parseSources`): a build's two threads. */
  guarded?: readonly Guarded[],
): ReadModel {
  const diagnostics: (Finding | Diagnostic)[] = [];
  // Encoding, limits, empty files and images are checked where the reader starts (guard.ts).
  const parsed = parseSources(sources, options.limits, diagnostics, guarded);
  for (const doc of parsed) diagnostics.push(...doc.diagnostics);

  const index = new RoleIndex();
  const docs: ParsedDocument[] = [];
  const readings = new Map<ParsedDocument, FileReading>();
  for (const doc of parsed) {
    if (isRoleFile(doc)) {
      const role = index.define(readRoleFile(doc), diagnostics);
      readings.set(doc, {
        file: doc.file,
        kind: 'role-file',
        blocks: [
          {
            source: role.source ?? { file: doc.file, line: 1, column: 1 },
            block: 'heading',
            as: 'roles',
            defines: [role.name],
          },
        ],
      });
    } else docs.push(doc);
  }
  // `roles` is the folder of the role charters in the output, so no document may take it.
  const docIds = new SlugRegistry('document', ['roles']);
  const documentIds = docs.map((doc) => docIds.take(doc.frontmatter.team ?? baseName(doc.file)));
  const definedIn = docs.map((doc) => doc.roles.map((def) => index.define(def, diagnostics)));
  const anyDefined = index.roles.length > 0;

  const activityIds = new SlugRegistry('activity');
  const activities: Activity[] = [];
  const documents: TeamDocument[] = docs.map((doc, i) => {
    const id = documentIds[i] as string;
    // Custom schemes and frontmatter `rules:` are read by the configuration's layer
    // (config/frontmatter.ts), through `options.documentSettings`; else a named custom scheme.
    const settings = options.documentSettings?.(doc, options, diagnostics) ?? namedScheme(doc, options);
    if (settings.scheme) reportOverriddenLegend(settings.scheme, doc.legend, diagnostics);
    const scheme = settings.scheme ?? documentScheme(doc, diagnostics, options.scheme, options.schemes);
    const used = new Set<string>();
    const content = readContent(doc, {
      file: doc.file,
      text: doc.text,
      lines: doc.lines,
      document: id,
      scheme,
      codes: codeIndex(scheme),
      roles: roleLookup(index, doc, anyDefined, diagnostics),
      diagnostics,
      useRole: (roleId) => used.add(roleId),
    });
    for (const draft of content.activities) activities.push(withId(draft, activityIds));
    readings.set(doc, {
      file: doc.file,
      kind: 'document',
      scheme: scheme.name,
      blocks: inOrder(doc.readings),
    });
    for (const role of definedIn[i] ?? []) used.add(role.id);
    return {
      id,
      file: doc.file,
      title: doc.title ?? baseName(doc.file),
      version: doc.frontmatter.version ?? null,
      owner: doc.frontmatter.owner ?? null,
      date: doc.frontmatter.date ?? null,
      lang: doc.frontmatter.lang ?? null,
      intro: content.intro,
      rolesIntro: doc.rolesIntro,
      matrixIntro: content.matrixIntro,
      roles: [...used],
      sections: content.sections,
      scheme,
      ...(settings.rules ? { rules: settings.rules } : {}),
      source: doc.titleSource ?? { file: doc.file, line: 1, column: 1 },
    };
  });

  for (const document of documents) {
    for (const roleId of document.roles) index.get(roleId)?.documents.push(document.id);
  }
  limitNames(index.roles, activities, options.limits, diagnostics);
  const within = limitRoles(documents, index.roles, activities, options.limits, diagnostics);
  const kept = limitMatrices(documents, within.activities, options.limits, diagnostics);
  const first = documents[0];
  const schemes = new Set(documents.map((d) => d.scheme.name));
  return {
    title: documents.length === 1 && first ? first.title : null,
    scheme: schemes.size === 1 && first ? first.scheme : RACI,
    documents,
    roles: within.roles,
    activities: kept,
    diagnostics: byPosition(diagnostics),
    readings: parsed.flatMap((doc) => readings.get(doc) ?? []),
    ...suppressionsOf(sources),
  };
}

/** Inline `rolemark-disable…` comments, only on a model whose files have any. */
function suppressionsOf(sources: readonly SourceFile[]): Pick<Model, 'suppressions'> {
  const suppressions = readSuppressions(sources);
  return suppressions.length > 0 ? { suppressions } : {};
}

const inOrder = (blocks: BlockReading[]): BlockReading[] =>
  [...blocks].sort((a, b) => a.source.line - b.source.line || a.source.column - b.source.column);

/**
 * How one document finds its roles: by name or alias across the organisation, then by the
 * abbreviations it defines in prose (`PdM = Product Manager`); a name that matches nothing creates
 * a role, with an `unknown-role` warning when roles are defined somewhere.
 */
function roleLookup(
  index: RoleIndex,
  doc: ParsedDocument,
  anyDefined: boolean,
  diagnostics: Finding[],
): RoleLookup {
  const create = (
    name: string,
    aliases: string[],
    at: Role['source'],
    what: 'column' | 'name',
    written: string,
  ) => {
    if (anyDefined && at) {
      report(
        { diagnostics },
        'unknown-role',
        what === 'column'
          ? `Unexpected column "${written}" that names no defined role; created a role "${name}"`
          : `Unexpected role "${written}" that names no defined role; created a role "${name}"`,
        at,
      );
    }
    return index.create(
      {
        name,
        aliases,
        purpose: '',
        fields: [],
        documents: [],
        implicit: true,
        ...(at ? { source: at } : {}),
      },
      diagnostics,
    );
  };
  return {
    find: (name) => index.find(name)?.role,
    knows: (name) => index.find(name) !== undefined || doc.abbreviations.has(nameKey(name)),
    addAlias: (role, alias, at) => index.addAlias(role, alias, at, diagnostics),
    resolve(written, at, what) {
      const name = collapse(written);
      const hit = index.find(name);
      if (hit) {
        if (hit.confusion) {
          report(
            { diagnostics },
            'confusable-code',
            `Unexpected lookalike ${hit.confusion.characters.join(', ')} in "${name}"; read it as "${hit.confusion.latin}" (${hit.role.name})`,
            at,
          );
        }
        return hit.role;
      }
      const short = doc.abbreviations.get(nameKey(name));
      if (short) {
        const full = index.find(short.name)?.role;
        if (full) {
          index.addAlias(full, short.short, short.source, diagnostics);
          return full;
        }
        return create(short.name, [short.short], at, what, name);
      }
      return create(name, [], at, what, name);
    },
  };
}

const byPosition = <T extends Finding>(list: T[]): T[] =>
  [...list].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );

function withId(draft: ActivityDraft, ids: SlugRegistry): Activity {
  return { id: ids.take(draft.name), ...draft };
}
