import type { Model, Role } from '../model/types.js';

/**
 * Text that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1`, `@SUM`) gets a leading
 * apostrophe, which spreadsheets hide and `rolemark import` removes: a chart must never be code.
 */
const FORMULA = /^[=+\-@\t\r]/u;

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  const safe = FORMULA.test(text) ? `'${text}` : text;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A role's column header: its name and aliases, as a role heading writes them. */
export const roleHeader = (role: Role): string =>
  role.aliases.length > 0 ? `${role.name} (${role.aliases.join(', ')})` : role.name;

/**
 * Every matrix as one CSV table, for spreadsheets: `Document, Group, Activity`, then one column
 * per role (`Product Owner (PO)`) holding codes such as `A/R` or `C (reviews)`, then the rows'
 * other columns. `rolemark import` reads it back into the same roles, activities and assignments.
 * Lines end with CRLF, as RFC 4180 and spreadsheets expect.
 */
export function renderCsv(model: Model, options: { bom?: boolean } = {}): string {
  const roleIds: string[] = [];
  for (const doc of model.documents) for (const id of doc.roles) if (!roleIds.includes(id)) roleIds.push(id);
  for (const activity of model.activities)
    for (const a of activity.assignments) if (!roleIds.includes(a.role)) roleIds.push(a.role);
  const roles = roleIds.map((id) => model.roles.find((r) => r.id === id)).filter((r) => r !== undefined);
  const metaKeys: string[] = [];
  for (const activity of model.activities)
    for (const key of Object.keys(activity.meta ?? {})) if (!metaKeys.includes(key)) metaKeys.push(key);
  const hasGroups = model.activities.some((a) => a.group !== null);
  const titles = new Map(model.documents.map((d) => [d.id, d.title]));

  const rows: string[][] = [
    ['Document', ...(hasGroups ? ['Group'] : []), 'Activity', ...roles.map(roleHeader), ...metaKeys],
  ];
  for (const activity of model.activities) {
    const cells = roles.map((role) => {
      const a = activity.assignments.find((x) => x.role === role.id);
      if (!a) return '';
      return [a.codes.join('/'), a.note ? `(${a.note})` : ''].filter((s) => s !== '').join(' ');
    });
    rows.push([
      titles.get(activity.document) ?? activity.document,
      ...(hasGroups ? [activity.group ?? ''] : []),
      activity.name,
      ...cells,
      ...metaKeys.map((k) => activity.meta?.[k] ?? ''),
    ]);
  }
  const text = rows.map((row) => row.map(csvField).join(',')).join('\r\n');
  return `${options.bom ? '\uFEFF' : ''}${text}\r\n`;
}
