import { provenanceText } from '../matrix/provenance-text.js';
import type { Formula } from './cedar-formula.js';
import { CEDAR_NAMESPACE, type CedarPermit, type CedarPlan, type PermitAction } from './cedar-plan.js';
import { cedarString, commentText, FIXED_TYPES } from './cedar-text.js';

/**
 * Amazon Verified Permissions accepts policies of at most 10,000 bytes; a permit whose actions
 * would make it longer is split into several permits (by halves), keeping a margin.
 */
export const MAX_POLICY_BYTES = 9_000;

/** A permit as written: its id, its text and the actions it holds. */
export interface RenderedPermit {
  /** `set/scope/resource type` (`-` for none), then `#2`, `#3`... for more permits with that key. */
  id: string;
  permit: CedarPermit;
  actions: PermitAction[];
  text: string;
}

/** Every permit of the plan as text, split where longer than {@link MAX_POLICY_BYTES}. */
export function renderPermits(plan: CedarPlan): RenderedPermit[] {
  const out: RenderedPermit[] = [];
  const ids = new Set<string>();
  for (const permit of plan.permits) {
    const split = (actions: PermitAction[]): { actions: PermitAction[]; text: string }[] => {
      const text = renderPermit(plan, permit, actions);
      if (actions.length === 1 || utf8Length(text) <= MAX_POLICY_BYTES) return [{ actions, text }];
      const half = Math.ceil(actions.length / 2);
      return [...split(actions.slice(0, half)), ...split(actions.slice(half))];
    };
    for (const part of split(permit.actions)) {
      const base = `${permit.set.id}/${permit.scope}/${permit.resourceType ?? '-'}`;
      let id = base;
      for (let n = 2; ids.has(id); n++) id = `${base}#${n}`;
      ids.add(id);
      out.push({ id, permit, ...part });
    }
  }
  return out;
}

/**
 * The text of one `permit`, with comments that say what it grants and where each grant comes
 * from:
 *
 *     // manager-restricted · scope member (Where the user is a member) · resource type budget
 *     permit (
 *       principal in Permset::Role::"manager-restricted",
 *       action in [
 *         // budgets.view (View budgets where the user is a member): inherited from coordinator (…:25) via …
 *         Permset::Action::"budgets.view",
 *         // budgets.manage (Where the user is a member): inherited from manager (…:20) via …
 *         Permset::Action::"budgets.manage"
 *       ],
 *       resource is Permset::budget
 *     )
 *     when {
 *       // member: subject.id in resource.members
 *       (principal has id && resource has members && resource.members.contains(principal.id)) ||
 *       // own, covered by member: resource.owner == subject.id
 *       (resource has owner && principal has id && resource.owner == principal.id)
 *     };
 *
 * The conditions of the scope and of the scopes it covers are alternatives (one must hold); the
 * grant's `when` is a second `when` clause that must hold as well.
 */
export function renderPermit(
  plan: CedarPlan,
  permit: CedarPermit,
  actions: readonly PermitAction[] = permit.actions,
): string {
  const fb = plan.formulas;
  const scopeLabel = plan.model.scopes.find((s) => s.name === permit.scope)?.label;
  const target = permit.resourceType === undefined ? 'no resource type' : `resource type ${permit.resourceType}`;
  const lines = [
    `// ${commentText(`${permit.set.id} · scope ${permit.scope}${scopeLabel !== undefined ? ` (${scopeLabel})` : ''} · ${target}`)}`,
    ...permit.notes.map((n) => `// ${commentText(n)}`),
  ];
  lines.push('permit (', `  principal in ${CEDAR_NAMESPACE}::${FIXED_TYPES.role}::${cedarString(permit.set.id)},`);
  const about = (a: PermitAction) => {
    const label = a.permission.scopeLabels?.[permit.scope] ?? a.permission.label;
    return `// ${commentText(`${a.permission.id} (${label}): ${provenanceText(permit.set.id, a.grant)}`)}`;
  };
  const action = (a: PermitAction) => `${CEDAR_NAMESPACE}::${FIXED_TYPES.action}::${cedarString(a.permission.id)}`;
  if (actions.length === 1) lines.push(`  ${about(actions[0]!)}`, `  action == ${action(actions[0]!)},`);
  else {
    lines.push('  action in [');
    actions.forEach((a, i) => lines.push(`    ${about(a)}`, `    ${action(a)}${i < actions.length - 1 ? ',' : ''}`));
    lines.push('  ],');
  }
  lines.push(
    permit.cedarResourceType === undefined
      ? '  resource'
      : `  resource is ${CEDAR_NAMESPACE}::${permit.cedarResourceType}`,
    ')',
  );
  const alternatives = dedupe(permit.scopeConditions ?? []);
  if (alternatives.length > 0 && !alternatives.some((c) => c.formula === fb.TRUE)) {
    lines.push('when {');
    alternatives.forEach((c, i) => {
      const covered = c.scope === permit.scope ? c.scope : `${c.scope}, covered by ${permit.scope}`;
      lines.push(`  // ${commentText(`${covered}: ${c.text}`)}`);
      lines.push(
        `  ${fb.print(c.formula, alternatives.length > 1 ? 'or' : 'top')}${i < alternatives.length - 1 ? ' ||' : ''}`,
      );
    });
    lines.push('}');
  }
  if (permit.when !== undefined && permit.when.formula !== fb.TRUE) {
    lines.push(
      'when {',
      `  // ${commentText(`the grant's condition: ${permit.when.text}`)}`,
      `  ${fb.print(permit.when.formula)}`,
      '}',
    );
  }
  lines[lines.length - 1] += ';';
  return lines.join('\n');
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function dedupe<T extends { formula: Formula }>(items: readonly T[]): T[] {
  const seen = new Set<Formula>();
  return items.filter((i) => !seen.has(i.formula) && seen.add(i.formula));
}

/**
 * `policies.cedar`: every permit, grouped by permission set in policy order, each set headed by
 * a comment naming it; granted scopes that can never apply are listed as comments.
 */
export function renderPoliciesText(plan: CedarPlan, rendered: readonly RenderedPermit[], header: string): string {
  const out = [
    header,
    '// The permset policies as Cedar policies: one permit per permission set and granted scope (per resource',
    '// type and grant condition), listing the permissions it grants there and where each grant comes from.',
    '// Deny by default: a request is allowed when a permit applies. Load with schema.cedarschema; build',
    '// requests with entities.js, which omits attributes that are missing or of the wrong type. Every',
    '// condition tests an attribute with `has` before reading it, so such an attribute makes the',
    '// conditions that read it false, exactly as in permset.',
  ];
  const permitsBySet = new Map<string, RenderedPermit[]>();
  for (const p of rendered) {
    const list = permitsBySet.get(p.permit.set.id) ?? [];
    list.push(p);
    permitsBySet.set(p.permit.set.id, list);
  }
  const seen = new Set<string>();
  for (const set of plan.model.sets) {
    if (seen.has(set.id)) continue;
    seen.add(set.id);
    const facts = [
      set.system ? 'system set' : 'custom set',
      set.seat !== undefined ? `seat ${set.seat}` : undefined,
      set.extends !== undefined ? `extends ${set.extends}` : undefined,
    ]
      .filter((f) => f !== undefined)
      .join(', ');
    out.push('', `// ===== ${commentText(`${set.id}: ${set.name} (${facts}; ${set.at.file}:${set.at.line})`)} =====`);
    for (const s of plan.skipped.filter((k) => k.set === set.id))
      out.push(`// ${commentText(`${s.permission} in scope ${s.scope}: no permit, ${s.reason}`)}`);
    for (const p of permitsBySet.get(set.id) ?? []) out.push('', p.text);
  }
  return out.join('\n') + '\n';
}

/**
 * `policies.json`: the same permits as an object from policy id (`set/scope/resource type`) to
 * policy text, in file order. Cedar's APIs take it as a policy set with those ids (so
 * decisions name the grants that allowed them), and it is one `create-policy` call per entry
 * for Amazon Verified Permissions.
 */
export function renderPoliciesJson(rendered: readonly RenderedPermit[]): string {
  return JSON.stringify(Object.fromEntries(rendered.map((p) => [p.id, p.text])), null, 2) + '\n';
}
