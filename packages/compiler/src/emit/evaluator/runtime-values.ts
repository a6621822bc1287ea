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
 * This is JavaScript source in a string (the evaluator has no dependencies, not even on this
 * package); the explain runtime's `readAttr` mirrors these rules and the property test checks
 * that both agree with an independent reference interpreter.
 */
export const RUNTIME_VALUES = String.raw`const OWN = Object.prototype.hasOwnProperty;
const IS_ARRAY = Array.isArray;
/** The evaluation-error marker of conditions. */
const E = Object.freeze({ evaluationError: true });
const MAX_LIST = 1000000;

function rec(x) {
  return typeof x === "object" && x !== null && !IS_ARRAY(x);
}
function rs(o, k) {
  if (o === undefined || !OWN.call(o, k)) return E;
  const v = o[k];
  return typeof v === "string" ? v : E;
}
function rn(o, k) {
  if (o === undefined || !OWN.call(o, k)) return E;
  const v = o[k];
  return typeof v === "number" && v - v === 0 ? v : E;
}
function rb(o, k) {
  if (o === undefined || !OWN.call(o, k)) return E;
  const v = o[k];
  return typeof v === "boolean" ? v : E;
}
function hasA(o, k) {
  if (o === undefined || !OWN.call(o, k)) return false;
  const v = o[k];
  return v !== undefined && v !== null;
}
function inS(x, o, k) {
  if (x === E || o === undefined || !OWN.call(o, k)) return E;
  const v = o[k];
  if (!IS_ARRAY(v)) return E;
  const n = v.length;
  if (n > MAX_LIST) return E;
  let found = false;
  for (let i = 0; i < n; i++) {
    if (!OWN.call(v, i)) return E;
    const e = v[i];
    if (typeof e !== "string") return E;
    if (e === x) found = true;
  }
  return found;
}
function inN(x, o, k) {
  if (x === E || o === undefined || !OWN.call(o, k)) return E;
  const v = o[k];
  if (!IS_ARRAY(v)) return E;
  const n = v.length;
  if (n > MAX_LIST) return E;
  let found = false;
  for (let i = 0; i < n; i++) {
    if (!OWN.call(v, i)) return E;
    const e = v[i];
    if (typeof e !== "number" || e - e !== 0) return E;
    if (e === x) found = true;
  }
  return found;
}
function isType(r, t) {
  return typeof r === "object" && r !== null && !IS_ARRAY(r) && OWN.call(r, "type") && r.type === t;
}
function ALLOW() {
  return true;
}
function DENY() {
  return false;
}
`;
