import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const DOC = readFileSync(join(REPO, 'docs/custom-sets.md'), 'utf8');
const BIN = join(REPO, 'packages/compiler/dist/cli/bin.js');

/** The fenced blocks of a language in docs/custom-sets.md. */
function blocks(lang: string): string[] {
  return [...DOC.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

// Every snippet and command docs/custom-sets.md shows is run here, as written.
describe('docs/custom-sets.md', () => {
  it('the JavaScript example runs against a fresh build and each commented value is what it returns', () => {
    const dir = tempDir('permset-custom-sets-doc-');
    execFileSync(process.execPath, [BIN, 'build', join(REPO, 'policies'), '--out', join(dir, 'dist')], { cwd: dir });
    const [js] = blocks('js');
    // Each statement line with a `// value` comment becomes an assertion of that value.
    const lines: string[] = [];
    let statement = '';
    for (const line of js!.split('\n')) {
      const [code, comment] = line.split(/;\s*\/\/ /);
      statement += (statement ? '\n' : '') + (comment === undefined ? line : code);
      if (comment === undefined) {
        if (
          !statement.trim() ||
          /[,({[]$/.test(statement.trim()) ||
          statement.trim().startsWith('{') ||
          /^\s/.test(line)
        )
          continue;
        lines.push(statement);
        statement = '';
        continue;
      }
      const expected = comment.split(':')[0]!.trim();
      lines.push(
        `{ const got = ${statement.trim()}; const want = ${expected}; if (JSON.stringify(got) !== JSON.stringify(want)) { console.error('MISMATCH', ${JSON.stringify(statement.trim())}, JSON.stringify(got)); process.exit(1); } }`,
      );
      statement = '';
    }
    if (statement.trim()) lines.push(statement);
    writeFileSync(join(dir, 'example.mjs'), lines.join('\n') + "\nconsole.log('checked');\n");
    expect(
      execFileSync(process.execPath, ['--disallow-code-generation-from-strings', 'example.mjs'], {
        cwd: dir,
        encoding: 'utf8',
      }).trim(),
    ).toBe('checked');
  }, 120_000);

  it('the commands print what the page shows and exit as it says', async () => {
    const [sh] = blocks('sh');
    const commands = sh!.split('\n').filter((l) => l.startsWith('permset '));
    const shown = sh!
      .split('\n')
      .filter((l) => l.startsWith('# '))
      .map((l) => l.slice(2));
    expect(commands).toHaveLength(2);
    const check = await runCli(commands[0]!.split(' ').slice(1), { cwd: REPO });
    expect(check.code).toBe(1);
    expect(check.stdout.trim().split('\n')).toEqual(shown);
    const preview = await runCli(commands[1]!.split(' ').slice(1), { cwd: REPO });
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('Regional lead (regional-lead)');
    expect(preview.stdout).toContain('custom set · seat Employee (paid) · extends staff');
    const json = await runCli([...commands[0]!.split(' ').slice(1), '--format', 'json'], { cwd: REPO });
    expect(JSON.parse(json.stdout)).toEqual([
      {
        code: 'unknown-permission',
        severity: 'error',
        message: "Unknown permission 'deals.veiw'. Did you mean 'deals.view'?",
        set: 'deal-desk',
        path: '/1/grants/deals.veiw',
        fix: {
          title: "Replace with 'deals.view'",
          patch: [{ op: 'move', from: '/1/grants/deals.veiw', path: '/1/grants/deals.view' }],
        },
      },
    ]);
    const escalation = await runCli(
      ['check', '--custom-sets', 'docs/examples/custom-sets.json', '--grantor', 'staff'],
      { cwd: REPO },
    );
    expect(escalation.stdout).toContain(
      "error exceeds-grantor Set 'regional-lead' grants 'absence.bookings.view' (subsidiary), more than the grantor's set 'staff' can do",
    );
    const broken = await runCli(['preview', 'deal-desk', '--custom-sets', 'docs/examples/custom-sets.json'], {
      cwd: REPO,
    });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("permset preview: 'deal-desk' has errors");
  });
});
