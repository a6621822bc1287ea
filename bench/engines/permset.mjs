// Our generated evaluator's can(), imported from a build of the same policies.

/**
 * The generated `can()` with string ids, called as an application calls it.
 *
 * @param {{ ev: { can(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): boolean, PERMSET_VERSION: string } }} input
 * @returns {import('./engine.mjs').Engine}
 */
export function createPermsetEngine({ ev }) {
  const can = ev.can;
  return {
    name: 'permset can()',
    detail: `generated evaluator (permset ${ev.PERMSET_VERSION}), can(subject, permission, resource, context)`,
    prepare: (q) => q,
    decide: (q) => can(q.subject, q.permission, q.resource, q.context),
    // Each engine has its own copy of this loop on purpose: a shared loop calling decide()
    // through a parameter would be polymorphic and time V8's call dispatch, not the engines.
    run(requests, n) {
      let a = 0;
      let j = 0;
      const len = requests.length;
      for (let i = 0; i < n; i++) {
        const q = requests[j];
        if (can(q.subject, q.permission, q.resource, q.context)) a++;
        if (++j === len) j = 0;
      }
      return a;
    },
  };
}
