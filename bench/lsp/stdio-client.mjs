// A JSON-RPC client on a spawned language server's stdio (vscode-jsonrpc, as editors use), with
// helpers to wait for publishDiagnostics and to time requests.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

/** Spawns `node <server> --stdio` in `cwd` (with `env`, default this process's) and connects to it. */
export function startServer(serverPath, cwd, env = process.env) {
  const proc = spawn(
    process.execPath,
    [...(process.env.LSP_NODE_FLAGS ? process.env.LSP_NODE_FLAGS.split(' ') : []), serverPath, '--stdio'],
    { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const latest = new Map();
  const waiters = [];
  const logs = [];
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    latest.set(p.uri, p.diagnostics);
    for (const w of [...waiters]) {
      if (w.test(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.onNotification('window/logMessage', (m) => logs.push(m.message));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', () => [null]);
  connection.listen();
  return {
    proc,
    connection,
    logs,
    latest,
    stderr: () => stderr,
    /** Resolves with the next publishDiagnostics that `test` accepts. */
    waitFor(test, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for diagnostics (${timeoutMs} ms)`)),
          timeoutMs,
        );
        waiters.push({ test, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    /**
     * Resolves when a publishDiagnostics has arrived for each of `uris`: one waiter for all of
     * them, so waiting for 500 files costs the client one set lookup per message, not 500 tests.
     */
    waitForAll(uris, timeoutMs = 60_000) {
      const left = new Set(uris);
      if (left.size === 0) return Promise.resolve();
      return this.waitFor((p) => left.delete(p.uri) && left.size === 0, timeoutMs);
    },
    /** Peak resident memory of the server so far (MB), from /proc when available. */
    peakRssMb() {
      try {
        const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
        return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      } catch {
        return undefined;
      }
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      await new Promise((r) => setTimeout(r, 100));
      proc.kill();
    },
  };
}

/** p50 and p95 of a list of milliseconds. */
export function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1], n: sorted.length };
}
