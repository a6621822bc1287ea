import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';
import { exportCedar, type CedarExport } from '../../../../packages/compiler/src/emit/cedar/index.js';
import type { PolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';

// Node 20's V8 aborts the process ("Fatal error … unreachable code" in
// Deoptimizer::DoComputeBuiltinContinuation) when a function that TurboFan compiled with a call
// into cedar-wasm inlined is deoptimized lazily during that call (JS-to-Wasm builtin
// continuation with a reference return type). Turning the inlining off avoids it; docs/cedar.md
// tells users the same. The flag only affects code optimized from now on.
setFlagsFromString('--no-turbo-inline-js-wasm-calls');

// The Node build of cedar-wasm is CommonJS that reads its .wasm next to itself: loaded with
// require, not through Vite's transform.
const require = createRequire(import.meta.url);
export const cedar = require('@cedar-policy/cedar-wasm/nodejs') as typeof CedarWasm;

/** A Cedar entity uid, value and request as entities.js produces them. */
export interface CedarUid {
  type: string;
  id: string;
}
export interface CedarRequest {
  principal: CedarUid;
  action: CedarUid;
  resource: CedarUid;
  context: Record<string, unknown>;
  entities: { uid: CedarUid; attrs: Record<string, unknown>; parents: CedarUid[] }[];
}

/** The generated entities.js, as tests call it (with any values, hostile ones included). */
export interface EntitiesModule {
  toCedarRequest(
    subject: unknown,
    permission: unknown,
    resource?: unknown,
    context?: unknown,
  ): CedarRequest | undefined;
  toCedarEntities(subject: unknown, permission: unknown, resource?: unknown): CedarRequest['entities'] | undefined;
  /** The two helpers, also accepting these set ids (a tenant's run-time sets). */
  forSets(setIds: unknown): Pick<EntitiesModule, 'toCedarRequest' | 'toCedarEntities'>;
  CEDAR_NAMESPACE: string;
  CEDAR_TYPES: { user: string; role: string; action: string; noResource: string; resources: Record<string, string> };
  PERMSET_VERSION: string;
  MODEL_HASH: string;
}

/** One Cedar decision, with what led to it. */
export interface CedarDecision {
  allowed: boolean;
  /** The request entities.js built; undefined: the helper denied outright. */
  request: CedarRequest | undefined;
  /** Ids of the permits that allowed it. */
  reasons: string[];
}

/** The export of a model, loaded into cedar-wasm (policies and schema preparsed once). */
export interface LoadedExport extends CedarExport {
  helper: EntitiesModule;
  /** Cedar's decision through entities.js; throws when Cedar fails or reports an evaluation error. */
  decide(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): CedarDecision;
}

/** Writes a generated module to a temp folder and imports it, as an application would. */
export async function importGenerated<T>(source: string, name = 'entities.js'): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'permset-cedar-'));
  try {
    writeFileSync(join(dir, name), source);
    return (await import(/* @vite-ignore */ pathToFileURL(join(dir, name)).href)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let loaded = 0;

/** A tenant's run-time sets, added to an export as a product deciding in Cedar would. */
export interface RunTimeSets {
  /** `tenant.toCedar(set)` of each set, merged. */
  policies: Readonly<Record<string, string>>;
  /** `tenant.setIds`, given to the helper's `forSets`. */
  setIds: readonly string[];
}

/**
 * Exports a model and loads it into cedar-wasm. The schema is passed on every decision, so
 * Cedar validates each request and its entities: a request entities.js builds that the schema
 * rejects fails the test instead of counting as a deny. With `runTime`, the policy set also holds
 * a tenant's run-time sets and requests are built by `forSets(runTime.setIds)`.
 */
export async function loadExport(model: PolicyModel, runTime?: RunTimeSets): Promise<LoadedExport> {
  const exported = exportCedar(model);
  const module = await importGenerated<EntitiesModule>(exported.files['entities.js']);
  const helper = runTime ? { ...module, ...module.forSets(runTime.setIds) } : module;
  const id = `export-${loaded++}`;
  const policies = { ...(JSON.parse(exported.files['policies.json']) as Record<string, string>), ...runTime?.policies };
  const parsed = [
    cedar.preparsePolicySet(id, { staticPolicies: policies }),
    cedar.preparseSchema(id, exported.files['schema.cedarschema']),
  ];
  for (const p of parsed)
    if (p.type !== 'success') throw new Error(`cedar-wasm rejects the export: ${JSON.stringify(p)}`);
  return {
    ...exported,
    helper,
    decide(subject, permission, resource, context) {
      const request = helper.toCedarRequest(subject, permission, resource, context);
      if (request === undefined) return { allowed: false, request, reasons: [] };
      const answer = cedar.statefulIsAuthorized({
        ...(request as unknown as CedarWasm.StatefulAuthorizationCall),
        preparsedPolicySetId: id,
        preparsedSchemaName: id,
      });
      if (answer.type !== 'success')
        throw new Error(`Cedar failed on ${JSON.stringify(request)}: ${JSON.stringify(answer.errors)}`);
      // Strictly validated policies cannot err; an error would mean a translation bug.
      if (answer.response.diagnostics.errors.length > 0)
        throw new Error(
          `Cedar evaluation errors on ${JSON.stringify(request)}: ${JSON.stringify(answer.response.diagnostics.errors)}`,
        );
      return { allowed: answer.response.decision === 'allow', request, reasons: answer.response.diagnostics.reason };
    },
  };
}

/**
 * Cedar's strict validation of the export: policies.json against the schema's text format and
 * policies.cedar against its JSON format (every file validated once; the two formats of each
 * are the same content, which the decisions on policies.json with the text schema exercise).
 */
export function validateStrict(files: CedarExport['files']): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const combinations: [CedarWasm.PolicySet['staticPolicies'], CedarWasm.Schema][] = [
    [JSON.parse(files['policies.json']) as Record<string, string>, files['schema.cedarschema']],
    [files['policies.cedar'], JSON.parse(files['schema.cedarschema.json']) as CedarWasm.SchemaJson<string>],
  ];
  for (const [staticPolicies, schema] of combinations) {
    const answer = cedar.validate({ schema, policies: { staticPolicies }, validationSettings: { mode: 'strict' } });
    if (answer.type !== 'success') errors.push(...answer.errors.map((e) => e.message));
    else {
      errors.push(...answer.validationErrors.map((e) => `${e.policyId}: ${e.error.message}`));
      warnings.push(
        ...answer.validationWarnings.map((e) => `${e.policyId}: ${e.error.message}`),
        ...answer.otherWarnings.map((e) => e.message),
      );
    }
  }
  return { errors, warnings };
}

/** The permits of an export that mention a set (for counterexample messages). */
export function permitsOf(files: CedarExport['files'], set: unknown): string {
  const policies = JSON.parse(files['policies.json']) as Record<string, string>;
  const mine = Object.entries(policies).filter(([id]) => typeof set === 'string' && id.startsWith(`${set}/`));
  return mine.length ? mine.map(([, text]) => text).join('\n\n') : '(no permit for this set)';
}
