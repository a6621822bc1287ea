/**
 * The tables the generator writes into every evaluator between the value helpers (values.ts)
 * and the API (api.ts): the contract between emit/evaluator/generate-module.ts and the runtime
 * modules. This module is never emitted: the runtime modules import these names for
 * TypeScript's sake, and the emitted text refers to the generated constants of the same names.
 * Here they hold an empty policy (no sets, no permissions), so a runtime module imported on its
 * own denies everything; unit tests mock this module with tables of their own.
 *
 * @module
 */
import type { Rec } from './values.js';

/** A compiled grant: whether the grant holds for the request (the resource is unchecked). */
export type GrantFunction = (subject: Rec, resource: unknown, context: Rec | undefined) => boolean;

/** The set ids, in policy order (the index is the set's handle). */
export const SET_IDS: readonly string[] = Object.freeze([]);
/** The permission ids, in catalog order (the index is the permission's handle). */
export const PERMISSION_IDS: readonly string[] = Object.freeze([]);
/** The resource type names. */
export const RESOURCE_TYPES: readonly string[] = Object.freeze([]);
/** Per permission, the index of its resource type in RESOURCE_TYPES, or -1 for none. */
export const PERMISSION_TYPE: readonly number[] = [];
/** The grant functions: `F[0]` is ALLOW, `F[1]` DENY, then one per distinct compiled grant. */
export const F: readonly GrantFunction[] = [() => true, () => false];
/** Flat `set, permission, function index` triples of every grant. */
export const GRANTS: readonly number[] = [];
/** The explain data as JSON text (layout: explain.ts; written by emit/evaluator/explain-data.ts). */
export const EXPLAIN_DATA: string = JSON.stringify({ files: [], subject: [], context: [], types: [], conds: [], inst: [], scopes: [], perms: [], sets: [], grants: [], alts: [], sources: [], vias: [], restricts: [], removals: [] });
