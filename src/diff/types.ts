/**
 * How responsibilities changed between two versions of the content. Plain data: the JSON output
 * of `rolemark diff --format json` is this object, and its shape is versioned like the export.
 */

/** The version of the diff's JSON shape; bumped when a field changes meaning or goes away. */
export const DIFF_VERSION = 1;

/** What a role holds on an activity: codes in scheme order, and the cell's note. */
export interface DiffCell {
  codes: string[];
  note?: string;
}

export interface DocumentRef {
  id: string;
  title: string;
  file: string;
}

export interface RoleRef {
  id: string;
  name: string;
}

export interface ActivityRef {
  /** Document id. */
  document: string;
  name: string;
  group: string | null;
}

/** A property that changed: a role's aliases, purpose or a `**Label:**` field; a document's title. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/**
 * Why an assignment appears in the diff: only its cell changed, or the activity, role or document
 * it belongs to was added or removed.
 */
export type AssignmentContext =
  | 'changed'
  | 'activity-added'
  | 'activity-removed'
  | 'role-added'
  | 'role-removed'
  | 'document-added'
  | 'document-removed';

export interface AssignmentChange {
  /** The role, as named in the new version (the old one when the role was removed). */
  role: RoleRef;
  /** The activity, as named in the new version (the old one when it was removed). */
  activity: ActivityRef;
  /** Null when the role had no part in the activity. */
  before: DiffCell | null;
  after: DiffCell | null;
  context: AssignmentContext;
}

export interface ModelDiff {
  version: typeof DIFF_VERSION;
  documents: {
    added: DocumentRef[];
    removed: DocumentRef[];
    /** Documents whose id changed (a file renamed) but that are clearly the same document. */
    renamed: { before: DocumentRef; after: DocumentRef }[];
    changed: { document: DocumentRef; changes: FieldChange[] }[];
  };
  roles: {
    added: RoleRef[];
    removed: RoleRef[];
    renamed: { before: RoleRef; after: RoleRef }[];
    changed: { role: RoleRef; changes: FieldChange[] }[];
  };
  activities: {
    added: ActivityRef[];
    removed: ActivityRef[];
    renamed: { before: ActivityRef; after: ActivityRef }[];
    /** Activities that moved to another group of the same document. */
    moved: { activity: ActivityRef; before: string | null; after: string | null }[];
  };
  /** Every cell that changed, in the order of the new version's roles, then documents and rows. */
  assignments: AssignmentChange[];
  /** Document titles by id, from both versions, so that reports can name documents. */
  documentTitles: Record<string, string>;
}
