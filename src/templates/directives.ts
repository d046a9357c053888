/**
 * The generated content a template can place, one `::name{attr=value}` line each: the names, where
 * each works and the attributes it takes, which the template check reads. A directive only reads
 * the model; it never runs code from the template. Each says where it works: `role` needs a role
 * (a `per: role` template, or inside `:::roles`), `document` needs a `per: document` template,
 * `any` works in both. What each one makes is the composer's (`compose/directives.ts`).
 */

/** What a template makes: one document per chart, or one per role. */
export type TemplatePer = 'document' | 'role';

export interface AttributeSpec {
  /** The values allowed, when the set is fixed. */
  values?: readonly string[];
  /** A comma-separated list (each item checked against `values`). */
  list?: boolean;
  /** Placeholders are allowed in the value. */
  text?: boolean;
}

export interface DirectiveSpec {
  name: string;
  container?: boolean;
  needs: 'any' | 'role' | 'document';
  attributes: Record<string, AttributeSpec>;
  /** One line for the docs and `rolemark templates`. */
  summary: string;
}

const LEVELS = ['2', '3', '4'] as const;
export const COVER_ITEMS = ['aliases', 'team', 'version', 'owner', 'date'] as const;

export const DIRECTIVES: readonly DirectiveSpec[] = [
  {
    name: 'cover',
    needs: 'any',
    attributes: {
      title: { text: true },
      subtitle: { text: true },
      items: { list: true, values: COVER_ITEMS },
      size: { values: ['full', 'compact'] },
    },
    summary:
      'title block: the role or document name, a subtitle, and version/owner/date (or `items`); `size=compact`: a smaller title with the items on one line',
  },
  {
    name: 'toc',
    needs: 'any',
    attributes: { title: { text: true } },
    summary: 'table of contents of the level-2 and level-3 headings, with links',
  },
  {
    name: 'intro',
    needs: 'document',
    attributes: { of: { values: ['document', 'matrix', 'roles'] } },
    summary: "the source's introduction (`of=matrix`/`roles`: the text at the top of those sections)",
  },
  {
    name: 'legend',
    needs: 'any',
    attributes: {},
    summary: "the scheme's codes with their colours, labels and meanings",
  },
  {
    name: 'matrix',
    needs: 'any',
    attributes: { group: { list: true }, columns: { values: ['condensed', 'all'] } },
    summary:
      'the responsibility matrix (`group="A,B"`: only those groups; for a role: only its rows, its column, the 4 roles most involved beside it and "Others"; `columns=all`: every role)',
  },
  {
    name: 'workload',
    needs: 'document',
    attributes: {},
    summary: 'per role, how many activities it holds each code on, as bars',
  },
  {
    name: 'roles',
    container: true,
    needs: 'document',
    attributes: {},
    summary: "repeats its content for each of the document's roles, with `{{role.*}}` in scope",
  },
  {
    name: 'aliases',
    needs: 'role',
    attributes: {},
    summary: 'a small line "Also known as: PM, …" (nothing when the role has no alias)',
  },
  {
    name: 'purpose',
    needs: 'role',
    attributes: {},
    summary: "the role's purpose, as written (formatting kept)",
  },
  {
    name: 'fields',
    needs: 'role',
    attributes: { only: { list: true }, except: { list: true } },
    summary: 'the role\'s "**Label:** value" fields (`only="Focus,Reports to"`, `except=…`)',
  },
  {
    name: 'responsibilities',
    needs: 'role',
    attributes: { code: {}, level: { values: LEVELS }, mark: { values: ['accountable'] } },
    summary:
      'each activity the role holds a code on, once, headed by its codes: "Owns and does (3)", "Consulted on (2)"; `code=A` (or `accountable`, `doer`): one list; `mark=accountable`: marks those it also signs off',
  },
  {
    name: 'decision-rights',
    needs: 'role',
    attributes: {},
    summary:
      'what the role approves: the activities it is accountable for but others do, and a line for the work it signs off itself (pair with `::responsibilities{code=doer mark=accountable}`)',
  },
  {
    name: 'notes',
    needs: 'role',
    attributes: {},
    summary: 'activities where the role has a note but no code',
  },
  {
    name: 'collaborators',
    needs: 'role',
    attributes: {},
    summary: 'the roles it shares activities with, most shared first',
  },
  {
    name: 'sections',
    needs: 'document',
    attributes: { level: { values: LEVELS } },
    summary: "the source's other sections (Key differences, Working together, …), in order",
  },
  {
    name: 'pagebreak',
    needs: 'any',
    attributes: {},
    summary: 'starts a new page',
  },
];

export const directive = (name: string): DirectiveSpec | undefined => DIRECTIVES.find((d) => d.name === name);
