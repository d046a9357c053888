import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build, load, planOutputs } from '../src/index.js';
import { writers } from '../src/render/index.js';
import { CACHE_FILE } from '../src/workflow/cache.js';
import { parseShard, selectShard } from '../src/workflow/shard.js';
import { cli } from './cli-helpers.js';
import { modelOf, tempDir } from './helpers.js';

/** A small project of three documents that share the role Lead (or only the first, `alpha.md`). */
function project(documents = 3): { dir: string; content: string; out: string } {
  const dir = tempDir();
  const content = join(dir, 'content');
  // Lead is defined once, in alpha.md; beta.md and gamma.md name it in their headers.
  const doc = (name: string, lead: string, rows: string) =>
    `# ${name}\n\n## Roles\n\n${lead}### ${name} Engineer (${name} Eng)\nBuilds.\n\n## Responsibilities\n\n| Activity | Lead | ${name} Eng |\n|---|:-:|:-:|\n${rows}\n`;
  const files: Record<string, string> = {
    'alpha.md': doc('Alpha', '### Lead\nLeads.\n\n', '| Plan | A | R |\n| Ship | A | R |'),
    'beta.md': doc('Beta', '', '| Design | A/R | C |'),
    'gamma.md': doc('Gamma', '', '| Operate | A | R |'),
  };
  mkdirSync(content);
  for (const [name, text] of Object.entries(files).slice(0, documents))
    writeFileSync(join(content, name), text);
  return { dir, content, out: join(dir, 'out') };
}

/** Counts calls of the document writers, which is where all rendering time goes. */
function countRenders() {
  const pdf = vi.spyOn(writers, 'pdf');
  const docx = vi.spyOn(writers, 'docx');
  return () => pdf.mock.calls.length + docx.mock.calls.length;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('incremental build cache', () => {
  it('renders everything once, then nothing when nothing changed, and everything with --force', async () => {
    const { content, out } = project();
    const renders = countRenders();
    const formats = ['pdf', 'md', 'json'] as const;
    const first = await build([content], { out, formats });
    expect(first.ok).toBe(true);
    // 3 team charters + 4 role charters (Lead, and one engineer per document).
    expect(renders()).toBe(7);
    expect(first.rendered).toHaveLength(9);
    const bytes = readFileSync(join(out, 'roles/lead.pdf'));

    const second = await build([content], { out, formats });
    expect(renders()).toBe(7);
    expect(second.rendered).toEqual([]);
    expect(second.reused).toEqual(first.rendered);
    // The output folder is still complete, and its files are the same bytes.
    expect(second.files).toEqual(first.files);
    expect(readFileSync(join(out, 'roles/lead.pdf')).equals(bytes)).toBe(true);

    await build([content], { out, formats, force: true });
    expect(renders()).toBe(14);
  });

  it('renders again only the documents whose content changed', async () => {
    const { content, out } = project();
    await build([content], { out, formats: ['pdf'] });
    const beta = join(content, 'beta.md');
    writeFileSync(beta, readFileSync(beta, 'utf8').replace('| Design | A/R | C |', '| Design | A | R |'));
    const result = await build([content], { out, formats: ['pdf'] });
    // Beta's charter, and the charters of the two roles whose cells changed.
    expect(result.rendered.sort()).toEqual(['beta/charter.pdf', 'roles/beta-engineer.pdf', 'roles/lead.pdf']);
    expect(result.reused).toHaveLength(4);
  });

  it('renders a file again when the previous output was deleted by hand', async () => {
    const { content, out } = project(1);
    await build([content], { out, formats: ['docx'] });
    rmSync(join(out, 'roles/lead.docx'));
    const result = await build([content], { out, formats: ['docx'] });
    expect(result.rendered.sort()).toEqual(['roles/lead.docx']);
  });

  it('refuses to replace an output edited by hand: the edit is not lost', async () => {
    const { content, out } = project(1);
    await build([content], { out, formats: ['docx'] });
    writeFileSync(join(out, 'alpha/charter.docx'), 'edited in Word');
    await expect(build([content], { out, formats: ['docx'] })).rejects.toThrow(
      '`alpha/charter.docx` changed since rolemark wrote it',
    );
    expect(readFileSync(join(out, 'alpha/charter.docx'), 'utf8')).toBe('edited in Word');
  });

  it('renders the DOCX files again when the reference document changes, and only them', async () => {
    const { content, out } = project(1);
    await build([content], { out, formats: ['docx', 'md'] });
    const styled = await build([content], {
      out,
      formats: ['docx', 'md'],
      referenceDocx: 'test/fixtures/docx/reference.docx',
    });
    expect(styled.rendered).toHaveLength(3);
    expect(styled.rendered.every((p) => p.endsWith('.docx'))).toBe(true);
    const again = await build([content], {
      out,
      formats: ['docx', 'md'],
      referenceDocx: 'test/fixtures/docx/reference.docx',
    });
    expect(again.rendered).toEqual([]);
  });

  it('keeps its manifest in the output folder, as a dot file', async () => {
    const { content, out } = project(1);
    const result = await build([content], { out, formats: ['json'] });
    expect(result.files).toEqual(['model.json']);
    expect(readdirSync(out).sort()).toEqual([CACHE_FILE, 'model.json']);
    const manifest = JSON.parse(readFileSync(join(out, CACHE_FILE), 'utf8'));
    expect(Object.keys(manifest.outputs)).toEqual(['model.json']);
  });
});

describe('shards', () => {
  it('partition the outputs: their union is the full build, with nothing twice', async () => {
    const { content, dir } = project();
    const full = planOutputs(await load([content]), { formats: ['pdf', 'md'] }).map((p) => p.path);
    const parts: string[][] = [];
    for (let i = 1; i <= 3; i++) {
      const r = await build([content], {
        out: join(dir, `shard-${i}`),
        formats: ['pdf', 'md'],
        shard: { index: i, count: 3 },
      });
      expect(r.ok).toBe(true);
      expect(r.files.length).toBeGreaterThan(0);
      parts.push(r.files);
    }
    const union = parts.flat();
    expect(new Set(union).size).toBe(union.length);
    expect([...union].sort()).toEqual([...full].sort());
  });

  it('keep all the formats of a document together, and are stable', () => {
    const model = modelOf(
      '## RACI\n\n| Activity | Ann | Ben | Cat |\n|---|---|---|---|\n| x | A/R | C | I |',
    );
    const plan = planOutputs(model, { formats: ['pdf', 'docx'] });
    for (let n = 1; n <= 4; n++) {
      const shards = Array.from({ length: n }, (_, i) =>
        selectShard(plan, (p) => p.unit, { index: i + 1, count: n }).map((p) => p.path),
      );
      expect(shards.flat().sort()).toEqual(plan.map((p) => p.path).sort());
      for (const shard of shards) {
        for (const path of shard) {
          const sibling = path.endsWith('.pdf') ? path.replace(/pdf$/, 'docx') : path.replace(/docx$/, 'pdf');
          expect(shard).toContain(sibling);
        }
      }
      expect(shards).toEqual(
        Array.from({ length: n }, (_, i) =>
          selectShard(plan, (p) => p.unit, { index: i + 1, count: n }).map((p) => p.path),
        ),
      );
    }
  });

  it('rejects a malformed shard with a clear message', async () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/3', '4/3', '1', 'a/b', '1/0'])
      expect(() => parseShard(bad)).toThrow(/Invalid shard/);
    const r = await cli('build', 'content', '--out', join(tempDir(), 'out'), '--shard', '5/4');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Invalid shard `5/4`');
  });
});

describe('rolemark build output', () => {
  it('says how many outputs were rendered and how many were unchanged', async () => {
    const { content, out } = project();
    const first = await cli('build', content, '--out', out, '--format', 'md,json');
    expect(first.stdout).toMatch(/^Built 2 files into .*: 2 rendered, 0 unchanged \(0 errors/);
    const second = await cli('build', content, '--out', out, '--format', 'md,json', '--verbose');
    expect(second.stdout).toMatch(/: 0 rendered, 2 unchanged/);
    expect(second.stderr).toMatch(/unchanged {2}matrix\.md {2}\d+ ms/);
    const quiet = await cli('build', content, '--out', out, '--format', 'md', '--quiet');
    expect(quiet.stdout + quiet.stderr).toBe('');
    expect((await cli('build', content, '--out', out, '--quiet', '--verbose')).code).toBe(2);
  });
});

describe('rolemark build with a configuration', () => {
  it('takes its inputs, output folder and rule settings from rolemark.config.yaml', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'docs'));
    // No accountable role: an error, unless the configuration turns the rule off.
    writeFileSync(
      join(dir, 'docs', 'team.md'),
      '# Team\n\n## RACI\n\n| Activity | Lead |\n|---|---|\n| Plan | R |\n',
    );
    writeFileSync(
      join(dir, 'rolemark.config.yaml'),
      'content: docs\nout: public\nrules:\n  accountable-missing: off\n',
    );
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await cli('build', '--format', 'md');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readdirSync(join(dir, 'public'))).toContain('matrix.md');
      writeFileSync(join(dir, 'rolemark.config.yaml'), 'rules:\n  accountable-missing: sometimes\n');
      const bad = await cli('build', 'docs', '--out', 'public', '--format', 'md');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('rolemark.config.yaml:2:24');
      expect(bad.stderr).toContain('has errors; fix them first');
    } finally {
      process.chdir(cwd);
    }
  });
});
