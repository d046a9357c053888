import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { plain } from './plain.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';
import type { Reporter } from './types.js';

/** Reporters by name; `rolemark check --format NAME`. */
export const reporters = { pretty, plain, json, github, sarif, junit } as const satisfies Record<
  string,
  Reporter
>;

/** Other tools' names for the same reporters: eslint's `stylish` and `unix`, `compact`. */
export const REPORTER_ALIASES: Record<string, keyof typeof reporters> = {
  stylish: 'pretty',
  unix: 'plain',
  compact: 'plain',
  text: 'pretty',
};

export type ReporterName = keyof typeof reporters;

export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];

export { formatPlain } from './plain.js';
export type { ReportContext, Reporter, ReportOutput } from './types.js';
