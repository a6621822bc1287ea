import { describe, expect, it } from 'vitest';
import { COMMANDS, loadCommands } from '../../../packages/compiler/src/cli/commands/index.js';
import { overview } from '../../../packages/compiler/src/cli/main.js';
import { REPO, runCli } from '../../helpers/cli.js';

// One command table: every command parses, checks and documents its options the same way.

describe('the command table', () => {
  it('lists the ten commands in `permset --help`, each with its synopsis', async () => {
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'init',
      'check',
      'build',
      'matrix',
      'fmt',
      'explain',
      'preview',
      'test',
      'diff',
      'ci',
    ]);
    expect((await loadCommands()).map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    const help = await runCli(['--help'], { cwd: REPO });
    expect(help).toEqual({ code: 0, stdout: overview(await loadCommands()) + '\n', stderr: '' });
    expect(help.stdout).toContain(
      '\n  explain SET PERMISSION [DIR]  Explain a decision: the granting chain, each condition, what is missing.\n',
    );
    expect(help.stdout).toContain('\n  diff BASE [HEAD]              Compare effective access');
  });

  it('prints a usage error as its message and one line pointing to --help, not the whole help', async () => {
    expect(await runCli(['check', '--format', 'xml'], { cwd: REPO })).toEqual({
      code: 2,
      stdout: '',
      stderr: "permset check: --format must be human or json, not 'xml'\nRun 'permset check --help' for the options.\n",
    });
    expect(await runCli(['diff', 'HEAD', '--bogus'], { cwd: REPO })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "permset diff: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\"\nRun 'permset diff --help' for the options.\n",
    });
    expect(await runCli(['frobnicate'], { cwd: REPO })).toEqual({
      code: 2,
      stdout: '',
      stderr: "permset: unknown command 'frobnicate'.\nRun 'permset --help' for the commands.\n",
    });
  });

  it('documents --dir, --no-color and --help in every command’s help', async () => {
    for (const command of await loadCommands()) {
      const r = await runCli([command.name, '--help'], { cwd: REPO });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(command.help + '\n');
      expect(r.stdout, command.name).toMatch(/\n {2}--dir DIR /);
      expect(r.stdout, command.name).toMatch(/\n {2}-h, --help /);
    }
  });

  it('takes the policy folder as an argument or as --dir, the same either way', async () => {
    const fixture = 'test/fixtures/check/16-unknown-permission/policies';
    const positional = await runCli(['check', fixture, '--format', 'json'], { cwd: REPO });
    expect(positional.code).toBe(1);
    expect(await runCli(['check', '--dir', fixture, '--format', 'json'], { cwd: REPO })).toEqual(positional);
    const shared = 'test/fixtures/explain/_shared/policies';
    const preview = await runCli(['preview', 'admin', shared, '--format', 'json'], { cwd: REPO });
    expect(preview.code).toBe(0);
    expect(await runCli(['preview', 'admin', '--dir', shared, '--format', 'json'], { cwd: REPO })).toEqual(preview);
    const explain = await runCli(['explain', 'admin', 'budgets.view', shared, '--format', 'json'], { cwd: REPO });
    expect(explain.code).toBe(0);
    expect(
      await runCli(['explain', 'admin', 'budgets.view', '--dir', shared, '--format', 'json'], { cwd: REPO }),
    ).toEqual(explain);
  });

  it('refuses a folder given twice, and too many arguments', async () => {
    expect((await runCli(['check', 'a', '--dir', 'b'], { cwd: REPO })).stderr).toBe(
      "permset check: the policy folder is given twice ('a' and --dir 'b'): give it once\nRun 'permset check --help' for the options.\n",
    );
    expect((await runCli(['explain', 'a', 'b', 'c', 'd'], { cwd: REPO })).stderr).toBe(
      "permset explain: explain takes SET PERMISSION [DIR], got 4 arguments: a b c d\nRun 'permset explain --help' for the options.\n",
    );
    // The same folder twice is not a conflict.
    expect((await runCli(['check', 'policies', '--dir', 'policies'], { cwd: REPO })).code).toBe(0);
  });
});
