import type { PolicyWorkspace } from '../language-service/policy-workspace.js';
import { uriToPath } from '../language-service/uri.js';
import type { ProjectStatus } from './custom-protocol.js';
import { relativeName } from './compiled-workspace.js';

/**
 * A workspace's project at a glance (the status bar's tooltip, the pickers' lists): its policy
 * folder, how many files, errors and warnings it has, and its sets and permissions.
 */
export function projectStatus(ws: PolicyWorkspace): ProjectStatus {
  const result = ws.compile();
  let errors = 0;
  let warnings = 0;
  for (const list of ws.diagnostics().values()) {
    for (const d of list) {
      if (d.severity === 1) errors++;
      else if (d.severity === 2) warnings++;
    }
  }
  const { catalog, resolution } = result.resolved;
  const sets = [...resolution.sets.values()].map((s) => {
    const info: ProjectStatus['sets'][number] = { id: s.id, name: s.def.name?.value ?? s.id, system: s.def.system };
    if (s.seat) info.seat = s.seat;
    if (s.def.description) info.description = s.def.description;
    return info;
  });
  const permissions = [...(catalog.def?.permissions.values() ?? [])].map((p) => {
    const info: ProjectStatus['permissions'][number] = { id: p.id, label: p.label, area: p.area };
    const type = catalog.resourceTypeOf(p.id);
    if (type) info.resourceType = type;
    return info;
  });
  return {
    folderUri: ws.folderUri,
    policyFolderUri: ws.rootUri,
    policyFolder: relativeName(uriToPath(ws.folderUri) ?? '/', ws.rootUri),
    files: ws.policyFiles().length,
    hasCatalog: catalog.def !== undefined,
    errors,
    warnings,
    sets,
    permissions,
  };
}
