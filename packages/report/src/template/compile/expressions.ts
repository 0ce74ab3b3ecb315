// biome-ignore-all lint/suspicious/noExplicitAny: nunjucks' parser, compiler and node classes are untyped
// Phase 2, expressions: every operator, literal, lookup, slice, call, filter and test compiles to
// a call of the Python runtime (runtime.ts), so that it means what it means in Python: `/` is
// true division, `and` returns an operand, `a < b < c` chains, `x.y` tries the attribute then
// the item. Also what Jinja2's optimizer folds at compile time, and where this engine gives a
// list where Jinja2 gives a generator (told to `difference`).
import { nodes } from './nunjucks.js';
import { PositionedCompiler } from './positions.js';

/** Filters that return a generator in Jinja2 (a list here). */
const GENERATOR_FILTERS = new Set(['map', 'select', 'reject', 'selectattr', 'rejectattr', 'unique', 'reverse', 'items']);

/** Filters Jinja2's optimizer evaluates at compile time when their input is constant. */
const PURE_FILTERS = new Set([
  'safe',
  'e',
  'escape',
  'upper',
  'lower',
  'title',
  'capitalize',
  'trim',
  'string',
  'int',
  'float',
  'round',
  'abs',
  'join',
  'length',
  'list',
  'first',
  'last',
]);

/** Whether Jinja2 folds an expression to a constant at compile time. */
function isConstant(node: any): boolean {
  if (node instanceof nodes.Literal) return true;
  if (node instanceof nodes.Filter) return PURE_FILTERS.has(node.name.value) && node.args.children.every(isConstant);
  if (node instanceof nodes.Group || node instanceof nodes.Array) return node.children.every(isConstant);
  if (node instanceof nodes.Concat || node instanceof nodes.Add || node instanceof nodes.Mul)
    return isConstant(node.left) && isConstant(node.right);
  return false;
}

/** Told of each construct that renders, but not as Jinja2 renders it (1-based line and column). */
export type Difference = (line: number, column: number, construct: string, message: string, rewrite: string) => void;

export class ExpressionCompiler extends PositionedCompiler {
  declare filters: Set<string>;
  declare tests: Set<string>;
  declare difference: Difference | undefined;

  /** A filter whose Jinja2 result is a generator, where this engine gives a list. */
  _generator(node: any): string | undefined {
    return node instanceof nodes.Filter && GENERATOR_FILTERS.has(node.name.value) ? node.name.value : undefined;
  }

  _binOp(node: any, frame: any, fn: string): void {
    this._emit(`runtime.${fn}(`);
    this.compile(node.left, frame);
    this._emit(',');
    this.compile(node.right, frame);
    this._emit(')');
  }

  compileLiteral(node: any, frame: any): void {
    if (node.pyFloat) this._emit(`runtime.float(${String(node.value).replace('Infinity', '1/0')})`);
    else super.compileLiteral(node, frame);
  }

  compileSymbol(node: any, frame: any): void {
    if (node.value === 'True' || node.value === 'False') this._emit(node.value === 'True' ? 'true' : 'false');
    else if (node.value === 'None') this._emit('null');
    // Jinja2's `self`: {{ self.title() }} renders block title again.
    else if (node.value === 'self' && !frame.lookup('self')) this._emit('runtime.blocks(env, context, frame)');
    else super.compileSymbol(node, frame);
  }

  compileGroup(node: any, frame: any): void {
    if (node.children.length === 1 && !node.trailingComma) {
      super.compileGroup(node, frame);
      return;
    }
    this._emit('runtime.tuple(');
    this._compileAggregate(node, frame, '[', ']');
    this._emit(')');
  }

  compileAdd(node: any, frame: any): void {
    this._binOp(node, frame, 'add');
  }

  compileSub(node: any, frame: any): void {
    this._binOp(node, frame, 'sub');
  }

  compileMul(node: any, frame: any): void {
    this._binOp(node, frame, 'mul');
  }

  compileDiv(node: any, frame: any): void {
    this._binOp(node, frame, 'div');
  }

  compileFloorDiv(node: any, frame: any): void {
    this._binOp(node, frame, 'floordiv');
  }

  compileMod(node: any, frame: any): void {
    this._binOp(node, frame, 'mod');
  }

  compilePow(node: any, frame: any): void {
    this._binOp(node, frame, 'pow');
  }

  compileConcat(node: any, frame: any): void {
    this._binOp(node, frame, isConstant(node.left) && isConstant(node.right) ? 'concatConst' : 'concat');
  }

  /** `and`, `or`: the right operand is a function, evaluated only when Python would evaluate it. */
  _shortCircuit(node: any, frame: any, fn: string): void {
    this._emit(`runtime.${fn}(`);
    this.compile(node.left, frame);
    this._emit(', function() { return ');
    this.compile(node.right, frame);
    this._emit('; })');
  }

  compileOr(node: any, frame: any): void {
    this._shortCircuit(node, frame, 'or');
  }

  compileAnd(node: any, frame: any): void {
    this._shortCircuit(node, frame, 'and');
  }

  compileNot(node: any, frame: any): void {
    this._emit('!runtime.truthy(');
    this.compile(node.target, frame);
    this._emit(')');
  }

  _unaryOp(node: any, frame: any, fn: string): void {
    this._emit(`runtime.${fn}(`);
    this.compile(node.target, frame);
    this._emit(')');
  }

  compileNeg(node: any, frame: any): void {
    this._unaryOp(node, frame, 'neg');
  }

  compilePos(node: any, frame: any): void {
    this._unaryOp(node, frame, 'pos');
  }

  compileIn(node: any, frame: any): void {
    this._emit('runtime.contains(');
    this.compile(node.right, frame);
    this._emit(',');
    this.compile(node.left, frame);
    this._emit(')');
  }

  compileIs(node: any, frame: any): void {
    const call = node.right;
    const raw = call.name.value;
    const name = raw === null ? 'none' : raw === true ? 'true' : raw === false ? 'false' : String(raw);
    if (!this.tests.has(name)) this.fail(`no test named '${name}'`, call.lineno, call.colno);
    this._emit(`runtime.test(env, ${JSON.stringify(name)}, context, [`);
    this.compile(node.left, frame);
    for (const arg of call.args.children) {
      this._emit(',');
      this.compile(arg, frame);
    }
    this._emit('])');
  }

  compileCompare(node: any, frame: any): void {
    // Python chains: a < b < c is (a < b) and (b < c).
    this._emit('(');
    let left = node.expr;
    node.ops.forEach((op: any, i: number) => {
      if (i > 0) this._emit(' && ');
      this._emit(`runtime.cmp(${JSON.stringify(op.type)}, `);
      this.compile(left, frame);
      this._emit(',');
      this.compile(op.expr, frame);
      this._emit(')');
      left = op.expr;
    });
    this._emit(')');
  }

  compileInlineIf(node: any, frame: any): void {
    this._emit('(runtime.truthy(');
    this.compile(node.cond, frame);
    this._emit(') ? ');
    this.compile(node.body, frame);
    this._emit(' : ');
    if (node.else_ !== null && node.else_ !== undefined) this.compile(node.else_, frame);
    else this._emit('undefined');
    this._emit(')');
  }

  _compileExpression(node: any, frame: any): void {
    this.compile(node, frame);
  }

  compileLookupVal(node: any, frame: any): void {
    const label = JSON.stringify(this._label(node.target));
    if (node.dot) {
      this._emit('runtime.attr(');
      this.compile(node.target, frame);
      this._emit(`, ${JSON.stringify(String(node.val.value))}, ${label})`);
    } else {
      this._emit('runtime.item(');
      this.compile(node.target, frame);
      this._emit(',');
      this.compile(node.val, frame);
      this._emit(`, ${label})`);
    }
  }

  compilePySlice(node: any, frame: any): void {
    this._emit('runtime.slice(');
    this.compile(node.target, frame);
    for (const part of [node.start, node.stop, node.step]) {
      this._emit(',');
      if (part) this.compile(part, frame);
      else this._emit('null');
    }
    this._emit(`, ${JSON.stringify(this._label(node.target))})`);
  }

  _label(node: any): string {
    if (!node) return 'value';
    switch (node.typename) {
      case 'Symbol':
        return node.value;
      case 'LookupVal':
        return node.dot
          ? `${this._label(node.target)}.${node.val.value}`
          : `${this._label(node.target)}[${node.val.typename === 'Literal' ? JSON.stringify(node.val.value) : '…'}]`;
      case 'FunCall':
        return `${this._label(node.name)}()`;
      default:
        return 'the value';
    }
  }

  compileFunCall(node: any, frame: any): void {
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, runtime.call(`);
    this.compile(node.name, frame);
    this._emit(`, ${JSON.stringify(this._label(node.name))}, context, `);
    this._compileAggregate(node.args, frame, '[', '])');
    this._emit(')');
  }

  compileFilter(node: any, frame: any): void {
    const name = node.name.value;
    if (!this.filters.has(name)) this.fail(`no filter named '${name}'`, node.name.lineno, node.name.colno);
    const generator = this._generator(node.args.children[0]);
    if (generator && (name === 'length' || name === 'count'))
      this.difference?.(
        node.name.lineno + 1,
        node.name.colno + 1,
        `|${generator}|${name}`,
        `|${generator} gives a generator in Jinja2, which has no length (Jinja2 raises); here it is a list`,
        `|${generator}|list|${name}`,
      );
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, env.getFilter(${JSON.stringify(name)}).call(context, `);
    this._compileAggregate(node.args, frame);
    this._emit('))');
  }
}
