import { describe, expect, it } from 'vitest';
import { FORMATS } from '../src/index.js';
import { DOCUMENT_FORMATS } from '../src/ir/types.js';
import { DATA_FILES } from '../src/render/formats.js';
import { writers } from '../src/render/index.js';
import { parseTemplate } from '../src/templates/index.js';
import { cli } from './cli-helpers.js';

/** One list of formats (issue 17): every other list is derived from the writers' and the data files'. */
describe('the formats', () => {
  it('are the writers of the IR, then the serialisations of the model', () => {
    expect(Object.keys(writers)).toEqual([...DOCUMENT_FORMATS]);
    expect(FORMATS).toEqual([...DOCUMENT_FORMATS, ...Object.keys(DATA_FILES)]);
  });

  it('a template makes every writer’s format unless it names some', () => {
    const template = parseTemplate('t.md', '---\nper: document\n---\n# {{document.title}}\n', 't');
    expect(template.meta.formats).toEqual([...DOCUMENT_FORMATS]);
  });

  it('the CLI offers the same list, and refuses another format naming it', async () => {
    const help = await cli('build', '--help');
    expect(help.stdout).toContain(`Formats to write, comma-separated: ${FORMATS.join(', ')}`);
    const wrong = await cli('build', 'content', '--format', 'html', '--out', 'out-never-written');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`Unknown format html; expected ${FORMATS.join(', ')}`);
  });
});
