// Generates synthetic but realistic policy projects for benchmarks: a catalog of P permissions
// in areas of 10, scopes own/member/all with conditions, `requires` edges (manage -> view),
// fragments per area, and N sets in inheritance chains up to 8 deep that include fragments,
// use wildcards, conditions and `restrict`. The generated project compiles without diagnostics.

/** @returns {{ uri: string, text: string }[]} */
export function generateProject({ sets = 1000, permissions = 300, chainDepth = 8 } = {}) {
  const areas = Math.ceil(permissions / 10);
  const files = [];
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
    for (let p = 0; p < 10 && made < permissions; p++, made++) {
      const id = `a${a}.p${p}.${p % 2 === 0 ? 'view' : 'manage'}`;
      const req = p % 2 === 1 ? `, requires: [a${a}.p${p - 1}.view]` : '';
      catalog += `      ${id}: { label: "Permission ${a}.${p}", scopes: [own, member, subsidiary, all]${req} }\n`;
    }
  }
  files.push({ uri: 'policies/catalog.yaml', text: catalog });
  for (let a = 0; a < areas; a++) {
    files.push({
      uri: `policies/fragments/f${a}.yaml`,
      text: `kind: Fragment\nid: f${a}\ndescription: Everything in area ${a}.\ngrants:\n  "a${a}.*": member\n`,
    });
  }
  for (let i = 0; i < sets; i++) {
    const depth = i % chainDepth;
    const a = i % areas;
    const b = (i + 7) % areas;
    let text = `kind: PermissionSet\nid: s${i}\nname: Set ${i}\n`;
    text += depth === 0 ? 'seat: employee\n' : `extends: s${i - 1}\n`;
    if (i % 3 === 0 && a !== b) text += `include: [f${a}]\n`;
    if (i % 11 === 5) text += 'restrict: member\n';
    text += 'grants:\n';
    for (let k = 0; k < 8; k++) {
      const area = (i * 3 + k) % areas;
      text += `  a${area}.p${(k * 2) % 10}.view: ${['own', 'member', 'all', '[own, member]'][k % 4]}\n`;
    }
    text += `  a${b}.p1.manage: { scope: all, when: resource.shared and subject.flag }\n`;
    text += `  a${b}.p0.view: all\n`;
    files.push({ uri: `policies/sets/s${i}.yaml`, text });
  }
  return files;
}
