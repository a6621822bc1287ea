/**
 * Text helpers of `explain()`, emitted verbatim after interpret.ts: quoting and showing values
 * (never calling into request objects: no toString, no getters), printing condition ASTs back
 * as condition text, and the "did you mean" search over ids.
 *
 * @module
 */
import type { AstData } from './explain-layout.js';
import { IS_ARRAY } from './values.js';

function quote(s: unknown): string {
  return "'" + String(s).replace(/[\\']/g, (c) => "\\" + c).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")) + "'";
}

function showValue(v: unknown): string {
  if (typeof v === "string") return quote(v.length > 80 ? v.slice(0, 77) + "..." : v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (IS_ARRAY(v)) {
    const shown = v.slice(0, 5).map(showValue).join(", ");
    return "[" + shown + (v.length > 5 ? ", ... (" + (v.length - 5) + " more)" : "") + "]";
  }
  return describeValue(v);
}

// What a value is, without calling into it (no toString, no getters).
function describeValue(v: unknown): string {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return "the string " + showValue(v);
    case "number":
      return "the number " + String(v);
    case "boolean":
      return String(v);
    case "function":
      return "a function";
    case "object":
      return IS_ARRAY(v) ? "a list" : "an object";
    default:
      return "a " + typeof v;
  }
}

const PRECEDENCE: Readonly<Record<AstData[0], number>> = { or: 1, and: 2, not: 3, cmp: 4, in: 4, lit: 5, list: 5, path: 5, has: 5 };

function printNode(n: AstData): string {
  switch (n[0]) {
    case "lit":
      return typeof n[1] === "string" ? quote(n[1]) : String(n[1]);
    case "list":
      return "[" + n[1].map((v) => printNode(["lit", v])).join(", ") + "]";
    case "path":
      return n[1] + "." + n[2];
    case "has":
      return "has(" + n[1] + "." + n[2] + ")";
    case "not":
      return "not " + wrap(n[1], PRECEDENCE.not);
    case "cmp":
      return wrap(n[2], PRECEDENCE.cmp + 1) + " " + n[1] + " " + wrap(n[3], PRECEDENCE.cmp + 1);
    case "in":
      return wrap(n[1], PRECEDENCE.in + 1) + " in " + wrap(n[2], PRECEDENCE.in + 1);
    default:
      return wrap(n[1], PRECEDENCE[n[0]]) + " " + n[0] + " " + wrap(n[2], PRECEDENCE[n[0]] + 1);
  }
}

function wrap(n: AstData, min: number): string {
  const text = printNode(n);
  return PRECEDENCE[n[0]] >= min ? text : "(" + text + ")";
}

// Up to three ids within a small edit distance, closest first (for "did you mean").
function closest(word: string, ids: readonly string[]): string[] {
  if (word.length > 200) return [];
  const max = Math.max(2, Math.floor(word.length / 3));
  const scored: [number, string][] = [];
  for (const id of ids) {
    if (Math.abs(id.length - word.length) > max) continue;
    const d = distance(word, id, max);
    if (d <= max) scored.push([d, id]);
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return scored.slice(0, 3).map((s) => s[1]);
}

function distance(a: string, b: string, max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (row[j]! < best) best = row[j]!;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** @notEmitted What explain.ts and interpret.ts use, and what the tests import. */
export { quote, showValue, describeValue, printNode, closest, distance };
