import { type FSWatcher, watch as fsWatch } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface TreeWatcher {
  close: () => void;
}

/** Folders never looked into, as when reading inputs. */
const skipped = (name: string) => name.startsWith('.') || name === 'node_modules';

/** What changed: a file (or a link, or something gone that was no folder), or a folder. */
export type ChangeKind = 'file' | 'folder';

/**
 * Watches a folder and every folder below it, calling `onChange` with the path of each entry
 * that changes and whether it is (or was) a folder. macOS and Windows watch a tree natively;
 * elsewhere (Linux) one watcher per folder is kept, and folders created later are added. Node's
 * own recursive mode on Linux loses a file that an editor saves by renaming a new file over it,
 * which is how most editors save. Symbolic links are never followed, as the reader follows none:
 * a link to `..` or `/` created while watching must not add a watch (issue 18: `ln -s .. up`
 * rebuilt forever; a link to `/` added 23,710 watches).
 */
export async function watchTree(
  root: string,
  onChange: (path: string, kind: ChangeKind) => void,
  onError: (error: Error) => void,
): Promise<TreeWatcher> {
  if (process.platform === 'darwin' || process.platform === 'win32') {
    // Native recursive watching does not follow links into other trees.
    const watcher = fsWatch(root, { recursive: true }, (_event, name) => {
      const path = name === null ? root : join(root, name.toString());
      void lstat(path).then(
        (info) => onChange(path, info.isDirectory() ? 'folder' : 'file'),
        () => onChange(path, 'file'),
      );
    });
    watcher.on('error', onError);
    return { close: () => watcher.close() };
  }

  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  const add = async (dir: string): Promise<void> => {
    if (closed || watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = fsWatch(dir, (_event, name) => {
        const path = name === null ? dir : join(dir, name.toString());
        // lstat, not stat: a link is reported as a file and never watched into.
        void lstat(path).then(
          (info) => {
            const folder = info.isDirectory();
            onChange(path, folder ? 'folder' : 'file');
            // A folder created or moved in: watch it and what it holds.
            if (folder && name !== null && !skipped(name.toString())) return add(path);
          },
          () => {
            // Gone: a folder we watched (its own watcher ends itself below) or a file.
            onChange(path, watchers.has(path) ? 'folder' : 'file');
          },
        );
      });
    } catch (error) {
      if (dir === root) throw error;
      return; // Removed before it could be watched.
    }
    watcher.on('error', (error) => {
      watcher.close();
      watchers.delete(dir);
      if (dir === root) onError(error);
    });
    watchers.set(dir, watcher);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory() && !skipped(entry.name)) await add(join(dir, entry.name));
    }
  };
  await add(root);
  return {
    close() {
      closed = true;
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
