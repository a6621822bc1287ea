// What every engine adapter translates: a set's effective grant on one permission, as the
// generated evaluator decides it (read from the compiler's own evaluator plan, so the adapters
// and can() agree on coverage, on which conditions are well typed for the permission's resource
// type, and on grant `when`s).

/**
 * @typedef {import('../../packages/compiler/dist/index.js').Expr} Expr
 * @typedef {import('../../packages/compiler/dist/index.js').EvaluatorPlan} EvaluatorPlan
 */

/**
 * One granted scope that can apply: it holds when one of `covered` holds (or always, when
 * `covered` is `'always'`: a covered scope has no `when`), and `when` (if any) holds too.
 *
 * @typedef {object} Alternative
 * @property {string} scope the granted scope
 * @property {'always' | { scope: string, ast: Expr }[]} covered the conditions of the scope and
 *   of every scope it covers, the granted one first; only those well typed for the resource type
 * @property {Expr} [when] the grant's own condition
 */

/**
 * A (set, permission) grant in engine-neutral form.
 *
 * @typedef {object} GrantRules
 * @property {string} set
 * @property {string} permission
 * @property {string | undefined} resourceType
 * @property {Alternative[]} alternatives empty when no granted scope can ever apply
 */

/**
 * The grants of a plan as alternatives. A condition that cannot be evaluated against the
 * permission's resource type (an undeclared attribute, a type error) never holds in can(), so it
 * is left out here: a covered scope with such a condition contributes nothing, and a grant
 * `when` with one drops its alternative. An engine that translates these exactly decides like
 * can() on every request whose attributes are present and well typed.
 *
 * @param {EvaluatorPlan} plan from `planEvaluator(model)`
 * @returns {GrantRules[]} in policy order (sets, then catalog order of permissions)
 */
export function grantAlternatives(plan) {
  const astOf = (instance) => {
    const inst = plan.instances[instance];
    if (inst === undefined || inst.problem !== undefined) return undefined;
    return plan.conditions[inst.condition]?.ast;
  };
  return plan.grants.map(({ set, permission, shape }) => {
    const alternatives = [];
    for (const alt of shape.alternatives) {
      if (alt.scope < 0) continue; // a scope the catalog does not declare never applies
      let when;
      if (alt.when !== undefined) {
        when = astOf(alt.when);
        if (when === undefined) continue;
      }
      let covered = 'always';
      if (alt.always === undefined) {
        covered = [];
        for (const c of alt.covered) {
          const ast = astOf(c.instance);
          if (ast !== undefined) covered.push({ scope: plan.model.scopes[c.scope].name, ast });
        }
        if (covered.length === 0) continue;
      }
      alternatives.push(
        when === undefined ? { scope: alt.scopeName, covered } : { scope: alt.scopeName, covered, when },
      );
    }
    return {
      set: plan.sets[set].id,
      permission: plan.permissions[permission].id,
      resourceType: shape.resourceType,
      alternatives,
    };
  });
}
