import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageType, ShowMessageNotification, type ClientCapabilities, type Connection } from 'vscode-languageserver';

/**
 * Shows a set's effective permissions: as a Markdown document the client opens
 * (`window/showDocument`, written to a temporary folder) where the client supports it, else as
 * a message. The VS Code extension renders the command's result itself.
 */
export function showPreview(
  connection: Connection,
  capabilities: ClientCapabilities,
  setId: string,
  markdown: string,
  log: (m: string) => void,
): void {
  if (capabilities.window?.showDocument?.support) {
    try {
      const dir = join(tmpdir(), 'permset-preview');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${setId.replace(/[^A-Za-z0-9_-]/g, '_')}.md`);
      writeFileSync(file, markdown + '\n');
      connection.window.showDocument({ uri: pathToFileURL(file).href, takeFocus: true }).catch(() => undefined);
      return;
    } catch (e) {
      log(`permset: could not write the preview: ${(e as Error).message}`);
    }
  }
  // A notification, not `showInformationMessage` (a request that waits for a button).
  void connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Info,
    message: markdown.replace(/[`*\\]/g, ''),
  });
}
