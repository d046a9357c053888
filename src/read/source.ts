import type { Finding, Scheme } from '../model/types.js';
import type { Limits } from './limits.js';

/**
 * A Markdown file to read: its path as it should appear in diagnostics, and its text. Its own
 * module, so that the guards (guard.ts) and the loader (load.ts) both use it without importing
 * each other.
 */
export interface SourceFile {
  file: string;
  text: string;
  /** What reading the file's bytes found (its encoding, its size); reported with the reader's. */
  diagnostics?: Finding[];
}

/**
 * What the reader takes from the configuration (config/load.ts fills it in): declared here, so
 * that the reader does not import the configuration's layer above it.
 */
export interface LoadOptions {
  /** The scheme of documents whose frontmatter names none (RACI otherwise). */
  scheme?: Scheme;
  /** Custom schemes that `scheme: NAME` may name, in frontmatter or configuration. */
  schemes?: readonly Scheme[];
  /** Limits on one file's size, tables, nesting and names (src/read/limits.ts); defaults otherwise. */
  limits?: Partial<Limits>;
}
