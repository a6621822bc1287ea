import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';

/**
 * A local runner for a composite GitHub Action, as far as this machine allows: each step's `if`
 * and `${{ }}` expressions are evaluated with GitHub's own expression library, `run` steps are run
 * with bash as the runner runs them (`bash --noprofile --norc -eo pipefail`, `GITHUB_OUTPUT`,
 * `RUNNER_TEMP`, the step's env and working directory), and `uses` steps (other actions, which
 * need GitHub) are recorded with their evaluated inputs instead of run.
 */

/** One step of `runs.steps`. */
export interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  'working-directory'?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

/** action.yml, as far as the runner reads it. */
export interface ActionManifest {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

/** What happened to one step. */
export interface StepRun {
  name: string;
  /** `false` when its `if` was false. */
  ran: boolean;
  uses?: string;
  /** A `uses` step's inputs, evaluated. */
  with?: Record<string, string>;
  exitCode?: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** The event a run is for: the parts of the `github` context the action reads. */
export interface GithubContext {
  event_name: string;
  base_ref: string;
  repository: string;
  token: string;
  action_path: string;
  event: Record<string, unknown>;
}

export interface CompositeRun {
  steps: StepRun[];
  outputs: Record<string, string>;
  /** Whether the action failed (a `run` step exited non-zero). */
  failed: boolean;
}

/** Runs `action`'s steps in `workspace` with the workflow's `with` values as inputs. */
export function runComposite(
  action: ActionManifest,
  options: {
    workspace: string;
    with: Record<string, string>;
    github: GithubContext;
    runnerTemp: string;
    env?: Record<string, string>;
  },
): CompositeRun {
  const inputs: Record<string, string> = {};
  let failed = false;
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const context = () => ({
    github: options.github,
    inputs,
    steps,
    runner: { temp: options.runnerTemp, os: 'Linux' },
    env: {},
  });
  const status: FunctionDefinition[] = [
    { name: 'success', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(!failed) },
    { name: 'failure', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(failed) },
    { name: 'always', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) },
    { name: 'cancelled', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(false) },
  ];
  // Input defaults may themselves be expressions (`${{ github.token }}`).
  for (const [name, input] of Object.entries(action.inputs))
    inputs[name] = options.with[name] ?? interpolate(input.default ?? '', context(), status);
  for (const name of Object.keys(options.with))
    if (!(name in action.inputs)) throw new Error(`the workflow passes an input the action does not declare: ${name}`);

  const runs: StepRun[] = [];
  mkdirSync(options.runnerTemp, { recursive: true });
  action.runs.steps.forEach((step, i) => {
    const name = step.name ?? step.uses ?? `step ${i}`;
    const condition = step.if === undefined ? 'success()' : step.if.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1');
    if (!truthy(evaluate(condition, context(), status))) {
      runs.push({ name, ran: false, stdout: '', stderr: '', outputs: {} });
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      return;
    }
    if (step.uses) {
      const withValues = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), context(), status)]),
      );
      runs.push({ name, ran: true, uses: step.uses, with: withValues, stdout: '', stderr: '', outputs: {} });
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'success', conclusion: 'success' };
      return;
    }
    if (step.shell !== 'bash') throw new Error(`step '${name}': the runner knows shell: bash only`);
    const outputFile = join(options.runnerTemp, `output-${i}`);
    const script = join(options.runnerTemp, `step-${i}.sh`);
    writeFileSync(outputFile, '');
    writeFileSync(script, step.run ?? '');
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), context(), status)]),
    );
    const cwd = join(options.workspace, interpolate(step['working-directory'] ?? '.', context(), status));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      encoding: 'utf8',
      env: {
        ...options.env,
        ...env,
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: join(options.runnerTemp, 'summary.md'),
        RUNNER_TEMP: options.runnerTemp,
        GITHUB_ACTION_PATH: options.github.action_path,
      },
    });
    const outputs = parseOutputs(readFileSync(outputFile, 'utf8'));
    const exitCode = r.status ?? 1;
    if (exitCode !== 0) failed = true;
    runs.push({ name, ran: true, exitCode, stdout: r.stdout, stderr: r.stderr, outputs });
    if (step.id)
      steps[step.id] = {
        outputs,
        outcome: exitCode === 0 ? 'success' : 'failure',
        conclusion: exitCode === 0 ? 'success' : 'failure',
      };
  });
  const outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([k, o]) => [k, interpolate(o.value, context(), status)]),
  );
  return { steps: runs, outputs, failed };
}

function evaluate(expression: string, context: object, functions: FunctionDefinition[]): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const tree = new Parser(lexed.tokens, Object.keys(context), functions).parse();
  const values = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  return new Evaluator(tree, values, new Map(functions.map((f) => [f.name.toLowerCase(), f]))).evaluate();
}

function interpolate(text: string, context: object, functions: FunctionDefinition[]): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) =>
    evaluate(expression, context, functions).coerceString(),
  );
}

// `name=value` lines; the `name<<DELIMITER` form for multi-line values.
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
}
