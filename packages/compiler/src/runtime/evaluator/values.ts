/**
 * The evaluator's value-reading helpers, emitted verbatim at the top of every `evaluator.js`.
 * They define what a condition may read (see docs/evaluator.md, "Semantics"):
 *
 * - only OWN properties (`hasOwnProperty`), so `constructor`, `__proto__` or a polluted
 *   `Object.prototype` never supply a value;
 * - `undefined` and `null` mean "missing";
 * - a value must have the declared type: a string, a finite number, a boolean, or an array whose
 *   every element is an own property of the declared element type (at most `MAX_LIST` long, so a
 *   hostile array-like proxy cannot make a check run for ever).
 *
 * A read that fails returns the marker `E` (an evaluation error); one that throws (a getter, a
 * proxy trap) is caught by the condition function around it. Nothing here allocates.
 *
 * Compiled conditions call these functions by name (see emit/evaluator/compile-condition.ts);
 * the explain runtime's `readAttr` (interpret.ts) mirrors these rules and the property test
 * checks that both agree with an independent reference interpreter.
 *
 * @module
 */

/** An object of a request (subject, resource, context) as the evaluator reads it: nothing trusted. */
export type Rec = { readonly [key: string]: unknown };
/** The evaluation-error marker's type. */
export type EvaluationError = { readonly evaluationError: true };

const OWN = Object.prototype.hasOwnProperty;
const IS_ARRAY = Array.isArray;
/** The evaluation-error marker of conditions. */
const E: EvaluationError = Object.freeze({ evaluationError: true });
const MAX_LIST = 1000000;

function rec(x: unknown): x is Rec {
  return typeof x === "object" && x !== null && !IS_ARRAY(x);
}
function rs(o: Rec | undefined, k: string): string | EvaluationError {
  if (o === undefined || !OWN.call(o, k)) return E;
  const v = o[k];
  return typeof v === "string" ? v : E;
}
function rn(o: Rec | undefined, k: string): number | EvaluationError {
  if (o === undefined || !OWN.call(o, k)) return E;
  const v = o[k];
  return typeof v === "number" && v - v === 0 ? v : E;
}
function rb(o: Rec | undefined, k: string): boolean | EvaluationError {
  if (o === undefined || !OWN.call(o, k)) return E;
  const v = o[k];
  return typeof v === "boolean" ? v : E;
}
function hasA(o: Rec | undefined, k: string): boolean {
  if (o === undefined || !OWN.call(o, k)) return false;
  const v = o[k];
  return v !== undefined && v !== null;
}
function inS(x: string | EvaluationError, o: Rec | undefined, k: string): boolean | EvaluationError {
  if (x === E || o === undefined || !OWN.call(o, k)) return E;
  const v = o[k];
  if (!IS_ARRAY(v)) return E;
  const n = v.length;
  if (n > MAX_LIST) return E;
  let found = false;
  for (let i = 0; i < n; i++) {
    if (!OWN.call(v, i)) return E;
    const e: unknown = v[i];
    if (typeof e !== "string") return E;
    if (e === x) found = true;
  }
  return found;
}
function inN(x: number | EvaluationError, o: Rec | undefined, k: string): boolean | EvaluationError {
  if (x === E || o === undefined || !OWN.call(o, k)) return E;
  const v = o[k];
  if (!IS_ARRAY(v)) return E;
  const n = v.length;
  if (n > MAX_LIST) return E;
  let found = false;
  for (let i = 0; i < n; i++) {
    if (!OWN.call(v, i)) return E;
    const e: unknown = v[i];
    if (typeof e !== "number" || e - e !== 0) return E;
    if (e === x) found = true;
  }
  return found;
}
function isType(r: unknown, t: string): boolean {
  return typeof r === "object" && r !== null && !IS_ARRAY(r) && OWN.call(r, "type") && (r as Rec).type === t;
}
function ALLOW(): boolean {
  return true;
}
function DENY(): boolean {
  return false;
}

/** @notEmitted The helpers as the other runtime modules and the tests import them. */
export { OWN, IS_ARRAY, E, MAX_LIST, rec, rs, rn, rb, hasA, inS, inN, isType, ALLOW, DENY };
