import { type FSWatcher, watch as fsWatch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface TreeWatcher {
  close: () => void;
}

/** Folders never looked into, as when reading inputs. */
const skipped = (name: string) => name.startsWith('.') || name === 'node_modules';

/**
 * Watches a folder and every folder below it, calling `onChange` with the path of each entry
 * that changes. macOS and Windows watch a tree natively; elsewhere (Linux) one watcher per folder
 * is kept, and folders created later are added. Node's own recursive mode on Linux loses a file
 * that an editor saves by renaming a new file over it, which is how most editors save.
 */
export async function watchTree(
  root: string,
  onChange: (path: string) => void,
  onError: (error: Error) => void,
): Promise<TreeWatcher> {
  if (process.platform === 'darwin' || process.platform === 'win32') {
    const watcher = fsWatch(root, { recursive: true }, (_event, name) =>
      onChange(name === null ? root : join(root, name.toString())),
    );
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
        onChange(path);
        // A folder created or moved in: watch it and what it holds.
        if (name !== null && !skipped(name.toString())) {
          void stat(path).then(
            (info) => {
              if (info.isDirectory()) return add(path);
            },
            () => {
              // Gone: a folder's own watcher ends itself below.
            },
          );
        }
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
