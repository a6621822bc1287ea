import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { git } from '../diff/fixture-repo.js';

// The shipped example workflow must work as shipped, on both events it runs on: a push to main
// (no base, so no diff) and a pull request (diff against origin/main with the gates). Its
// `permset` steps are run in-process on a git repository of the shipped policies and allowlist,
// with the `${{ }}` expressions evaluated the way GitHub would.

interface Step {
  name?: string;
  run?: string;
}

const workflow = parse(readFileSync(join(REPO, '.github/workflows/policies.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

/** A step's command line for an event: GitHub's expressions evaluated, then split as a shell would (quotes, no globbing). */
function commandLine(step: Step, event: 'push' | 'pull_request'): string[] {
  const run = step.run!.replace(/\$\{\{\s*github\.event_name == 'pull_request' && format\('((?:[^']|'')*)', github\.base_ref\) \|\| ''\s*\}\}/g, (_, text: string) =>
    event === 'pull_request' ? text.replace(/''/g, "'").replace('{0}', 'main') : '',
  );
  expect(run, 'an expression the test does not evaluate').not.toContain('${{');
  return [...run.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

function repositoryOfShippedPolicies(): string {
  const dir = tempDir('permset-workflow-');
  cpSync(join(REPO, 'policies'), join(dir, 'policies'), { recursive: true });
  cpSync(join(REPO, '.github/intended-access-changes.yaml'), join(dir, '.github/intended-access-changes.yaml'));
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'policies');
  git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  return dir;
}

describe('the example workflow (.github/workflows/policies.yml)', () => {
  // The steps that are one permset command (the pull-request comment step is a script, below).
  const permsetSteps = steps.filter((s) => s.name?.startsWith('permset '));

  it('has the format and ci steps', () => {
    expect(permsetSteps.map((s) => s.name)).toEqual(['permset fmt --check', 'permset ci']);
  });

  it.each(['push', 'pull_request'] as const)('passes on the shipped policies on %s', async (event) => {
    const cwd = repositoryOfShippedPolicies();
    for (const step of permsetSteps) {
      const [npx, permset, ...args] = commandLine(step, event);
      expect([npx, permset]).toEqual(['npx', 'permset']);
      if (event === 'pull_request' && args[0] === 'ci') expect(args).toContain('--base');
      const files = new Map<string, string | Uint8Array>();
      const r = await runCli(args, { cwd, files });
      expect({ step: step.name, code: r.code, stderr: r.stderr }).toEqual({ step: step.name, code: 0, stderr: '' });
      if (args[0] === 'ci') expect([...files.keys()].sort()).toEqual(['permset-ci.json', 'permset-junit.xml', 'permset.sarif']);
    }
  });

  it('posts a diff that permset can make on a pull request', async () => {
    const step = steps.find((s) => s.name === 'Access diff as a pull-request comment')!;
    const line = step.run!.split('\n').find((l) => l.includes('npx permset diff'))!;
    const args = line.replace('${{ github.base_ref }}', 'main').replace(/\s*>.*$/, '').trim().split(/\s+/).slice(2);
    expect(args).toEqual(['diff', 'origin/main', '--format', 'md']);
    const r = await runCli(args, { cwd: repositoryOfShippedPolicies() });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('No access changes');
  });
});
