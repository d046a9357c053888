import { DOCUMENT_FORMATS, type DocumentFormat } from '../ir/types.js';

/**
 * What a build can write: the documents, in each writer's format, and two serialisations of the
 * model (not of the IR) beside them, each one file for the whole build. The build, the CLI's
 * `--format` choices and the API take this one list.
 */
export const DATA_FILES = { md: 'matrix.md', json: 'model.json' } as const;
export type DataFormat = keyof typeof DATA_FILES;
export type Format = DocumentFormat | DataFormat;

export const FORMATS: readonly Format[] = [...DOCUMENT_FORMATS, ...(Object.keys(DATA_FILES) as DataFormat[])];
