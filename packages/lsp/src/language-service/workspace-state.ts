/**
 * A piece of state a module keeps per workspace: its name (for debugging) and how to make it.
 * The module that caches declares the key, so the workspace holds the state without knowing its
 * type, and no module of the language server keeps a cache of its own.
 */
export interface StateKey<T> {
  readonly name: string;
  create(): T;
}

/**
 * What one workspace derives from its compilations and keeps for the next request (symbols of
 * a loaded file, the policy model of a compilation, its evaluator, compiled diff bases). Owned
 * by one `PolicyWorkspace`, as the compiler's `CompileCache` is owned by one `Program`: two
 * workspaces, or two language services in one process, share no entry, and closing a workspace
 * drops all of it.
 */
export class WorkspaceState {
  private readonly slots = new Map<StateKey<unknown>, unknown>();

  /** The state of `key`, made on first use. */
  get<T>(key: StateKey<T>): T {
    if (!this.slots.has(key)) this.slots.set(key, key.create());
    return this.slots.get(key) as T;
  }

  /** The names of the state made so far, in the order it was made (what a test can observe). */
  names(): string[] {
    return [...this.slots.keys()].map((k) => k.name);
  }
}
