// A deterministic, mixed stream of authorization queries over a policy model (policy.json),
// shared by the evaluator benchmark and comparative benchmarks against other engines.
//
// Every query is well formed (subjects and resources carry every declared attribute with the
// declared type), so a hand-written evaluator without any input checks decides it too. The mix:
// mostly known set/permission pairs, about half of them granted, with attribute values drawn
// from small pools so scope conditions (own, member, subsidiary, managed, approver) and grant
// conditions come out true about as often as false; plus unknown permissions, unknown sets and
// resources of the wrong type.

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IDS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'];
const SUBSIDIARIES = ['s1', 's2'];
const PLANS = ['standard', 'professional', 'ultimate'];

/**
 * @param {object} model a PolicyModel (JSON.parse of policy.json)
 * @param {{ size?: number, seed?: number }} [options] size is rounded up to a power of two
 * @returns {{ queries: { subject: object, permission: string, resource: object | undefined, context: object, kind: string }[], mask: number }}
 *   `kind` is 'granted-pair' | 'other-pair' | 'unknown-permission' | 'unknown-set' | 'wrong-type'.
 */
export function queryStream(model, { size = 4096, seed = 42 } = {}) {
  const rnd = prng(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const n = 2 ** Math.ceil(Math.log2(Math.max(2, size)));
  const types = new Map(model.resources.map((r) => [r.name, r.attributes]));
  const value = (name, type) => {
    const pool = /subsidiar/.test(name) ? SUBSIDIARIES : IDS;
    switch (type) {
      case 'string':
        return pick(pool);
      case 'number':
        return Math.floor(rnd() * 10);
      case 'boolean':
        return rnd() < 0.6;
      case 'string[]':
        return Array.from({ length: Math.floor(rnd() * 6) }, () => pick(pool));
      case 'number[]':
        return Array.from({ length: Math.floor(rnd() * 6) }, () => Math.floor(rnd() * 10));
      default:
        return null;
    }
  };
  const record = (attrs, base) => {
    const out = { ...base };
    for (const [name, type] of Object.entries(attrs)) if (!(name in out)) out[name] = value(name, type);
    return out;
  };
  const resourceOf = (type) => (type === undefined ? undefined : record(types.get(type) ?? {}, { type }));

  const queries = [];
  for (let i = 0; i < n; i++) {
    const roll = rnd();
    const set = pick(model.sets);
    let kind = 'other-pair';
    let permission = pick(model.permissions);
    if (roll < 0.55 && set.grants.length) {
      kind = 'granted-pair';
      const grant = pick(set.grants);
      permission = model.permissions.find((p) => p.id === grant.permission);
    }
    const subject = record(model.subjectAttributes, { id: pick(IDS), set: set.id });
    let resource = resourceOf(permission.resourceType);
    let permissionId = permission.id;
    if (roll >= 0.9 && roll < 0.93) {
      kind = 'unknown-permission';
      permissionId = permission.id + '_x';
    } else if (roll >= 0.93 && roll < 0.96) {
      kind = 'unknown-set';
      subject.set = set.id + '-x';
    } else if (roll >= 0.96 && permission.resourceType !== undefined) {
      kind = 'wrong-type';
      const other = pick(model.resources.filter((r) => r.name !== permission.resourceType));
      if (other) resource = resourceOf(other.name);
    }
    queries.push({
      subject,
      permission: permissionId,
      resource,
      context: record(model.contextAttributes, { plan: pick(PLANS) }),
      kind,
    });
  }
  return { queries, mask: n - 1 };
}
