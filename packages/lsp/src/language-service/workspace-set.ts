import type { FileSystem } from '@permset/compiler';
import { PolicyWorkspace } from './policy-workspace.js';
import { isYamlPath } from './policy-file.js';
import { normalizeUri, pathToUri, uriToPath } from './uri.js';

/** Settings that shape the workspaces (see `docs/editors.md`). */
export interface WorkspaceSettings {
  /** The policy folder, relative to each workspace folder (default: `policies/` if it exists, else the folder). */
  policyFolder?: string | undefined;
}

/**
 * The workspace folders of an editor session, one {@link PolicyWorkspace} each. A file belongs to
 * the workspace whose policy folder holds it (the deepest, if folders nest); a file outside every
 * policy folder belongs to none and gets no diagnostics.
 *
 * Without any workspace folder (an editor started on a single file), the first policy file
 * opened founds a workspace: the nearest enclosing `policies` folder, else the file's folder.
 */
export class WorkspaceSet {
  private readonly workspaces: PolicyWorkspace[] = [];
  private hadFolders = false;

  constructor(
    private readonly fileSystem: FileSystem,
    private settings: WorkspaceSettings = {},
  ) {}

  /** Adds a workspace folder and reads its policy files. */
  addFolder(folderUri: string): PolicyWorkspace {
    this.hadFolders = true;
    const uri = normalizeUri(folderUri);
    const existing = this.workspaces.find((w) => w.folderUri === uri);
    if (existing) return existing;
    const ws = new PolicyWorkspace({
      folderUri: uri,
      fileSystem: this.fileSystem,
      policyFolder: this.settings.policyFolder,
    });
    ws.scan();
    this.workspaces.push(ws);
    return ws;
  }

  /** Removes a workspace folder; returns it (its files' diagnostics must be cleared). */
  removeFolder(folderUri: string): PolicyWorkspace | undefined {
    const uri = normalizeUri(folderUri);
    const i = this.workspaces.findIndex((w) => w.folderUri === uri);
    return i < 0 ? undefined : this.workspaces.splice(i, 1)[0];
  }

  /** Every workspace. */
  all(): readonly PolicyWorkspace[] {
    return this.workspaces;
  }

  /** The workspace a file belongs to, if any. */
  forUri(uri: string): PolicyWorkspace | undefined {
    let best: PolicyWorkspace | undefined;
    for (const ws of this.workspaces)
      if (ws.contains(uri) && (!best || ws.rootPath.length > best.rootPath.length)) best = ws;
    return best;
  }

  /** Like {@link forUri}, but founds a workspace for a file opened without any workspace folder. */
  ensureFor(uri: string): PolicyWorkspace | undefined {
    const found = this.forUri(uri);
    if (found || this.hadFolders) return found;
    const path = uriToPath(uri);
    if (path === undefined || !isYamlPath(path)) return undefined;
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    const segments = dir.split('/');
    const at = segments.lastIndexOf('policies');
    const root = at > 0 ? segments.slice(0, at + 1).join('/') : dir;
    const ws = new PolicyWorkspace({ folderUri: pathToUri(root), fileSystem: this.fileSystem, policyFolder: '.' });
    ws.scan();
    this.workspaces.push(ws);
    return ws;
  }

  /** New settings: workspaces are rebuilt when the policy folder changes. Returns the dropped ones. */
  updateSettings(settings: WorkspaceSettings): PolicyWorkspace[] {
    const changed = settings.policyFolder !== this.settings.policyFolder;
    this.settings = settings;
    if (!changed) return [];
    const old = this.workspaces.splice(0, this.workspaces.length);
    for (const ws of old) this.addFolder(ws.folderUri);
    return old;
  }
}
