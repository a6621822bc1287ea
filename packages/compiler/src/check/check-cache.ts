import { newConditionParseCache, type ConditionParseCache } from '../conditions/index.js';
import type { Problem } from '../diagnostics/index.js';
import type { CatalogDef, GrantOwnerDef } from '../entities/index.js';

/**
 * What the check stage remembers from one compilation to the next of the same program. Owned by
 * a `Program` (its `CompileCache`), never by a module: two programs in one process share nothing.
 */
export class CheckCache {
  /**
   * What `checkGrantEntries` reported for a set or fragment, and against which catalog. The
   * result is a function of the two alone (and of the owner's file, whose every edit makes a new
   * owner), so the language server, which recompiles on each keystroke, re-checks only the
   * files that changed. Keyed weakly: a replaced file's owners are dropped with it.
   */
  readonly grantEntries = new WeakMap<GrantOwnerDef, { catalog: CatalogDef | undefined; problems: Problem[] }>();

  /** @param conditions Parsed conditions by text (shared with `resolve` in a program). */
  constructor(readonly conditions: ConditionParseCache = newConditionParseCache()) {}
}
