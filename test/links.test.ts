/**
 * The project's address is written once, in package.json's `repository`; everything else that
 * links to the project (homepage, bugs, README and docs links and images, SARIF's
 * informationUri and rule help) must agree with it, so that moving the repository is one edit to
 * package.json plus a search-and-replace this test then checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sarif } from '../src/cli/reporters/sarif.js';
import { repositoryUrl, webAddress } from '../src/workflow/package.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const REPO = webAddress(pkg.repository);
const [, owner, name] = /^https:\/\/github\.com\/([^/]+)\/([^/]+)$/u.exec(REPO) ?? [];

const files = (dir: string, ext: RegExp): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'node_modules'
        ? []
        : files(join(dir, e.name), ext)
      : ext.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );

/** Every github.com / raw.githubusercontent.com address of a repository named like the package. */
function projectLinks(text: string): string[] {
  const re = new RegExp(
    String.raw`https?://(?:www\.)?(?:github\.com|raw\.githubusercontent\.com)/[\w.-]+/${pkg.name}(?=[/#?)"'\s\x60.]|$)[^\s)"'\x60<>]*`,
    'giu',
  );
  return [...text.matchAll(re)].map((m) => m[0]);
}

describe('one project address', () => {
  it('package.json says it once: repository, and homepage and bugs derived from it', () => {
    expect(owner && name, `repository ${REPO} is not a GitHub address`).toBeTruthy();
    expect(pkg.homepage).toBe(`${REPO}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPO}/issues` });
    expect(repositoryUrl).toBe(REPO);
  });

  it('reads the forms npm accepts for repository', () => {
    expect(webAddress({ type: 'git', url: 'git+https://github.com/acme/raci.git' })).toBe(
      'https://github.com/acme/raci',
    );
    expect(webAddress('acme/raci')).toBe('https://github.com/acme/raci');
    expect(webAddress('github:acme/raci')).toBe('https://github.com/acme/raci');
    expect(webAddress('git://github.com/acme/raci.git')).toBe('https://github.com/acme/raci');
  });

  it('README, docs, CHANGELOG, workflows, templates and sources link to that address only', () => {
    const texts = [
      'README.md',
      'CHANGELOG.md',
      ...files('docs', /\.md$/u),
      ...files('src', /\.ts$/u),
      ...files('templates', /\.(md|ya?ml|json)$/u),
      ...files('.github', /\.ya?ml$/u),
    ];
    const links = texts.flatMap((f) => {
      try {
        return projectLinks(readFileSync(f, 'utf8')).map((link) => ({ f, link }));
      } catch {
        return [];
      }
    });
    expect(links.length).toBeGreaterThan(15);
    const raw = `https://raw.githubusercontent.com/${owner}/${name}/`;
    const wrong = links.filter(({ link }) => !link.startsWith(`${REPO}`) && !link.startsWith(raw));
    expect(wrong).toEqual([]);
    // And the test does see a stray one.
    expect(projectLinks('see https://github.com/someone-else/rolemark/issues')).toHaveLength(1);
  });

  it("SARIF's informationUri and rule help links follow package.json", () => {
    const log = JSON.parse(
      sarif(
        [
          {
            ruleId: 'accountable-missing',
            severity: 'error',
            message: 'm',
            file: 'a.md',
            line: 1,
            column: 1,
          },
        ],
        {
          color: false,
          files: 1,
        },
      ).stdout,
    );
    const driver = log.runs[0].tool.driver;
    expect(driver.informationUri).toBe(REPO);
    expect(driver.rules[0].helpUri).toBe(`${REPO}/blob/main/docs/rules.md#accountable-missing`);
  });
});
