import type { Finding, Role, SourcePosition } from '../model/types.js';
import { report } from './context.js';
import type { RoleDefinition } from './roles.js';
import { fold } from './vocabulary.js';

const where = (p: SourcePosition | undefined): string =>
  p ? `${p.file}:${p.line}:${p.column}` : 'unknown position';

/** A value that lists several things (`Go, SQL`, a Markdown list), which merging can extend. */
const isList = (value: string): boolean => /[,;\n]/u.test(value);

/** `Go, SQL` and `SQL, Terraform` → `Go, SQL, Terraform`; Markdown lists keep their lines. */
function mergeList(a: string, b: string): string {
  const multiline = a.includes('\n') || b.includes('\n');
  const parts = (v: string) =>
    (multiline ? v.split('\n') : v.split(/[,;]/u)).map((p) => p.trim()).filter((p) => p !== '');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of [...parts(a), ...parts(b)]) {
    if (seen.has(fold(p))) continue;
    seen.add(fold(p));
    out.push(p);
  }
  return out.join(multiline ? '\n' : ', ');
}

/**
 * Merges a second definition of a role (another team's file) into the role: its purpose after the
 * first (unless the same), its fields after the first's. A field both give is merged when either
 * value is a list (`Skills: Go, SQL`); two different single values (`Reports to: CPO` and
 * `Reports to: CTO`) keep the first and are a `role-field-conflict` warning citing both.
 */
export function mergeDefinition(
  role: Role,
  def: RoleDefinition,
  origins: Map<string, SourcePosition>,
  diagnostics: Finding[],
): void {
  const purpose = def.purpose.trim();
  if (purpose !== '' && !role.purpose.split('\n\n').some((p) => fold(p) === fold(purpose))) {
    role.purpose = role.purpose === '' ? def.purpose : `${role.purpose}\n\n${def.purpose}`;
  }
  const fields = [...role.fields];
  for (const field of def.fields) {
    const i = fields.findIndex((f) => fold(f.label) === fold(field.label));
    const mine = fields[i];
    if (!mine) {
      fields.push({ ...field });
      origins.set(fold(field.label), def.source);
      continue;
    }
    if (fold(mine.value) === fold(field.value)) continue;
    if (isList(mine.value) || isList(field.value)) {
      fields[i] = { label: mine.label, value: mergeList(mine.value, field.value) };
      continue;
    }
    report(
      { diagnostics },
      'role-field-conflict',
      `Unexpected "${field.label}: ${field.value}" for ${role.name}, already "${mine.value}" at ${where(origins.get(fold(mine.label)))}; kept "${mine.value}"`,
      def.source,
    );
  }
  role.fields = fields;
}
