import type { Explanation } from '../../emit/index.js';
import { buildPolicyModel } from '../../policy-model/index.js';
import { compileFolder, loadEvaluator } from '../../project/index.js';
import { ExitCode, UsageError } from '../cli-io.js';
import { defineCommand } from '../command-table.js';
import { safeText, type Style } from '../output/terminal.js';
import { printDiagnostics } from './print-diagnostics.js';

/** The help text of `permset explain` (also printed with a usage error). */
export const EXPLAIN_USAGE = `Usage: permset explain SET PERMISSION [DIR] [options]

Explains whether a user with permission set SET may use PERMISSION on a resource: which set
grants it and through which chain (with file:line), every scope condition and 'when' clause
evaluated on the request with its values, and for a deny, what would allow it.

Options:
  --dir DIR             The policy folder (default: policies); or give it as DIR.
  --subject JSON        The subject's attributes, e.g. '{"id":"u1","can_access_budgets":true}'.
                        Its set is SET.
  --resource JSON       The resource, e.g. '{"members":["u1"]}'. Its type defaults to the
                        permission's resource type.
  --context JSON        The request context, e.g. '{"plan":"professional"}'.
  --format human|json   Output format (default: human). json prints the evaluator's
                        Explanation object (docs/evaluator.md).
  --no-color            Never colour the output.
  -h, --help            Show this help.

Exit status: 0 when the request was explained (allowed or denied: see the output), 1 when the
policies have errors, 2 for a usage error.`;

/**
 * `permset explain`: compiles the policies, generates their evaluator and prints what its
 * `explain()` returns, so the command shows exactly what the shipped evaluator decides.
 */
export const explainCommand = defineCommand({
  name: 'explain',
  synopsis: 'explain SET PERMISSION [DIR]',
  summary: 'Explain a decision: the granting chain, each condition, what is missing.',
  help: EXPLAIN_USAGE,
  dirAt: 2,
  options: {
    subject: { type: 'string' },
    resource: { type: 'string' },
    context: { type: 'string' },
    format: { type: 'string', default: 'human', choices: ['human', 'json'] },
  },
  async run({ values, args, dir, style, io }) {
    if (args.length !== 2)
      throw new UsageError(
        `explain takes a set and a permission, got ${args.length} argument${args.length === 1 ? '' : 's'}`,
      );
    const [set, permission] = args as [string, string];
    const subjectAttrs = jsonObject('--subject', values.subject);
    if ('set' in subjectAttrs && subjectAttrs['set'] !== set)
      throw new UsageError(
        `--subject sets "set" to ${JSON.stringify(subjectAttrs['set'])}, but the set to explain is '${set}'`,
      );
    const resourceAttrs = values.resource === undefined ? undefined : jsonObject('--resource', values.resource);
    const context = values.context === undefined ? undefined : jsonObject('--context', values.context);

    const { result } = compileFolder(io, dir);
    if (result.hasErrors) {
      printDiagnostics(result, io, { noColor: values['no-color'] });
      io.stderr('permset explain: fix the errors above first.\n');
      return ExitCode.Failure;
    }
    const evaluator = await loadEvaluator(buildPolicyModel(result));
    const type = evaluator.resourceTypeOf(permission);
    const resource = type === null ? resourceAttrs : { type, ...resourceAttrs };
    const explanation = evaluator.explain({ ...subjectAttrs, set }, permission, resource, context);
    io.stdout(
      values.format === 'json' ? JSON.stringify(explanation, null, 2) + '\n' : formatExplanation(explanation, style),
    );
    return ExitCode.Ok;
  },
});

function jsonObject(option: string, text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${option} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${option} must be a JSON object, like '{"id":"u1"}'`);
  return value as Record<string, unknown>;
}

/** An explanation for people: the verdict, the grant and its chain, each condition, what is missing. */
export function formatExplanation(ex: Explanation, style: Style): string {
  const t = safeText;
  const mark = (r: boolean | 'error') =>
    r === true ? style.green('✔') : r === 'error' ? style.yellow('!') : style.red('✘');
  const lines: string[] = [];
  const verdict = ex.decision ? style.green(style.bold('ALLOWED')) : style.red(style.bold('DENIED'));
  lines.push(`${verdict} ${style.dim(`(${ex.reason})`)} ${t(ex.message.replace(/^(Allowed|Denied): /, ''))}`);
  const g = ex.grant;
  if (g) {
    lines.push('', style.bold('Grant'));
    lines.push(
      `  ${t(g.permission)}: ${g.scopes.map((s) => t(s.when ? `${s.scope} when ${s.when}` : s.scope)).join(', ')}`,
    );
    lines.push(`  chain    ${t(g.chain)}`);
    lines.push(
      `  granted  by ${g.source.kind} ${t(g.source.id)} (${t(g.source.key)}) at ${style.cyan(t(`${g.source.file}:${g.source.line}:${g.source.column}`))}`,
    );
    for (const v of g.via)
      lines.push(`  via      ${t(v.from)} ${v.kind} ${t(v.to)} at ${style.cyan(t(`${v.file}:${v.line}:${v.column}`))}`);
    if (g.restricted) {
      const was = g.restricted.from.map((s) => s.scope).join(', ');
      lines.push(
        `  narrowed by restrict: ${t(g.restricted.scope)} in ${t(g.restricted.set)} at ${style.cyan(t(`${g.restricted.file}:${g.restricted.line}:${g.restricted.column}`))} (was ${t(was)})`,
      );
    }
  }
  if (ex.scopes.length) {
    lines.push('', style.bold('Scopes'));
    for (const [term, s] of ex.scopes.entries()) {
      lines.push(
        `  ${mark(s.applies)} ${t(s.scope)} ${style.dim('—')} ${t(s.label)}${s.applies ? '' : style.dim(' (does not apply)')}`,
      );
      for (const e of ex.evaluations.filter((e) => e.term === term)) {
        const what = e.kind === 'grant' ? 'when ' : e.from === s.scope ? '' : `${e.from}: `;
        const result = e.result === 'error' ? 'error' : String(e.result);
        lines.push(
          `      ${mark(e.result)} ${t(what + (e.condition ?? '(no condition)'))} ${style.dim('→')} ${result}: ${t(e.detail)}`,
        );
      }
    }
  }
  if (ex.suggestions.length) {
    lines.push('', style.bold(ex.reason === 'conditions-false' ? 'What is missing' : 'Hints'));
    for (const s of ex.suggestions) lines.push(`  • ${t(s)}`);
  }
  return lines.join('\n') + '\n';
}
