import type { FileSystem } from './file-system.js';

/**
 * `fs`'s folder `real` seen under the name `shown`: `shown/x.yaml` reads `real/x.yaml`, and
 * paths outside `shown` are not found. `permset diff` and the language server read a git
 * revision's policy folder this way, so its files carry the names the working tree gives them
 * and the two sides of a diff name the same file the same way.
 */
export function renamedSubtree(fs: FileSystem, shown: string, real: string): FileSystem {
  const toReal = (p: string) => {
    const rest =
      p === shown
        ? ''
        : shown === '.'
          ? p.replace(/^\.\//, '')
          : p.startsWith(shown + '/')
            ? p.slice(shown.length + 1)
            : undefined;
    if (rest === undefined) return `\u0000${p}`; // outside the folder: no such file
    return real && rest ? `${real}/${rest}` : real || rest;
  };
  return {
    stat: (p) => fs.stat(toReal(p)),
    readDirectory: (p) => fs.readDirectory(toReal(p)),
    readFile: (p) => fs.readFile(toReal(p)),
    realPath: (p) => fs.realPath(toReal(p)),
  };
}
