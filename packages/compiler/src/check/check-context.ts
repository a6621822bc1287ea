import type { Problem } from '../diagnostics/index.js';
import type { CatalogIndex, ProjectIndex, Resolution } from '../resolve/index.js';
import type { CheckCache } from './check-cache.js';

/** What every semantic check reads, and where it reports. */
export interface CheckContext {
  project: ProjectIndex;
  catalog: CatalogIndex;
  resolution: Resolution;
  /** The text of a file (fixes and conditions need the exact source). */
  fileText(uri: string): string | undefined;
  problems: Problem[];
  /** What the program remembers from its previous compilation (a fresh one checks everything). */
  cache: CheckCache;
}
