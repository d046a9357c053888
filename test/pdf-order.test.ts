import { describe, expect, it } from 'vitest';
import { pdfText } from './helpers.js';
import { renderTeam } from './pdf-helpers.js';

/**
 * A document's PDF must not depend on what the process rendered before it: a build renders in one
 * thread or in several workers (`--jobs`), in an order that differs from run to run, and a watch
 * process renders for hours. Each document has its own copy of each font, whose glyphs remember
 * the characters they were first made from (the text layer: copying, search, screen readers).
 * Widths cached across documents once skipped a document's own measuring, so the glyph of the fi
 * ligature was first made from a typed ﬁ (U+FB01) and “Définir” read back as “Déﬁnir” — but only
 * after another document had measured “Définir”.
 */
const CHART = (rows: string[]) =>
  ['# Plan', '', '| Activity | PM | Dev |', '|---|---|---|', ...rows.map((r) => `| ${r} | A | R |`), ''].join(
    '\n',
  );

describe('a PDF is the same whatever was rendered before it in the process', () => {
  it('keeps the text layer and the bytes of a document with typed ligatures and their letters', async () => {
    await renderTeam(CHART(['Définir la stratégie']));
    const mixed = CHART(['Définir la stratégie', 'ﬁnal review']);
    const first = await renderTeam(mixed);
    const text = pdfText(first.path);
    expect(text).toContain('Définir la stratégie');
    expect(text).not.toContain('Déﬁnir');
    // Rendered again, now that the process has measured all of its own words.
    expect((await renderTeam(mixed)).pdf.equals(first.pdf)).toBe(true);
  });
});
