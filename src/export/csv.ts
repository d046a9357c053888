import { stringify } from 'csv-stringify/sync';
import type { Model, Role } from '../model/types.js';

/**
 * Text that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1`, `@SUM`) gets a leading
 * apostrophe, which spreadsheets hide and `rolemark import` removes: a chart must never be code.
 */
const FORMULA = /^[=+\-@\t\r]/u;

/** Text a spreadsheet will not run as a formula. */
export const formulaGuard = (text: string): string => (FORMULA.test(text) ? `'${text}` : text);

export interface CsvOptions {
  /** Start with a byte-order mark, so that Excel reads the file as UTF-8. */
  bom?: boolean;
  /** The field delimiter: `,` by default; `;` for Excel in locales whose decimal mark is a comma. */
  delimiter?: string;
}

/** A role's column header: its name and aliases, as a role heading writes them. */
export const roleHeader = (role: Role): string =>
  role.aliases.length > 0 ? `${role.name} (${role.aliases.join(', ')})` : role.name;

/**
 * Every matrix as one CSV table (written by csv-stringify), for spreadsheets: `Document, Group, Activity`, then one column
 * per role (`Product Owner (PO)`) holding codes such as `A/R` or `C (reviews)`, then the rows'
 * other columns. `rolemark import` reads it back into the same roles, activities and assignments.
 * Lines end with CRLF, as RFC 4180 and spreadsheets expect.
 */
export function renderCsv(model: Model, options: CsvOptions = {}): string {
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
      // Own keys only: a column named `__proto__` or `constructor` is a column, not Object's.
      ...metaKeys.map((k) =>
        activity.meta && Object.hasOwn(activity.meta, k) ? (activity.meta[k] ?? '') : '',
      ),
    ]);
  }
  const text = stringify(
    rows.map((row) => row.map(formulaGuard)),
    { delimiter: options.delimiter ?? ',', record_delimiter: '\r\n' },
  );
  return `${options.bom ? '\uFEFF' : ''}${text}`;
}
