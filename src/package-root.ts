import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * A file of the installed teamops package (`package.json`, `templates/…`). The code runs from src/
 * (tests), from tsc's dist/ and from the start-up bundle in dist/bundle/ (scripts/bundle.mjs),
 * at different depths, so the package is the nearest folder above this module that has a package.json.
 */
export function packageFile(...segments: string[]): string {
  if (root === undefined) {
    let folder = path.dirname(fileURLToPath(import.meta.url));
    while (!existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) folder = path.dirname(folder);
    root = folder;
  }
  return path.join(root, ...segments);
}
