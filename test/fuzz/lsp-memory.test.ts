import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../packages/compiler/src/fs/index.js';
import { createLanguageService } from '../../packages/lsp/src/language-service/language-service.js';
import { WorkspaceSet } from '../../packages/lsp/src/language-service/workspace-set.js';
// A plain ES module shared with the benchmark (bench/lsp-memory-bench.mjs), typed by its JSDoc.
import { runEditSession } from '../../bench/lsp/edit-session.mjs';
import { shippedPolicies } from './fuzz-harness.js';

// Memory over a long editing session, in short: 1,000 edits of a shipped set through the
// language service (bench/lsp/edit-session.mjs), heap measured after a full GC at 200 and at
// 1,000 edits. The bound, 3 MB over 800 edits (under 4 KB an edit), is far above the noise of a
// collected heap (~0.3 MB) and the bounded caches' growth, and far below what keeping anything
// per edit would cost (a compilation, a tree or a diagnostics list: tens of KB each). The 10,000
// edit run with a finer bound is `node --expose-gc bench/lsp-memory-bench.mjs`.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('language service memory', () => {
  it('stays bounded over 1,000 edits', () => {
    const shipped = shippedPolicies();
    const workspaces = new WorkspaceSet(
      new MemoryFileSystem(Object.fromEntries([...shipped].map(([n, t]) => [`/ws/policies/${n}`, t]))),
    );
    workspaces.addFolder('file:///ws');
    const service = createLanguageService(workspaces);
    const heap = new Map<number, number>();
    const diagnostics = runEditSession({
      service,
      uri: 'file:///ws/policies/sets/system/manager.yaml',
      text: shipped.get('sets/system/manager.yaml')!,
      edits: 1_000,
      every: 200,
      checkpoint: (n: number) => {
        gc();
        gc();
        heap.set(n, process.memoryUsage().heapUsed);
      },
    }) as number;
    // The session really edited: the typed grant is mid-line at the last compile (edit 1,000).
    expect(diagnostics).toBeGreaterThan(0);
    expect([...heap.keys()]).toEqual([200, 400, 600, 800, 1000]);
    const growthMb = (heap.get(1000)! - heap.get(200)!) / 2 ** 20;
    expect(growthMb).toBeLessThan(3);
  });
});
