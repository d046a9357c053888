import { github } from './github.js';
import { json } from './json.js';
import { plain } from './plain.js';
import { pretty } from './pretty.js';
import type { Reporter } from './types.js';

/** Reporters by name; `rolemark check --reporter NAME`. */
export const reporters = { pretty, plain, json, github } as const satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;

export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];

export { formatPlain } from './plain.js';
export type { ReportContext, Reporter, ReportOutput } from './types.js';
