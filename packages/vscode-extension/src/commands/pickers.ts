import * as vscode from 'vscode';
import type { PermissionInfo, ProjectStatus, SetInfo } from '../../../lsp/src/server/custom-protocol.js';
import type { ClientSession } from '../client/client-session.js';

/** The URI a command was run on: an explorer or editor-title `Uri`, a lens's string, else the active editor's. */
export function commandUri(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.toString();
  if (typeof arg === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(arg)) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === 'file' ? active.toString() : undefined;
}

/** The project a command is about: the one of `uri`, else asks when there are several. */
export async function pickProject(session: ClientSession, uri: string | undefined): Promise<ProjectStatus | undefined> {
  const status = session.status ?? (await session.refreshStatus());
  const projects = status?.projects ?? [];
  if (projects.length === 0) {
    void vscode.window.showWarningMessage(
      'Permset: no policy folder in this workspace (a policies/ folder, or the permset.policyFolder setting).',
    );
    return undefined;
  }
  if (projects.length === 1 || uri) return session.projectFor(uri) ?? projects[0];
  const picked = await vscode.window.showQuickPick(
    projects.map((p) => ({
      label: vscode.Uri.parse(p.folderUri).path.split('/').pop() ?? p.folderUri,
      description: p.policyFolder,
      project: p,
    })),
    { title: 'Permset: which workspace folder?' },
  );
  return picked?.project;
}

/** Picks a permission set: system sets, then custom ones, each with its id and description. */
export async function pickSet(project: ProjectStatus, title: string): Promise<SetInfo | undefined> {
  if (project.sets.length === 0) {
    void vscode.window.showWarningMessage('Permset: the project has no permission sets yet.');
    return undefined;
  }
  type Item = vscode.QuickPickItem & { set?: SetInfo };
  const items: Item[] = [];
  for (const [system, label] of [
    [true, 'System sets'],
    [false, 'Custom sets'],
  ] as const) {
    const sets = project.sets.filter((s) => s.system === system);
    if (sets.length === 0) continue;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    for (const s of sets)
      items.push({ label: s.name, description: s.id, ...(s.description ? { detail: s.description } : {}), set: s });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'Type a set name or id',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.set;
}

/** Picks a permission of the catalog, grouped by area. */
export async function pickPermission(project: ProjectStatus, title: string): Promise<PermissionInfo | undefined> {
  if (project.permissions.length === 0) {
    void vscode.window.showWarningMessage('Permset: the catalog has no permissions yet.');
    return undefined;
  }
  type Item = vscode.QuickPickItem & { permission?: PermissionInfo };
  const items: Item[] = [];
  let area: string | undefined;
  for (const p of project.permissions) {
    if (p.area !== area) {
      area = p.area;
      items.push({ label: p.area, kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({ label: p.id, description: p.label, permission: p });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'Type a permission id or label',
    matchOnDescription: true,
  });
  return picked?.permission;
}
