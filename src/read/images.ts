/** Images rolemark will not take: remote URLs and paths outside the content folder. */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Definition, Nodes, Root } from 'mdast';
import type { Finding } from '../model/types.js';
import { finding } from './findings.js';
import { positionOf } from './markdown.js';

const SCHEME = /^([a-z][a-z0-9+.-]*):/iu;

/**
 * Where an image comes from, when rolemark must say it will not take it from there: a remote URL
 * or a path outside the content folder. Null for a path inside it and for inline `data:` images.
 */
export function externalImage(url: string, file: string, contentRoot: string): string | null {
  const trimmed = url.trim();
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'data') return null;
  if (scheme === 'file' || (scheme && /^[a-z]$/u.test(scheme))) return 'outside';
  if (scheme || trimmed.startsWith('//')) return 'remote';
  if (trimmed.startsWith('/') || trimmed.startsWith('\\') || isAbsolute(trimmed)) return 'outside';
  let path = trimmed.replace(/[?#].*$/su, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape: judge the path as written.
  }
  const target = resolve(dirname(resolve(file)), path);
  const rel = relative(contentRoot, target);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? 'outside' : null;
}

/** Reports images that are remote or outside the content folder. Walks the tree without recursion. */
export function checkImages(root: Root, file: string, contentRoot: string, diagnostics: Finding[]): void {
  const definitions = new Map<string, Definition>();
  const images: Nodes[] = [];
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'definition') definitions.set(node.identifier, node);
    else if (node.type === 'image' || node.type === 'imageReference') images.push(node);
    if ('children' in node)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  images.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
  for (const image of images) {
    const url =
      image.type === 'image'
        ? image.url
        : image.type === 'imageReference'
          ? definitions.get(image.identifier)?.url
          : undefined;
    if (url === undefined) continue;
    const where = externalImage(url, file, contentRoot);
    if (!where) continue;
    const shown = url.length > 80 ? `${url.slice(0, 77)}…` : url;
    diagnostics.push(
      finding(
        'image-external',
        where === 'remote'
          ? `Unexpected remote image \`${shown}\`: rolemark never fetches URLs; the charter shows its description`
          : `Unexpected image \`${shown}\` outside the content folder: rolemark never reads files outside it; the charter shows its description`,
        positionOf(file, image),
      ),
    );
  }
}

/**
 * The folder every file of a set is in (their deepest common folder), as an absolute path: the
 * content root that images must stay inside.
 */
export function commonFolder(files: readonly string[]): string {
  const dirs = files.map((f) => dirname(resolve(f)).split(sep));
  if (dirs.length === 0) return resolve('.');
  const first = dirs[0] as string[];
  let n = first.length;
  for (const d of dirs) {
    let k = 0;
    while (k < n && k < d.length && d[k] === first[k]) k++;
    n = k;
  }
  return first.slice(0, n).join(sep) || sep;
}
