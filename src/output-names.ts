/**
 * Why a file name is not simply its name.
 *
 * Output files are named by the ids of roles and documents (templates place them: `roles/<id>`,
 * `<document id>/charter`): slugs of ASCII letters, digits and hyphens (src/model/slug.ts), unique
 * in lower case, so that `../../etc/passwd`, `CON`, `.git` or `a/b\c` can never name a path
 * outside the output folder or a device, and `Zoë` and `Zoe` never share a file on a file system
 * that ignores case or accents. When that changes a name beyond recognition, `rolemark build`
 * says so, and the build's model.json maps every file to its role or document.
 */
import { slugWords } from './model/slug.js';
import type { Model } from './model/types.js';

/** A role or document whose id, and so its files' names, differs from its name in a way worth saying. */
export interface RenamedOutput {
  /** The id its files are named by: `zoe-2`. */
  id: string;
  kind: 'role' | 'document';
  /** The name as written: the role's name, or the document's file. */
  name: string;
  /** Why the file name differs, in words. */
  reason: string;
}

/** The name a slug would be if nothing had to change: accents dropped, romanised, lower case, hyphens. */
const plain = slugWords;

const PATH_LIKE = /[\\/]|^\.|\.\.|^[a-z]:/iu;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/u;

function reasonFor(name: string, id: string, taken: Map<string, string>): string | null {
  const natural = plain(name);
  if (PATH_LIKE.test(name)) return 'path characters are not kept in file names';
  if (natural === '') return 'the name has no letters a file name can hold';
  if (id === natural) return null;
  if (natural.length > 80 && id.startsWith(natural.slice(0, 40)))
    return 'the name is too long for a file name';
  if (RESERVED.test(natural)) return `\`${natural}\` is a reserved file name on Windows`;
  const owner = taken.get(natural);
  if (owner !== undefined) {
    return `\`${natural}\` is taken by "${owner}"; file names ignore case and accents`;
  }
  return `\`${natural}\` is taken`;
}

const fileBase = (file: string) => (file.split(/[\\/]/u).pop() ?? file).replace(/\.(md|markdown)$/iu, '');

/**
 * The charters whose file names differ from their names in more than case, accents and
 * punctuation: a name with path characters, one too long, reserved on Windows, or taken by
 * another name that is the same for a file system.
 */
export function renamedOutputs(model: Model): RenamedOutput[] {
  const out: RenamedOutput[] = [];
  const roles = new Map(model.roles.map((r) => [r.id, r.name]));
  for (const role of model.roles) {
    const reason = reasonFor(role.name, role.id, roles);
    if (reason) out.push({ id: role.id, kind: 'role', name: role.name, reason });
  }
  const docs = new Map(model.documents.map((d) => [d.id, d.file]));
  docs.set('roles', 'the folder of the role charters');
  for (const doc of model.documents) {
    const base = fileBase(doc.file);
    // A document named by its frontmatter `team:` has the id it asked for.
    if (plain(base) !== '' && !doc.id.startsWith(plain(base))) continue;
    const reason = reasonFor(base, doc.id, docs);
    if (reason) out.push({ id: doc.id, kind: 'document', name: doc.file, reason });
  }
  return out;
}
