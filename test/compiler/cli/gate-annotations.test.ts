import { describe, expect, it } from 'vitest';
import { gateAnnotations } from '../../../packages/compiler/src/cli/report/index.js';
import type { GateHit } from '../../../packages/compiler/src/diff/index.js';

const hit = (h: Partial<GateHit>): GateHit => ({
  set: 'staff',
  permission: 'deals.view',
  kind: 'gain',
  gainsAccess: true,
  losesAccess: false,
  flags: [],
  gate: 'gain',
  ...h,
});

describe('gateAnnotations', () => {
  it('groups the changes one line causes into one annotation, listing each change with its gate', () => {
    const at = { side: 'head' as const, file: 'policies/sets/staff.yaml', line: 4, column: 3 };
    expect(
      gateAnnotations([hit({ at }), hit({ set: 'manager', at }), hit({ at, gate: 'change' })], 'main (abc1234)'),
    ).toBe(
      '::error file=policies/sets/staff.yaml,line=4,col=3,title=permset diff%3A 2 unallowed access changes::' +
        '--fail-on gain: staff gains deals.view (gain)%0A--fail-on gain: manager gains deals.view (gain)%0A--fail-on change: staff gains deals.view (gain)%0A' +
        'If the change is intended, add it to the allowlist (--allow) with a reason.\n',
    );
  });

  it('points a scope change at the catalog and says so; a change without a line annotates the run', () => {
    const scope = hit({
      kind: 'condition',
      scope: 'member',
      at: { side: 'head', file: 'policies/catalog.yaml', line: 12, column: 5 },
    });
    expect(
      gateAnnotations([scope, hit({ kind: 'loss', gainsAccess: false, losesAccess: true, gate: 'loss' })], 'main'),
    ).toBe(
      "::error file=policies/catalog.yaml,line=12,col=5,title=permset diff%3A 1 unallowed access change::--fail-on gain: staff changes the condition of deals.view (condition through scope 'member', whose meaning changed here)%0AIf the change is intended, add it to the allowlist (--allow) with a reason.\n" +
        '::error title=permset diff%3A 1 unallowed access change::--fail-on loss: staff loses deals.view (loss)%0ANo line of the policies causes these changes directly; see the diff report.%0AIf the change is intended, add it to the allowlist (--allow) with a reason.\n',
    );
  });

  it('escapes policy text so it cannot end the command or start a new one', () => {
    const at = { side: 'head' as const, file: 'policies/sets/a,b:c.yaml', line: 1, column: 1 };
    expect(gateAnnotations([hit({ set: 'x%\r\n::error::y', at })], 'main')).toBe(
      '::error file=policies/sets/a%2Cb%3Ac.yaml,line=1,col=1,title=permset diff%3A 1 unallowed access change::--fail-on gain: x%25%0D%0A::error::y gains deals.view (gain)%0AIf the change is intended, add it to the allowlist (--allow) with a reason.\n',
    );
  });

  it('prints nothing when no gate tripped', () => {
    expect(gateAnnotations([], 'main')).toBe('');
  });
});
