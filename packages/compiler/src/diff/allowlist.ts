import { SourceFile, type Span } from '../diagnostics/index.js';
import { decodeSource, parseYaml, type YNode } from '../load/index.js';
import { CHANGE_KINDS, type ChangeKind } from './diff-types.js';
import { permissionPatternProblem } from './id-patterns.js';

/** The change an allowlist entry allows: one {@link ChangeKind}, or `any`. */
export type AllowChange = ChangeKind | 'any';

/** One intended change: `set` (a glob, `*` for any), `permission` (a pattern), the change, why. */
export interface AllowEntry {
  set: string;
  permission: string;
  change: AllowChange;
  reason: string;
  /** Where the entry starts in the allowlist file, 1-based. */
  at: { file: string; line: number; column: number };
  /** Where its `set` and `permission` values are, 1-based: what a stale entry is reported at. */
  valuesAt?: { set: { line: number; column: number }; permission: { line: number; column: number } };
}

/** A mistake in an allowlist file, 1-based. */
export interface AllowlistProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

const KEYS = ['set', 'permission', 'change', 'reason'] as const;
const CHANGES: readonly AllowChange[] = [...CHANGE_KINDS, 'any'];

/**
 * Parses an allowlist: a YAML (or JSON) list of `{ set, permission, change, reason }`, every key
 * required and a non-empty string. Reports every mistake with its position instead of guessing,
 * since a misread allowlist would silently let access changes through a gate.
 */
export function parseAllowlist(
  file: string,
  bytes: Uint8Array,
): { entries: AllowEntry[]; problems: AllowlistProblem[] } {
  const decoded = decodeSource(file, bytes);
  const source = new SourceFile(file, decoded.text);
  const problems: AllowlistProblem[] = [];
  const report = (span: Span, message: string) => {
    const p = source.positionAt(span[0]);
    problems.push({ file, line: p.line + 1, column: p.character + 1, message });
  };
  for (const p of decoded.problems) report(p.span, p.message);
  const parsed = parseYaml(file, decoded.text);
  for (const p of parsed.problems) report(p.span, p.message);
  if (problems.length) return { entries: [], problems };
  const docs = parsed.documents.filter((d) => d.root !== null);
  if (docs.length > 1) report(docs[1]!.span, 'An allowlist is one YAML document; found several.');
  const root = docs[0]?.root ?? null;
  if (root === null) return { entries: [], problems };
  if (root.kind !== 'seq') {
    report(root.span, 'An allowlist is a list of entries: - { set, permission, change, reason }');
    return { entries: [], problems };
  }
  const entries: AllowEntry[] = [];
  const at = (offset: number) => {
    const p = source.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  for (const item of root.items) {
    const entry = readEntry(item, report);
    if (entry && item.kind === 'map') {
      const valueAt = (key: string) => at(item.entries.find((e) => e.name === key)!.value.span[0]);
      entries.push({
        ...entry,
        at: { file, ...at(item.span[0]) },
        valuesAt: { set: valueAt('set'), permission: valueAt('permission') },
      });
    }
  }
  return { entries: problems.length ? [] : entries, problems };
}

function readEntry(item: YNode, report: (span: Span, message: string) => void): Omit<AllowEntry, 'at'> | undefined {
  if (item.kind !== 'map') {
    report(item.span, 'An allowlist entry is a mapping with set, permission, change and reason.');
    return undefined;
  }
  const values: Partial<Record<(typeof KEYS)[number], string>> = {};
  let ok = true;
  for (const e of item.entries) {
    if (!(KEYS as readonly string[]).includes(e.name)) {
      report(e.key.span, `Unknown key '${e.name}'; an entry has set, permission, change and reason.`);
      ok = false;
      continue;
    }
    const v = e.value;
    if (v.kind !== 'scalar' || typeof v.value !== 'string' || v.value.trim() === '') {
      report(v.span, `'${e.name}' must be a non-empty text.`);
      ok = false;
      continue;
    }
    const text = v.value.trim();
    const problem =
      e.name === 'permission'
        ? permissionPatternProblem(text)
        : e.name === 'change' && !CHANGES.includes(text as AllowChange)
          ? `'change' must be one of ${CHANGES.join(', ')}, not '${text}'.`
          : undefined;
    if (problem) {
      report(v.span, problem.endsWith('.') ? problem : `${problem}.`);
      ok = false;
      continue;
    }
    values[e.name as (typeof KEYS)[number]] = text;
  }
  const missing = KEYS.filter((k) => values[k] === undefined && !item.entries.some((e) => e.name === k));
  if (missing.length) {
    report(item.span, `The entry is missing ${missing.map((k) => `'${k}'`).join(', ')}.`);
    ok = false;
  }
  if (!ok) return undefined;
  return {
    set: values.set!,
    permission: values.permission!,
    change: values.change as AllowChange,
    reason: values.reason!,
  };
}
