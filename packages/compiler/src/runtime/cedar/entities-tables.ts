/**
 * The tables emit/cedar/entities-module.ts writes into `entities.js` before the fixed part
 * (entities.ts): the contract between that generator and the runtime module. Never emitted:
 * entities.ts imports these names for TypeScript's sake, and the emitted text refers to the
 * generated constants of the same names. Here they describe an empty policy; unit tests mock
 * this module with tables of their own.
 *
 * @module
 */

/** Attribute kinds: 0 string, 1 number, 2 boolean, 3 list of strings, 4 list of numbers. */
export type AttributeKind = 0 | 1 | 2 | 3 | 4;
/** An entity type's attributes: `[name, kind]`. */
export type AttributeTable = readonly (readonly [name: string, kind: AttributeKind])[];
/** A resource type: `[permset type, Cedar entity type, attributes, declares the markers]`. */
export type ResourceEntry = readonly [type: string, cedarType: string, attributes: AttributeTable, markers: boolean];

/** The Cedar entity type of the principal. */
export const USER_TYPE: string = 'Permset::User';
/** The Cedar entity type of roles (permission sets). */
export const ROLE_TYPE: string = 'Permset::Role';
/** The Cedar entity type of actions (permissions). */
export const ACTION_TYPE: string = 'Permset::Action';
/** The Cedar entity type of the resource of a permission without a resource type. */
export const NO_RESOURCE_TYPE: string = 'Permset::NoResource';
/** The set ids. */
export const SET_IDS: ReadonlySet<unknown> = new Set<string>();
/** Permission id -> index into RESOURCES (-1: no resource type). */
export const PERMISSIONS: ReadonlyMap<unknown, number> = new Map<string, number>();
/** The resource types. */
export const RESOURCES: readonly ResourceEntry[] = [];
/** The subject's attributes, and whether the schema declares the marker attributes on users. */
export const USER: AttributeTable = [];
export const USER_MARKERS: boolean = false;
/** The context's attributes, and whether the schema declares the marker attributes on it. */
export const CONTEXT: AttributeTable = [];
export const CONTEXT_MARKERS: boolean = false;
