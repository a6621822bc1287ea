import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../packages/compiler/src/cli/cli-io.js';
import { UsageError } from '../../../packages/compiler/src/cli/cli-io.js';
import { runCommand, type Command } from '../../../packages/compiler/src/cli/command-table.js';
import { explainCommand, EXPLAIN_USAGE } from '../../../packages/compiler/src/cli/commands/explain-command.js';
import {
  previewCommand,
  PREVIEW_USAGE,
  type SetPreview,
} from '../../../packages/compiler/src/cli/commands/preview-command.js';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import { REPO } from '../../helpers/cli.js';

// The commands are run from the command table directly (usage errors are thrown, not printed),
// with an in-memory CliIO like test/helpers/cli.ts builds.
async function run(
  command: Command,
  args: string[],
  options: { cwd?: string; isTTY?: boolean; env?: Record<string, string> } = {},
) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: options.cwd ?? REPO,
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    fs: new NodeFileSystem(),
  };
  const code = await runCommand(command, args, io);
  return { code, stdout, stderr };
}

const GOLDEN = join(import.meta.dirname, '__golden__');
const SHARED = 'test/fixtures/explain/_shared/policies';
const CLIENT_MANAGER = [
  'client-manager',
  'budgets.view',
  '--subject',
  '{"id":"u1","can_access_budgets":false}',
  '--resource',
  '{"owner":"u2","members":["u1"],"approver":"u2","client_access":true}',
  '--context',
  '{"plan":"professional"}',
];

describe('permset explain', () => {
  it('prints the decision, the grant chain, every condition with its values, and what is missing', async () => {
    const r = await run(explainCommand, CLIENT_MANAGER);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/\u001b\[/);
    await expect(r.stdout).toMatchFileSnapshot(join(GOLDEN, 'explain-client-manager.txt'));
    expect(r.stdout).toContain(
      "  • would be allowed with scope member: the grant's condition: subject.can_access_budgets is false",
    );
  });

  it("prints the evaluator's Explanation with --format json", async () => {
    const r = await run(explainCommand, [...CLIENT_MANAGER, '--format', 'json']);
    expect(r.code).toBe(0);
    // The same request as the fixture, whose resource names its type explicitly.
    expect(r.stdout).toBe(
      readFileSync(
        join(REPO, 'test/fixtures/explain/20-productive-client-manager-needs-both-toggles/expected.explain.json'),
        'utf8',
      ),
    );
  });

  it("defaults the resource type to the permission's, and reads --dir", async () => {
    const admin = JSON.parse((await run(explainCommand, ['admin', 'budgets.view', '--format', 'json'])).stdout);
    expect([admin.decision, admin.reason, admin.resourceType]).toEqual([true, 'granted', 'budget']);
    const staff = JSON.parse(
      (
        await run(explainCommand, [
          'staff',
          'budgets.view',
          '--dir',
          SHARED,
          '--subject',
          '{"id":"u1"}',
          '--resource',
          '{"owner":"u1","members":[]}',
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect([staff.decision, staff.grant.source.file]).toEqual([true, `${SHARED}/sets/staff.yaml`]);
    const untyped = JSON.parse(
      (await run(explainCommand, ['admin', 'settings.manage', '--dir', SHARED, '--format', 'json'])).stdout,
    );
    expect([untyped.decision, untyped.resourceType]).toEqual([true, null]);
    const typo = await run(explainCommand, ['staff', 'budgets.veiw', '--dir', SHARED, '--no-color']);
    expect(typo.stdout).toBe(
      "DENIED (unknown-permission) unknown permission 'budgets.veiw'.\n\nHints\n  • did you mean 'budgets.view'?\n",
    );
  });

  it('colours on a terminal only', async () => {
    expect((await run(explainCommand, CLIENT_MANAGER, { isTTY: true })).stdout).toMatch(/\u001b\[31m/);
    expect((await run(explainCommand, [...CLIENT_MANAGER, '--no-color'], { isTTY: true })).stdout).not.toMatch(
      /\u001b\[/,
    );
    expect((await run(explainCommand, CLIENT_MANAGER, { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(
      /\u001b\[/,
    );
  });

  it("prints the project's errors to stderr and exits 1", async () => {
    const r = await run(explainCommand, [
      's',
      'contacts.view',
      '--dir',
      'test/fixtures/check/16-unknown-permission/policies',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      "test/fixtures/check/16-unknown-permission/policies/sets/s.yaml:6:3 error unknown-permission Unknown permission 'contacts.veiw'. Did you mean 'contacts.view'?",
    );
    expect(r.stderr.trimEnd().split('\n').slice(-2)).toEqual([
      '✖ 2 errors, 0 warnings in 2 files.',
      'permset explain: fix the errors above first.',
    ]);
  });

  it('reports usage errors', async () => {
    const usage = (args: string[]) =>
      run(explainCommand, args).then(
        () => 'no error',
        (e: unknown) => (e instanceof UsageError ? e.message : `not a UsageError: ${String(e)}`),
      );
    expect(await usage(['admin'])).toBe('explain takes a set and a permission, got 1 argument');
    expect(await usage(['admin', 'budgets.view', '--subject', '{id:1}'])).toMatch(/^--subject is not valid JSON: /);
    expect(await usage(['admin', 'budgets.view', '--resource', '[1]'])).toBe(
      `--resource must be a JSON object, like '{"id":"u1"}'`,
    );
    expect(await usage(['admin', 'budgets.view', '--subject', '{"set":"staff"}'])).toBe(
      `--subject sets "set" to "staff", but the set to explain is 'admin'`,
    );
    expect(await usage(['admin', 'budgets.view', '--format', 'xml'])).toBe("--format must be human or json, not 'xml'");
    expect((await run(explainCommand, ['--help'])).stdout).toBe(EXPLAIN_USAGE + '\n');
  });
});

describe('permset preview', () => {
  it('shows what a set can do by area, in plain words, with where each grant comes from', async () => {
    const r = await run(previewCommand, ['manager-restricted']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    await expect(r.stdout).toMatchFileSnapshot(join(GOLDEN, 'preview-manager-restricted.txt'));
    expect(r.stdout).toContain(
      '      narrowed from all to member by restrict at policies/sets/system/manager-restricted.yaml:19:11',
    );
  });

  it('lists what a none takes away, with the entry and the chain that brings it', async () => {
    const own = await run(previewCommand, ['client-no-docs']);
    expect(own.stdout).toContain(
      '\nRemoved with none\n  ✘ Access docs docs.access\n      by set client-no-docs (docs.*) at policies/sets/custom/client-no-docs.yaml:9:3\n  ✘ Create docs docs.create\n',
    );
    const inherited = JSON.parse(
      (
        await run(previewCommand, [
          'leaf',
          '--dir',
          join(REPO, 'test/fixtures/explain/26-removed-by-none-in-a-base/policies'),
          '--format',
          'json',
        ])
      ).stdout,
    ) as SetPreview;
    expect(inherited.removed).toEqual([
      {
        id: 'settings.manage',
        label: 'Manage settings',
        source: {
          kind: 'set',
          id: 'mid',
          key: 'settings.manage',
          file: expect.stringMatching(/sets\/mid\.yaml$/),
          line: 6,
          column: 3,
        },
        chain: 'leaf ← extends mid',
      },
    ]);
  });

  it('names the origin of each grant: here, a base set, a fragment', async () => {
    const r = await run(previewCommand, ['team-lead', '--dir', SHARED, '--format', 'json']);
    const preview = JSON.parse(r.stdout) as SetPreview;
    const origins = preview.areas.flatMap((a) =>
      a.permissions.map((p) => [a.label, p.id, p.origin, p.chain, p.scopes.map((s) => s.label)]),
    );
    expect(origins).toEqual([
      [
        'Budgets',
        'budgets.view',
        'inherited from manager',
        'team-lead ← extends manager',
        ['View budgets where the user is a member'],
      ],
      [
        'Budgets',
        'budgets.approve',
        'inherited from manager, via fragment approvals',
        'team-lead ← extends manager ← include approvals',
        ['Where the user is a member', 'Small amounts'],
      ],
      [
        'Invoices',
        'invoices.view',
        'inherited from staff',
        'team-lead ← extends manager ← extends staff',
        ['Where the user is a member'],
      ],
    ]);
    expect(preview.areas[0]!.permissions[1]!.scopes[0]).toEqual({
      scope: 'member',
      label: 'Where the user is a member',
      when: 'subject.level >= 2',
    });
    expect(preview.notGranted).toEqual(['Settings']);
    expect(preview.summary).toEqual({ permissions: 3, totalPermissions: 4, areas: 2, totalAreas: 3 });
    expect(preview.set).toMatchObject({
      id: 'team-lead',
      name: 'Team lead',
      system: false,
      seat: 'employee',
      seatLabel: 'Employee',
      paid: true,
      extends: 'manager',
      file: `${SHARED}/sets/team-lead.yaml`,
    });
    const manager = JSON.parse(
      (await run(previewCommand, ['manager', '--dir', SHARED, '--format', 'json'])).stdout,
    ) as SetPreview;
    expect(manager.areas.flatMap((a) => a.permissions.map((p) => p.origin))).toEqual([
      'granted here',
      'via fragment approvals',
      'inherited from staff',
    ]);
  });

  it('rejects an unknown set with suggestions, and a project with errors', async () => {
    await expect(run(previewCommand, ['admn', '--dir', SHARED])).rejects.toThrow(
      new UsageError("Unknown permission set 'admn'. Did you mean 'admin'?"),
    );
    await expect(run(previewCommand, [])).rejects.toThrow(UsageError);
    const r = await run(previewCommand, ['s', '--dir', 'test/fixtures/check/16-unknown-permission/policies']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('permset preview: fix the errors above first.');
    expect((await run(previewCommand, ['-h'])).stdout).toBe(PREVIEW_USAGE + '\n');
  });
});
