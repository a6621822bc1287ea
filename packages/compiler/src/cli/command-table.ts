import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIO } from './cli-io.js';
import { makeStyle, useColor, type Style } from './output/terminal.js';
import { UsageError } from './cli-io.js';

type ParseArgsOptionConfig = NonNullable<ParseArgsConfig['options']>[string];

/** An option of a command: node's `parseArgs` config, plus the values a string option allows. */
export type OptionSpec = ParseArgsOptionConfig & {
  /** The only values allowed (a usage error names them otherwise). */
  choices?: readonly string[];
};

type Options = Record<string, OptionSpec>;

/** The parsed value of each option, typed after its spec. */
export type OptionValues<O extends Options> = {
  -readonly [K in keyof O]: O[K] extends { type: 'boolean' }
    ? boolean
    : O[K] extends { multiple: true }
      ? string[] | undefined
      : O[K] extends { default: string }
        ? string
        : string | undefined;
} & { 'no-color': boolean };

/** What a command's `run` receives: the command line parsed and checked. */
export interface CommandInput<O extends Options> {
  values: OptionValues<O>;
  /** The positional arguments, without the folder (when it was given as one). */
  args: string[];
  /** The policy folder: the DIR argument, else `--dir`, else the command's default (`policies`). */
  dir: string;
  /** Whether the folder was given (as DIR or --dir) rather than the default. */
  dirGiven: boolean;
  /** Colours for stdout (none with --no-color, NO_COLOR, or off a terminal). */
  style: Style;
  io: CliIO;
}

/** One `permset` command: its name, options, help and what it runs. */
export interface CommandDef<O extends Options = Options> {
  name: string;
  /** The command and its arguments, as the overview lists it ("check [DIR]"). */
  synopsis: string;
  /** One line for `permset --help`. */
  summary: string;
  /** The text of `permset NAME --help`. */
  help: string;
  /** The command's own options (`--dir`, `--no-color` and `--help` every command has). */
  options: O;
  /**
   * Where the policy folder may be given as a positional argument (0 for `check [DIR]`, 2 for
   * `explain SET PERMISSION [DIR]`); undefined when the positions mean something else
   * (`diff BASE [HEAD]`) and only `--dir` names the folder.
   */
  dirAt?: number;
  /** The folder when none is given (default: policies). */
  defaultDir?: string;
  run(input: CommandInput<O>): number | Promise<number>;
}

/** A command of the table, its options' types erased (the table holds commands of every shape). */
export type Command = CommandDef<Options>;

/** Declares a command, checking `run` against its options' types. */
export function defineCommand<const O extends Options>(def: CommandDef<O>): Command {
  return def as unknown as Command;
}

const COMMON: Options = {
  dir: { type: 'string' },
  'no-color': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

/**
 * Parses a command line for `def` and runs it (synchronously when the command is). `--help`
 * prints the help; a bad command line throws {@link UsageError} (node's own `ERR_PARSE_ARGS_*` errors for unknown options and missing
 * values included), which `main` prints.
 */
export function runCommand(def: Command, argv: string[], io: CliIO): number | Promise<number> {
  const options: Record<string, ParseArgsOptionConfig> = {};
  for (const [key, spec] of Object.entries({ ...def.options, ...COMMON })) {
    const { choices: _choices, ...config } = spec;
    options[key] = config;
  }
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  if (values['help']) {
    io.stdout(def.help + '\n');
    return 0;
  }
  for (const [key, spec] of Object.entries(def.options)) {
    const value = values[key];
    if (spec.choices && typeof value === 'string' && !spec.choices.includes(value))
      throw new UsageError(`--${key} must be ${alternatives(spec.choices)}, not '${value}'`);
  }
  let dir = values['dir'] as string | undefined;
  let args = positionals;
  if (def.dirAt !== undefined && positionals.length > def.dirAt) {
    if (positionals.length > def.dirAt + 1) {
      throw new UsageError(
        def.dirAt === 0
          ? `${def.name} takes one directory, got ${positionals.length}: ${positionals.join(' ')}`
          : `${def.name} takes ${def.synopsis.slice(def.name.length + 1)}, got ${positionals.length} arguments: ${positionals.join(' ')}`,
      );
    }
    const given = positionals[def.dirAt]!;
    if (dir !== undefined && dir !== given)
      throw new UsageError(`the policy folder is given twice ('${given}' and --dir '${dir}'): give it once`);
    dir = given;
    args = positionals.slice(0, def.dirAt);
  }
  const style = makeStyle(!values['no-color'] && useColor(io.isTTY, io.env));
  return def.run({
    values: values as OptionValues<Options>,
    args,
    dir: dir ?? def.defaultDir ?? 'policies',
    dirGiven: dir !== undefined,
    style,
    io,
  });
}

/** "a, b or c". */
export function alternatives(choices: readonly string[]): string {
  return choices.length === 1 ? choices[0]! : `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
}

/** A whole-number option (`--max-warnings`), or undefined when not given. */
export function wholeNumber(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min)
    throw new UsageError(`${name} takes a whole number >= ${min}, not '${value}'`);
  return n;
}

/** A percentage option (`--min-coverage`), or undefined when not given. */
export function percentage(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new UsageError(`${name} takes a percentage from 0 to 100, not '${value}'`);
  return n;
}
