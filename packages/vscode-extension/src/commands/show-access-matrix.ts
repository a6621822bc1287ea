import type { Views } from '../views/views.js';
import { commandUri } from './pickers.js';

/** `Permset: Show Access Matrix` (palette, editor title, the sets' "Access matrix" lens). */
export function showAccessMatrix(views: Views) {
  return async (arg?: unknown): Promise<void> => {
    await views.matrix.show(commandUri(arg));
  };
}
