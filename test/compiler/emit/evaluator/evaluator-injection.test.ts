import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { printScalar } from '../../../../packages/compiler/src/conditions/index.js';
import type { PolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';
import { generateEvaluator } from '../../../../packages/compiler/src/emit/evaluator/index.js';
import { compileFiles, evaluatorOf, importEvaluator } from './evaluator-harness.js';

// Every string of a policy reaches the generated code only as a JSON string literal. These
// payloads would each run code (set the canary) if any of them were spliced into the source,
// a comment, a template literal or an inline <script>.
const CANARY = '__permsetPwned';
const PAYLOADS = {
  dq: `"]);globalThis.${CANARY}=1;//`,
  sq: `'];globalThis.${CANARY}=1;//`,
  template: `\`\${globalThis.${CANARY}=1}\``,
  script: `</script><script>globalThis.${CANARY}=1</script><!--`,
  comment: `*/globalThis.${CANARY}=1;/*`,
  separators: `a\u2028globalThis.${CANARY}=1\u2029b`,
  newlines: `x\nglobalThis.${CANARY}=1;\r\n//`,
  backslash: `\\"+(globalThis.${CANARY}=1)+"\\`,
  controls: `\u0000\u001b[31m\u007f`,
  lone: `\ud800${CANARY}`,
};
const P = PAYLOADS;

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[CANARY];
});

const at = (file: string, line = 1) => ({ file, line, column: 1 });
// Object.fromEntries keeps `__proto__` as an own key (an object literal would set the prototype).
const attrs = (entries: [string, string][]) => Object.fromEntries(entries) as Record<string, string>;

/** A model whose every id, label, file name and condition literal is a payload. */
function hostileModel(): PolicyModel {
  const type = P.script;
  const scope = P.template;
  const when = `resource.owner == ${printScalar(P.dq)} or resource.owner == ${printScalar(P.separators)}`;
  return {
    version: 1,
    areas: [{ id: P.newlines, label: P.comment, resource: type }],
    permissions: [
      {
        id: P.dq,
        label: P.sq,
        scopeLabels: attrs([[scope, P.backslash]]),
        area: P.newlines,
        scopes: [scope, 'all'],
        requires: [],
        sensitive: false,
        resourceType: type,
        at: at(P.script),
      },
      {
        id: '__proto__',
        label: P.controls,
        area: P.newlines,
        scopes: ['all'],
        requires: [],
        sensitive: true,
        at: at(P.lone, 2),
      },
    ],
    scopes: [
      { name: scope, label: P.separators, when, includes: [], covers: [scope] },
      { name: 'all', label: P.comment, includes: [scope], covers: ['all', scope].sort() },
    ],
    seats: [{ name: P.sq, label: P.dq, paid: true, customizable: true }],
    resources: [
      {
        name: type,
        label: P.template,
        attributes: attrs([
          ['owner', 'string'],
          ['__proto__', 'string'],
          [P.dq, 'string[]'],
          ['constructor', 'number'],
        ]),
      },
    ],
    subjectAttributes: attrs([
      ['id', 'string'],
      [P.template, 'boolean'],
      ['__proto__', 'string'],
    ]),
    contextAttributes: attrs([[P.script, 'string']]),
    sets: [
      {
        id: P.dq,
        name: P.template,
        description: P.script,
        system: true,
        seat: P.sq,
        include: [P.newlines],
        at: at(P.comment),
        grants: [
          {
            permission: P.dq,
            scopes: [{ scope, when: `resource.owner != ${printScalar(P.template)}` }],
            source: { kind: 'fragment', id: P.newlines, key: P.backslash, at: at(P.script, 7) },
            via: [{ kind: 'include', from: P.dq, to: P.newlines, at: at(P.lone, 3) }],
          },
        ],
      },
      {
        id: '__proto__',
        name: P.controls,
        system: false,
        extends: P.dq,
        include: [],
        restrict: scope,
        at: at(P.separators),
        grants: [
          {
            permission: '__proto__',
            scopes: [{ scope: 'all' }],
            source: { kind: 'set', id: '__proto__', key: '__proto__', at: at(P.separators, 4) },
            via: [],
          },
          {
            permission: P.dq,
            scopes: [{ scope }],
            source: { kind: 'set', id: P.dq, key: P.dq, at: at(P.script, 9) },
            via: [{ kind: 'extends', from: '__proto__', to: P.dq, at: at(P.template, 5) }],
            restricted: { set: '__proto__', scope, at: at(P.comment, 6), from: [{ scope: 'all' }] },
          },
        ],
      },
      { id: 'constructor', name: 'constructor', system: false, include: [], at: at('x'), grants: [] },
    ],
  };
}

describe('injection: hostile ids, labels, files and condition literals', () => {
  it('generates an evaluator that runs no policy text and decides correctly', async () => {
    const files = generateEvaluator(hostileModel());
    const ev = await importEvaluator(files);
    expect((globalThis as Record<string, unknown>)[CANARY]).toBe(undefined);
    // Safe to inline in HTML and in any JS engine: no closing tags, no raw line separators.
    expect(files['evaluator.js']).not.toMatch(/<\/script|<!--/i);
    expect(files['evaluator.js']).not.toMatch(/[\u2028\u2029]/);

    const type = P.script;
    const subject = { id: 'u1', set: P.dq };
    expect(ev.can(subject, P.dq, { type, owner: P.dq })).toBe(true);
    expect(ev.can(subject, P.dq, { type, owner: P.separators })).toBe(true);
    expect(ev.can(subject, P.dq, { type, owner: P.template })).toBe(false); // scope holds, the grant's when does not
    expect(ev.can(subject, P.dq, { type, owner: 'x' })).toBe(false);
    expect(ev.can(subject, P.dq, { type: 'budget', owner: P.dq })).toBe(false);
    expect(ev.can({ id: 'u1', set: '__proto__' }, '__proto__')).toBe(true);
    expect(ev.can({ id: 'u1', set: 'constructor' }, '__proto__')).toBe(false);
    expect(ev.has('__proto__', P.dq)).toBe(true);
    expect(ev.SET_IDS).toEqual([P.dq, '__proto__', 'constructor']);
    expect(ev.SET[P.dq]).toBe(0);
    expect(Object.getOwnPropertyDescriptor(ev.SET, '__proto__')?.value).toBe(1);
    expect(ev.PERMISSION['__proto__']).toBe(1);
    expect(ev.resourceTypeOf(P.dq)).toBe(type);

    const ex = ev.explain({ id: 'u1', set: '__proto__' }, P.dq, { type, owner: 'x' });
    expect(ex.reason).toBe('conditions-false');
    expect(ex.scopes).toEqual([{ scope: P.template, label: P.backslash, applies: false }]);
    expect(ex.grant).toMatchObject({
      chain: `__proto__ ← extends ${P.dq}`,
      source: { id: P.dq, file: P.script, line: 9 },
    });
    expect(ex.evaluations[0]!.condition).toBe(
      `resource.owner == ${printScalar(P.dq)} or resource.owner == ${printScalar(P.separators)}`,
    );
    expect(ex.suggestions.at(-1)).toBe(
      `'__proto__' narrows this grant from all to ${P.template.replace(/'/g, "\\'")} with restrict (${P.comment}:6:1)`,
    );
    expect((globalThis as Record<string, unknown>)[CANARY]).toBe(undefined);
  });

  it('writes declarations that are valid TypeScript, with the hostile ids as literal types', () => {
    const dts = generateEvaluator(hostileModel())['evaluator.d.ts'];
    const source = ts.createSourceFile('evaluator.d.ts', dts, ts.ScriptTarget.ES2022, true);
    const parseErrors = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
    expect(parseErrors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    const setId = source.statements.find(
      (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'SetId',
    )!;
    const members = (setId.type as ts.UnionTypeNode).types.map(
      (t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text,
    );
    expect(members).toEqual([P.dq, '__proto__', 'constructor']);
    expect(dts).not.toMatch(/<\/script|[\u2028\u2029]/);
  });

  it('compiles policies with hostile labels, descriptions and condition literals', async () => {
    const yaml = (s: string) => JSON.stringify(s);
    const files = [
      {
        uri: 'policies/catalog.yaml',
        text: `kind: Catalog
description: ${yaml(P.script)}
subject:
  attributes: { id: string }
resources:
  doc:
    label: ${yaml(P.template)}
    description: ${yaml(P.dq)}
    attributes: { owner: string }
scopes:
  own: { label: ${yaml(P.separators)}, when: ${yaml(`resource.owner == subject.id or resource.owner == ${printScalar(P.dq)}`)} }
  all: { label: ${yaml(P.comment)}, includes: [own] }
seats:
  employee: { label: ${yaml(P.sq)}, paid: true }
areas:
  docs:
    label: ${yaml(P.newlines)}
    resource: doc
    permissions:
      docs.view: { label: ${yaml(P.backslash)}, description: ${yaml(P.script)}, scopes: [own, all], scope_labels: { own: ${yaml(P.template)} } }
`,
      },
      {
        uri: 'policies/writer.yaml',
        text: `kind: PermissionSet
id: writer
name: ${yaml(P.template)}
description: ${yaml(P.script)}
seat: employee
grants:
  docs.view: { scope: own, when: ${yaml(`resource.owner != ${printScalar(P.template)} and resource.owner != ${printScalar(P.newlines)}`)} }
`,
      },
    ];
    const { ev, files: out } = await evaluatorOf(compileFiles(files));
    expect(out['evaluator.js']).not.toMatch(/<\/script|[\u2028\u2029]/);
    expect((globalThis as Record<string, unknown>)[CANARY]).toBe(undefined);
    expect(ev.can({ id: 'u1', set: 'writer' }, 'docs.view', { type: 'doc', owner: 'u1' })).toBe(true);
    expect(ev.can({ id: 'u1', set: 'writer' }, 'docs.view', { type: 'doc', owner: P.dq })).toBe(true);
    expect(ev.can({ id: 'u1', set: 'writer' }, 'docs.view', { type: 'doc', owner: P.template })).toBe(false);
    expect(ev.can({ id: P.newlines, set: 'writer' }, 'docs.view', { type: 'doc', owner: P.newlines })).toBe(false);
    const ex = ev.explain({ id: 'u1', set: 'writer' }, 'docs.view', { type: 'doc', owner: P.template });
    expect(ex.scopes).toEqual([
      {
        scope: 'own',
        label: P.template,
        when: `resource.owner != ${printScalar(P.template)} and resource.owner != ${printScalar(P.newlines)}`,
        applies: false,
      },
    ]);
    expect((globalThis as Record<string, unknown>)[CANARY]).toBe(undefined);
  });
});
