import type { BuilderEventDetail, PermsetBuilderElement } from './builder-element.js';

/** What VS Code gives a webview's script. */
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

/** A message from the extension: a definition to edit. */
interface LoadMessage {
  type: 'permset.load';
  definition: unknown;
}

/**
 * The script of the builder in a VS Code webview: `save` events go to the extension (which
 * writes the file through a WorkspaceEdit) and `permset.load` messages put a definition in the
 * element. The extension learns the page is ready from `permset.ready`.
 */
function bridge(): void {
  const vscode = acquireVsCodeApi();
  const builder = document.querySelector('permset-builder') as PermsetBuilderElement | null;
  if (!builder) return;
  builder.addEventListener('save', (e) => {
    const { definition, diagnostics } = (e as CustomEvent<BuilderEventDetail>).detail;
    vscode.postMessage({ type: 'permset.save', definition, diagnostics });
  });
  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    const message = e.data as Partial<LoadMessage> | null;
    if (message && typeof message === 'object' && message.type === 'permset.load') builder.load(message.definition);
  });
  vscode.postMessage({ type: 'permset.ready' });
}

bridge();
