import type { ClientSession } from '../client/client-session.js';
import type { Views } from '../views/views.js';
import { commandUri, pickProject, pickSet } from './pickers.js';

/** `Permset: Try It Out: Preview as Set…`: pick a set, see what a user with it can do. */
export function previewSetCommand(session: ClientSession, views: Views) {
  return async (arg?: unknown, setId?: unknown): Promise<void> => {
    const uri = commandUri(arg);
    const project = await pickProject(session, uri);
    if (!project) return;
    const set = typeof setId === 'string' ? setId : (await pickSet(project, 'Permset: preview as which set?'))?.id;
    if (!set) return;
    await views.preview.show(project.folderUri, set);
  };
}
