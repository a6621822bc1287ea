import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../../helpers/cli.js';

/** The set the test edits, relative to the workspace folder. */
export const TEAM_LEAD = 'policies/sets/custom/team-lead.yaml';

/** The line of the shipped team-lead set that the working tree misspells. */
const APPROVE = "  absence.approve: approver             # [INF] A-ABSAP: approvers approve their reports' requests\n";

/**
 * A git repository holding the shipped policies (committed; without their test suites), whose working tree then changes
 * `team-lead` twice without committing: `absence.approve` misspelt as `absence.aprove` (an
 * `unknown-permission` error with a did-you-mean fix) and a new grant `reports.view: all` (what
 * "Compare with HEAD" must report as a gain).
 */
export function writeWorkspace(dir: string, env: NodeJS.ProcessEnv): string {
  const ws = join(dir, 'workspace');
  mkdirSync(ws, { recursive: true });
  // The catalog and the sets, fragments and guards: everything the views show (test suites are
  // left out: they add nothing here, and a suite being written must not fail this test).
  for (const part of ['catalog.yaml', 'sets', 'fragments', 'guards'])
    cpSync(join(REPO, 'policies', part), join(ws, 'policies', part), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=permset e2e',
        '-c',
        'user.email=e2e@permset.invalid',
        '-c',
        'init.defaultBranch=main',
        '-c',
        'commit.gpgsign=false',
        ...args,
      ],
      { cwd: ws, env, stdio: 'pipe' },
    );
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'shipped policies');
  const file = join(ws, TEAM_LEAD);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(APPROVE)) throw new Error(`${TEAM_LEAD} no longer has the line the test edits:\n${APPROVE}`);
  writeFileSync(
    file,
    text.replace(
      APPROVE,
      APPROVE.replace('absence.approve: approver ', 'absence.aprove: approver  ') + '  reports.view: all\n',
    ),
  );
  return ws;
}
