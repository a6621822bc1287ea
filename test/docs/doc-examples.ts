import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How an example is checked, from an HTML comment on the line right before its fence:
 * `<!-- permset-example: with=policies/sets expect=unknown-permission -->`.
 *
 * - `name=NAME`: other examples can use this one as a companion (`with=#NAME`);
 * - `with=PATH,…`: companion files or folders (repository-relative), or named examples (`#NAME`),
 *   compiled with the example;
 * - `expect=CODE,…`: the example shows these diagnostics on purpose (each must be reported for the
 *   example, and nothing else may be);
 * - `skip reason="…"`: not checked, for a reason that says why.
 */
export interface ExampleDirective {
  name?: string;
  with: string[];
  expect: string[];
  skip?: string;
}

/** One ```yaml fenced block of a Markdown file. */
export interface DocExample {
  /** Repository-relative Markdown file. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  text: string;
  directive: ExampleDirective;
  /** A malformed directive: the test reports it rather than guessing. */
  directiveProblem?: string;
}

const DIRECTIVE = /^<!--\s*permset-example:(.*?)-->\s*$/;

/** Every ```yaml / ```yml block of `file` (repository-relative, under `root`), with its directive. */
export function yamlExamples(root: string, file: string): DocExample[] {
  const lines = readFileSync(join(root, file), 'utf8').split(/\r?\n/);
  const out: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*ya?ml\b/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trimStart().startsWith(fence!); j++)
      body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!);
    const before = lines
      .slice(0, i)
      .reverse()
      .find((l) => l.trim() !== '');
    const match = before !== undefined ? DIRECTIVE.exec(before.trim()) : null;
    const parsed = match ? parseDirective(match[1]!) : { directive: { with: [], expect: [] } };
    out.push({ file, line: i + 1, text: body.join('\n') + '\n', ...parsed });
    i = j;
  }
  return out;
}

function parseDirective(text: string): { directive: ExampleDirective; directiveProblem?: string } {
  const directive: ExampleDirective = { with: [], expect: [] };
  const problems: string[] = [];
  let skip = false;
  for (const m of text.matchAll(/(\S+?)(?:=(?:"([^"]*)"|(\S+)))?(?=\s|$)/g)) {
    const [, key, quoted, bare] = m;
    const value = quoted ?? bare;
    if (key === 'skip' && value === undefined) skip = true;
    else if (key === 'reason' && value) directive.skip = value;
    else if (key === 'name' && value) directive.name = value;
    else if ((key === 'with' || key === 'expect') && value) directive[key].push(...value.split(',').filter(Boolean));
    else problems.push(`unknown or empty '${m[0]}'`);
  }
  if (skip && !directive.skip?.trim()) problems.push('skip needs reason="…"');
  if (!skip && directive.skip !== undefined) problems.push('reason without skip');
  if (skip && (directive.with.length || directive.expect.length)) problems.push('skip with with= or expect=');
  return problems.length
    ? { directive, directiveProblem: `malformed permset-example directive: ${problems.join('; ')}` }
    : { directive };
}
