// Generates synthetic but realistic policy projects for benchmarks: a catalog of P permissions
// in areas of 10, scopes own/member/subsidiary/all with conditions, `requires` edges
// (manage -> view), fragments per area, and N sets in inheritance chains up to 8 deep that
// include fragments, use wildcards, conditions and `restrict`. The generator simulates
// resolution so the project compiles without a single diagnostic (no redundant grant, no
// broken `requires`), as a real, maintained project would.

const SCOPES = [['own'], ['member'], ['all'], ['member', 'own']];

/** @returns {{ uri: string, text: string }[]} */
export function generateProject({ sets = 1000, permissions = 300, chainDepth = 8 } = {}) {
  const areas = Math.ceil(permissions / 10);
  const files = [];
  const permsOfArea = [];
  let catalog = `kind: Catalog
subject:
  attributes:
    id: string
    subsidiary: string
    reports: string[]
    flag: boolean
resources:
  thing:
    attributes:
      owner: string
      members: string[]
      subsidiary: string
      shared: boolean
scopes:
  own: { label: Own, when: resource.owner == subject.id }
  member: { label: Member, when: subject.id in resource.members, includes: [own] }
  subsidiary: { label: Subsidiary, when: resource.subsidiary == subject.subsidiary, includes: [own] }
  all: { label: All, includes: [own, member, subsidiary] }
seats:
  employee: { label: Employee, paid: true }
  client: { label: Client, paid: false, allows: ["a0.*", "a1.*", "a2.*"] }
areas:
`;
  let made = 0;
  for (let a = 0; a < areas; a++) {
    catalog += `  a${a}:\n    label: Area ${a}\n    resource: thing\n    permissions:\n`;
    permsOfArea.push([]);
    for (let p = 0; p < 10 && made < permissions; p++, made++) {
      const id = permId(a, p);
      permsOfArea[a].push(id);
      const req = p % 2 === 1 ? `, requires: [${permId(a, p - 1)}]` : '';
      catalog += `      ${id}: { label: "Permission ${a}.${p}", scopes: [own, member, subsidiary, all]${req} }\n`;
    }
  }
  files.push({ uri: 'policies/catalog.yaml', text: catalog });

  const usedFragments = new Set();
  const effective = []; // simulated effective grants per set: Map<perm, string> (sorted scopes joined)
  for (let i = 0; i < sets; i++) {
    const depth = i % chainDepth;
    const a = i % areas;
    const b = (i + 7) % areas;
    const eff = new Map(depth === 0 ? [] : effective[i - 1]);
    let text = `kind: PermissionSet\nid: s${i}\nname: Set ${i}\n`;
    text += depth === 0 ? 'seat: employee\n' : `extends: s${i - 1}\n`;
    if (i % 3 === 0 && a !== b) {
      text += `include: [f${a}]\n`;
      usedFragments.add(a);
      for (const p of permsOfArea[a]) eff.set(p, 'member');
    }
    const restrict = i % 11 === 5;
    if (restrict) text += 'restrict: member\n';
    // Own grants: views in various scopes, then one conditional manage with the view it needs.
    const own = new Map();
    for (let k = 0; k < 8; k++) {
      const area = (i * 3 + k) % areas;
      const view = permId(area, (k * 2) % 10);
      const manage = permId(area, ((k * 2) % 10) + 1);
      // A view may not become narrower than the manage that requires it.
      const scopes = eff.has(manage) || own.has(manage) ? ['all'] : SCOPES[k % 4];
      own.set(view, scopes);
    }
    own.set(permId(b, 1), 'conditional');
    own.set(permId(b, 0), ['all']);
    text += 'grants:\n';
    for (const [perm, scopes] of own) {
      const key = scopes === 'conditional' ? 'all|shared' : [...scopes].sort().join(',');
      if (eff.get(perm) === key) continue; // would be a redundant grant
      eff.set(perm, key);
      const value =
        scopes === 'conditional'
          ? '{ scope: all, when: resource.shared and subject.flag }'
          : scopes.length === 1
            ? scopes[0]
            : `[${scopes.join(', ')}]`;
      text += `  ${perm}: ${value}\n`;
    }
    if (restrict)
      for (const [perm, key] of eff) if (key.startsWith('all')) eff.set(perm, key.replace(/^all/, 'member'));
    effective.push(eff);
    files.push({ uri: `policies/sets/s${i}.yaml`, text });
  }
  for (const a of [...usedFragments].sort((x, y) => x - y)) {
    files.push({
      uri: `policies/fragments/f${a}.yaml`,
      text: `kind: Fragment\nid: f${a}\ndescription: Everything in area ${a}.\ngrants:\n  "a${a}.*": member\n`,
    });
  }
  return files;
}

function permId(area, p) {
  return `a${area}.p${p}.${p % 2 === 0 ? 'view' : 'manage'}`;
}
