import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { git } from '../helpers/fixture-repo.js';
import { REPO } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { runComposite, type ActionManifest, type GithubContext } from './composite-runner.js';

// The GitHub Action (action.yml) run as far as this machine allows: its `if`s and expressions
// evaluated with GitHub's expression library, its bash steps run for real on a project written
// by `permset init`, with the inputs the workflows in this repository pass, on a push and on a
// pull request. `gh` and `npm` are stand-ins on PATH that record their arguments (the real ones
// need GitHub and the registry); `uses:` steps are checked for the inputs they would get.

const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as ActionManifest;
const CLI = join(REPO, 'packages/compiler/bin/permset.js');

/** The `with:` of the step that uses the action in a workflow file. */
function workflowInputs(file: string, uses: string): Record<string, string> {
  const workflow = parse(readFileSync(file, 'utf8')) as {
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
  };
  const step = Object.values(workflow.jobs)
    .flatMap((j) => j.steps)
    .find((s) => s.uses === uses);
  if (!step) throw new Error(`${file} has no step that uses ${uses}`);
  return Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]));
}

const INIT_WORKFLOW = join(REPO, 'packages/compiler/templates/common/.github/workflows/permset.yml');

/** A repository with a project `permset init` wrote, committed on main (also as origin/main). */
function initRepository(): { dir: string; bin: string; log: string } {
  const dir = tempDir('permset-action-');
  const project = join(dir, 'repo');
  mkdirSync(project);
  permset(project, 'init');
  git(project, 'init', '-q', '-b', 'main');
  git(project, 'add', '.');
  git(project, 'commit', '-q', '-m', 'permset init');
  git(project, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  // Stand-ins for gh and npm: each call is a line of the log (`npm` makes the bin it installs).
  const bin = join(dir, 'bin');
  const log = join(dir, 'calls.log');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'gh'),
    `#!/usr/bin/env bash\necho "gh $*" >> ${log}\nfor a in "$@"; do [ -f "$a" ] && cp "$a" ${join(dir, 'comment.md')}; done\nexit 0\n`,
  );
  writeFileSync(
    join(bin, 'npm'),
    // It makes the bin only inside the test's folder, never in the repository it is run from.
    `#!/usr/bin/env bash\necho "npm $* (in $PWD)" >> ${log}\nprefix="$PWD"; [ "$2" = --prefix ] && prefix="$3"\n` +
      `case "$prefix" in ${dir}/*) mkdir -p "$prefix/node_modules/.bin" && ln -sf ${CLI} "$prefix/node_modules/.bin/permset";; esac\n`,
  );
  chmodSync(join(bin, 'gh'), 0o755);
  chmodSync(join(bin, 'npm'), 0o755);
  return { dir: project, bin, log };
}

function permset(cwd: string, ...args: string[]) {
  return execFileSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
}

function github(event: 'push' | 'pull_request'): GithubContext {
  return {
    event_name: event,
    base_ref: event === 'pull_request' ? 'main' : '',
    repository: 'acme/app',
    token: 'ghs_test',
    action_path: REPO,
    event: event === 'pull_request' ? { pull_request: { number: 7 } } : {},
  };
}

function run(repo: { dir: string; bin: string }, event: 'push' | 'pull_request', inputs: Record<string, string>) {
  const runnerTemp = join(repo.dir, '..', 'runner-temp');
  return {
    runnerTemp,
    ...runComposite(action, {
      workspace: repo.dir,
      with: inputs,
      github: github(event),
      runnerTemp,
      env: { PATH: `${repo.bin}:${process.env['PATH']}`, HOME: repo.dir },
    }),
  };
}

const readLog = (log: string) => {
  try {
    return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

// Each case starts permset several times as a child process; on a loaded 2-core machine that is
// tens of seconds.
describe('action.yml', { timeout: 240_000 }, () => {
  it('names no permission of the shipped example', () => {
    const text =
      readFileSync(join(REPO, 'action.yml'), 'utf8') +
      ['install-permset.sh', 'run-ci.sh', 'comment-diff.sh']
        .map((f) => readFileSync(join(REPO, 'action', f), 'utf8'))
        .join('');
    const catalog = readFileSync(join(REPO, 'policies/catalog.yaml'), 'utf8');
    const permissions = [...catalog.matchAll(/^ {6}([a-z_]+\.[a-z_.]+):/gm)].map((m) => m[1]!);
    expect(permissions.length).toBeGreaterThan(50);
    for (const p of permissions) expect(text, p).not.toContain(p);
  });

  it('on a push, with the inputs of the workflow permset init writes: installs, checks the format, runs ci without a diff, uploads SARIF', () => {
    const repo = initRepository();
    mkdirSync(join(repo.dir, 'node_modules/.bin'), { recursive: true });
    symlinkSync(CLI, join(repo.dir, 'node_modules/.bin/permset'));
    const r = run(repo, 'push', workflowInputs(INIT_WORKFLOW, 'permset/permset@main'));
    expect(r.failed).toBe(false);
    expect(r.steps.map((s) => [s.name, s.ran, s.exitCode])).toEqual([
      ['Set up Node.js', true, undefined],
      ['Install permset', true, 0],
      ['permset fmt --check', true, 0],
      ['permset ci', true, 0],
      ['Upload SARIF', true, undefined],
      ['Access diff as a pull-request comment', false, undefined],
    ]);
    expect(r.steps[0]!.with).toEqual({ 'node-version': '20' });
    expect(r.steps[1]!.stdout).toBe(
      `Using ${permset(repo.dir, '--version').trim()} from ${repo.dir}/node_modules/.bin/permset\n`,
    );
    const ci = r.steps[3]!;
    const reports = join(r.runnerTemp, 'permset-reports');
    expect(ci.stdout.split('\n')[0]).toBe(
      `permset ci policies --json ${reports}/permset-ci.json --junit ${reports}/permset-junit.xml --sarif ${reports}/permset.sarif --max-warnings 0`,
    );
    expect(ci.stdout).toContain('10 passed, 0 failed');
    expect(ci.outputs).toEqual({
      base: '',
      'exit-code': '0',
      json: `${reports}/permset-ci.json`,
      junit: `${reports}/permset-junit.xml`,
      sarif: `${reports}/permset.sarif`,
    });
    expect(r.steps[4]!.with).toEqual({ sarif_file: `${reports}/permset.sarif`, category: 'permset' });
    expect(JSON.parse(readFileSync(`${reports}/permset.sarif`, 'utf8')).version).toBe('2.1.0');
    expect(r.outputs).toEqual({
      'exit-code': '0',
      json: `${reports}/permset-ci.json`,
      junit: `${reports}/permset-junit.xml`,
      sarif: `${reports}/permset.sarif`,
    });
    expect(readLog(repo.log)).toEqual([]);
  });

  it('on a pull request that gives a set new access: the gain gate fails the run, SARIF is uploaded and the diff is posted', () => {
    const repo = initRepository();
    mkdirSync(join(repo.dir, 'node_modules/.bin'), { recursive: true });
    symlinkSync(CLI, join(repo.dir, 'node_modules/.bin/permset'));
    git(repo.dir, 'checkout', '-q', '-b', 'editors-manage-members');
    writeFileSync(
      join(repo.dir, 'policies/sets/system/editor.yaml'),
      readFileSync(join(repo.dir, 'policies/sets/system/editor.yaml'), 'utf8') + '  projects.members.manage: member\n',
    );
    permset(repo.dir, 'test', '--update-snapshot');
    git(repo.dir, 'commit', '-q', '-am', 'editors manage members');

    const r = run(repo, 'pull_request', workflowInputs(INIT_WORKFLOW, 'permset/permset@main'));
    expect(r.failed).toBe(true);
    expect(r.steps.map((s) => [s.name, s.ran, s.exitCode])).toEqual([
      ['Set up Node.js', true, undefined],
      ['Install permset', true, 0],
      ['permset fmt --check', true, 0],
      ['permset ci', true, 1],
      ['Upload SARIF', true, undefined],
      ['Access diff as a pull-request comment', true, 0],
    ]);
    const reports = join(r.runnerTemp, 'permset-reports');
    expect(r.steps[3]!.stdout.split('\n')[0]).toBe(
      `permset ci policies --json ${reports}/permset-ci.json --junit ${reports}/permset-junit.xml --sarif ${reports}/permset.sarif --base origin/main --fail-on gain --allow .github/permset-allowlist.yaml --max-warnings 0`,
    );
    expect(r.steps[3]!.outputs['exit-code']).toBe('1');
    expect(r.outputs['exit-code']).toBe('1');
    expect(readLog(repo.log)).toEqual([`gh pr comment 7 --body-file ${reports}/permset-diff.md --edit-last`]);
    const comment = readFileSync(join(repo.dir, '..', 'comment.md'), 'utf8');
    expect(comment).toContain('projects.members.manage');
    expect(comment).toContain('editor');
    // In a CI log, permset diff's only line on stderr is the time it took.
    expect(r.steps[5]!.stderr).toMatch(
      /^permset diff: \d+\.\d\d s \(compile \d+\.\d\d s, check \d+\.\d\d s, diff \d+\.\d\d s\)\n$/,
    );
  });

  it('on a pull request that changes no access: passes and posts "no access changes"', () => {
    const repo = initRepository();
    mkdirSync(join(repo.dir, 'node_modules/.bin'), { recursive: true });
    symlinkSync(CLI, join(repo.dir, 'node_modules/.bin/permset'));
    git(repo.dir, 'checkout', '-q', '-b', 'docs');
    const viewer = join(repo.dir, 'policies/sets/system/viewer.yaml');
    writeFileSync(
      viewer,
      readFileSync(viewer, 'utf8').replace(
        'description: Sees the projects they are a member of.',
        'description: Sees the projects they belong to.',
      ),
    );
    git(repo.dir, 'commit', '-q', '-am', 'wording');
    const r = run(repo, 'pull_request', workflowInputs(INIT_WORKFLOW, 'permset/permset@main'));
    expect(r.failed).toBe(false);
    expect(r.outputs['exit-code']).toBe('0');
    expect(readFileSync(join(repo.dir, '..', 'comment.md'), 'utf8')).toContain('No access changes');
  });

  it("with this repository's example workflow's inputs, on the shipped policies (push and pull request)", () => {
    const inputs = workflowInputs(join(REPO, '.github/workflows/policies.yml'), './');
    expect(inputs).toEqual({
      policies: 'policies',
      'fail-on': 'gain',
      allowlist: '.github/intended-access-changes.yaml',
      'node-version': '',
    });
    for (const event of ['push', 'pull_request'] as const) {
      const repo = initRepository();
      // The repository's own policies and allowlist instead of the starter's.
      git(repo.dir, 'rm', '-rq', 'policies');
      mkdirSync(join(repo.dir, '.github'), { recursive: true });
      writeFileSync(
        join(repo.dir, '.github/intended-access-changes.yaml'),
        readFileSync(join(REPO, '.github/intended-access-changes.yaml')),
      );
      permset(repo.dir, 'init', 'scratch', '--example', 'productive');
      renameSync(join(repo.dir, 'scratch/policies'), join(repo.dir, 'policies'));
      git(repo.dir, 'add', '.');
      git(repo.dir, 'commit', '-q', '-m', 'productive');
      git(repo.dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
      mkdirSync(join(repo.dir, 'node_modules/.bin'), { recursive: true });
      symlinkSync(CLI, join(repo.dir, 'node_modules/.bin/permset'));
      const r = run(repo, event, inputs);
      expect({ event, failed: r.failed, steps: r.steps.map((s) => [s.name, s.ran, s.exitCode]) }).toEqual({
        event,
        failed: false,
        steps: [
          ['Set up Node.js', false, undefined],
          ['Install permset', true, 0],
          ['permset fmt --check', true, 0],
          ['permset ci', true, 0],
          ['Upload SARIF', true, undefined],
          ['Access diff as a pull-request comment', event === 'pull_request', event === 'pull_request' ? 0 : undefined],
        ],
      });
    }
  });

  describe('install step', () => {
    const install = action.runs.steps.find((s) => s.id === 'install')!;
    const onlyInstall: ActionManifest = { ...action, runs: { ...action.runs, steps: [install] } };

    function installIn(setup: (dir: string) => void, inputs: Record<string, string> = {}) {
      const repo = initRepository();
      setup(repo.dir);
      const runnerTemp = join(repo.dir, '..', 'runner-temp');
      const r = runComposite(onlyInstall, {
        workspace: repo.dir,
        with: inputs,
        github: github('push'),
        runnerTemp,
        env: { PATH: `${repo.bin}:${process.env['PATH']}`, HOME: repo.dir },
      });
      return { ...r, calls: readLog(repo.log), dir: repo.dir, runnerTemp };
    }

    it('runs npm ci when package.json lists @permset/compiler (and a lock file is there)', () => {
      const r = installIn((dir) => {
        writeFileSync(
          join(dir, 'package.json'),
          JSON.stringify({ devDependencies: { '@permset/compiler': '^0.1.0' } }),
        );
        writeFileSync(join(dir, 'package-lock.json'), '{}');
      });
      expect(r.failed).toBe(false);
      expect(r.calls).toEqual([`npm ci --no-audit --no-fund (in ${r.dir})`]);
      expect(r.steps[0]!.outputs).toEqual({ permset: `${r.dir}/node_modules/.bin/permset` });
    });

    it('installs the `version` input from the registry into the runner temp folder otherwise', () => {
      const r = installIn(() => {}, { version: '0.1.0' });
      expect(r.calls).toEqual([
        `npm install --prefix ${r.runnerTemp}/permset-cli --no-save --no-audit --no-fund @permset/compiler@0.1.0 (in ${r.dir})`,
      ]);
      expect(r.steps[0]!.outputs).toEqual({ permset: `${r.runnerTemp}/permset-cli/node_modules/.bin/permset` });
    });

    it("builds permset from the action's own checkout when nothing else provides it", () => {
      const r = installIn(() => {});
      expect(r.calls).toEqual([
        `npm ci --no-audit --no-fund --ignore-scripts (in ${REPO})`,
        `npm run build (in ${REPO})`,
      ]);
      expect(r.steps[0]!.outputs).toEqual({ permset: `${REPO}/packages/compiler/bin/permset.js` });
    });
  });

  it('tells how to fix a shallow checkout that lacks the base', () => {
    const repo = initRepository();
    mkdirSync(join(repo.dir, 'node_modules/.bin'), { recursive: true });
    symlinkSync(CLI, join(repo.dir, 'node_modules/.bin/permset'));
    git(repo.dir, 'update-ref', '-d', 'refs/remotes/origin/main');
    const r = run(repo, 'pull_request', workflowInputs(INIT_WORKFLOW, 'permset/permset@main'));
    const ci = r.steps.find((s) => s.name === 'permset ci')!;
    expect(ci.exitCode).toBe(2);
    expect(ci.stdout).toBe(
      "::error title=permset::The base revision 'origin/main' is not in this checkout. Check out with 'fetch-depth: 0' (actions/checkout) so the diff can read it.\n",
    );
    expect(r.steps.find((s) => s.name === 'Upload SARIF')!.ran).toBe(false);
  });
});
