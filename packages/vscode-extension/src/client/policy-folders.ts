import * as vscode from 'vscode';
import { parsePolicyFolderSetting } from './policy-folder-setting.js';

/**
 * Each workspace folder's policy folder, found as the language server finds it: the
 * `permset.policyFolder` setting, else `policies/` if it is a folder, else the workspace folder.
 */
export async function policyFolderUris(): Promise<vscode.Uri[]> {
  const setting = parsePolicyFolderSetting(vscode.workspace.getConfiguration('permset').get('policyFolder'));
  const out: vscode.Uri[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    if (setting.kind === 'absolute') out.push(vscode.Uri.file(setting.path));
    else if (setting.kind === 'relative')
      out.push(setting.path === '.' ? folder.uri : vscode.Uri.joinPath(folder.uri, setting.path));
    else {
      const policies = vscode.Uri.joinPath(folder.uri, 'policies');
      out.push((await isDirectory(policies)) ? policies : folder.uri);
    }
  }
  return out;
}

async function isDirectory(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}
