import { describe, expect, it } from 'vitest';
import { compose } from '../src/index.js';
import type { Block, DocumentIR, Inline } from '../src/ir/types.js';
import { LANGUAGES, type Labels, labelsFor } from '../src/lang/labels.js';
import { modelOf } from './helpers.js';

/**
 * Generated text uses typographic quotes and apostrophes (issue 14, item 15e): “ ” ‘ ’ in English,
 * „ “ in German, « » in French and Spanish; never the typewriter ' and ". The user's own words are
 * printed as written: the fixture has none, so any straight quote in the output was generated.
 */

const STRAIGHT = /['"]/u;

/** Every string a label table holds or makes. */
function labelStrings(labels: Labels): string[] {
  const out: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'function') {
      for (const args of [
        [1, 'X'],
        [3, 'X'],
      ])
        out.push(String((value as (...a: unknown[]) => unknown)(...args)));
    } else if (value && typeof value === 'object') for (const v of Object.values(value)) visit(v);
  };
  visit(labels);
  return out;
}

const CHART = (lang: string) => `---
title: Crew
lang: ${lang}
version: 2
owner: Head of Crew
---
# Crew

Intro text of the crew.

## Roles

### Lead (LD)
Leads the crew.

- **Reports to:** Head of Crew

### Maker (MK)
Makes things.

## Responsibilities

| Activity | LD | MK |
|---|---|---|
| Plan the work | A | R (drafts it) |
| Ship the work | A/R | C |
| Review the work | I | A/R |
`;

function texts(ir: DocumentIR): string[] {
  const out: string[] = [
    ir.header,
    ir.footer,
    ...Object.values(ir.labels).filter((v) => typeof v === 'string'),
  ];
  const inline = (c: readonly Inline[]) => c.map((i) => (i.type === 'text' ? i.text : '')).join('');
  const block = (b: Block) => {
    const record = b as unknown as Record<string, unknown>;
    for (const v of Object.values(record)) if (typeof v === 'string' && v !== b.type) out.push(v);
    if (b.type === 'paragraph') out.push(inline(b.content));
    if (b.type === 'list') b.items.flat().forEach(block);
    if (b.type === 'fields') for (const f of b.items) out.push(f.label, inline(f.value));
    if (b.type === 'quote') b.blocks.forEach(block);
    if (b.type === 'cover') for (const it of b.items) out.push(it.label, it.value);
  };
  ir.blocks.forEach(block);
  return out;
}

describe('typographic quotes in generated text', () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: no label holds a typewriter quote or apostrophe`, () => {
      const labels = labelsFor(lang) as Labels;
      for (const s of labelStrings(labels)) expect(s, s).not.toMatch(STRAIGHT);
    });

    it(`${lang}: no document of any built-in template prints one`, () => {
      const model = modelOf(CHART(lang), 'crew.md');
      const doc = model.documents[0]?.id ?? '';
      const role = model.roles[0]?.id ?? '';
      const irs = [
        compose(model, { document: doc }),
        compose(model, { document: doc }, { template: 'matrix-poster' }),
        ...['role-charter', 'handout', 'job-description'].map((template) =>
          compose(model, { role }, { template }),
        ),
      ];
      for (const ir of irs) for (const s of texts(ir)) expect(s, `${ir.kind}: ${s}`).not.toMatch(STRAIGHT);
    });
  }
});
