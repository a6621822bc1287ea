import { beforeEach, describe, expect, it } from 'vitest';
import { builderData, type BuilderData } from '../../../../packages/compiler/src/emit/builder/index.js';
import { BuilderState } from '../../../../packages/compiler/src/runtime/builder/builder-state.js';
import { shippedModel } from '../../emit/matrix/matrix-helpers.js';

// The builder's state on the shipped policies: the choices an admin makes, the seeds' handling
// of `requires` and the definition it emits (only what differs from the base).

let data: BuilderData;
let state: BuilderState;

beforeEach(() => {
  data ??= builderData(shippedModel());
  state = new BuilderState(data);
  state.id = 'regional-lead';
  state.name = 'Regional lead';
  state.setBase('staff');
});

describe('BuilderState', () => {
  it('offers the system sets as bases, the non-customizable ones marked', () => {
    const bases = state.bases();
    expect(bases.map((b) => b.id)).toContain('contractor');
    expect(bases.every((b) => b.system)).toBe(true);
    expect(bases.find((b) => b.id === 'contractor')?.customizable).toBe(false);
    expect(new BuilderState(data).baseId).toBe(''); // the admin chooses
  });

  it('starts from the base and emits no grant while nothing differs', () => {
    expect(state.choice('tasks.edit')).toEqual({ on: true, scopes: ['member'] });
    expect(state.changed('tasks.edit')).toBe(false);
    expect(state.definition()).toEqual({ id: 'regional-lead', name: 'Regional lead', extends: 'staff' });
  });

  it('turning a permission on turns on what it requires, in a scope that covers it, with a note', () => {
    state.toggle('contacts.manage', true);
    expect(state.choice('contacts.manage')).toEqual({ on: true, scopes: ['member'] });
    expect(state.choice('contacts.view')).toEqual({ on: true, scopes: ['member'] });
    expect(state.notes.get('contacts.view')).toEqual({ kind: 'turned-on', by: 'contacts.manage' });
    expect(state.definition().grants).toEqual({ 'contacts.view': 'member', 'contacts.manage': 'member' });
  });

  it('follows requires transitively', () => {
    state.toggle('contacts.sensitive_fields.manage', true);
    for (const p of ['contacts.sensitive_fields.view', 'contacts.custom_fields.view', 'contacts.view'])
      expect(state.choice(p).on).toBe(true);
    expect(state.notes.get('contacts.view')).toEqual({ kind: 'turned-on', by: 'contacts.custom_fields.view' });
  });

  it('widening a permission widens its requirement', () => {
    state.toggle('contacts.manage', true);
    state.setScopes('contacts.manage', ['all']);
    expect(state.choice('contacts.view')).toEqual({ on: true, scopes: ['all'] });
    expect(state.notes.get('contacts.view')).toEqual({ kind: 'widened', by: 'contacts.manage' });
  });

  it('turning a requirement off turns off what depends on it, transitively, with notes', () => {
    state.toggle('contacts.sensitive_fields.manage', true);
    state.toggle('contacts.view', false);
    for (const p of [
      'contacts.manage',
      'contacts.custom_fields.view',
      'contacts.sensitive_fields.view',
      'contacts.sensitive_fields.manage',
    ])
      expect(state.choice(p).on).toBe(false);
    expect(state.notes.get('contacts.custom_fields.view')).toEqual({ kind: 'turned-off', by: 'contacts.view' });
    expect(state.notes.get('contacts.sensitive_fields.view')).toEqual({
      kind: 'turned-off',
      by: 'contacts.custom_fields.view',
    });
    expect(state.definition().grants).toBeUndefined();
  });

  it('narrowing a requirement narrows its dependents', () => {
    state.toggle('contacts.manage', true);
    state.setScopes('contacts.manage', ['all']);
    state.setScopes('contacts.view', ['member']);
    expect(state.choice('contacts.manage')).toEqual({ on: true, scopes: ['member'] });
    expect(state.notes.get('contacts.manage')).toEqual({ kind: 'narrowed', by: 'contacts.view' });
  });

  it('turning off a grant of the base emits none; turning it back on drops the entry', () => {
    state.toggle('tasks.task_lists.manage', false);
    expect(state.definition().grants).toEqual({ 'tasks.task_lists.manage': 'none' });
    state.toggle('tasks.task_lists.manage', true);
    expect(state.definition().grants).toBeUndefined();
  });

  it('offers only the scopes the permission allows, and nothing the seat disallows', () => {
    expect(state.scopeOptions('contacts.view')).toEqual([['member'], ['all']]);
    state.setBase('client-staff');
    expect(state.allowedBySeat('contacts.view')).toBe(false);
    expect(state.scopeOptions('contacts.view')).toEqual([]);
    expect(state.allowedBySeat('docs.access')).toBe(true);
    // A requirement the seat disallows is not turned on for the admin: the rules report it.
    state.toggle('tasks.task_lists.manage', true);
    expect(state.choice('tasks.task_lists.manage').on).toBe(true);
  });

  it('keeps the choices that still differ from a new base', () => {
    state.toggle('contacts.manage', true);
    state.toggle('tasks.edit', false);
    state.setBase('staff-crm');
    // tasks.task_lists.manage needs tasks.edit: turned off with it.
    expect(state.definition().grants).toEqual({
      'tasks.edit': 'none',
      'tasks.task_lists.manage': 'none',
      ...(state.changed('contacts.manage') ? { 'contacts.manage': 'member' } : {}),
      ...(state.changed('contacts.view') ? { 'contacts.view': 'member' } : {}),
    });
    expect(state.baseId).toBe('staff-crm');
  });

  it('loads a definition: wildcards spelled out, explicit keys first, unknown entries and fields kept', () => {
    state.load({
      id: 'x',
      name: 'X',
      extends: 'contractor',
      include: ['crm-access'],
      grants: { 'contacts.*': 'all', 'contacts.manage': 'none', 'nope.view': 'all', 'contacts.view': 'own' },
    });
    expect(state.baseId).toBe('contractor');
    expect(state.choice('contacts.custom_fields.view')).toEqual({ on: true, scopes: ['all'] });
    expect(state.choice('contacts.manage').on).toBe(false);
    expect([...state.extraGrants.keys()]).toEqual(['nope.view', 'contacts.view']);
    const d = state.definition();
    expect(d.include).toEqual(['crm-access']);
    expect(d.grants?.['nope.view']).toBe('all');
    expect(d.grants?.['contacts.view']).toBe('own');
    expect(d.grants?.['contacts.manage']).toBeUndefined(); // the contractor does not grant it: nothing to remove
    state.dropExtraGrant('nope.view');
    expect(state.definition().grants?.['nope.view']).toBeUndefined();
  });

  it('loads anything without throwing, keeping what it cannot edit as loaded so withCustomSets reports it', () => {
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    for (const value of [
      null,
      42,
      'text',
      [],
      { grants: [] },
      { grants: { 'tasks.edit': [1] } },
      { id: 3, extends: {} },
      trap,
    ]) {
      expect(() => state.load(value)).not.toThrow();
      expect(() => state.definition()).not.toThrow();
    }
    state.load({ grants: [] });
    expect(state.definition()).toMatchObject({ grants: [] });
    state.load({ grants: { 'tasks.edit': [1] } });
    expect(state.definition().grants).toEqual({ 'tasks.edit': [1] });
    // A field of the wrong type stays in the definition (the field shows it empty) until set.
    state.load({ id: 3, name: ['x'], extends: {}, description: 'ok' });
    expect([state.id, state.name, state.baseId, state.description]).toEqual(['', '', '', 'ok']);
    expect(state.definition()).toEqual({ id: 3, name: ['x'], extends: {}, description: 'ok' });
    state.setField('id', 'regional-lead');
    state.setBase('staff');
    expect(state.definition()).toEqual({ id: 'regional-lead', name: ['x'], extends: 'staff', description: 'ok' });
  });

  it('keeps __proto__ keys as own entries, and calls no getter of a loaded definition', () => {
    state.load(
      JSON.parse(
        '{"id":"a","name":"A","extends":"staff","__proto__":{"polluted":true},"grants":{"__proto__":"all","tasks.edit":"none"}}',
      ),
    );
    const d = state.definition();
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
    expect(Object.keys(d)).toEqual(['id', 'name', 'extends', '__proto__', 'grants']);
    expect(Object.getOwnPropertyDescriptor(d, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(d.grants)).toBe(Object.prototype);
    expect(Object.keys(d.grants!)).toEqual(['tasks.edit', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(d.grants, '__proto__')?.value).toBe('all');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    let calls = 0;
    state.load({
      name: 'T',
      extends: 'staff',
      get id() {
        calls++;
        return 'x';
      },
    });
    const out = state.definition();
    expect(calls).toBe(0);
    expect(state.id).toBe('');
    // Kept as an accessor: withCustomSets says "A getter or setter is not a JSON value" at /0/id.
    expect(typeof Object.getOwnPropertyDescriptor(out, 'id')?.get).toBe('function');
  });
});
