/**
 * `limits.links` (issue 18): every writer spends about a millisecond on a link, so 40,000 links in
 * a 950 KB file, within every other limit, made a build of 41 s of CPU and 1.2 GB. Past the limit
 * the rest of the file is not read, with an input-limit error at the line that passed it.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/index.js';

const chart = '# Team\n\n| Activity | Lead | Dev |\n|---|---|---|\n| Ship the release | A/R | C |\n\n';

function limitsHit(text: string, links?: number) {
  const model = loadText([{ file: 't.md', text }], links ? { limits: { links } } : {});
  return model.diagnostics
    .filter((d) => d.ruleId === 'input-limit')
    .map((d) => `${d.line}:${d.column} ${d.message}`);
}

/** `n` links of `form`, 100 to a paragraph. */
function paragraphs(n: number, form: (i: number) => string): string {
  const links = Array.from({ length: n }, (_, i) => form(i));
  const out: string[] = [];
  for (let i = 0; i < n; i += 100) out.push(links.slice(i, i + 100).join(' '));
  return out.join('\n\n');
}

describe('limits.links', () => {
  // The default (5,000) on a 950 KB file of 40,000 links, through the CLI: hostile-slow.e2e.test.ts.
  it('reads up to the limit; stops at the line that passes it, and says how many lines were not read', () => {
    const form = (i: number) => `[a](https://x.io/${i})`;
    expect(limitsHit(`${chart}${paragraphs(500, form)}\n`, 500)).toEqual([]);
    expect(limitsHit(`${chart}${paragraphs(4000, form)}\n`, 500)).toEqual([
      '17:1 Unexpected file of more than 500 links, above the limit of 500 (`limits.links` in the configuration); the 70 lines from this one were not read',
    ]);
  });

  it.each([
    ['inline links (one each, scheme and all)', (i: number) => `[a](https://x.io/${i})`],
    ['images', (i: number) => `![a](img/${i}.png)`],
    ['autolinks', (i: number) => `<https://x.io/${i}>`],
    ['bare URLs', (i: number) => `https://x.io/${i}`],
    ['www. addresses', (i: number) => `www.x${i}.io`],
    ['mail links', (i: number) => `[m](mailto:a${i}@x.io)`],
  ])('counts %s', (_, form) => {
    expect(limitsHit(`${chart}${paragraphs(300, form)}\n`, 200)).toEqual([
      expect.stringMatching(/^11:1 Unexpected file of more than 200 links/u),
    ]);
    expect(limitsHit(`${chart}${paragraphs(200, form)}\n`, 200)).toEqual([]);
  });
});
