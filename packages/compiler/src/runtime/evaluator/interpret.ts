/**
 * The condition interpreter of `explain()`, emitted verbatim after explain.ts. It walks the
 * compact ASTs of EXPLAIN_DATA and returns a trace (`{ n, v, kids, fact }` per node: the node,
 * its value or the error marker `E`, the evaluated children, and for a leaf the fact in words)
 * from which explain() takes its details and its "what is missing" text.
 *
 * Evaluation mirrors the compiled conditions exactly: the same reads (`readAttr` follows
 * rs/rn/rb/inS/inN of values.ts, rule for rule), in the same order, with errors propagating and
 * `and`/`or` short-circuiting the same way, so `decision` equals `can()`. A read that throws is
 * an error of its condition here, as the try/catch around every compiled condition makes it
 * there.
 *
 * @module
 */
import type { AstData } from './explain-layout.js';
import { NEGATED, type Query } from './explain-state.js';
import { describeValue, printNode, showValue } from './text.js';
import { E, IS_ARRAY, MAX_LIST, OWN, type Rec } from './values.js';

/** A node's evaluation: the node, its value (or `E`), the children evaluated, a leaf's fact in words. */
export interface Trace {
  n: AstData;
  v: unknown;
  kids?: Trace[];
  fact?: string;
}
/** A condition instance's result, for explain(). */
export interface InstanceResult {
  text: string;
  result: boolean | 'error';
  detail: string;
  why: string;
  problem?: boolean;
}
/** A read: its value (or `E`) and, when it failed, why. */
export interface Read {
  v: unknown;
  err?: string;
}

function evaluateInstance(q: Query, instance: number): InstanceResult {
  const [cond, , problem] = q.x.inst[instance]!;
  const [text, ast] = q.x.conds[cond]!;
  if (problem !== null) return { text, result: "error", detail: problem, why: problem, problem: true };
  const t = evalNode(q, ast!);
  const facts: string[] = [];
  collectFacts(t, facts);
  const result = t.v === E ? "error" : (t.v as boolean);
  return { text, result, detail: facts.join("; "), why: result === true ? "" : whyFalse(t).join(" and ") };
}

function evalNode(q: Query, n: AstData): Trace {
  switch (n[0]) {
    case "lit":
      return { n, v: n[1], fact: showValue(n[1]) };
    case "path": {
      const a = readAttr(q, n[1], n[2]);
      return { n, v: a.v, fact: a.v === E ? a.err : n[1] + "." + n[2] + " is " + showValue(a.v) };
    }
    case "has": {
      const a = hasAttr(q, n[1], n[2]);
      return { n, v: a.v, fact: a.v === E ? a.err : n[1] + "." + n[2] + (a.v ? " is present" : " is missing") };
    }
    case "not": {
      const k = evalNode(q, n[1]);
      return { n, v: k.v === E ? E : !k.v, kids: [k] };
    }
    case "and": {
      const l = evalNode(q, n[1]);
      if (l.v !== true) return { n, v: l.v, kids: [l] };
      const r = evalNode(q, n[2]);
      return { n, v: r.v, kids: [l, r] };
    }
    case "or": {
      const l = evalNode(q, n[1]);
      if (l.v !== false) return { n, v: l.v, kids: [l] };
      const r = evalNode(q, n[2]);
      return { n, v: r.v, kids: [l, r] };
    }
    case "cmp": {
      const op = n[1];
      const l = evalNode(q, n[2]);
      if (l.v === E) return { n, v: E, kids: [l] };
      const r = evalNode(q, n[3]);
      if (r.v === E) return { n, v: E, kids: [l, r] };
      const v = op === "==" ? l.v === r.v : op === "!=" ? l.v !== r.v : op === "<" ? (l.v as number) < (r.v as number) : op === "<=" ? (l.v as number) <= (r.v as number) : op === ">" ? (l.v as number) > (r.v as number) : (l.v as number) >= (r.v as number);
      return { n, v, kids: [l, r], fact: side(l) + " " + (v ? op : NEGATED[op]) + " " + side(r) };
    }
    case "in": {
      const el = evalNode(q, n[1]);
      if (el.v === E) return { n, v: E, kids: [el] };
      const list = n[2];
      let items: unknown[];
      let shown: string;
      if (list[0] === "list") {
        items = list[1];
        shown = showValue(items);
      } else {
        const a = readAttr(q, list[1] as string, list[2] as string);
        if (a.v === E) return { n, v: E, kids: [el], fact: a.err };
        items = a.v as unknown[];
        shown = list[1] + "." + list[2] + " (" + showValue(items) + ")";
      }
      const v = items.indexOf(el.v) >= 0;
      return { n, v, kids: [el], fact: side(el) + (v ? " is in " : " is not in ") + shown };
    }
  }
  return { n, v: E, fact: "unknown expression" };
}

function isLeaf(t: Trace): boolean {
  return t.n[0] !== "and" && t.n[0] !== "or" && t.n[0] !== "not";
}

function collectFacts(t: Trace, out: string[]): void {
  if (isLeaf(t)) out.push(errorOf(t) ?? t.fact!);
  else for (const k of t.kids!) collectFacts(k, out);
}

// The text of the read that failed inside a leaf whose value is the error marker.
function errorOf(t: Trace): string | undefined {
  if (t.v !== E) return undefined;
  if (t.kids) for (const k of t.kids) if (k.v === E) return errorOf(k);
  return t.fact;
}

function whyFalse(t: Trace): string[] {
  if (t.v === E) return [errorOf(t) ?? t.fact!];
  switch (t.n[0]) {
    case "and":
      return t.kids![0]!.v !== true ? whyFalse(t.kids![0]!) : whyFalse(t.kids![1]!);
    case "or":
      return t.kids!.length === 1 ? whyFalse(t.kids![0]!) : whyFalse(t.kids![0]!).concat(whyFalse(t.kids![1]!));
    case "not":
      return whyTrue(t.kids![0]!);
    default:
      return [t.fact!];
  }
}

function whyTrue(t: Trace): string[] {
  switch (t.n[0]) {
    case "and":
      return whyTrue(t.kids![0]!).concat(whyTrue(t.kids![1]!));
    case "or":
      return t.kids![0]!.v === true ? whyTrue(t.kids![0]!) : whyTrue(t.kids![1]!);
    case "not":
      return whyFalse(t.kids![0]!);
    default:
      return [t.fact!];
  }
}

function side(t: Trace): string {
  return t.n[0] === "lit" ? showValue(t.v) : printNode(t.n) + " (" + showValue(t.v) + ")";
}

function rootObject(q: Query, root: string): Rec | undefined {
  return root === "subject" ? q.s : root === "resource" ? (q.r as Rec | undefined) : q.c;
}

// The rules of rs/rn/rb/inS/inN (runtime-values.ts), with a reason when the read fails.
function readAttr(q: Query, root: string, name: string): Read {
  const label = root + "." + name;
  const type = q.types[root as keyof Query["types"]].get(name);
  const o = rootObject(q, root);
  try {
    if (o === undefined) return { v: E, err: label + " is missing (no " + root + " was given)" };
    if (!OWN.call(o, name)) return { v: E, err: label + " is missing" };
    const v = o[name];
    if (v === undefined || v === null) return { v: E, err: label + " is missing (it is " + String(v) + ")" };
    if (type === "string[]" || type === "number[]") {
      const want = type === "string[]" ? "string" : "number";
      if (!IS_ARRAY(v)) return { v: E, err: label + " is not a list of " + want + "s (it is " + describeValue(v) + ")" };
      const n = v.length;
      if (n > MAX_LIST) return { v: E, err: label + " has " + n + " elements, more than the " + MAX_LIST + " a list may have" };
      const items: unknown[] = [];
      for (let i = 0; i < n; i++) {
        if (!OWN.call(v, i)) return { v: E, err: label + " has a hole at index " + i };
        const e = v[i];
        if (typeof e !== want || (want === "number" && e - e !== 0)) return { v: E, err: label + " is not a list of " + want + "s (element " + i + " is " + describeValue(e) + ")" };
        items.push(e);
      }
      return { v: items };
    }
    const ok = type === "string" ? typeof v === "string" : type === "number" ? typeof v === "number" && v - v === 0 : typeof v === "boolean";
    return ok ? { v } : { v: E, err: label + " is not " + (type === "boolean" ? "a boolean" : "a " + type) + " (it is " + describeValue(v) + ")" };
  } catch (e) {
    return { v: E, err: "reading " + label + " threw an exception" };
  }
}

function hasAttr(q: Query, root: string, name: string): Read {
  const o = rootObject(q, root);
  try {
    if (o === undefined || !OWN.call(o, name)) return { v: false };
    const v = o[name];
    return { v: v !== undefined && v !== null };
  } catch (e) {
    return { v: E, err: "reading " + root + "." + name + " threw an exception" };
  }
}

/** @notEmitted What explain.ts uses, and what the tests import. */
export { evaluateInstance, evalNode, readAttr, hasAttr };
