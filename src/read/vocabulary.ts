import { trimWhere } from './text.js';
import { CJK } from './vocabulary-cjk.js';

/**
 * The words people use around a RACI chart, in English, French, German, Spanish and Portuguese:
 * section names, column headers, code labels, check marks. Matching goes through `fold`, so case,
 * accents and surrounding punctuation never matter (`Rôles` = `roles`, `Responsável` =
 * `responsavel`). Adding a language is adding words here, not code.
 */

/**
 * Lower case, no accents, no surrounding spaces or punctuation, single spaces. A text made only
 * of symbols (`#`, `✓`) is kept as it is, so that it can still be looked up.
 */
export function fold(text: string): string {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}|\u{FE0F}/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
  const bare = trimWhere(plain, /[\p{P}\p{S}\s]/u);
  return bare === '' ? plain : bare;
}

const set = (...words: string[]): ReadonlySet<string> => new Set(words.map(fold));

export const ROLES_SECTION = set(
  'roles',
  'role',
  'team roles',
  'the roles',
  'role definitions',
  'roles definitions',
  'les roles',
  'definition des roles',
  'rollen',
  'rollenbeschreibungen',
  'rollendefinitionen',
  'rol',
  'definicion de roles',
  'papeis',
  'funcoes',
  'definicao de papeis',
  ...CJK.rolesSection,
);

export const MATRIX_SECTION = set(
  'responsibilities',
  'responsibility matrix',
  'responsibility assignment matrix',
  'matrix',
  'raci',
  'raci matrix',
  'raci chart',
  'raci table',
  'ram',
  'rasci',
  'rasci matrix',
  'daci',
  'rapid',
  'responsabilites',
  'matrice raci',
  'matrice des responsabilites',
  'tableau raci',
  'verantwortlichkeiten',
  'zustandigkeiten',
  'raci-matrix',
  'verantwortungsmatrix',
  'zustandigkeitsmatrix',
  'responsabilidades',
  'matriz raci',
  'matriz de responsabilidades',
  'matriz de responsabilidade',
  ...CJK.matrixSection,
);

/** Headers of the column that names activities. */
export const ACTIVITY_HEADERS = set(
  'activity',
  'activities',
  'task',
  'tasks',
  'deliverable',
  'deliverables',
  'step',
  'process',
  'decision',
  'decisions',
  'item',
  'work item',
  'action',
  'milestone',
  'responsibility',
  'responsibilities',
  'area',
  'what',
  'activite',
  'activites',
  'tache',
  'taches',
  'livrable',
  'etape',
  'processus',
  'aktivitat',
  'aktivitaten',
  'tatigkeit',
  'aufgabe',
  'aufgaben',
  'arbeitspaket',
  'prozess',
  'schritt',
  'entscheidung',
  'actividad',
  'actividades',
  'tarea',
  'tareas',
  'entregable',
  'paso',
  'proceso',
  'decision',
  'atividade',
  'atividades',
  'tarefa',
  'tarefas',
  'entregavel',
  'etapa',
  'processo',
  'decisao',
  ...CJK.activity,
);

/** Headers of the column that names roles in a table with one row per role. */
export const ROLE_HEADERS = set(
  'role',
  'roles',
  'who',
  'person',
  'people',
  'team member',
  'member',
  'stakeholder',
  'stakeholders',
  'name',
  'role name',
  'personne',
  'intervenant',
  'acteur',
  'partie prenante',
  'rolle',
  'beteiligte',
  'rol',
  'persona',
  'parte interesada',
  'papel',
  'funcao',
  'pessoa',
  'parte interessada',
  ...CJK.role,
);

const ROLE_WORDS = set(
  'role',
  'roles',
  'rolle',
  'rollen',
  'rol',
  'papel',
  'papeis',
  'funcao',
  'stakeholder',
  'stakeholders',
);

/** A header naming the role column: `Role`, `Who`, or a header with the word role in it (`Stakeholder Role`). */
export const isRoleHeader = (header: string): boolean => {
  const key = fold(header);
  return ROLE_HEADERS.has(key) || key.split(/[\s/]+/u).some((w) => ROLE_WORDS.has(w));
};

/**
 * Headers of columns that usually hold metadata. They only break ties: a column is metadata when
 * its header names no role and its cells are not codes, whatever its header says.
 */
export const META_HEADERS = set(
  '#',
  'no',
  'nr',
  'id',
  'ref',
  'notes',
  'note',
  'comments',
  'comment',
  'remarks',
  'owner',
  'phase',
  'week',
  'sprint',
  'status',
  'due',
  'due date',
  'deadline',
  'date',
  'priority',
  'description',
  'details',
  'output',
  'tool',
  'tools',
  'frequency',
  'timing',
  'when',
  'duration',
  'link',
  'links',
  'remarques',
  'commentaires',
  'statut',
  'echeance',
  'semaine',
  'anmerkungen',
  'bemerkungen',
  'kommentar',
  'frist',
  'woche',
  'notas',
  'comentarios',
  'estado',
  'fecha',
  'fase',
  'semana',
  'observacoes',
  'prazo',
);

/** Columns that can sit before the activity column: `| # | Activity | PM |`. */
export const LEADING_META_HEADERS = set(
  '#',
  'no',
  'nr',
  'id',
  'ref',
  'week',
  'phase',
  'sprint',
  'date',
  'day',
  ...CJK.leadingMeta,
);

/** Headers of a legend table's two columns: `| Code | Meaning |`. */
export const LEGEND_CODE_HEADERS = set(
  'code',
  'codes',
  'letter',
  'letters',
  'key',
  'abbreviation',
  'abbr',
  'symbol',
  'legend',
  'acronym',
  'lettre',
  'sigle',
  'symbole',
  'legende',
  'kurzel',
  'buchstabe',
  'abkurzung',
  'codigo',
  'letra',
  'sigla',
  'simbolo',
  'leyenda',
  'legenda',
  ...CJK.legendCode,
);
export const LEGEND_MEANING_HEADERS = set(
  'meaning',
  'role',
  'description',
  'definition',
  'stands for',
  'label',
  'name',
  'means',
  'signification',
  'role',
  'sens',
  'bedeutung',
  'rolle',
  'beschreibung',
  'significado',
  'descripcion',
  'definicion',
  'papel',
  'descricao',
  'definicao',
  ...CJK.legendMeaning,
);

/** Words that may open a legend paragraph: `Legend: R = Responsible, …`. */
export const LEGEND_PREFIXES = set(
  'legend',
  'key',
  'codes',
  'raci',
  'raci legend',
  'raci key',
  'where',
  'legende',
  'leyenda',
  'legenda',
  'cle',
  ...CJK.legendPrefixes,
);

/** Cell contents that mark a role in a table with one row per role: `| PM | ✓ | | |`. */
export const MARKS = set(
  '✓',
  '✔',
  '✅',
  '☑',
  '☑️',
  '✔️',
  'x',
  '•',
  '●',
  '◉',
  '*',
  'yes',
  'y',
  'oui',
  'ja',
  'si',
  'sim',
  'true',
);
/** Cell contents that say "no" in such a table. */
export const NO_MARKS = set('✗', '✘', '❌', 'no', 'n', 'non', 'nein', 'nao', 'false', '0');

/**
 * Labels of codes, keyed by the English label of a built-in scheme, with their translations and
 * common synonyms. A scheme's code is found by its own label first, then by these.
 */
const CONCEPTS: Record<string, string[]> = {
  responsible: [
    'responsible',
    'responsible party',
    // The directly responsible individual of handbooks (GitLab, Apple): the one who does and drives it.
    'dri',
    'directly responsible individual',
    'directly responsible',
    'doer',
    'does the work',
    'does it',
    'executes',
    'fait le travail',
    'fuhrt die arbeit aus',
    'erledigt die arbeit',
    'realiza el trabajo',
    'faz o trabalho',
    'responsable',
    'realisateur',
    'realise',
    'verantwortlich',
    'durchfuhrungsverantwortlich',
    'durchfuhrend',
    'ausfuhrend',
    'responsavel',
    'executor',
    'ejecutor',
    'encargado',
  ],
  accountable: [
    'accountable',
    'answers for',
    'signs off',
    'final say',
    'final call',
    'final decision',
    'ultimately answerable',
    'rend des comptes',
    'dernier mot',
    'tragt die verantwortung',
    'gesamtverantwortung',
    'ultima palabra',
    'responde pelo resultado',
    'approver',
    'approves',
    'approbateur',
    'approuve',
    'autorite',
    'rechenschaftspflichtig',
    'genehmiger',
    'genehmigend',
    'genehmigt',
    'aprobador',
    'aprueba',
    'aprovador',
    'aprova',
    'autoridade',
  ],
  consulted: [
    'consulted',
    'consult',
    'consulte',
    'consultes',
    'konsultiert',
    'befragt',
    'beratend',
    'consultado',
    'consultados',
  ],
  informed: [
    'informed',
    'inform',
    'kept informed',
    'notified',
    'informe',
    'informes',
    'informiert',
    'informado',
    'informados',
  ],
  support: [
    'support',
    'supports',
    'supportive',
    'soutien',
    'unterstutzend',
    'unterstutzung',
    'apoyo',
    'apoio',
    'suporte',
  ],
  verifier: ['verifier', 'verifies', 'verificateur', 'prufer', 'verificador'],
  signatory: ['signatory', 'signs', 'signataire', 'unterzeichner', 'firmante', 'signatario'],
  'out of the loop': ['out of the loop', 'omitted', 'out', 'hors boucle', 'nicht beteiligt', 'fuera', 'fora'],
  driver: ['driver', 'drives', 'pilote', 'treiber', 'impulsor', 'condutor'],
  approver: ['approver', 'approves', 'approbateur', 'genehmiger', 'aprobador', 'aprovador'],
  contributor: [
    'contributor',
    'contributors',
    'contributeur',
    'mitwirkender',
    'mitwirkend',
    'beitragender',
    'contribuidor',
    'colaborador',
  ],
  recommend: ['recommend', 'recommends', 'recommande', 'empfiehlt', 'recomienda', 'recomenda'],
  agree: ['agree', 'agrees', 'accord', 'zustimmung', 'acuerda', 'concorda'],
  perform: ['perform', 'performs', 'executer', 'ausfuhren', 'ejecuta', 'executa'],
  input: ['input', 'provides input'],
  decide: [
    'decide',
    'decides',
    'decider',
    'decision maker',
    'decideur',
    'entscheider',
    'entscheidet',
    'decisor',
  ],
};

const SYNONYMS = new Map<string, string[]>();
for (const [concept, words] of [...Object.entries(CONCEPTS), ...Object.entries(CJK.concepts)]) {
  for (const word of words) {
    const key = fold(word);
    SYNONYMS.set(key, [...(SYNONYMS.get(key) ?? []), concept]);
  }
}

/** The concepts (English labels of built-in codes) a label may stand for: `Aprovador` → accountable, approver. */
export function conceptsOf(label: string): string[] {
  const key = fold(label);
  return SYNONYMS.get(key) ?? [];
}

/**
 * The concepts a sentence names, in order: `accountable for the outcome` → accountable, `does the
 * work` → responsible. Looks at runs of one to four words, so it stays linear in the text.
 */
export function conceptsIn(text: string): string[] {
  const words = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  const found: string[] = [];
  for (let i = 0; i < words.length && i < 200; i++) {
    for (let n = 4; n >= 1; n--) {
      if (i + n > words.length) continue;
      const concepts = SYNONYMS.get(words.slice(i, i + n).join(' '));
      if (concepts) for (const c of concepts) if (!found.includes(c)) found.push(c);
    }
  }
  return found;
}

/** True when a word is a known label of some code, in any supported language. */
export const isKnownLabel = (label: string): boolean => conceptsOf(label).length > 0;

/** Whether two labels can mean the same code: equal, or sharing a concept. */
export function sameMeaning(a: string, b: string): boolean {
  const fa = fold(a);
  const fb = fold(b);
  if (fa === fb) return true;
  const ca = conceptsOf(a);
  const cb = new Set([...conceptsOf(b), fb]);
  return ca.some((c) => cb.has(c));
}
