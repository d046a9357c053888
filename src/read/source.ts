import type { Diagnostic, Finding, RuleSetting, Scheme } from '../model/types.js';
import type { ParsedDocument } from './document.js';
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
  /**
   * Reads the rolemark settings of a document's frontmatter (a custom scheme as a mapping, `rules:`)
   * from the reader's parse of it, reporting their problems. The configuration's layer provides it
   * (config/frontmatter.ts; the API's `load` and `loadText` pass it), so that the reader, below,
   * never imports it. Without it, only a scheme named in `schemes` is taken.
   */
  documentSettings?: SettingsReader;
}

/** A document's settings from its frontmatter: what decides how it is read and checked. */
export interface DocumentSettings {
  /** The document's scheme, when the frontmatter or the configuration decides it. */
  scheme?: Scheme;
  rules?: Record<string, RuleSetting>;
}

export type SettingsReader = (
  doc: ParsedDocument,
  options: LoadOptions,
  diagnostics: (Finding | Diagnostic)[],
) => DocumentSettings;
