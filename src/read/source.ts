import type { Diagnostic } from '../model/types.js';

/**
 * A Markdown file to read: its path as it should appear in diagnostics, and its text. Its own
 * module, so that the guards (guard.ts) and the loader (load.ts) both use it without importing
 * each other.
 */
export interface SourceFile {
  file: string;
  text: string;
  /** What reading the file's bytes found (its encoding, its size); reported with the reader's. */
  diagnostics?: Diagnostic[];
}
