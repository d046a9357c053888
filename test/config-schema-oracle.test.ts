/**
 * rolemark checks its configuration and frontmatter with its own validator (src/config/validate.ts:
 * positions from the YAML nodes, did-you-mean, warnings for unknown keys) rather than ajv, for the
 * start-up time measured in docs/dependencies.md. ajv is kept as the oracle here: on documents
 * generated from the schemas themselves, both must agree on what is valid, and every problem
 * rolemark reports must be at a place ajv also rejects.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { configSchema, frontmatterSchema, type JsonSchema } from '../src/config/schema.js';
import { validateNode } from '../src/config/validate.js';

const junk = fc.oneof(
  fc.constantFrom('', 'x', 'warn', 'OFF', 'warning', '2 MB', 'lots', 'team-charter', 'RACI', 'en'),
  fc.integer({ min: -2, max: 120 }),
  fc.constantFrom(0.5, 1.5, 100, 101),
  fc.boolean(),
  fc.constant(null),
  fc.constant(['a', 'b']),
  fc.constant({ k: 1 }),
);

/** Documents shaped by `schema`: mostly plausible, often wrong in one place. */
function arb(schema: JsonSchema, root: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  let s = schema;
  while (s.$ref) s = root.$defs?.[s.$ref.replace('#/$defs/', '')] ?? {};
  if (depth > 5) return junk;
  const options: fc.Arbitrary<unknown>[] = [junk];
  for (const branch of s.anyOf ?? []) options.push(arb(branch, root, depth + 1));
  if (s.enum) options.push(fc.constantFrom(...s.enum));
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (s.properties || types.includes('object')) {
    const props = s.properties ?? {};
    const record = fc.record(
      Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arb(v, root, depth + 1)])),
      { requiredKeys: [] },
    );
    const extra =
      typeof s.additionalProperties === 'object'
        ? fc.dictionary(fc.constantFrom('Custom', 'Other'), arb(s.additionalProperties, root, depth + 1), {
            maxKeys: 2,
          })
        : fc.option(fc.constantFrom({ sevrity: 'error' }, { rulez: {} }, { zzz: 1 }), { nil: {} });
    options.push(
      fc.tuple(record, extra).map(([r, e]) => ({ ...(e ?? {}), ...r })),
      record,
      record,
    );
  }
  if (types.includes('array'))
    options.push(fc.array(s.items ? arb(s.items, root, depth + 1) : junk, { maxLength: 3 }));
  if (types.includes('string'))
    options.push(
      fc.oneof(
        fc.constantFrom(...((s.examples ?? []).filter((x) => typeof x === 'string') as string[]), 'text'),
        fc.string({ maxLength: 4 }),
      ),
    );
  if (types.includes('integer') || types.includes('number'))
    options.push(fc.integer({ min: -1, max: 200 }), fc.constantFrom(2.5, 0));
  if (types.includes('boolean')) options.push(fc.boolean());
  return fc.oneof(...options);
}

/** ajv's error as a path: `/rules` with additionalProperty (or propertyName) `x` is `rules/x`, as rolemark reports it. */
const ajvPath = (e: { instancePath: string; params: Record<string, unknown> }) =>
  [
    ...e.instancePath.split('/').slice(1),
    ...(typeof e.params.additionalProperty === 'string' ? [e.params.additionalProperty] : []),
    ...(typeof e.params.propertyName === 'string' ? [e.params.propertyName] : []),
  ]
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('/');

describe('the configuration validator agrees with ajv', () => {
  for (const [name, schema] of [
    ['rolemark.config.yaml', configSchema()],
    ['frontmatter', frontmatterSchema()],
  ] as const) {
    it(`on generated ${name} documents (property)`, () => {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      const validate = ajv.compile(schema);
      let invalid = 0;
      fc.assert(
        fc.property(arb(schema, schema, 0), (value) => {
          const text = stringify(value);
          const ours = validateNode(parseDocument(text), schema, 'the configuration');
          const valid = validate(JSON.parse(JSON.stringify(value)));
          if (!valid) invalid++;
          expect(
            ours.length === 0,
            `${text}\nours: ${JSON.stringify(ours)}\najv: ${JSON.stringify(validate.errors)}`,
          ).toBe(valid);
          const rejected = new Set((validate.errors ?? []).map(ajvPath));
          for (const issue of ours)
            expect(rejected, `${text}\n${issue.message}`).toContain(issue.path.join('/'));
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 100) },
      );
      // The generator does reach invalid documents, not only valid ones.
      expect(invalid).toBeGreaterThan(10);
    });
  }
});
