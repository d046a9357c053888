/**
 * Files rolemark must not read, or not whole (issue 18): devices, FIFOs and /proc as content,
 * configuration, reference DOCX or theme files; a language that is no language; a
 * SOURCE_DATE_EPOCH no date can say; reference documents made to exhaust the styles reader.
 * Each ends in one line and exit code 2, or a diagnostic at its place, at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseReferenceDocx, xmlProblem } from '../src/render/docx/reference.js';
import { cli } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const chart = '# Team\n\n| Activity | Lead | Dev |\n|---|---|---|\n| Ship the release | A/R | C |\n';

function fifo(): string {
  const path = join(tempDir(), 'pipe');
  execFileSync('mkfifo', [path]);
  return path;
}

function oneLine(r: { code: number; stderr: string }, message: string | RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/internal error/u);
  expect(r.stderr).toMatch(message);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('inputs that are not regular files', () => {
  it.each([
    ['/dev/zero', 'it is under /dev; rolemark reads no system files'],
    ['/proc/self/environ', 'it is under /proc; rolemark reads no system files'],
  ])('check %s: refused, nothing read', async (path, message) => {
    oneLine(await cli('check', path), message);
  });

  it('check on a FIFO: refused at once, never waits for a writer', async () => {
    oneLine(await cli('check', fifo()), /it is a FIFO \(named pipe\), not a regular file/u);
  });

  it('`content: [/proc/self/environ]` in the configuration: refused, no environment in any output', async () => {
    const dir = tempDir();
    const config = join(dir, 'rolemark.config.yaml');
    writeFileSync(config, 'content: [/proc/self/environ]\n');
    const out = join(dir, 'out');
    oneLine(await cli('build', '--config', config, '--out', out, '--format', 'json'), 'under /proc');
  });

  it('--config from a FIFO or a device: refused', async () => {
    oneLine(await cli('check', 'content', '--config', fifo()), /configuration `.*pipe`: it is a FIFO/u);
    oneLine(await cli('check', 'content', '--config', '/dev/zero'), 'under /dev');
  });

  it('--reference-docx from a FIFO or /dev/zero: refused before anything is rendered', async () => {
    const out = join(tempDir(), 'out');
    for (const [path, message] of [
      [fifo(), /reference document `.*pipe`: it is a FIFO/u],
      ['/dev/zero', /under \/dev/u],
    ] as const) {
      oneLine(
        await cli('build', 'content', '--out', out, '--format', 'docx', '--reference-docx', path),
        message,
      );
    }
  });

  it('a theme font that is a FIFO: an error at its line in the theme', async () => {
    const dir = tempDir();
    const theme = join(dir, 'theme.yaml');
    writeFileSync(
      theme,
      `typography:\n  fonts:\n    - family: Pipe\n      files:\n        regular: ${fifo()}\n`,
    );
    mkdirSync(join(dir, 'content'));
    writeFileSync(join(dir, 'content/team.md'), chart);
    const r = await cli(
      'build',
      join(dir, 'content'),
      '--out',
      join(dir, 'out'),
      '--format',
      'pdf',
      '--theme',
      theme,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/theme\.yaml:5:18: .*it is a FIFO/u);
  });
});

describe('a language that is no language', () => {
  it.each(['constructor', 'en"x', 'en" xml:space="x', '__proto__'])(
    'frontmatter `lang: %s`: a frontmatter-invalid error at its line, no internal error',
    async (lang) => {
      const dir = tempDir();
      const file = join(dir, 'team.md');
      writeFileSync(file, `---\nlang: ${JSON.stringify(lang)}\n---\n${chart}`);
      const r = await cli('check', file, '--reporter', 'json');
      expect(r.code, r.stderr).toBe(1);
      const diagnostics = JSON.parse(r.stdout) as {
        ruleId: string;
        line: number;
        column: number;
        message: string;
      }[];
      expect(diagnostics.find((d) => d.ruleId === 'frontmatter-invalid')).toMatchObject({
        line: 2,
        column: 7,
        message: expect.stringContaining('expected a BCP 47 language tag'),
      });
    },
  );

  it('--lang constructor: refused with one line, exit 2', async () => {
    const out = join(tempDir(), 'out');
    oneLine(
      await cli('build', 'content', '--out', out, '--format', 'pdf', '--lang', 'constructor'),
      'Invalid language `constructor`: expected a BCP 47 language tag',
    );
  });

  it('accepts real tags, `de_AT` written as `de-AT`', async () => {
    const dir = tempDir();
    const file = join(dir, 'team.md');
    writeFileSync(file, `---\nlang: de_AT\n---\n${chart}`);
    const r = await cli('build', file, '--out', join(dir, 'out'), '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  it.each(['9e12', '-1', '1.5', 'tomorrow', '253402300800'])(
    '%s: refused with one line, exit 2',
    async (value) => {
      vi.stubEnv('SOURCE_DATE_EPOCH', value);
      const out = join(tempDir(), 'out');
      oneLine(await cli('build', 'content', '--out', out, '--format', 'json'), /Invalid SOURCE_DATE_EPOCH/u);
    },
  );
});

/** A .docx holding `styles` as its word/styles.xml. */
const docx = (styles: string) => zipSync({ 'word/styles.xml': strToU8(styles) });
const HEAD =
  '<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">';

describe('reference documents made to exhaust the styles reader', () => {
  it('refuses a DOCTYPE (entities), however small', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]>${HEAD.slice(21)}</w:styles>`;
    expect(() => parseReferenceDocx(docx(xml), 'evil.docx')).toThrow(
      'The reference document `evil.docx` has a styles part (word/styles.xml) that is not well-formed XML: it has a document type declaration',
    );
  });

  it('refuses 400,000 unclosed <w:style> in one linear pass', () => {
    const xml = `${HEAD}${'<w:style w:styleId="a">'.repeat(400_000)}</w:styles>`;
    expect(() => parseReferenceDocx(docx(xml), 'evil.docx')).toThrow('`</w:styles>` closes `<w:style>`');
  });

  it('refuses a styles part that says it is 1.5 GB without inflating it', () => {
    const zip = docx(`${HEAD}</w:styles>`);
    // Patch the uncompressed size in the local header (offset 22) and the central directory.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(22, 1_500_000_000, true);
    const central = zip.findIndex((_, i) => view.getUint32(i, true) === 0x02014b50);
    view.setUint32(central + 24, 1_500_000_000, true);
    expect(() => parseReferenceDocx(zip, 'big.docx')).toThrow(
      'has a styles part (word/styles.xml) of 1431 MB, above the limit of 16 MB',
    );
  });

  it('takes well-formed styles, with comments and CDATA', () => {
    expect(
      xmlProblem(`${HEAD}<!-- a <b> --><w:style w:styleId="x"/><w:t><![CDATA[<]]></w:t></w:styles>`),
    ).toBeNull();
    expect(xmlProblem(`${HEAD}<w:style>`)).toBe('`<w:style>` is never closed');
  });
});
