// Cedar (@cedar-policy/cedar-wasm), through permset's own Cedar export (packages/compiler/src/emit/
// cedar: `exportCedar(model)`): its schema, its policies (one `permit` per set, permission and
// granted scope) and its `entities.js`, whose `toCedarRequest` turns a permset request into a
// Cedar request (or `undefined` where permset denies outright: unknown ids, a resource of another
// type). As a Cedar user after speed would, the policies and the schema are parsed once
// (`preparsePolicySet`, `preparseSchema`) and each decision is one `statefulIsAuthorized` call;
// the export's README shows `isAuthorized`, which parses both again on every call (far slower;
// `cedarStatelessCost` measures it).
import { importSource, loopOf } from './engine.mjs';
import { grantAlternatives } from './grant-alternatives.mjs';

let instances = 0;

/**
 * The export's files and the (set, permission) pairs its problems leave out: a grant whose
 * condition cannot be exported is omitted, so Cedar may deny there where permset allows.
 *
 * @param {import('./index.mjs').EngineInput} input
 * @returns {{ files: Record<string, string>, excluded: Set<string>, problems: number }}
 */
export function cedarExport({ model, plan, cedar }) {
  const { files, problems } = cedar.exportCedar(model);
  const excluded = new Set();
  const scopes = new Set(problems.filter((p) => p.site.kind === 'scope').map((p) => p.site.scope));
  for (const p of problems) if (p.site.kind === 'grant') excluded.add(`${p.site.set}\u0000${p.site.permission}`);
  if (scopes.size > 0) {
    for (const g of grantAlternatives(plan)) {
      if (g.alternatives.some((a) => a.covered !== 'always' && a.covered.some((c) => scopes.has(c.scope))))
        excluded.add(`${g.set}\u0000${g.permission}`);
    }
  }
  return { files, excluded, problems: problems.length };
}

/**
 * The Cedar engine: `prepare` builds the Cedar request with the export's `toCedarRequest`,
 * `decide` asks cedar-wasm (`undefined` requests deny without a call, as the export documents).
 *
 * @param {import('./index.mjs').EngineInput} input `cedar`: the compiler's emit/cedar module
 * @returns {Promise<import('./engine.mjs').Engine>}
 */
export async function createCedarEngine(input) {
  const wasm = await import('@cedar-policy/cedar-wasm/nodejs');
  const { files, excluded, problems } = cedarExport(input);
  const entities = await importSource(files['entities.js'], 'entities.js');
  const id = `permset-bench-${++instances}`;
  const parsed = [
    wasm.preparsePolicySet(id, { staticPolicies: JSON.parse(files['policies.json']) }),
    wasm.preparseSchema(id, files['schema.cedarschema']),
  ];
  for (const answer of parsed)
    if (answer.type !== 'success')
      throw new Error(`Cedar rejects the export: ${answer.errors.map((e) => e.message).join('; ')}`);
  const permits = Object.keys(JSON.parse(files['policies.json'])).length;
  const decide = (call) => {
    if (call === undefined) return false;
    const answer = wasm.statefulIsAuthorized(call);
    return answer.type === 'success' && answer.response.decision === 'allow';
  };
  const engine = {
    name: 'Cedar',
    detail: `cedar-wasm ${wasm.getCedarSDKVersion()} (Cedar ${wasm.getCedarVersion()}), ${permits} permits from permset's Cedar export, policies and schema preparsed, statefulIsAuthorized`,
    prepare(q) {
      const request = entities.toCedarRequest(q.subject, q.permission, q.resource, q.context);
      return request === undefined ? undefined : { ...request, preparsedPolicySetId: id, preparsedSchemaName: id };
    },
    preparation: 'the Cedar request and its entities',
    decidedWithoutEngine: (call) => call === undefined,
    decide,
    run: loopOf(decide),
  };
  if (excluded.size > 0) {
    engine.accepts = (q) => !excluded.has(`${q.subject?.set}\u0000${q.permission}`);
    engine.restriction = `${problems} condition(s) the Cedar export cannot express leave out ${excluded.size} (set, permission) grant(s); their queries are not compared`;
  }
  return engine;
}

/**
 * What the export README's way costs: `isAuthorized` with the policies and schema, parsed again
 * on every call. Measured on a few queries only (tens of milliseconds per call on the shipped
 * policies), for a footnote of the report.
 *
 * @param {import('./index.mjs').EngineInput} input
 * @param {import('./engine.mjs').Query[]} queries
 * @returns {Promise<{ nsPerCall: number, calls: number, decisions: boolean[] }>} a decision per query
 */
export async function cedarStatelessCost(input, queries) {
  const wasm = await import('@cedar-policy/cedar-wasm/nodejs');
  const { files } = cedarExport(input);
  const entities = await importSource(files['entities.js'], 'entities.js');
  const policies = { staticPolicies: JSON.parse(files['policies.json']) };
  const schema = files['schema.cedarschema'];
  const requests = queries.map((q) => entities.toCedarRequest(q.subject, q.permission, q.resource, q.context));
  let calls = 0;
  const t0 = process.hrtime.bigint();
  const decisions = requests.map((r) => {
    if (r === undefined) return false;
    calls++;
    const answer = wasm.isAuthorized({ ...r, schema, policies });
    return answer.type === 'success' && answer.response.decision === 'allow';
  });
  const ns = Number(process.hrtime.bigint() - t0);
  return { nsPerCall: ns / Math.max(1, calls), calls, decisions };
}
