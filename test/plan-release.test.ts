import { describe, expect, it, vi } from 'vitest';
import type { DocumentIR } from '../src/ir/types.js';
import type { ReferenceDocx } from '../src/render/docx/reference.js';
import type { Renderer } from '../src/render/pool.js';
import { outputKey, sha256 } from '../src/workflow/cache.js';
import { composition, planOutputs, renderKey } from '../src/workflow/plan.js';
import { modelOf } from './helpers.js';

/**
 * A build's plan composes each document once, for its key and all its formats, and drops the
 * composition when the last format has been handed to the renderer: a large build holds the
 * documents being rendered, not every document it has rendered (docs/performance.md, round five).
 */
describe('a planned document’s composition', () => {
  it('is made once for its uses, then dropped and made again if asked', () => {
    let made = 0;
    const c = composition(() => ({ n: ++made }), 2);
    const first = c.get();
    expect(c.get()).toBe(first);
    expect(c.used()).toBe(first);
    expect(made).toBe(1);
    expect(c.used()).toBe(first);
    // Both uses done: the next asks compose again.
    expect(c.get()).not.toBe(first);
    expect(made).toBe(2);
  });

  it('serves the key and every format with one composition, and is not kept after the last', async () => {
    const model = modelOf(
      '## RACI\n\n| Activity | Ann | Ben | Cat |\n|---|---|---|---|\n| x | A/R | C | I |\n| y | I | A/R | C |',
    );
    const plan = planOutputs(model, { formats: ['pdf', 'docx'], date: '2024-01-02' });
    const seen: { path: string; ir: DocumentIR }[] = [];
    const recorder = (path: string): Renderer => ({
      render: async (ir) => {
        seen.push({ path, ir });
        return Buffer.from(path);
      },
      close: async () => {},
    });
    const byUnit = new Map<string, typeof plan>();
    for (const p of plan) byUnit.set(p.unit, [...(byUnit.get(p.unit) ?? []), p]);
    const documents = [...byUnit.values()].filter((outputs) => outputs.length === 2);
    expect(documents.length).toBeGreaterThan(1);
    for (const [pdf, docx] of documents as [(typeof plan)[number], (typeof plan)[number]][]) {
      const key = pdf.key('code');
      expect(await pdf.produce(recorder(pdf.path))).toEqual(Buffer.from(pdf.path));
      await docx.produce(recorder(docx.path));
      // The DOCX's key after the hand-over (a build without a previous one): the same composition.
      const compose = vi.spyOn(JSON, 'stringify');
      docx.key('code');
      expect(compose.mock.calls.filter((call) => (call[1] as unknown) === renderKey)).toHaveLength(0);
      compose.mockRestore();
      const [a, b] = seen.slice(-2);
      expect([a?.path, b?.path]).toEqual([pdf.path, docx.path]);
      // One composition for both formats (and the key worked out before them).
      expect(b?.ir).toBe(a?.ir);
      // Dropped after the last format: asked again, the document is composed anew, the same.
      await pdf.produce(recorder(pdf.path));
      const again = seen.at(-1)?.ir;
      expect(again).not.toBe(a?.ir);
      expect(again).toEqual(a?.ir);
      expect(pdf.key('code')).toBe(key);
    }
  });

  it('works out a key after the document was handed over from the composition handed over', async () => {
    const model = modelOf('## RACI\n\n| Activity | Ann | Ben |\n|---|---|---|\n| x | A/R | C |');
    for (const formats of [['docx'], ['pdf', 'docx']] as const) {
      const plan = planOutputs(model, { formats: [...formats], date: '2024-01-02' });
      const fresh = planOutputs(model, { formats: [...formats], date: '2024-01-02' });
      const handed: DocumentIR[] = [];
      const grab: Renderer = {
        render: async (ir) => {
          handed.push(ir);
          return Buffer.from('');
        },
        close: async () => {},
      };
      for (const [i, p] of plan.entries()) {
        if (!/\.(pdf|docx)$/u.test(p.path)) continue;
        const before = handed.length;
        await p.produce(grab);
        const ir = handed[before];
        const stringify = vi.spyOn(JSON, 'stringify');
        const key = p.key('code');
        const of = stringify.mock.calls.filter((call) => (call[1] as unknown) === renderKey);
        stringify.mockRestore();
        // The key of the IR the renderer was given (before, the composition was dropped with the
        // hand-over of a one-format document and its key composed it again: another object).
        if (of.length > 0) expect(of[0]?.[0]).toBe(ir);
        expect(key).toBe(fresh[i]?.key('code'));
      }
    }
  });

  it('turns the document into JSON once for the keys of both formats, the keys as before', () => {
    const model = modelOf(
      '## RACI\n\n| Activity | Ann | Ben |\n|---|---|---|\n| x | A/R | C |\n| y | I | A/R |',
    );
    const reference = { bytes: Buffer.from('a reference document') } as unknown as ReferenceDocx;
    for (const renderOptions of [{}, { referenceDocx: reference }]) {
      const plan = planOutputs(model, { formats: ['pdf', 'docx'], date: '2024-01-02' }, renderOptions);
      const documents = plan.filter((p) => p.path.endsWith('.pdf'));
      expect(documents.length).toBeGreaterThan(1);
      const stringify = vi.spyOn(JSON, 'stringify');
      const keys = plan.filter((p) => /\.(pdf|docx)$/u.test(p.path)).map((p) => [p.path, p.key('code')]);
      const ofDocuments = stringify.mock.calls.filter((call) => (call[1] as unknown) === renderKey).length;
      stringify.mockRestore();
      // One for both formats; with a reference document the DOCX's key holds it, so two.
      expect(ofDocuments).toBe(documents.length * ('referenceDocx' in renderOptions ? 2 : 1));
      // The keys of outputKey, as every build before made them: a previous build's outputs reused.
      const irs = new Map<string, DocumentIR>();
      const grab: Renderer = {
        render: async (ir) => {
          irs.set(JSON.stringify(ir, renderKey), ir);
          return Buffer.from('');
        },
        close: async () => {},
      };
      for (const [path, key] of keys) {
        const p = plan.find((o) => o.path === path);
        void p?.produce(grab);
        const ir = [...irs.values()].at(-1);
        const format = path?.split('.').pop() as string;
        const what =
          format === 'docx' && 'referenceDocx' in renderOptions
            ? { ir, reference: sha256(reference.bytes) }
            : ir;
        expect(key, path).toBe(outputKey('code', format, what, renderKey));
      }
    }
  });
});
