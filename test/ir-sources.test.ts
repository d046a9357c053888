import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOutputs } from '../src/build.js';
import { build, compose } from '../src/index.js';
import type { Block, MatrixBlock } from '../src/ir/types.js';
import { modelOf, tempDir } from './helpers.js';

/**
 * IR nodes made from a role or an activity carry its place in the content, and a writer's
 * warning points there: not at the first role or activity whose name the text happens to contain.
 * Here the role `Lead` is named inside the role `Team Lead` and inside the activity
 * `Lead the review 𓀀`, and 𓀀 𓀁 𓀂 (Egyptian hieroglyphs) are in no font rolemark has. Text written
 * under a role (its purpose) has no place of its own in the model: it is reported at the role.
 */
const TEAM = `# Delivery

## Roles

### Lead
Leads.

### Team Lead 𓀁
Runs the 𓀂 board.

## Matrix

| Activity | Lead | Team Lead 𓀁 |
|---|---|---|
| Plan the work | A | R |
| Lead the review 𓀀 | A | R (runs it) |
`;

// The places, 1-based, as an editor shows them.
const LEAD = { line: 5, column: 1 };
const TEAM_LEAD = { line: 8, column: 1 };
const REVIEW = { line: 16, column: 1 };
const CELL = { line: 16, column: 28 };

const blocksOf = (blocks: readonly Block[]): Block[] =>
  blocks.flatMap((b) =>
    b.type === 'list'
      ? [b, ...blocksOf(b.items.flat())]
      : b.type === 'quote'
        ? [b, ...blocksOf(b.blocks)]
        : [b],
  );

describe('IR source positions', () => {
  const model = modelOf(TEAM, 'team.md');

  it('the composer puts the role’s and the activity’s place on the nodes made from them', () => {
    expect(model.activities.find((a) => a.name.startsWith('Lead the review'))?.source).toMatchObject(REVIEW);
    const ir = compose(model, { document: model.documents[0]?.id ?? '' });
    const matrix = ir.blocks.find((b): b is MatrixBlock => b.type === 'matrix');
    expect(matrix?.columns.map((c) => [c.name, c.source?.line])).toEqual([
      ['Lead', LEAD.line],
      ['Team Lead 𓀁', TEAM_LEAD.line],
    ]);
    expect(
      matrix?.rows.map((r) => (r.type === 'activity' ? [r.name, r.source?.file, r.source?.line] : [])),
    ).toEqual([
      ['Plan the work', 'team.md', 15],
      ['Lead the review 𓀀', 'team.md', REVIEW.line],
    ]);
    expect(matrix?.notes.map((n) => [n.text, n.source?.line])).toEqual([['runs it', REVIEW.line]]);

    const charter = compose(model, { role: 'lead' });
    const items = blocksOf(charter.blocks).filter((b) => b.type === 'paragraph' && b.source);
    expect(items.map((p) => (p.type === 'paragraph' ? p.source?.line : 0))).toContain(REVIEW.line);
    const cover = charter.blocks.find((b) => b.type === 'cover');
    expect(cover?.type === 'cover' && cover.source).toMatchObject(LEAD);
  });

  it('a missing glyph is reported at the activity or role it is in, in a PDF and DOCX build', async () => {
    const dir = tempDir();
    const file = join(dir, 'team.md');
    writeFileSync(file, TEAM);
    const result = await build([file], { out: join(dir, 'out'), formats: ['pdf', 'docx'] });
    expect(result.ok).toBe(true);
    const glyphs = result.diagnostics
      .filter((d) => d.ruleId === 'missing-glyph')
      .map((d) => [d.message.match(/“(.)”/u)?.[1], d.file, d.line, d.column]);
    // Each text once, however many documents (team charter, both role charters) show it; the
    // cell's note ("Team Lead 𓀁 on “Lead the review 𓀀”: runs it") is another text, at its cell.
    expect(glyphs.sort()).toEqual([
      ['𓀀', file, REVIEW.line, REVIEW.column],
      ['𓀀', file, REVIEW.line, CELL.column],
      ['𓀁', file, REVIEW.line, CELL.column],
      ['𓀁', file, TEAM_LEAD.line, TEAM_LEAD.column],
      ['𓀂', file, TEAM_LEAD.line, TEAM_LEAD.column],
    ]);
    // The DOCX writer reports no glyphs (Word picks its fonts when it opens the file).
    const docx = await build([file], { out: join(dir, 'docx'), formats: ['docx'] });
    expect(docx.diagnostics.filter((d) => d.ruleId === 'missing-glyph')).toEqual([]);
  });

  it('leaves the places out of an output’s cache key: moved lines render nothing again', async () => {
    const keys = (text: string) =>
      planOutputs(modelOf(text, 'team.md'), { formats: ['pdf', 'docx'], date: null }).map((p) => [
        p.path,
        p.key('code'),
      ]);
    const before = keys(TEAM);
    expect(keys(TEAM.replace('## Roles', '\n\n\n## Roles'))).toEqual(before);
    // …while a changed name changes the documents that show it.
    expect(keys(TEAM.replace('Plan the work', 'Plan the work well'))).not.toEqual(before);
  });
});
