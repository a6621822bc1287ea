import type { CompileResult } from '../../packages/compiler/src/program/index.js';
import { catalogText } from '../helpers/policy-builder.js';
import type { Diagnostic } from '../../packages/compiler/src/diagnostics/index.js';

/** A diagnostic's range as `L:C-L:C` (0-based), for compact exact assertions. */
export function rangeOf(d: Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** `code uri L:C-L:C` for each diagnostic, in order. */
export function summary(result: CompileResult): string[] {
  return result.diagnostics.map((d) => `${d.code} ${d.uri} ${rangeOf(d)}`);
}

/** A small catalog most unit cases share: `own` ⊂ `member` ⊂ `all`, two areas, three seats. */
export const CATALOG = catalogText({
  attributeLayout: 'block',
  subject: { id: 'string' },
  resources: { budget: { attributes: { owner: 'string', members: 'string[]' } } },
  scopes: {
    own: { label: 'Own', when: 'resource.owner == subject.id' },
    member: { label: 'Member', when: 'subject.id in resource.members', includes: ['own'] },
    all: { label: 'All', includes: ['own', 'member'] },
  },
  seats: {
    employee: { label: 'Employee', paid: true },
    client: { label: 'Client', paid: false, allows: ['budgets.view'] },
  },
  areas: {
    budgets: {
      label: 'Budgets',
      resource: 'budget',
      permissions: {
        'budgets.view': { label: 'View', scopes: ['own', 'member', 'all'] },
        'budgets.manage': { label: 'Manage', scopes: ['member', 'all'], requires: ['budgets.view'] },
        'budgets.profit.view': { label: 'Profit', scopes: ['all'] },
      },
    },
    settings: { label: 'Settings', permissions: { 'settings.manage': { label: 'Settings', scopes: ['all'] } } },
  },
});

function at(range: Diagnostic['range']): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** Everything a diagnostic tells a user: code, place, message, related places, fixes. */
export function details(d: Diagnostic): unknown {
  return {
    code: d.code,
    at: `${d.uri} ${at(d.range)}`,
    message: d.message,
    ...(d.relatedInformation
      ? { related: d.relatedInformation.map((r) => `${r.location.uri} ${at(r.location.range)}: ${r.message}`) }
      : {}),
    ...(d.data?.fixes
      ? {
          fixes: d.data.fixes.map((f) => ({
            title: f.title,
            ...(f.isPreferred ? { isPreferred: true } : {}),
            edits: f.edits.map((e) =>
              e.create
                ? { create: e.uri, newText: e.newText }
                : { edit: `${e.uri} ${at(e.range!)}`, newText: e.newText },
            ),
          })),
        }
      : {}),
  };
}

/** The details of every diagnostic of a compilation, in order. */
export function detailsOf(result: CompileResult): unknown[] {
  return result.diagnostics.map(details);
}

// The mutation suites name the builders as they always have.
export { compileTexts, permissionSet as set } from '../helpers/policy-builder.js';

/**
 * {@link CATALOG} with an area of requirements: `doc.edit` requires `doc.view` (own ⊂ member ⊂
 * all); `doc.share` requires `doc.view` and `report.view`, which allows only `all`.
 */
export const REQ = CATALOG.replace(
  'areas:\n',
  `areas:
  docs:
    label: Docs
    resource: budget
    permissions:
      doc.view: { label: View, scopes: [own, member, all] }
      doc.edit: { label: Edit, scopes: [own, member, all], requires: [doc.view] }
      doc.share: { label: Share, scopes: [member, all], requires: [doc.view, report.view] }
      report.view: { label: Report, scopes: [all] }
`,
);
