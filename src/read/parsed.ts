import type { Heading, Nodes, Root, RootContent, Table } from 'mdast';
import type { BlockReading, Finding, SourcePosition } from '../model/types.js';
import type { Frontmatter } from './frontmatter.js';
import type { LegendEntry } from './legend.js';
import type { LineIndex } from './markdown.js';
import type { Abbreviation, RoleDefinition } from './roles.js';

// The shape of a parsed file, apart from document.ts that fills it in: the word-scheme and
// role-key readers that document.ts calls take it too, without importing document.ts back.

/** A run of a document: the part before the first `##` section, or one `##` section. */
export interface Part {
  /** The section's heading; null for the part before the first section. */
  heading: Heading | null;
  title: string;
  kind: 'intro' | 'matrix' | 'other';
  body: RootContent[];
}

/**
 * What one file says, before roles are resolved across files and before its scheme is known.
 * Tables and lists are interpreted later (`content.ts`), once the scheme is.
 */
export interface ParsedDocument {
  file: string;
  text: string;
  root: Root;
  lines: LineIndex;
  frontmatter: Frontmatter;
  title: string | null;
  titleSource?: SourcePosition;
  rolesIntro: string;
  roles: RoleDefinition[];
  /** Every legend entry of the file, in order. */
  legend: LegendEntry[];
  /** Headers of tables with codes as columns (`Driver`, `Approver`, `S`), which hint at the scheme. */
  codeHeaders: string[];
  /** Paragraphs, lists and tables that are legends: never read as anything else, never shown again. */
  legendNodes: Set<Nodes>;
  /** Short names defined in prose (`PdM = Product Manager`), by `nameKey` of the short name. */
  abbreviations: Map<string, Abbreviation>;
  parts: Part[];
  /** How each block was taken (legend, roles, matrix, prose…), in the order read; `rolemark explain`. */
  readings: BlockReading[];
  /** Tables whose rows continue after comment lines (`<!-- TODO -->`), with where the comments are. */
  joined: Map<Table, SourcePosition[]>;
  /** Tables written in HTML (`<table>`), read as Markdown tables are. */
  htmlTables: Set<Table>;
  diagnostics: Finding[];
}
