import * as vscode from 'vscode';
import type { OpenLocation } from './location-message.js';

/**
 * Opens a policy file of a workspace at a line and column (from a view's `permset.openLocation`
 * message), in an editor group other than the view's own, so the view stays in sight.
 */
export async function openLocation(
  folderUri: string,
  at: OpenLocation,
  viewColumn: vscode.ViewColumn | undefined,
): Promise<void> {
  const absolute = at.file.startsWith('/') || /^[A-Za-z]:\//.test(at.file);
  const uri = absolute ? vscode.Uri.file(at.file) : vscode.Uri.joinPath(vscode.Uri.parse(folderUri), at.file);
  const position = new vscode.Position(at.line, at.character);
  try {
    await vscode.window.showTextDocument(uri, {
      selection: new vscode.Range(position, position),
      viewColumn: viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One,
      preview: false,
    });
  } catch (e) {
    void vscode.window.showErrorMessage(`Permset: cannot open ${at.file}: ${(e as Error)?.message ?? String(e)}`);
  }
}
