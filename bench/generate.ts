/**
 * A deterministic organisation generator for benchmarks: the same seed always writes the same
 * files. Names are realistic (job titles, verbs and objects of real work), activities have exactly
 * one accountable role and at least one responsible role, so that a build is not stopped by errors,
 * and cells mix single and combined codes and notes, as real charts do.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OrgSize {
  files: number;
  roles: number;
  activities: number;
}

export const SIZES = {
  M: { files: 8, roles: 40, activities: 400 },
  L: { files: 40, roles: 300, activities: 5000 },
  'L/2': { files: 20, roles: 150, activities: 2500 },
} satisfies Record<string, OrgSize>;

/** mulberry32: a small, fast, seedable PRNG (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENIORITY = ['', 'Senior ', 'Lead ', 'Principal ', 'Associate ', 'Head of ', 'Chief '];
const FUNCTIONS = [
  'Product Manager',
  'Product Owner',
  'Engineering Manager',
  'Software Engineer',
  'QA Engineer',
  'UX Designer',
  'Data Analyst',
  'Site Reliability Engineer',
  'Security Officer',
  'Technical Writer',
  'Scrum Master',
  'Release Manager',
  'Solutions Architect',
  'Customer Success Manager',
  'Marketing Lead',
  'Sales Engineer',
  'Legal Counsel',
  'Finance Partner',
  'HR Business Partner',
  'Support Specialist',
  'Data Engineer',
  'Platform Engineer',
  'Content Strategist',
  'Compliance Analyst',
];
const TEAMS = [
  'Payments',
  'Onboarding',
  'Search',
  'Mobile',
  'Platform',
  'Growth',
  'Billing',
  'Identity',
  'Analytics',
  'Checkout',
  'Notifications',
  'Partner API',
];
const VERBS = [
  'Define',
  'Prioritise',
  'Review',
  'Approve',
  'Plan',
  'Run',
  'Document',
  'Monitor',
  'Publish',
  'Test',
  'Design',
  'Estimate',
  'Audit',
  'Communicate',
  'Maintain',
  'Deploy',
];
const OBJECTS = [
  'the quarterly roadmap',
  'the product backlog',
  'sprint goals',
  'release notes',
  'the incident response runbook',
  'customer interviews',
  'the pricing model',
  'data retention rules',
  'the accessibility checklist',
  'service level objectives',
  'the security review',
  'onboarding emails',
  'the API changelog',
  'A/B test results',
  'the hiring plan',
  'vendor contracts',
  'the on-call rota',
  'user research findings',
  'the migration plan',
  'performance budgets',
];
const GROUPS = ['Strategy', 'Discovery', 'Delivery', 'Operations', 'Governance', 'Communication'];
const NOTES = ['signs off', 'reviews', 'on request', 'weekly', 'for major changes', 'via the dashboard'];

interface Role {
  name: string;
  alias: string;
}

function roleNames(count: number): Role[] {
  const roles: Role[] = [];
  const seen = new Set<string>();
  let n = 0;
  while (roles.length < count) {
    const fn = FUNCTIONS[n % FUNCTIONS.length] as string;
    const level = SENIORITY[Math.floor(n / FUNCTIONS.length) % SENIORITY.length] as string;
    const team = TEAMS[Math.floor(n / (FUNCTIONS.length * SENIORITY.length)) % TEAMS.length] as string;
    const round = Math.floor(n / (FUNCTIONS.length * SENIORITY.length * TEAMS.length));
    const area = fn.split(' ')[0] as string;
    let name =
      level === 'Head of '
        ? `Head of ${area}`
        : level === 'Chief '
          ? `Chief ${area} Officer`
          : `${level}${fn}`;
    if (n >= FUNCTIONS.length * SENIORITY.length) name = `${name}, ${team}`;
    if (round > 0) name = `${name} ${round + 1}`;
    n++;
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    const initials = name
      .replace(/[^A-Za-z0-9 ]/g, '')
      .split(' ')
      .filter(Boolean)
      .map((w) => (/^\d+$/.test(w) ? w : w[0]))
      .join('')
      .toUpperCase();
    roles.push({ name, alias: `${initials}${roles.length + 1}` });
  }
  return roles;
}

const pick = <T>(list: readonly T[], next: () => number): T => list[Math.floor(next() * list.length)] as T;

/** One team file: its own roles (defined here), a couple of roles from other files, a grouped matrix. */
function teamFile(
  index: number,
  own: Role[],
  borrowed: Role[],
  activities: number,
  next: () => number,
): string {
  const team = `${TEAMS[index % TEAMS.length]} team ${index + 1}`;
  const lines = [
    '---',
    `title: ${team}`,
    `version: "1.${index}"`,
    'owner: Head of Product',
    '---',
    `# ${team}`,
    '',
    `How the ${team} shares its work: who does it, who owns it, who is consulted and who is kept informed.`,
    '',
    '## Roles',
    '',
  ];
  for (const role of own) {
    lines.push(`### ${role.name} (${role.alias})`);
    lines.push(`Owns ${pick(OBJECTS, next)} and works closely with the rest of the ${team}.`);
    lines.push('');
    lines.push(`- **Focus:** ${pick(VERBS, next)} ${pick(OBJECTS, next)}`);
    lines.push(`- **Reports to:** ${pick(['Head of Product', 'Head of Engineering', 'COO'], next)}`);
    lines.push('');
  }
  const columns = [...own, ...borrowed];
  lines.push('## Responsibilities', '');
  const perGroup = Math.max(1, Math.ceil(activities / GROUPS.length));
  let written = 0;
  for (const group of GROUPS) {
    if (written >= activities) break;
    lines.push(`### ${group}`);
    lines.push(`| Activity | ${columns.map((r) => r.alias).join(' | ')} |`);
    lines.push(`|---|${columns.map(() => ':-:').join('|')}|`);
    for (let i = 0; i < perGroup && written < activities; i++, written++) {
      const cells = columns.map(() => '');
      const accountable = Math.floor(next() * columns.length);
      const responsible = next() < 0.5 ? accountable : Math.floor(next() * columns.length);
      cells[accountable] = 'A';
      cells[responsible] = cells[responsible] === 'A' ? 'A/R' : 'R';
      for (let c = 0; c < columns.length; c++) {
        if (cells[c] !== '') continue;
        const roll = next();
        if (roll < 0.18) cells[c] = 'C';
        else if (roll < 0.36) cells[c] = 'I';
        else if (roll < 0.42) cells[c] = 'R';
        else if (roll < 0.45) cells[c] = `C (${pick(NOTES, next)})`;
      }
      const name = `${pick(VERBS, next)} ${pick(OBJECTS, next)} (${group.toLowerCase()} ${written + 1})`;
      lines.push(`| ${name} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push('## Ways of working', '', `The ${team} meets weekly to review this chart.`, '');
  return lines.join('\n');
}

/** Writes an organisation of the given size into `dir` (emptied first); returns the files written. */
export function generateOrg(dir: string, size: OrgSize, seed = 42): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const next = random(seed);
  const roles = roleNames(size.roles);
  const files: string[] = [];
  for (let f = 0; f < size.files; f++) {
    const own = roles.filter((_, i) => i % size.files === f);
    const borrowed = [roles[(f * 7 + 3) % roles.length], roles[(f * 13 + 5) % roles.length]].filter(
      (r): r is Role => r !== undefined && !own.includes(r),
    );
    const activities = Math.floor(size.activities / size.files) + (f < size.activities % size.files ? 1 : 0);
    const path = join(dir, `team-${String(f + 1).padStart(2, '0')}.md`);
    writeFileSync(path, teamFile(f, own, [...new Set(borrowed)], activities, next));
    files.push(path);
  }
  return files;
}

// `node dist-bench/bench/generate.js M out-dir [seed]` writes one organisation.
if (process.argv[1]?.endsWith('generate.js')) {
  const [size = 'M', dir = `bench/.work/${size}`, seed = '42'] = process.argv.slice(2);
  const spec = SIZES[size as keyof typeof SIZES];
  if (!spec) throw new Error(`Unknown size ${size}; expected ${Object.keys(SIZES).join(', ')}`);
  const files = generateOrg(dir, spec, Number(seed));
  process.stdout.write(`Wrote ${files.length} files to ${dir}\n`);
}
