import { SlugRegistry } from '../model/slug.js';
import type { Finding, Role, SourcePosition } from '../model/types.js';
import { type Confusion, deconfuse } from './confusables.js';
import { finding } from './findings.js';
import { nameKey } from './markdown.js';
import { mergeDefinition } from './rolemerge.js';
import type { RoleDefinition } from './roles.js';
import { fold } from './vocabulary.js';

const where = (p: SourcePosition | undefined): string =>
  p ? `${p.file}:${p.line}:${p.column}` : 'unknown position';

const isEmpty = (r: { purpose: string; fields: unknown[] }) => r.purpose === '' && r.fields.length === 0;

/**
 * The roles of the whole organisation, found by name or alias in any file (`Map` lookups: the
 * reader stays linear in the number of roles and cells).
 */
export class RoleIndex {
  readonly roles: Role[] = [];
  private readonly byKey = new Map<string, Role>();
  private readonly byId = new Map<string, Role>();
  private readonly ids = new SlugRegistry('role');

  get(id: string): Role | undefined {
    return this.byId.get(id);
  }

  /** The role a name or alias stands for; lookalike letters (`РО` in Cyrillic) are tried last. */
  find(name: string): { role: Role; confusion?: Confusion } | undefined {
    const key = nameKey(name);
    const role = key === '' ? undefined : this.byKey.get(key);
    if (role) return { role };
    const confusion = deconfuse(name);
    const latin = confusion ? this.byKey.get(nameKey(confusion.latin)) : undefined;
    return latin && confusion ? { role: latin, confusion } : undefined;
  }

  /**
   * Adds a role definition. A definition with the name of a role defined in another file is the
   * same role: in a multi-team organisation each team file has its own `### Product Manager`
   * section. The definitions merge (purposes and fields from every file, in file order; a
   * single-valued field that disagrees is a `role-field-conflict` warning citing both); so is a
   * second section of one file. Only a name or alias that another role holds is a
   * `duplicate-role` error, citing the first definition.
   */
  define(def: RoleDefinition, diagnostics: Finding[]): Role {
    const existing = this.byKey.get(nameKey(def.name));
    const sameRole =
      existing !== undefined && !existing.implicit && nameKey(existing.name) === nameKey(def.name);
    if (existing && sameRole) {
      if (isEmpty(existing) && !isEmpty(def)) existing.source = def.source;
      mergeDefinition(existing, def, this.fieldsOf(existing), diagnostics);
      for (const alias of def.aliases) this.addAlias(existing, alias, def.source, diagnostics);
      return existing;
    }
    const role = this.create({ ...def, documents: [], implicit: false }, diagnostics);
    const origins = this.fieldsOf(role);
    for (const field of def.fields) origins.set(fold(field.label), def.source);
    return role;
  }

  /** Where each field of a role was first given (by folded label), for a conflict's message. */
  private readonly origins = new Map<Role, Map<string, SourcePosition>>();

  private fieldsOf(role: Role): Map<string, SourcePosition> {
    let map = this.origins.get(role);
    if (!map) {
      map = new Map();
      this.origins.set(role, map);
    }
    return map;
  }

  create(role: Omit<Role, 'id'>, diagnostics: Finding[]): Role {
    // Aliases stay as written even when another role holds one: the error says so, nothing is lost.
    const created: Role = { id: this.ids.take(role.name), ...role, aliases: [...role.aliases] };
    this.roles.push(created);
    this.byId.set(created.id, created);
    for (const name of [role.name, ...role.aliases]) this.claim(created, name, role.source, diagnostics);
    return created;
  }

  /** Gives a role one more alias, unless another role holds that name already (reported). */
  addAlias(role: Role, alias: string, at: SourcePosition | undefined, diagnostics: Finding[]): void {
    if (role.aliases.some((a) => nameKey(a) === nameKey(alias)) || nameKey(role.name) === nameKey(alias))
      return;
    if (this.claim(role, alias, at, diagnostics)) role.aliases.push(alias);
  }

  private claim(role: Role, name: string, at: SourcePosition | undefined, diagnostics: Finding[]): boolean {
    const key = nameKey(name);
    if (key === '') return true;
    const other = this.byKey.get(key);
    if (other && other !== role) {
      const pos = at ?? role.source ?? { file: '', line: 1, column: 1 };
      diagnostics.push(
        finding(
          'duplicate-role',
          `Unexpected second role named "${name}", already used by "${other.name}" at ${where(other.source)}`,
          pos,
        ),
      );
      return false;
    }
    this.byKey.set(key, role);
    return true;
  }
}
