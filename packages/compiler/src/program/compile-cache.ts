import { CheckCache } from '../check/index.js';
import { newConditionParseCache } from '../conditions/index.js';
import { ResolveCache } from '../resolve/index.js';

/**
 * Everything a {@link Program} remembers between its compilations beyond the per-file results:
 * resolved sets, what each grant owner's entries reported, parsed conditions. Each program owns
 * one, so two programs in one process (two workspaces in an editor, a test next to the CLI)
 * cannot share or leak state; a program's caches die with it.
 */
export class CompileCache {
  /** Parsed conditions by text: `resolve` compares conditions by meaning, `check` type-checks them. */
  readonly conditions = newConditionParseCache();
  readonly resolve = new ResolveCache(this.conditions);
  readonly check = new CheckCache(this.conditions);
}
