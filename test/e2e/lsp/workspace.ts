import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from '../../helpers/cli.js';
import { PROJECT } from '../../lsp/helpers.js';

/** The built server the end-to-end tests drive (what `permset-language-server` runs). */
export const SERVER = join(REPO, 'packages', 'lsp', 'dist', 'main.js');

/** A set with two errors: an unknown permission (line 6) and a scope the permission does not allow (line 7). */
export const BROKEN = `kind: PermissionSet
id: broken
name: Broken
extends: base
grants:
  budgets.veiw: all
  contacts.view: member
`;

/** Writes the in-process tests' project plus `sets/broken.yaml` to a new temporary folder (policies in `policies/`). */
export function writeWorkspace(): {
  dir: string;
  uri: (relative: string) => string;
  path: (relative: string) => string;
} {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run 'npm run build' first.`);
  const dir = mkdtempSync(join(tmpdir(), 'permset-lsp-e2e-'));
  const path = (relative: string) => join(dir, 'policies', relative);
  for (const [rel, text] of Object.entries({ ...PROJECT, 'sets/broken.yaml': BROKEN })) {
    mkdirSync(dirname(path(rel)), { recursive: true });
    writeFileSync(path(rel), text);
  }
  return { dir, uri: (relative) => pathToFileURL(path(relative)).href, path };
}
