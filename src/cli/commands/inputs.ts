import type { Argv } from 'yargs';

/** The `[inputs..]` positional every content command takes. */
export const withInputs = <T>(a: Argv<T>) =>
  a.positional('inputs', {
    type: 'string',
    array: true,
    default: ['content'],
    describe: 'Markdown files or folders',
  });
