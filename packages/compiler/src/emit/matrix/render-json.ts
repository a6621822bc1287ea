import type { AccessMatrix } from './matrix-types.js';

/**
 * The matrix as JSON: the {@link AccessMatrix} object as is (keys in its fixed order), indented
 * for reading but with each cell, and every small object or array, on one line, so a policy
 * change shows in a diff as the cells it changes. `JSON.parse` gives back the matrix.
 */
export function renderMatrixJson(matrix: AccessMatrix): string {
  return layout(matrix, '', false) + '\n';
}

// Past this width a value that is not a cell is broken over lines.
const WIDTH = 100;

function layout(value: unknown, indent: string, inline: boolean): string {
  if (inline || value === null || typeof value !== 'object' || flatFits(value, WIDTH - indent.length))
    return JSON.stringify(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + layout(v, inner, false)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries
    .map(([k, v]) => {
      // Cells are the matrix's unit: one line each.
      const body = k === 'cells' && Array.isArray(v) ? cells(v, inner) : layout(v, inner, false);
      return `${inner}${JSON.stringify(k)}: ${body}`;
    })
    .join(',\n')}\n${indent}}`;
}

function cells(list: unknown[], indent: string): string {
  if (list.length === 0) return '[]';
  const inner = indent + '  ';
  return `[\n${list.map((c) => inner + JSON.stringify(c)).join(',\n')}\n${indent}]`;
}

/**
 * Whether `value` as flat JSON is at most `budget` characters, without building it: a large
 * container is given up on as soon as it overflows, which keeps the layout linear in the output.
 */
function flatFits(value: unknown, budget: number): boolean {
  let left = budget;
  const walk = (v: unknown): boolean => {
    if (v === null || typeof v !== 'object') return (left -= (JSON.stringify(v) ?? 'null').length) >= 0;
    const entries = Array.isArray(v)
      ? v.map((x): [string | undefined, unknown] => [undefined, x])
      : Object.entries(v as Record<string, unknown>);
    left -= 2 + Math.max(0, entries.length - 1);
    for (const [k, x] of entries) {
      if (k !== undefined) left -= JSON.stringify(k).length + 1;
      if (left < 0 || !walk(x)) return false;
    }
    return left >= 0;
  };
  return walk(value);
}
