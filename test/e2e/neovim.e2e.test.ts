import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAptTool } from './helpers/ensure-tools.js';
import { SERVER, writeWorkspace } from './lsp/workspace.js';

// A real editor end to end: Debian's Neovim (0.7.2; `vim.lsp.start_client`) runs headless with its
// built-in LSP client against the built server on a policy file with errors. The Lua script
// (lsp/neovim-session.lua) records what Neovim received: the diagnostics (codes, lines), a
// hover, a definition, and the diagnostics after an edit in the buffer.

interface NeovimResult {
  nvim: string;
  api: string;
  received: boolean;
  diagnostics: { lnum: number; col: number; code: string; message: string; source: string }[];
  hover: string | null;
  definition:
    | { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]
    | null;
  after_edit_received: boolean;
  after_edit: { lnum: number; code: string }[];
}

let ws: ReturnType<typeof writeWorkspace>;
let result: NeovimResult;
let run: { status: number | null; stdout: string; stderr: string; ms: number };

beforeAll(() => {
  const nvim = ensureAptTool('nvim', ['neovim']);
  ws = writeWorkspace();
  const home = join(ws.dir, 'home');
  mkdirSync(home);
  const out = join(ws.dir, 'neovim-result.json');
  const started = performance.now();
  const r = spawnSync(
    nvim,
    [
      '--headless',
      '--clean',
      '-n',
      '-c',
      `luafile ${join(import.meta.dirname, 'lsp', 'neovim-session.lua')}`,
      ws.path('sets/broken.yaml'),
    ],
    {
      cwd: ws.dir,
      encoding: 'utf8',
      timeout: 60_000,
      // Neovim writes its LSP log and state under HOME even with --clean: keep them in the temp folder.
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_CACHE_HOME: join(home, '.cache'),
        XDG_STATE_HOME: join(home, '.local/state'),
        XDG_DATA_HOME: join(home, '.local/share'),
        PERMSET_SERVER: SERVER,
        PERMSET_OUT: out,
        PERMSET_NODE: process.execPath,
        PERMSET_ROOT: ws.dir,
      },
    },
  );
  run = { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
  result = JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
});

afterAll(() => {
  if (ws) rmSync(ws.dir, { recursive: true, force: true });
});

describe('Neovim (headless, built-in LSP client)', () => {
  it('runs the server and exits cleanly', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(result.nvim).toMatch(/^0\.\d+\.\d+$/);
    // Debian 12's 0.7 has only the old API; newer Neovims take `vim.lsp.start`.
    expect(result.api).toBe(result.nvim.startsWith('0.7') ? 'start_client' : 'start');
  });

  it('receives the diagnostics permset check reports: codes, lines, columns', () => {
    expect(result.received).toBe(true);
    expect(result.diagnostics).toEqual([
      {
        lnum: 5,
        col: 2,
        code: 'unknown-permission',
        source: 'permset',
        message: "Unknown permission 'budgets.veiw'. Did you mean 'budgets.view'?",
      },
      {
        lnum: 6,
        col: 17,
        code: 'scope-not-allowed',
        source: 'permset',
        message: "'contacts.view' cannot be granted in scope 'member': it allows 'own', 'all'.",
      },
    ]);
  });

  it('shows a hover with the permission label', () => {
    expect(result.hover?.split('\n')[0]).toBe('**View Contacts** `contacts.view`');
    expect(result.hover).toContain('Scopes: `own`, `all`');
  });

  it('goes to the definition of the base set', () => {
    expect(result.definition).toEqual([
      { uri: ws.uri('sets/base.yaml'), range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } } },
    ]);
  });

  it('re-checks after an edit in the buffer', () => {
    expect(result.after_edit_received).toBe(true);
    expect(result.after_edit.map((d) => `${d.lnum}:${d.code}`)).toEqual(['5:unknown-permission']);
  });
});
