/**
 * The document IR: what every writer (PDF, DOCX, …) renders. All layout decisions both formats
 * share are made when composing it: the sections, their order, labels and colours. A writer is a
 * switch over these node types and must never drop one silently.
 */
import type { SchemeCode, SourcePosition } from '../model/types.js';

/**
 * Where in the content a node was made from (a role's or an activity's place): a writer that
 * cannot render the node as written reports the problem there (`RenderWarning.source`). It never
 * changes the bytes, so the build's cache key leaves it out (`build.ts`, `renderKey`).
 */
export type IrSource = SourcePosition;

/**
 * The formats a composed document is written in: one writer each, in `writers` (src/render/
 * index.ts), whose type makes the two lists agree. Templates, the build and the CLI take their
 * lists from here (as pandoc's one writer list), so a new writer is this name, its folder under
 * src/render/ and its entry in the map.
 */
export const DOCUMENT_FORMATS = ['pdf', 'docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export interface TextRun {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  /** An external link: only http(s) and mailto URLs are ever made links. */
  link?: string;
  /** An internal link to a heading's anchor in the same document. */
  ref?: string;
}

export type Inline = TextRun | { type: 'break' };

export interface HeadingBlock {
  type: 'heading';
  level: 1 | 2 | 3 | 4;
  text: string;
  /** A target for internal links and bookmarks. */
  anchor?: string;
  /** A role section's heading: the role's place. */
  source?: IrSource;
}

export interface ParagraphBlock {
  type: 'paragraph';
  content: Inline[];
  /** `lead` for an introduction, `small` for fine print, `caption` under tables. */
  style?: 'lead' | 'small' | 'caption';
  /**
   * The base direction of a sentence written in the document's language around names in another
   * script ("מנהלת מוצר (MNM) — 3 shared activities" reads left to right in an English document).
   * Without it, the first strong character decides (UAX #9, rule P2), as for the user's own text.
   */
  dir?: 'ltr' | 'rtl';
  /**
   * `sheet-note`: the poster's line under its legend that names the sheet it was made for. A
   * writer that cannot set the page at that size (Word's pages end at 22 in) prints
   * `labels.posterWord` instead, so that the line stays true of the file it is in.
   */
  kind?: 'sheet-note';
  /** A list item naming an activity or a role: its place. */
  source?: IrSource;
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  start?: number;
  /** Each item is a run of blocks (usually one paragraph). */
  items: Block[][];
  /** Text written under a role (its purpose): the role's place. */
  source?: IrSource;
}

export interface FieldsBlock {
  type: 'fields';
  items: { label: string; value: Inline[] }[];
  /** A role's fields: the role's place. */
  source?: IrSource;
}

export interface LegendBlock {
  type: 'legend';
  codes: SchemeCode[];
}

export interface MatrixColumn {
  roleId: string;
  name: string;
  /** The alias, when the role has one: for narrow columns. */
  short: string | null;
  /** The anchor of the role's section in the same document, when there is one. */
  ref?: string;
  source?: IrSource;
}

export interface MatrixCell {
  codes: string[];
  /** The footnote number of the cell's note. */
  note?: number;
}

export type MatrixRow =
  | { type: 'group'; name: string }
  | { type: 'activity'; name: string; cells: MatrixCell[]; source?: IrSource };

export interface MatrixBlock {
  type: 'matrix';
  columns: MatrixColumn[];
  rows: MatrixRow[];
  codes: SchemeCode[];
  /** Notes written in cells, numbered in reading order. */
  notes: { mark: number; text: string; role: string; activity: string; source?: IrSource }[];
  /** Heading of the activity column. */
  activityLabel: string;
  /** The role the document is about (a handout): writers may set its column apart. */
  focus?: string;
  /**
   * A poster too large for its largest sheet is tiled: each page says which sheet it is and which
   * rows it holds, with `{sheet}`, `{sheets}`, `{from}` and `{to}` ("Sheet 2 of 4, rows 61–120").
   */
  sheetOf?: string;
  /**
   * Set when the matrix needs a landscape page in a portrait document, decided once by the
   * composer (`compose/landscape.ts`) and followed by every writer: the page turns at the block
   * `lead` places before the matrix (its heading, introduction and legend go along), and turns
   * back after it.
   */
  landscape?: MatrixLandscape;
}

export interface MatrixLandscape {
  /** `columns`: its role columns, at the narrowest every writer can draw, are wider than the portrait page. */
  reason: 'columns';
  /** How many role columns it has, and how many the portrait page holds. */
  columns: number;
  portraitColumns: number;
  /** How many blocks right before the matrix go to its landscape page with it. */
  lead: number;
}

export interface TableBlock {
  type: 'table';
  header: Inline[][];
  rows: Inline[][][];
}

export interface CoverBlock {
  type: 'cover';
  title: string;
  subtitle?: string;
  items: { label: string; value: string }[];
  /**
   * A title block that leaves the page to what follows (a one-page handout): a smaller title and
   * the items on one line under it, instead of a band of fields. Writers may ignore it.
   */
  compact?: boolean;
  /** The role's or the document's place, for the title. */
  source?: IrSource;
}

/** A table of contents of the document's level-2 and level-3 headings, with links to them. */
export interface TocBlock {
  type: 'toc';
  title: string;
}

/** Per role, how many activities it holds each code on: drawn as small horizontal bars. */
export interface WorkloadBlock {
  type: 'workload';
  codes: SchemeCode[];
  rows: { roleId: string; name: string; ref?: string; counts: Record<string, number>; source?: IrSource }[];
}

export type Block =
  | HeadingBlock
  | TocBlock
  | WorkloadBlock
  | ParagraphBlock
  | ListBlock
  | FieldsBlock
  | LegendBlock
  | MatrixBlock
  | TableBlock
  | CoverBlock
  | { type: 'quote'; blocks: Block[] }
  | { type: 'code'; text: string }
  | { type: 'rule' }
  | { type: 'pagebreak' };

export interface DocumentMeta {
  title: string;
  subject: string;
  author: string | null;
  keywords: string[];
  lang: string;
  /** ISO date (YYYY-MM-DD) or null: never the clock, so builds are reproducible. */
  date: string | null;
  version: string | null;
  /**
   * When the sources last changed (ISO date and time): their last git commit, else their
   * modification time. The file's creation date when neither `date` nor `SOURCE_DATE_EPOCH` is set.
   */
  modified?: string | null;
}

export interface DocumentIR {
  /** The template it was composed from: `team-charter`, `role-charter`, `handout`, a custom one… */
  kind: string;
  meta: DocumentMeta;
  /** Running header text. */
  header: string;
  /** Footer text beside the page number. */
  footer: string;
  /**
   * Fixed words, already translated. `{page}` and `{pages}` are replaced by the writers. `notes`
   * heads the matrix's footnotes and `total` the workload's sum, where a writer prints them.
   */
  labels: {
    pageOf: string;
    /** Caption of one column group of a matrix split across tables: `{from}`, `{to}`, `{total}`. */
    rolesOf?: string;
    notes?: string;
    total?: string;
    /** Heads the role column of the workload table. */
    role?: string;
    /** Marks what goes on from the previous page: `(cont.)`. */
    continued?: string;
    /** A cell's note: `{role}`, `{activity}`, `{note}` ("Product Owner on “Vision”: reviews"). */
    noteOn?: string;
    /** Joins a label to its value: ": " (French: narrow no-break space, then ": "). */
    colon?: string;
    /** A poster's sheet note for a Word file: `{page}` is the size of the file's own pages. */
    posterWord?: string;
  };
  blocks: Block[];
  /** How it looks: page, type, colours, logo. Writers use their own defaults when it is absent. */
  theme?: DocumentTheme;
}

/** Paper sizes; A2–A0 and ANSI C–E are chosen by posters (`page: { size: fit }`) only. */
export type PageSizeName =
  | 'A4'
  | 'A3'
  | 'A2'
  | 'A1'
  | 'A0'
  | 'Letter'
  | 'Tabloid'
  | 'ANSI C'
  | 'ANSI D'
  | 'ANSI E';

/** A font family of a theme, one step of a fallback stack. */
export interface ThemeFont {
  family: string;
  /** TTF/OTF files by face, absolute paths. Absent for the built-in DejaVu families and system fonts. */
  files?: { regular: string; bold?: string; italic?: string; boldItalic?: string };
  /** SHA-256 of the files, so that the IR (and a cache keyed on it) changes when a font file does. */
  digest?: string;
  /** One of the DejaVu families rolemark bundles (`DejaVu Sans`, `DejaVu Serif`, `DejaVu Sans Mono`…). */
  builtIn?: boolean;
}

/** How a document looks, resolved from a theme file (templates/themes/*.yaml). Lengths are in points. */
export interface DocumentTheme {
  name: string;
  page: {
    size: PageSizeName;
    orientation: 'portrait' | 'landscape';
    /** The page as printed (landscape: width > height). */
    width: number;
    height: number;
    margin: { top: number; right: number; bottom: number; left: number };
  };
  /** Body text size; headings, small print and the matrix scale with it. */
  fontSize: number;
  /**
   * Fallback stacks, first choice first. A PDF embeds the first family that has files or is
   * built in; Word names the first family (it has its own fonts). A built-in DejaVu family always
   * ends each stack.
   */
  fonts: { body: ThemeFont[]; heading: ThemeFont[]; mono: ThemeFont[] };
  colors: {
    text: string;
    muted: string;
    /** Headings, rules, the cover band. */
    accent: string;
    accentSoft: string;
    rule: string;
    link: string;
    headerFill: string;
    /** Group rows of the matrix. */
    band: string;
  };
  logo?: {
    format: 'png' | 'jpeg';
    /** The image bytes, base64: the IR stays plain data and changes when the image does. */
    data: string;
    pixelWidth: number;
    pixelHeight: number;
    /** Printed width; the height keeps the image's proportions. */
    width: number;
    placement: 'header' | 'cover' | 'both';
  };
}
