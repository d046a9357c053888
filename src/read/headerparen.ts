import type { Role, SourcePosition } from '../model/types.js';
import type { ReadContext } from './context.js';
import { report } from './context.js';
import { nameKey } from './markdown.js';
import { parseRoleHeading } from './roles.js';
import { isKnownLabel } from './vocabulary.js';

/**
 * Headers with a parenthetical: `Jules Martin (PM)` is the role Jules Martin with the alias PM,
 * `Provider (IaaS)` the role Provider with the alias IaaS, `Security (optional)` the role
 * Security described as "optional". Once the alias is given, a cell or column that says `PM`
 * elsewhere is that role.
 */

// A short name: one word of two to twelve letters, digits and `&./-`, with a capital (`PM`, `IaaS`,
// `SRE`); a single letter (`(A)`) is too easily a code.
const ALIAS_LIKE = /^(?=[^\s]*\p{Lu})[\p{L}\p{N}&./-]{2,12}$/u;

export const isAliasLike = (text: string): boolean => ALIAS_LIKE.test(text.trim()) && !isKnownLabel(text);

/**
 * The role a column header names. A header known as a whole (a role or an alias) is that role.
 * Otherwise `Name (X)` is the role Name; `X` becomes its alias when it looks like one and no other
 * role has it, its description (the purpose of a role the chart creates) when it does not. When
 * `X` already names another role, that role is meant (`Jules Martin (PM)` with a defined PM), and
 * an `ambiguous-reading` warning says so. `distinct` is true when another header of the same table
 * shares the name with another parenthetical (`Provider (IaaS)`, `Provider (PaaS)`): the whole
 * header is then the name, the parenthetical its alias.
 */
export function resolveHeader(
  ctx: ReadContext,
  header: string,
  at: SourcePosition,
  what: 'column' | 'name',
  distinct = false,
): Role {
  if (ctx.roles.knows(header)) return ctx.roles.resolve(header, at, what);
  const { name, aliases } = parseRoleHeading(header);
  if (aliases.length === 0) return ctx.roles.resolve(header, at, what);
  const own = !distinct && ctx.roles.knows(name);
  const taken = aliases.find((a) => isAliasLike(a) && ctx.roles.find(a) !== undefined);
  if (!own && taken !== undefined) {
    const other = ctx.roles.find(taken) as Role;
    if (mentionedOnly(other, taken) && !ctx.roles.knows(name)) {
      // `PM` was only mentioned before (a cell said `PM`): the header says who PM is.
      ctx.roles.addAlias(other, name, at);
      other.aliases = [...other.aliases.filter((a) => nameKey(a) !== nameKey(name)), other.name];
      other.name = name;
      return other;
    }
    if (nameKey(other.name) !== nameKey(name)) {
      report(
        ctx,
        'ambiguous-reading',
        `Unexpected ${what === 'column' ? 'header' : 'name'} "${header}": ${taken} is already the role ${other.name}; read it as ${other.name}`,
        at,
      );
    }
    return ctx.roles.resolve(taken, at, what);
  }
  const role = ctx.roles.resolve(distinct ? header : name, at, what);
  const left = adoptParenthetical(ctx, role, aliases.join(', '), at);
  if (left !== undefined) {
    report(
      ctx,
      'ambiguous-reading',
      `Unexpected "(${left})" after ${role.name}: the role is described elsewhere, so it is not kept`,
      at,
    );
  }
  return role;
}

/**
 * Keeps what a parenthetical after a role's name says: alias-like parts become aliases (unless
 * another role has them), the rest the description of a role the chart created and nobody
 * described. Returns the part that is neither (to keep as a note), or undefined.
 */
export function adoptParenthetical(
  ctx: ReadContext,
  role: Role,
  text: string,
  at: SourcePosition,
): string | undefined {
  const parts = text
    .split(/[,;]/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const rest: string[] = [];
  for (const part of parts) {
    const mine =
      role.aliases.some((a) => nameKey(a) === nameKey(part)) || nameKey(role.name) === nameKey(part);
    if (mine) continue;
    if (isAliasLike(part) && ctx.roles.find(part) === undefined) ctx.roles.addAlias(role, part, at);
    else rest.push(part);
  }
  if (rest.length === 0) return undefined;
  const said = rest.join('; ');
  if (role.implicit && role.purpose === '') {
    role.purpose = said;
    return undefined;
  }
  // `Marc Petit (Tech Lead)` again, in the next table: the same description, nothing new to keep.
  if (nameKey(role.purpose) === nameKey(said)) return undefined;
  return said;
}

/** A role the chart created from a bare mention of `alias`: named by it, nothing else known. */
const mentionedOnly = (role: Role, alias: string): boolean =>
  role.implicit && role.aliases.length === 0 && role.purpose === '' && nameKey(role.name) === nameKey(alias);
