// A 2,000-file policy workspace for the language-server benchmark: `generateProject`'s realistic
// project (catalog of 300 permissions, sets in chains of up to 8 with fragments, wildcards,
// conditions and `restrict`), plus one popular base set that 500 sets inherit from (250 extend
// it directly, 250 extend those), plus one file with an error so the first diagnostics are
// observable. Everything else compiles clean.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateProject } from '../policy-tree.mjs';

/** The popular base set: what the keystroke benchmark edits. */
export const POPULAR = 'policies/sets/popular/popular.yaml';

/** The popular set's text; `variant` changes one grant (see `popularText`). */
export function popularText(variant = 0) {
  // Variant 1 grants a2.p4.view, which every descendant granting the same becomes redundant with;
  // variant 2 misspells a permission (an error in the popular file only); variant 3 grants every
  // `*.p4.view` own, which makes a grant of each of the 500 descendants redundant (the worst case:
  // one keystroke changes the diagnostics of 500 closed files).
  const extra =
    variant === 1
      ? '  a2.p4.view: own\n'
      : variant === 2
        ? '  a1.p6.veiw: all\n'
        : variant === 3
          ? '  a1.p6.view: all\n  "*.p4.view": own\n'
          : '  a1.p6.view: all\n';
  return `kind: PermissionSet\nid: popular\nname: Popular base\nseat: employee\ngrants:\n  a0.p0.view: all\n  a1.p2.view: member\n${extra}`;
}

/** Writes the workspace under `dir` (emptied first) and returns its files (relative paths). */
export function writeWorkspace(dir, { files = 2000 } = {}) {
  const descendants = 500;
  // generateProject writes 1 catalog + N sets + its fragments; size N so the total is `files`.
  let sets = files - descendants - 3;
  let project = generateProject({ sets, permissions: 300 });
  sets -= project.length - (sets + 1);
  project = generateProject({ sets, permissions: 300 });
  const out = [...project];
  out.push({ uri: POPULAR, text: popularText(0) });
  for (let i = 0; i < descendants; i++) {
    const base = i < descendants / 2 ? 'popular' : `d${i - descendants / 2}`;
    const area = (i % 28) + 2;
    out.push({
      uri: `policies/sets/popular/d${i}.yaml`,
      text: `kind: PermissionSet\nid: d${i}\nname: Descendant ${i}\nextends: ${base}\ngrants:\n  a${area}.p4.view: own\n  a${area}.p8.view: member\n`,
    });
  }
  out.push({
    uri: 'policies/sets/broken.yaml',
    text: 'kind: PermissionSet\nid: broken\nname: Broken\nextends: popular\ngrants:\n  a3.p2.veiw: all\n',
  });
  rmSync(dir, { recursive: true, force: true });
  for (const f of out) {
    const path = join(dir, f.uri);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
  }
  return out.map((f) => f.uri);
}
