/**
 * A boolean formula of the Cedar export: constants, atoms (a `has` test, a comparison, a
 * `.contains(…)`, a boolean attribute), `!`, `&&` and `||`. Formulas never err at run time: every
 * attribute an atom reads is guarded by a `has` test to its left, which is also what Cedar's
 * strict validator demands.
 *
 * Formulas are hash-consed by a {@link FormulaBuilder}: equal formulas are the same object, with
 * one `id`. So a translation that mentions a sub-formula twice stores it once, the simplifier
 * compares formulas in constant time, and the printed size is computed without printing
 * (the printed text of a formula with many repeated parts can be exponentially larger than the
 * formula; see {@link FormulaBuilder.printedLength}).
 */
export type Formula =
  | { readonly id: number; readonly k: 'const'; readonly value: boolean }
  /** `text` is a comparison or `has` (precedence of a relation) or a call or attribute (primary). */
  | { readonly id: number; readonly k: 'atom'; readonly text: string; readonly negated: string }
  | { readonly id: number; readonly k: 'not'; readonly operand: Formula }
  | { readonly id: number; readonly k: 'and' | 'or'; readonly items: readonly Formula[] };

/** Builds formulas with light, exact simplifications (all formulas are error-free booleans). */
export class FormulaBuilder {
  private readonly table = new Map<string, Formula>();
  private readonly lengths = new Map<number, number>();
  private readonly printed = new Map<number, string>();
  readonly TRUE: Formula;
  readonly FALSE: Formula;

  constructor() {
    this.TRUE = this.intern('t', (id) => ({ id, k: 'const', value: true }));
    this.FALSE = this.intern('f', (id) => ({ id, k: 'const', value: false }));
  }

  private intern(key: string, make: (id: number) => Formula): Formula {
    let f = this.table.get(key);
    if (!f) this.table.set(key, (f = make(this.table.size)));
    return f;
  }

  /** A constant. */
  constant(value: boolean): Formula {
    return value ? this.TRUE : this.FALSE;
  }

  /**
   * An atom: `text` and the text of its negation (`a == b` / `a != b`, `x has y` /
   * `!(x has y)`). Both must be complete Cedar expressions of precedence "relation" or higher.
   */
  atom(text: string, negated: string): Formula {
    return this.intern(`a${text}`, (id) => ({ id, k: 'atom', text, negated }));
  }

  not(f: Formula): Formula {
    switch (f.k) {
      case 'const':
        return this.constant(!f.value);
      case 'atom':
        return this.atom(f.negated, f.text);
      case 'not':
        return f.operand;
      default:
        return this.intern(`n${f.id}`, (id) => ({ id, k: 'not', operand: f }));
    }
  }

  /**
   * `a && b && …`, simplified: nested conjunctions flattened, `true` dropped, `false` absorbing,
   * repeats dropped, `A && !A` false, and `A && (!A || R)` reduced to `A && R`.
   */
  and(...parts: Formula[]): Formula {
    return this.junction('and', parts);
  }

  /**
   * `a || b || …`, simplified like {@link and} (dually), and with a common leading conjunct
   * factored out: `(G && A) || (G && B)` is `G && (A || B)`, which is how guards read best.
   */
  or(...parts: Formula[]): Formula {
    return this.junction('or', parts);
  }

  private junction(k: 'and' | 'or', parts: readonly Formula[]): Formula {
    const unit = k === 'and' ? this.TRUE : this.FALSE;
    const zero = k === 'and' ? this.FALSE : this.TRUE;
    const dual = k === 'and' ? 'or' : 'and';
    const items: Formula[] = [];
    const seen = new Set<number>();
    const push = (f: Formula): boolean => {
      if (f === unit || seen.has(f.id)) return true;
      if (f === zero || seen.has(this.not(f).id)) return false;
      if (f.k === dual) {
        // `A && (!A || R)`: under the earlier A, !A is false; `A && (A || R)` is A.
        if (f.items.some((g) => seen.has(g.id))) return true;
        const kept = f.items.filter((g) => !seen.has(this.not(g).id));
        if (kept.length !== f.items.length) {
          const reduced = this.junction(dual, kept);
          return (reduced.k === k ? reduced.items : [reduced]).every(push);
        }
      }
      items.push(f);
      seen.add(f.id);
      return true;
    };
    for (const p of parts) {
      for (const f of p.k === k ? p.items : [p]) if (!push(f)) return zero;
    }
    if (items.length === 0) return unit;
    if (items.length === 1) return items[0]!;
    if (k === 'or') {
      const factored = this.factor(items);
      if (factored) return factored;
    }
    return this.intern(`${k === 'and' ? '&' : '|'}${items.map((i) => i.id).join(',')}`, (id) => ({ id, k, items }));
  }

  /** `(G && A) || (G && B) || G` → `G && (A || B || true)`: the longest common leading conjunct list. */
  private factor(items: readonly Formula[]): Formula | undefined {
    const conjuncts = items.map((i) => (i.k === 'and' ? i.items : [i]));
    let n = 0;
    const shortest = Math.min(...conjuncts.map((c) => c.length));
    while (n < shortest && conjuncts.every((c) => c[n] === conjuncts[0]![n])) n++;
    if (n === 0) return undefined;
    const rests = conjuncts.map((c) => this.and(...c.slice(n)));
    return this.and(...conjuncts[0]!.slice(0, n), this.or(...rests));
  }

  /** The length of {@link print}'s text, computed without printing. */
  printedLength(f: Formula, context: Context = 'top'): number {
    const key = f.id * 4 + CONTEXTS.indexOf(context);
    let n = this.lengths.get(key);
    if (n === undefined) {
      const [own, wrap] = this.shape(f, context);
      n = own + (wrap ? 2 : 0);
      this.lengths.set(key, n);
    }
    return n;
  }

  private shape(f: Formula, context: Context): [number, boolean] {
    switch (f.k) {
      case 'const':
        return [f.value ? 4 : 5, false];
      case 'atom':
        return [f.text.length, false];
      case 'not':
        return [1 + this.printedLength(f.operand, 'unary'), false];
      default: {
        const inner = f.k === 'and' ? 'and' : 'or';
        const sep = 4; // " && " or " || "
        const total = f.items.reduce((sum, i) => sum + this.printedLength(i, inner), 0) + sep * (f.items.length - 1);
        return [total, needsParens(f.k, context)];
      }
    }
  }

  /**
   * The formula as Cedar source. A conjunction inside a disjunction is parenthesized although
   * `&&` binds tighter: `(a && b) || c` is how people read it.
   */
  print(f: Formula, context: Context = 'top'): string {
    const key = f.id * 4 + CONTEXTS.indexOf(context);
    let s = this.printed.get(key);
    if (s === undefined) {
      switch (f.k) {
        case 'const':
          s = String(f.value);
          break;
        case 'atom':
          s = f.text;
          break;
        case 'not':
          s = `!${this.print(f.operand, 'unary')}`;
          break;
        default: {
          const inner = f.k === 'and' ? 'and' : 'or';
          s = f.items.map((i) => this.print(i, inner)).join(f.k === 'and' ? ' && ' : ' || ');
          if (needsParens(f.k, context)) s = `(${s})`;
        }
      }
      this.printed.set(key, s);
    }
    return s;
  }
}

/** Where a formula is printed: at the top, as an operand of `||`, of `&&`, or of `!`. */
export type Context = 'top' | 'or' | 'and' | 'unary';
const CONTEXTS: readonly Context[] = ['top', 'or', 'and', 'unary'];

function needsParens(k: 'and' | 'or', context: Context): boolean {
  if (context === 'unary') return true;
  if (k === 'or') return context === 'and';
  return context === 'or';
}
