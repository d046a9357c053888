import { describe, expect, it } from 'vitest';
import { loadText } from '../src/index.js';
import { parseYaml } from '../src/read/yaml.js';

/**
 * The frontmatter is parsed once, by the reader, and kept with its positions: the settings and the
 * place of `scheme:` come from that parse (issue 17), so every way YAML writes a key is placed.
 */
describe('the frontmatter, parsed once', () => {
  const place = (text: string) =>
    loadText([{ file: 'team.md', text }])
      .diagnostics.filter((d) => d.ruleId === 'unknown-scheme')
      .map((d) => `${d.line}:${d.column}`);

  it('places an unknown scheme at its value, however its key is written', () => {
    expect(place('---\ntitle: T\nscheme: Nope\n---\n# T\n')).toEqual(['3:9']);
    // A quoted key, and a value after spaces: a line-by-line look for `scheme:` missed them (1:1).
    expect(place('---\n"scheme":   Nope\n---\n# T\n')).toEqual(['2:13']);
    expect(place("---\n{ title: T, 'scheme': Nope }\n---\n# T\n")).toEqual(['2:23']);
  });

  it('reports a rule setting in it at its place', () => {
    const model = loadText([{ file: 'team.md', text: '---\nrules:\n  no-such-rule: off\n---\n# T\n' }]);
    expect(model.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      '3:3 frontmatter-invalid',
    ]);
  });
});

describe('parseYaml, the one YAML-with-positions helper', () => {
  it('places values and errors in the file, from the YAML’s first line', () => {
    const yaml = parseYaml('a: 1\nb:\n  c: two\n', 5);
    const c = yaml.document.getIn(['b', 'c'], true) as { range: [number, number, number] };
    expect(yaml.at(c.range[0])).toEqual({ line: 7, column: 6 });
    expect(yaml.errors).toEqual([]);
    const broken = parseYaml('a: 1\na: 2\n', 2);
    expect(broken.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '3:1 Map keys must be unique',
    ]);
  });
});
