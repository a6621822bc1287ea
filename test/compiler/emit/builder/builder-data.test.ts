import { describe, expect, it } from 'vitest';
import { builderData } from '../../../../packages/compiler/src/emit/builder/index.js';
import { shippedModel } from '../matrix/matrix-helpers.js';

describe('builderData', () => {
  const data = builderData(shippedModel());

  it('keeps the catalog: areas, labels, descriptions, scopes, requires and sensitive flags', () => {
    expect(data.permissions).toHaveLength(75);
    expect(data.areas[0]).toEqual({ id: 'contacts', label: 'Contacts & Clients' });
    expect(data.permissions.find((p) => p.id === 'contacts.sensitive_fields.view')).toEqual({
      id: 'contacts.sensitive_fields.view',
      label: 'View Sensitive Contact Custom Fields',
      description: 'Restrict who can access sensitive information in custom fields, both for contacts and clients.',
      area: 'contacts',
      scopes: ['member', 'all'],
      requires: ['contacts.custom_fields.view'],
      sensitive: true,
    });
    expect(data.scopes.find((s) => s.name === 'member')).toEqual({
      name: 'member',
      label: 'Where the user is a member',
      covers: ['member', 'own'],
    });
    expect(data.seats.find((s) => s.name === 'client')?.allows).toContain('docs.*');
  });

  it('marks as bases exactly the system sets whose seat is customizable', () => {
    const flags = Object.fromEntries(data.sets.map((s) => [s.id, s.customizable]));
    expect(flags['staff']).toBe(true);
    expect(flags['client-staff']).toBe(true);
    expect(flags['contractor']).toBe(false);
    expect(flags['team-lead']).toBe(false); // a custom set of the policies: not a base
  });

  it('carries each set\u2019s effective grants, with the conditional scopes marked', () => {
    const staff = data.sets.find((s) => s.id === 'staff')!;
    expect(staff.seat).toBe('employee');
    expect(staff.grants['tasks.edit']).toEqual([{ scope: 'member' }]);
    expect(staff.grants['contacts.view']).toBeUndefined();
    const conditional = data.sets.flatMap((s) => Object.values(s.grants).flat()).filter((g) => g.conditional);
    expect(conditional.length).toBeGreaterThan(0);
  });

  it('is plain deterministic JSON', () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(JSON.stringify(builderData(shippedModel()))).toBe(JSON.stringify(data));
  });
});
