import type { AttributeEnv, AttrType, Expr, PathExpr } from '../../conditions/index.js';
import { attributesOf } from '../../conditions/attribute-env.js';
import { jsNumber, jsString } from './js-literal.js';

/**
 * The JavaScript parameter each root is read from inside a generated condition function
 * `(s, r, c)`. Identifiers in generated code are fixed like these, never derived from policy text.
 */
const ROOT_PARAM: Readonly<Record<string, string>> = { subject: 's', resource: 'r', context: 'c' };

/** A compiled condition: a JavaScript expression and the temporaries it assigns. */
export interface CompiledCondition {
  /** Evaluates to `true`, `false` or the runtime's error marker `E`. */
  expression: string;
  /** Names of the temporaries (`t0`, `t1`, ...) to declare with `let`. */
  temps: string[];
}

/**
 * Compiles a WELL-TYPED condition (no `typeCheck` problems in `env`) to a JavaScript expression
 * over the runtime helpers (`rs`, `rn`, `rb`, `hasA`, `inS`, `inN`, the marker `E`; see
 * runtime/evaluator/values.ts). Values are JavaScript values; an evaluation error is `E`, which propagates
 * like Cedar's errors: through comparisons, `not` and the left operand of `and`/`or`, while
 * short-circuiting stops at a decisive left operand (`false and ...`, `true or ...`).
 *
 * Every string from the policy (attribute names, literals) is embedded with `jsString`.
 */
export function compileCondition(ast: Expr, env: AttributeEnv): CompiledCondition {
  const temps: string[] = [];
  const temp = (): string => {
    const name = `t${temps.length}`;
    temps.push(name);
    return name;
  };
  const typeOf = (path: PathExpr): AttrType => {
    const type = attributesOf(env, path.root)?.get(path.segments[0] ?? '');
    if (!type || path.segments.length !== 1)
      throw new Error(
        `compileCondition: '${[path.root, ...path.segments].join('.')}' is not a declared attribute (type-check first)`,
      );
    return type;
  };
  const where = (path: PathExpr): string => `${ROOT_PARAM[path.root]!}, ${jsString(path.segments[0]!)}`;

  const value = (e: Expr): string => {
    switch (e.kind) {
      case 'literal':
        return typeof e.value === 'string'
          ? jsString(e.value)
          : typeof e.value === 'number'
            ? jsNumber(e.value)
            : String(e.value);
      case 'path': {
        const type = typeOf(e);
        if (type === 'string') return `rs(${where(e)})`;
        if (type === 'number') return `rn(${where(e)})`;
        if (type === 'boolean') return `rb(${where(e)})`;
        throw new Error(`compileCondition: list '${e.root}.${e.segments[0]!}' used as a value`);
      }
      case 'has':
        return `hasA(${where(e.path)})`;
      case 'not': {
        const t = temp();
        return `((${t} = ${value(e.operand)}) === E ? E : !${t})`;
      }
      case 'and': {
        const t = temp();
        return `((${t} = ${value(e.left)}) === true ? ${value(e.right)} : ${t})`;
      }
      case 'or': {
        const t = temp();
        return `((${t} = ${value(e.left)}) === false ? ${value(e.right)} : ${t})`;
      }
      case 'compare': {
        const op = e.op === '==' ? '===' : e.op === '!=' ? '!==' : e.op;
        const left = operand(e.left);
        const right = operand(e.right);
        const errors = [left.check, right.check].filter((c) => c !== undefined);
        const test = `${left.ref} ${op} ${right.ref}`;
        return errors.length === 0 ? `(${test})` : `(${errors.join(' || ')} ? E : ${test})`;
      }
      case 'in': {
        if (e.list.kind === 'list') {
          const element = operand(e.element);
          const test =
            e.list.items.length === 0
              ? 'false'
              : `(${e.list.items.map((i) => `${element.ref} === ${value(i)}`).join(' || ')})`;
          return element.check === undefined ? test : `(${element.check} ? E : ${test})`;
        }
        if (e.list.kind !== 'path') throw new Error(`compileCondition: 'in' needs a list, got ${e.list.kind}`);
        const type = typeOf(e.list);
        const helper = type === 'string[]' ? 'inS' : type === 'number[]' ? 'inN' : undefined;
        if (!helper) throw new Error(`compileCondition: '${e.list.root}.${e.list.segments[0]!}' is not a list`);
        return `${helper}(${value(e.element)}, ${where(e.list)})`;
      }
      case 'list':
        throw new Error('compileCondition: a list literal is only allowed on the right of in');
    }
  };

  // An operand used more than once: a literal is referenced as is, anything else is evaluated
  // once into a temporary, with a check for the error marker.
  const operand = (e: Expr): { ref: string; check?: string } => {
    if (e.kind === 'literal') return { ref: value(e) };
    const t = temp();
    return { ref: t, check: `(${t} = ${value(e)}) === E` };
  };

  return { expression: value(ast), temps };
}
