// CASL (@casl/ability), written the way its docs define abilities: one ability per user, built
// from that user's attributes with `createMongoAbility(rules, { detectSubjectType })`, rules
// `{ action: permission, subject: resource type, conditions }` whose conditions are MongoDB-style
// queries on the resource (see casl-conditions.mjs). An app builds the ability once per user and
// request and checks it many times, so the benchmark builds it in `prepare` (timed separately)
// and times `ability.can(permission, resource)`.
//
// Ids: permission ids are dotted (`budgets.view`), so they never collide with CASL's `manage`
// action; a permission without a resource type is a rule on CASL's `all` subject, which matches
// whatever is checked, as can() ignores the resource of such a permission.
import { createMongoAbility } from '@casl/ability';
import { and, mongoQuery, truthOf } from './casl-conditions.mjs';
import { packageVersion } from './engine.mjs';
import { grantAlternatives } from './grant-alternatives.mjs';

/**
 * Builds abilities for the plan's sets.
 *
 * @param {import('./grant-alternatives.mjs').EvaluatorPlan} plan
 * @returns {{ rulesFor(subject: unknown, context: unknown): object[], abilityFor(subject: unknown, context: unknown): import('@casl/ability').MongoAbility }}
 */
export function caslAbilities(plan) {
  const { model } = plan;
  if (model.resources.some((r) => r.name === 'all'))
    throw new Error("CASL: a resource type named 'all' would be CASL's wildcard subject");
  const bySet = new Map();
  for (const g of grantAlternatives(plan)) {
    const list = bySet.get(g.set) ?? [];
    list.push(g);
    bySet.set(g.set, list);
  }
  const types = { subject: model.subjectAttributes, context: model.contextAttributes };

  const rulesFor = (subject, context) => {
    if (typeof subject !== 'object' || subject === null || Array.isArray(subject) || !Object.hasOwn(subject, 'set'))
      return [];
    const set = subject.set;
    const grants = typeof set === 'string' ? bySet.get(set) : undefined;
    if (grants === undefined) return [];
    const rules = [];
    for (const g of grants) {
      const env = { subject, context, resourceType: g.resourceType, types };
      const conjunctions = [];
      for (const alt of g.alternatives) {
        const scope = alt.covered === 'always' ? [[]] : alt.covered.flatMap((c) => truthOf(c.ast, env).t);
        conjunctions.push(...(alt.when === undefined ? scope : and(scope, truthOf(alt.when, env).t)));
      }
      const queries = new Map();
      let unconditional = false;
      for (const c of conjunctions) {
        const q = mongoQuery(c);
        if (q === undefined) continue;
        if (Object.keys(q).length === 0) {
          unconditional = true;
          break;
        }
        queries.set(JSON.stringify(q), q);
      }
      const subjectType = g.resourceType ?? 'all';
      if (g.resourceType === undefined && queries.size > 0)
        throw new Error(`CASL: ${g.permission} has no resource type to match conditions against`);
      if (unconditional) rules.push({ action: g.permission, subject: subjectType });
      else for (const q of queries.values()) rules.push({ action: g.permission, subject: subjectType, conditions: q });
    }
    return rules;
  };
  const abilityFor = (subject, context) =>
    createMongoAbility(rulesFor(subject, context), { detectSubjectType: (o) => o.type });
  return { rulesFor, abilityFor };
}

/**
 * The CASL engine: `prepare` builds the query's user ability (one per query of the stream,
 * whose subjects are all different objects), `decide` checks it.
 *
 * @param {{ plan: import('./grant-alternatives.mjs').EvaluatorPlan }} input
 * @returns {import('./engine.mjs').Engine}
 */
export function createCaslEngine({ plan }) {
  const { abilityFor } = caslAbilities(plan);
  const decide = (r) => r.ability.can(r.permission, r.resource ?? 'all');
  return {
    name: 'CASL',
    detail: `@casl/ability ${packageVersion('@casl/ability')}, createMongoAbility per user (built ahead), ability.can(permission, resource)`,
    preparation: "the user's ability",
    prepare: (q) => ({ ability: abilityFor(q.subject, q.context), permission: q.permission, resource: q.resource }),
    decide,
    run(requests, n) {
      let a = 0;
      let j = 0;
      const len = requests.length;
      for (let i = 0; i < n; i++) {
        const r = requests[j];
        if (r.ability.can(r.permission, r.resource ?? 'all')) a++;
        if (++j === len) j = 0;
      }
      return a;
    },
  };
}
