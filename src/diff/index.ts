import { withDocumentSettings } from '../config/frontmatter.js';
import type { LoadOptions } from '../config/scheme.js';
import type { Model } from '../model/types.js';
import { loadSources } from '../read/load.js';
import { withDefaultSeverities } from '../rules/engine.js';
import type { DiffLabels } from './format.js';
import { diffModels } from './model-diff.js';
import { readVersion, resolveVersions } from './sources.js';
import type { ModelDiff } from './types.js';

export {
  type DiffLabels,
  diffSummary,
  formatDiffJson,
  formatDiffMarkdown,
  formatDiffText,
} from './format.js';
export { diffModels, hasChanges } from './model-diff.js';
export { readVersion, resolveVersions, type Version, type VersionSpec } from './sources.js';
export type * from './types.js';

export interface DiffVersionsOptions {
  /** Paths read from a revision that names none (`rolemark diff HEAD~1`); `content` by default. */
  paths?: readonly string[];
  /** The folder git runs in and paths are relative to; the current folder by default. */
  cwd?: string;
  /** The default and custom schemes for reading both versions (usually the configuration's `load`). */
  load?: LoadOptions;
}

export interface VersionsDiff {
  diff: ModelDiff;
  labels: DiffLabels;
  before: Model;
  after: Model;
  /** Notes for the user, such as a path that a revision does not hold. */
  notes: string[];
}

/**
 * Compares two versions of the content, each a file, a folder, or a git revision (`HEAD~1`,
 * `main`, `v1.2:content`). With `after` undefined, `before` must be a revision, compared with the
 * working tree.
 */
export async function diffVersions(
  before: string,
  after?: string,
  options: DiffVersionsOptions = {},
): Promise<VersionsDiff> {
  const cwd = options.cwd ?? process.cwd();
  const [oldSpec, newSpec] = await resolveVersions(before, after, options.paths ?? ['content'], cwd);
  const [oldVersion, newVersion] = [await readVersion(oldSpec, cwd), await readVersion(newSpec, cwd)];
  const notes = [oldVersion, newVersion].flatMap((v) =>
    v.missing.map(
      (p) => `\`${p}\` holds no Markdown file in ${v.label}; everything there counts as new or gone`,
    ),
  );
  const oldModel = withDefaultSeverities(loadSources(oldVersion.sources, withDocumentSettings(options.load)));
  const newModel = withDefaultSeverities(loadSources(newVersion.sources, withDocumentSettings(options.load)));
  return {
    diff: diffModels(oldModel, newModel),
    labels: { before: oldVersion.label, after: newVersion.label },
    before: oldModel,
    after: newModel,
    notes,
  };
}
