import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../packages/compiler/src/cli/command-table.js';
import { matrixCommand, MATRIX_USAGE } from '../../../packages/compiler/src/cli/commands/matrix-command.js';
import { UsageError, type CliIO } from '../../../packages/compiler/src/cli/cli-io.js';
import { renderMatrix } from '../../../packages/compiler/src/emit/matrix/index.js';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import { REPO } from '../../helpers/cli.js';
import { MATRIX_FIXTURES, modelOf, shippedModel } from '../emit/matrix/matrix-helpers.js';

// These run the command from the table synchronously, with main's handling of usage errors
// (print the message, exit 2) reproduced here.
function run(args: string[], cwd = REPO): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd,
    env: {},
    isTTY: false,
    fs: new NodeFileSystem(),
  };
  try {
    return { code: runCommand(matrixCommand, args, io) as number, stdout, stderr };
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return { code: 2, stdout, stderr: stderr + `permset matrix: ${(e as Error).message}\n` };
    }
    throw e;
  }
}

describe('permset matrix', () => {
  it('prints the Markdown matrix of ./policies by default', () => {
    const r = run([]);
    expect(r).toEqual({ code: 0, stdout: renderMatrix(shippedModel(), 'md'), stderr: '' });
  });

  it.each(['md', 'html', 'csv', 'json'] as const)('prints --format %s', (format) => {
    const r = run(['policies', '--format', format]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(renderMatrix(shippedModel(), format));
  });

  it('prints the long CSV layout with --layout long', () => {
    const r = run(['--format', 'csv', '--layout', 'long']);
    expect(r.stdout).toBe(renderMatrix(shippedModel(), 'csv', { csvLayout: 'long' }));
  });

  it('limits the columns with --sets, in the project order, trimming spaces', () => {
    const r = run(['--format', 'csv', '--sets', 'manager-restricted, manager']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n').slice(0, 2)).toEqual([
      'area,area_label,permission,label,manager,manager-restricted',
      'contacts,Contacts & Clients,contacts.view,View Contacts,all,member',
    ]);
  });

  it('reads a project given as a directory, naming files relative to the working directory', () => {
    const dir = join(MATRIX_FIXTURES, 'provenance');
    const r = run(['policies', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(renderMatrix(modelOf(dir), 'json'));
    const fromRepo = run(['test/compiler/emit/matrix/fixtures/provenance/policies', '--format', 'json']);
    expect(JSON.parse(fromRepo.stdout).sets[0].at.file).toBe(
      'test/compiler/emit/matrix/fixtures/provenance/policies/sets/base.yaml',
    );
  });

  it('prints the errors (to stderr) instead of a matrix when the policies have errors, and exits 1', () => {
    const r = run(['policies', '--format', 'html'], join(REPO, 'test', 'fixtures', 'check', '16-unknown-permission'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      "policies/sets/s.yaml:6:3 error unknown-permission Unknown permission 'contacts.veiw'. Did you mean 'contacts.view'?",
    );
    expect(r.stderr.trimEnd().split('\n').slice(-2)).toEqual([
      '✖ 2 errors, 0 warnings in 2 files.',
      'permset matrix: no matrix printed, fix the errors above first.',
    ]);
  });

  it('reports a missing directory as errors, not a crash', () => {
    const r = run(['no/such/dir']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no/such/dir:1:1 error file-unreadable 'no/such/dir' does not exist.");
    expect(r.stderr).not.toContain('missing-catalog');
  });

  it('prints its usage with --help', () => {
    expect(run(['--help'])).toEqual({ code: 0, stdout: MATRIX_USAGE + '\n', stderr: '' });
  });

  it.each([
    [['--format', 'xml'], "--format must be md, html, csv or json, not 'xml'"],
    [['--layout', 'tall', '--format', 'csv'], "--layout must be wide or long, not 'tall'"],
    [['--layout', 'long'], '--layout applies to --format csv only, not md'],
    [['a', 'b'], 'matrix takes one directory, got 2: a b'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--sets', 'manager-restricted,manger'], "--sets: Unknown permission set 'manger'. Did you mean 'manager'?"],
    [
      ['--sets', 'staf,mnager'],
      "--sets: Unknown permission set 'staf'. Did you mean 'staff'? Unknown permission set 'mnager'. Did you mean 'manager'?",
    ],
    [['--sets', 'admin,,staff'], '--sets: Empty set id in the list (two commas in a row, or a comma at an end?).'],
    [['--sets', ''], '--sets: Empty set id in the list (two commas in a row, or a comma at an end?).'],
  ])('exits 2 on a usage error: %j', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // (Node's own message for an unknown option goes on with advice; the rest are ours, whole.)
    expect(args[0] === '--bogus' ? r.stderr.slice(0, `permset matrix: ${message}`.length) + '\n' : r.stderr).toBe(
      `permset matrix: ${message}\n`,
    );
  });
});
