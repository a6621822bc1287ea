import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { git, makeFixtureRepo, removeTemporaryFolders } from '../../helpers/fixture-repo.js';

// `permset ci --base REV` runs the same diff as `permset diff REV` (see diff-command.test.ts for
// the diff itself) and adds its gates to the CI report. The working tree is checked out at r2.
let repo: string;

beforeAll(() => {
  repo = makeFixtureRepo();
  git(repo, 'checkout', '-q', 'r2');
});
afterAll(removeTemporaryFolders);

async function ci(args: string[], env: Record<string, string> = {}) {
  const files = new Map<string, string | Uint8Array>();
  const r = await runCli(['ci', 'policies', '--json', 'out/ci.json', ...args], { cwd: repo, env, files });
  const json = files.has('out/ci.json') ? JSON.parse(files.get('out/ci.json') as string) : undefined;
  return { ...r, json };
}

describe('permset ci --base', () => {
  it('adds the diff and its gates to the report and exits 1 when a gate trips', async () => {
    const r = await ci(['--base', 'r1', '--fail-on', 'gain:cost_rates.*']);
    expect(r.code).toBe(1);
    expect(r.json.diff.summary).toBe(
      '9 sets changed (1 added, 1 removed, 1 renamed, 1 re-based) · 18 cells: 12 gained, 3 lost, 2 widened, 1 narrowed · 5 flagged for review',
    );
    expect(r.json.diff.result.summary.cells).toEqual({
      total: 18,
      gain: 12,
      loss: 3,
      widen: 2,
      narrow: 1,
      change: 0,
      condition: 0,
    });
    expect(r.json.gates).toEqual([
      { name: 'diff --fail-on gain:cost_rates.*', tripped: true, detail: '1 unallowed change' },
    ]);
    expect(
      r.json.diff.result.gates.tripped.map((h: { set: string; permission: string }) => `${h.set} ${h.permission}`),
    ).toEqual(['team-lead cost_rates.view']);
    expect(r.json.exitCode).toBe(1);
    expect(r.stdout).toContain('permset diff r1');
    expect(r.stdout).toContain('✖ gate diff --fail-on gain:cost_rates.*: 1 unallowed change');
  });

  it('passes when no gate trips, and writes the diff as Markdown to the GitHub job summary', async () => {
    let summary = '';
    const r = await runCli(['ci', 'policies', '--base', 'r1'], {
      cwd: repo,
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '/summary.md' },
      appendFile: (path, content) => {
        expect(path).toBe('/summary.md');
        summary += content;
      },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('permset diff r1');
    expect(summary).toContain('| diff | 9 sets changed (1 added, 1 removed, 1 renamed, 1 re-based)');
    expect(summary).toMatch(/team-lead[\s\S]*cost_rates\.view/);
  });

  it('annotates each line that makes a gate trip on GitHub Actions; a loss with no HEAD line points at BASE’s line', async () => {
    const r = await ci(['--base', 'r1', '--fail-on', 'gain:cost_rates.*', '--fail-on', 'loss:reports.*'], {
      GITHUB_ACTIONS: 'true',
    });
    expect(r.code).toBe(1);
    const base = `r1 (${git(repo, 'rev-parse', '--short=7', 'r1').trim()})`;
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error') && l.includes('permset diff'))).toEqual([
      '::error file=policies/sets/team-lead.yaml,line=7,col=3,title=permset diff%3A 1 unallowed access change::--fail-on gain:cost_rates.*: team-lead gains cost_rates.view (gain)%0AIf the change is intended, add it to the allowlist (--allow) with a reason.',
      '::error file=policies/fragments/reporting.yaml,line=5,col=3,title=permset diff%3A 1 unallowed access change::--fail-on loss:reports.*: team-lead narrows reports.view (narrow)%0AIf the change is intended, add it to the allowlist (--allow) with a reason.',
      `::error file=policies/fragments/reporting.yaml,line=6,col=3,title=permset diff%3A 1 unallowed access change::--fail-on loss:reports.*: team-lead loses reports.export (loss)%0AThis line is from BASE (${base}): it granted the access, and HEAD no longer does.%0AIf the change is intended, add it to the allowlist (--allow) with a reason.`,
    ]);
  });

  it('prints no gate annotations off GitHub Actions', async () => {
    const r = await ci(['--base', 'r1', '--fail-on', 'gain:cost_rates.*']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('::error');
  });

  it('reports a revision git does not know as a usage error (exit 2) before checking anything', async () => {
    const r = await ci(['--base', 'no-such-rev']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^permset ci: .*no-such-rev/);
    expect(r.stdout).toBe('');
    expect(r.json).toBeUndefined();
  });

  it('rejects a malformed gate before checking anything', async () => {
    const r = await ci(['--base', 'r1', '--fail-on', 'foo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^permset ci: --fail-on takes gain, loss or change/);
    expect(r.stdout).toBe('');
  });

  it('rejects a gate whose pattern matches no permission, with a suggestion', async () => {
    const r = await ci(['--base', 'r1', '--fail-on', 'gain:cost_rate.*']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "permset ci: --fail-on gain:cost_rate.*: 'cost_rate.*' matches no permission of BASE or HEAD, so this gate could never trip. Did you mean 'cost_rates.*'?",
    );
    expect(r.json).toBeUndefined();
  });

  it('rejects an allowlist entry naming a permission neither side has (exit 2, with its position), as diff does', async () => {
    writeFileSync(
      join(repo, 'stale-allow.yaml'),
      '- { set: team-lead, permission: cost_rates.veiw, change: gain, reason: typo }\n',
    );
    const r = await ci(['--base', 'r1', '--fail-on', 'gain', '--allow', 'stale-allow.yaml', '--max-warnings', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "permset ci: the allowlist names what exists in neither BASE nor HEAD, so this entry could never allow a change:\n  stale-allow.yaml:1:33: there is no permission 'cost_rates.veiw' in BASE or HEAD. Did you mean 'cost_rates.view'?\n",
    );
    expect(r.json).toBeUndefined();
  });
});
