import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import { XMLParser } from 'fast-xml-parser';
import { REPO, runCli } from '../../helpers/cli.js';

const FIX = join(REPO, 'test', 'fixtures', 'ci');
// ajv-draft-04 is CommonJS: the default import is its `module.exports`, whose `default` is the class.
const AjvDraft04 = AjvDraft04Module.default;
const sarifSchema = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'));

async function ci(project: string, args: string[] = [], env: Record<string, string> = {}) {
  const files = new Map<string, string | Uint8Array>();
  const r = await runCli(
    ['ci', 'policies', '--json', 'out/ci.json', '--junit', 'out/junit.xml', '--sarif', 'out/permset.sarif', ...args],
    {
      cwd: join(FIX, project),
      env,
      files,
    },
  );
  const text = (name: string) => files.get(`out/${name}`) as string;
  return {
    ...r,
    files,
    json: JSON.parse(text('ci.json')),
    junit: text('junit.xml'),
    sarif: JSON.parse(text('permset.sarif')),
  };
}

describe('permset ci', () => {
  it('passes a clean project with passing tests and writes every report', async () => {
    const r = await ci('01-clean');
    expect(r.code).toBe(0);
    expect(r.json.exitCode).toBe(0);
    expect(r.json.test.summary).toEqual({ passed: 3, failed: 0, skipped: 0 });
    expect(r.stdout).toContain('3 passed, 0 failed');
    expect(r.sarif.runs[0].results).toEqual([]);
  });

  it('exits 1 on policy errors, with SARIF that validates against the SARIF 2.1.0 schema', async () => {
    const r = await ci('02-errors');
    expect(r.code).toBe(1);
    expect(r.json.test).toBeUndefined();
    const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(sarifSchema);
    expect(validate(r.sarif), JSON.stringify(validate.errors)).toBe(true);
    const result = r.sarif.runs[0].results[0];
    expect(result).toMatchObject({
      ruleId: 'unknown-permission',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'policies/sets/staff.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 6, startColumn: 3, endLine: 6, endColumn: 15 },
          },
        },
      ],
    });
    expect(r.sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('unknown-permission');
    expect(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe('budgets.view');
  });

  it('exits 3 when a test fails and reports it in JUnit, parsed back', async () => {
    const r = await ci('03-failing-test');
    expect(r.code).toBe(3);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.junit);
    const suites = [xml.testsuites.testsuite].flat();
    // check (1) + three decisions + the snapshot (skipped: none committed)
    expect(xml.testsuites.tests).toBe('5');
    expect(xml.testsuites.skipped).toBe('1');
    expect(xml.testsuites.failures).toBe('1');
    const decisions = suites.find((s: { name: string }) => s.name === 'staff decisions');
    const cases = [decisions.testcase].flat();
    const failed = cases.find((c: { failure?: unknown }) => c.failure);
    expect(failed.name).toBe('staff decisions › staff sees every budget');
    expect(failed.file).toBe('policies/tests/t.yaml');
    expect(failed.failure.message).toBe('expected allow, got deny');
    expect(failed.failure['#text']).toContain('member');
    expect(r.stdout).toContain('2 passed, 1 failed');
  });

  it('prints GitHub annotations and appends a job summary on GitHub Actions', async () => {
    const files = new Map<string, string | Uint8Array>();
    let summary = '';
    const { main } = await import('../../../packages/compiler/src/cli/main.js');
    const { NodeFileSystem } = await import('../../../packages/compiler/src/node/index.js');
    let stdout = '';
    const code = await main(['ci', 'policies'], {
      stdout: (s) => (stdout += s),
      stderr: () => {},
      cwd: join(FIX, '03-failing-test'),
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '/summary.md' },
      isTTY: false,
      fs: new NodeFileSystem(),
      writeFile: (p, c) => files.set(p, c),
      appendFile: (p, c) => {
        expect(p).toBe('/summary.md');
        summary += c;
      },
    });
    expect(code).toBe(3);
    expect(stdout).toMatch(
      /^::error file=policies\/tests\/t\.yaml,line=\d+,title=permset test%3A staff decisions › staff sees every budget::expected allow, got deny\./m,
    );
    expect(summary).toContain('## ❌ permset: policies');
    expect(summary).toContain('| test | 2 passed, 1 failed');
    expect(summary).toContain('Failed tests');
  });

  it('annotates a differing snapshot on GitHub Actions and exits 3', async () => {
    const r = await ci('04-snapshot-differs', [], { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(
      '::error file=policies/access-matrix.snap.json,line=1,title=permset test%3A access-matrix snapshot::The effective access matrix differs from the snapshot in 1 cell. If the change is intended, run permset test --update-snapshot and commit the file.\n',
    );
    expect(r.junit).toContain('the access matrix differs from policies/access-matrix.snap.json');
  });

  it('gates on warnings and coverage', async () => {
    const r = await ci('01-clean', ['--min-coverage', '100']);
    expect(r.code).toBe(1);
    expect(r.json.gates).toEqual([
      {
        name: 'min-coverage',
        tripped: true,
        detail: expect.stringMatching(/% of cells covered, at least 100% required$/),
      },
    ]);
    expect((await ci('01-clean', ['--min-coverage', '10'])).code).toBe(0);
  });

  it('rejects bad options with exit 2', async () => {
    const r = await runCli(['ci', '--min-coverage', '120'], { cwd: REPO });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--min-coverage takes a percentage');
  });
});
