import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, parse, relative, resolve } from 'node:path';
import { RolemarkError } from './errors.js';

/**
 * Refuses output folders whose replacement would destroy something that is not generated:
 * the file system root, the home folder, or a folder that holds (or is inside) the inputs.
 */
export function assertSafeOutDir(out: string, inputs: readonly string[]): void {
  const target = resolve(out);
  const refuse = (why: string) => {
    throw new RolemarkError(
      `Refusing to build into \`${out}\`: ${why}. Choose an output folder of its own, such as \`out/\`.`,
    );
  };
  if (target === parse(target).root) refuse('it is the root of the file system');
  if (target === resolve(homedir())) refuse('it is your home folder');
  if (target === resolve(process.cwd())) refuse('it is the current folder');
  for (const input of inputs) {
    const source = resolve(input);
    const rel = relative(target, source);
    if (rel === '' || !rel.startsWith('..')) refuse(`it holds the input \`${input}\``);
    const back = relative(source, target);
    if (!back.startsWith('..') && back !== '') refuse(`it is inside the input \`${input}\``);
  }
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Writes a whole set of files into a staging folder beside `out`, then swaps it in with renames,
 * so that readers see either the previous complete output or the new one, never a half-written mix.
 * On any failure the staging folder is removed and `out` is left as it was.
 */
export async function writeAtomically(
  out: string,
  files: AsyncIterable<{ path: string; data: Buffer | string }>,
): Promise<string[]> {
  const target = resolve(out);
  const parent = dirname(target);
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const staging = join(parent, `.${parse(target).base}.rolemark-staging-${tag}`);
  const previous = join(parent, `.${parse(target).base}.rolemark-previous-${tag}`);
  const written: string[] = [];
  await mkdir(staging, { recursive: true });
  try {
    for await (const file of files) {
      const path = join(staging, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.data);
      written.push(file.path);
    }
    const hadPrevious = await exists(target);
    if (hadPrevious) await rename(target, previous);
    try {
      await rename(staging, target);
    } catch (error) {
      if (hadPrevious) await rename(previous, target);
      throw error;
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
    return written;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
