import type { Diagnostic } from '@permset/compiler';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { toLspDiagnostic } from '../language-service/do-validation.js';
import type { PolicyWorkspace } from '../language-service/policy-workspace.js';

/** Sends one file's diagnostics to the client. */
export type PublishDiagnostics = (uri: string, diagnostics: LspDiagnostic[], version: number | undefined) => void;

/**
 * Re-checks the workspaces after edits and publishes what changed.
 *
 * - Debounced: each change restarts the timer, so a burst of keystrokes costs one compilation,
 *   of the latest text only.
 * - A compilation that an edit overtook is not published (the next one is already scheduled).
 * - Only files whose diagnostics changed are sent, open or closed; a file that became clean gets
 *   an empty list, a file that left the workspace too.
 */
export class DiagnosticsPublisher {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly published = new Map<string, string>();
  /** Called after each published compilation (the server refreshes lenses and hints then). */
  onPublished: (() => void) | undefined;

  constructor(
    private readonly workspaces: () => readonly PolicyWorkspace[],
    private readonly publish: PublishDiagnostics,
    private readonly log: (message: string) => void,
    public delayMs: number,
  ) {}

  /** Re-checks after the debounce delay (restarting it). */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runNow();
    }, this.delayMs);
  }

  /** Re-checks now and publishes, unless an edit arrives before the results are out. */
  runNow(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const generations = this.workspaces().map((ws) => ws.generation);
    let byUri: Map<string, { diagnostics: Diagnostic[]; ws: PolicyWorkspace }>;
    try {
      byUri = new Map();
      for (const ws of this.workspaces())
        for (const [uri, list] of ws.diagnostics()) byUri.set(uri, { diagnostics: list, ws });
    } catch (e) {
      this.log(`permset: checking the workspace failed: ${(e as Error).stack ?? String(e)}`);
      return;
    }
    // Let queued edits in first: if one changed a workspace, its compilation is already scheduled.
    setImmediate(() => {
      const now = this.workspaces().map((ws) => ws.generation);
      if (now.length !== generations.length || now.some((g, i) => g !== generations[i])) {
        if (!this.timer) this.schedule();
        return;
      }
      this.send(byUri);
    });
  }

  /** Clears every diagnostic the publisher sent for files of `ws` (a workspace folder was removed). */
  clear(belongs: (uri: string) => boolean): void {
    for (const uri of [...this.published.keys()]) {
      if (!belongs(uri)) continue;
      this.published.delete(uri);
      this.publish(uri, [], undefined);
    }
  }

  private send(byUri: Map<string, { diagnostics: Diagnostic[]; ws: PolicyWorkspace }>): void {
    for (const [uri, { diagnostics, ws }] of byUri) {
      const lsp = diagnostics.map(toLspDiagnostic);
      const key = JSON.stringify(lsp);
      if (this.published.get(uri) === key) continue;
      this.published.set(uri, key);
      this.publish(uri, lsp, ws.openVersion(uri));
    }
    // Files with nothing to report are not in `byUri`: a clean workspace costs no message, and a
    // file that became clean (or left the workspace) is cleared once, then forgotten.
    for (const uri of [...this.published.keys()]) {
      if (byUri.has(uri)) continue;
      this.published.delete(uri);
      this.publish(uri, [], undefined);
    }
    this.onPublished?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
