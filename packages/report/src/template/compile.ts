// biome-ignore-all lint/suspicious/noExplicitAny: nunjucks' parser, compiler and node classes are untyped
// Jinja2's grammar and semantics on nunjucks' parser and code generator. nunjucks parses and
// generates JavaScript; this module extends its Parser (slices, `for … if … recursive`, tests
// with an argument and no parentheses, `{% with %}`, float literals) and its Compiler (every
// operator, lookup, call, `if`, `for` and `set` goes through the Python runtime in runtime.ts),
// and hands the result to nunjucks as a precompiled template, so nunjucks' inheritance,
// includes, macros and autoescape are used unchanged.
import nunjucks from 'nunjucks';
import { ReportError } from '../errors.js';
import { pyRuntime } from './runtime.js';

const nodes = (nunjucks as any).nodes;
const lexer = (nunjucks as any).lexer;
const BaseParser = (nunjucks as any).parser.Parser;
const BaseCompiler = (nunjucks as any).compiler.Compiler;

/** `{% with a = 1 %}…{% endwith %}`: a scope with its own variables. */
const WithNode = nodes.Node.extend('PyWith', { fields: ['targets', 'values', 'body'] });
/** `seq[a:b:c]`. */
const SliceNode = nodes.Node.extend('PySlice', { fields: ['target', 'start', 'stop', 'step'] });

const STOP_TEST_ARG = new Set(['else', 'or', 'and', 'if', 'in', 'is', 'not', 'recursive']);

class JinjaParser extends BaseParser {
  parsePrimary(noPostfix?: boolean): any {
    const tok = this.peekToken();
    // 1e21 and 1e-5 lex as a name (and a sign and an int): Python reads them as floats.
    if (tok && tok.type === lexer.TOKEN_SYMBOL && /^\d+[eE]\d*$/.test(tok.value)) {
      this.nextToken();
      let text = tok.value;
      if (/[eE]$/.test(text)) {
        const sign = this.nextToken();
        const digits = this.nextToken();
        if (
          !sign ||
          sign.type !== lexer.TOKEN_OPERATOR ||
          !'+-'.includes(sign.value) ||
          !digits ||
          digits.type !== lexer.TOKEN_INT
        )
          this.fail('malformed float literal exponent', tok.lineno, tok.colno);
        text += sign.value + digits.value;
      }
      const literal = new nodes.Literal(tok.lineno, tok.colno, Number(text));
      literal.pyFloat = true;
      return noPostfix ? literal : this.parsePostfix(literal);
    }
    const node = super.parsePrimary(noPostfix);
    if (tok && (tok.type === lexer.TOKEN_FLOAT || tok.type === lexer.TOKEN_INT) && node instanceof nodes.Literal) {
      if (tok.type === lexer.TOKEN_FLOAT) node.pyFloat = true;
      // 1e21, 2.5e-3: nunjucks' lexer stops at the e; the exponent follows as a name (and a sign).
      const e = this.peekToken();
      if (
        e &&
        e.type === lexer.TOKEN_SYMBOL &&
        e.lineno === tok.lineno &&
        e.colno === tok.colno + tok.value.length &&
        /^[eE]\d*$/.test(e.value)
      ) {
        this.nextToken();
        let exp = e.value.slice(1);
        if (exp === '') {
          const sign = this.nextToken();
          const digits = this.nextToken();
          if (
            !sign ||
            sign.type !== lexer.TOKEN_OPERATOR ||
            !'+-'.includes(sign.value) ||
            !digits ||
            digits.type !== lexer.TOKEN_INT
          )
            this.fail('malformed float literal exponent', tok.lineno, tok.colno);
          exp = sign.value + digits.value;
        }
        node.value = Number(`${tok.value}e${exp}`);
        node.pyFloat = true;
      }
    }
    return node;
  }

  parseAggregate(): any {
    const open = this.peekToken();
    if (
      !open ||
      (open.type !== lexer.TOKEN_LEFT_PAREN && open.type !== lexer.TOKEN_LEFT_BRACKET && open.type !== lexer.TOKEN_LEFT_CURLY)
    )
      return super.parseAggregate();
    this.nextToken();
    const node =
      open.type === lexer.TOKEN_LEFT_PAREN
        ? new nodes.Group(open.lineno, open.colno)
        : open.type === lexer.TOKEN_LEFT_BRACKET
          ? new nodes.Array(open.lineno, open.colno)
          : new nodes.Dict(open.lineno, open.colno);
    const close =
      open.type === lexer.TOKEN_LEFT_PAREN
        ? lexer.TOKEN_RIGHT_PAREN
        : open.type === lexer.TOKEN_LEFT_BRACKET
          ? lexer.TOKEN_RIGHT_BRACKET
          : lexer.TOKEN_RIGHT_CURLY;
    for (;;) {
      const tok = this.peekToken();
      if (!tok) this.fail('unexpected end of template: a bracket is not closed', open.lineno, open.colno);
      if (tok.type === close) {
        this.nextToken();
        break;
      }
      if (node.children.length > 0) {
        if (!this.skip(lexer.TOKEN_COMMA))
          this.fail(`expected , or the closing bracket, got ${tok.value}`, tok.lineno, tok.colno);
        node.trailingComma = true;
        if (this.peekToken()?.type === close) continue;
      }
      node.trailingComma = false;
      if (node instanceof nodes.Dict) {
        const key = this.parsePrimary();
        if (!this.skip(lexer.TOKEN_COLON)) this.fail('expected : after the dict key', tok.lineno, tok.colno);
        node.addChild(new nodes.Pair(key.lineno, key.colno, key, this.parseExpression()));
      } else node.addChild(this.parseExpression());
    }
    return node;
  }

  parsePostfix(node: any): any {
    let tok = this.peekToken();
    while (tok) {
      if (tok.type === lexer.TOKEN_LEFT_PAREN) {
        node = new nodes.FunCall(tok.lineno, tok.colno, node, this.parseSignature());
      } else if (tok.type === lexer.TOKEN_LEFT_BRACKET) {
        node = this.parseSubscript(node);
      } else if (tok.type === lexer.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        const val = this.nextToken();
        if (
          !val ||
          (val.type !== lexer.TOKEN_SYMBOL &&
            val.type !== lexer.TOKEN_INT &&
            val.type !== lexer.TOKEN_BOOLEAN &&
            val.type !== lexer.TOKEN_NONE)
        )
          this.fail(`expected a name after '.', got ${val ? val.value : 'end of template'}`, tok.lineno, tok.colno);
        const lookup = new nodes.LookupVal(tok.lineno, tok.colno, node, new nodes.Literal(val.lineno, val.colno, val.value));
        lookup.dot = true;
        node = lookup;
      } else break;
      tok = this.peekToken();
    }
    return node;
  }

  /** `[expr]` or a slice `[a:b]`, `[::-1]`. */
  parseSubscript(target: any): any {
    const open = this.nextToken();
    const parts: any[] = [null];
    let colons = 0;
    for (;;) {
      const tok = this.peekToken();
      if (!tok) this.fail('expected ] to close the subscript', open.lineno, open.colno);
      if (tok.type === lexer.TOKEN_RIGHT_BRACKET) {
        this.nextToken();
        break;
      }
      if (tok.type === lexer.TOKEN_COLON) {
        this.nextToken();
        colons++;
        if (colons > 2) this.fail('a slice has at most two colons', tok.lineno, tok.colno);
        parts.push(null);
        continue;
      }
      if (parts[parts.length - 1] !== null) this.fail('expected ] or : in the subscript', tok.lineno, tok.colno);
      parts[parts.length - 1] = this.parseExpression();
    }
    if (colons === 0) {
      if (parts[0] === null) this.fail('expected an index or a key between [ ]', open.lineno, open.colno);
      return new nodes.LookupVal(open.lineno, open.colno, target, parts[0]);
    }
    return new SliceNode(open.lineno, open.colno, target, parts[0], parts[1] ?? null, parts[2] ?? null);
  }

  parseIs(): any {
    let node = this.parseCompare();
    while (this.skipSymbol('is')) {
      const not = this.skipSymbol('not');
      const nameTok = this.nextToken();
      if (
        !nameTok ||
        (nameTok.type !== lexer.TOKEN_SYMBOL && nameTok.type !== lexer.TOKEN_NONE && nameTok.type !== lexer.TOKEN_BOOLEAN)
      )
        this.fail(
          `expected a test name after 'is', got ${nameTok ? nameTok.value : 'end of template'}`,
          nameTok?.lineno,
          nameTok?.colno,
        );
      const name = new nodes.Symbol(nameTok.lineno, nameTok.colno, nameTok.value);
      let args: any = null;
      const next = this.peekToken();
      if (next && next.type === lexer.TOKEN_LEFT_PAREN) {
        args = this.parseSignature();
      } else if (
        next &&
        (next.type === lexer.TOKEN_STRING ||
          next.type === lexer.TOKEN_INT ||
          next.type === lexer.TOKEN_FLOAT ||
          next.type === lexer.TOKEN_NONE ||
          next.type === lexer.TOKEN_BOOLEAN ||
          next.type === lexer.TOKEN_LEFT_BRACKET ||
          next.type === lexer.TOKEN_LEFT_CURLY ||
          (next.type === lexer.TOKEN_SYMBOL && !STOP_TEST_ARG.has(next.value)))
      ) {
        args = new nodes.NodeList(next.lineno, next.colno, [this.parsePrimary()]);
      }
      const test = new nodes.FunCall(name.lineno, name.colno, name, args ?? new nodes.NodeList(name.lineno, name.colno));
      node = new nodes.Is(node.lineno, node.colno, node, test);
      if (not) node = new nodes.Not(node.lineno, node.colno, node);
    }
    return node;
  }

  parseFor(): any {
    const forTok = this.peekToken();
    if (!this.skipSymbol('for')) return super.parseFor();
    const node = new nodes.For(forTok.lineno, forTok.colno);
    const names: any[] = [];
    const paren = this.skip(lexer.TOKEN_LEFT_PAREN);
    do {
      const tok = this.nextToken();
      if (!tok || tok.type !== lexer.TOKEN_SYMBOL) this.fail('expected a variable name after for', forTok.lineno, forTok.colno);
      names.push(new nodes.Symbol(tok.lineno, tok.colno, tok.value));
    } while (this.skip(lexer.TOKEN_COMMA));
    if (paren && !this.skip(lexer.TOKEN_RIGHT_PAREN))
      this.fail('expected ) after the loop variables', forTok.lineno, forTok.colno);
    node.name = names.length === 1 && !paren ? names[0] : new nodes.Array(forTok.lineno, forTok.colno, names);
    if (!this.skipSymbol('in'))
      this.fail('expected "in" in the for tag, as in {% for row in rows %}', forTok.lineno, forTok.colno);
    node.arr = this.parseOr();
    node.test = null;
    node.recursive = false;
    if (this.skipSymbol('if')) node.test = this.parseExpression();
    if (this.skipSymbol('recursive')) node.recursive = true;
    this.advanceAfterBlockEnd(forTok.value);
    node.body = this.parseUntilBlocks('endfor', 'else');
    if (this.skipSymbol('else')) {
      this.advanceAfterBlockEnd('else');
      node.else_ = this.parseUntilBlocks('endfor');
    }
    this.advanceAfterBlockEnd();
    return node;
  }

  /** `{% set a, b = 1, 2 %}`, `{% set ns.total = … %}`, `{% set x %}…{% endset %}`: a bare tuple is a tuple, as in Jinja2. */
  parseSet(): any {
    const tag = this.nextToken();
    const node = new nodes.Set(tag.lineno, tag.colno, []);
    do {
      node.targets.push(this.parsePrimary());
    } while (this.skip(lexer.TOKEN_COMMA));
    if (!this.skipValue(lexer.TOKEN_OPERATOR, '=')) {
      if (!this.skip(lexer.TOKEN_BLOCK_END)) this.fail('expected = or the end of the set tag', tag.lineno, tag.colno);
      node.body = new nodes.Capture(tag.lineno, tag.colno, this.parseUntilBlocks('endset'));
      node.value = null;
      this.advanceAfterBlockEnd();
      return node;
    }
    const first = this.parseExpression();
    if (this.peekToken()?.type === lexer.TOKEN_COMMA) {
      const tuple = new nodes.Group(first.lineno, first.colno, [first]);
      tuple.trailingComma = true;
      while (this.skip(lexer.TOKEN_COMMA)) {
        if (this.peekToken()?.type === lexer.TOKEN_BLOCK_END) break;
        tuple.addChild(this.parseExpression());
      }
      node.value = tuple;
    } else node.value = first;
    this.advanceAfterBlockEnd('set');
    return node;
  }

  /** `{% block name scoped required %}`: Jinja2's modifiers (nunjucks blocks always see the loop around them). */
  parseBlock(): any {
    const tag = this.nextToken();
    const node = new nodes.Block(tag.lineno, tag.colno);
    const name = this.nextToken();
    if (!name || name.type !== lexer.TOKEN_SYMBOL) this.fail('expected a block name', tag.lineno, tag.colno);
    node.name = new nodes.Symbol(name.lineno, name.colno, name.value);
    while (this.skipSymbol('scoped') || this.skipSymbol('required')) {
      // accepted as Jinja2 has them
    }
    this.advanceAfterBlockEnd('block');
    node.body = this.parseUntilBlocks('endblock');
    this.skipSymbol('endblock');
    this.skipSymbol(node.name.value);
    const end = this.peekToken();
    if (!end)
      this.fail(`expected {% endblock %} for block ${node.name.value}, got the end of the template`, tag.lineno, tag.colno);
    this.advanceAfterBlockEnd(end.value);
    return node;
  }

  parseStatement(): any {
    const tok = this.peekToken();
    if (tok && tok.type === lexer.TOKEN_SYMBOL && tok.value === 'with' && !(this.breakOnBlocks ?? []).includes('with')) {
      return this.parseWith();
    }
    return super.parseStatement();
  }

  parseWith(): any {
    const tag = this.nextToken();
    const targets: any[] = [];
    const values: any[] = [];
    while (this.peekToken() && this.peekToken().type !== lexer.TOKEN_BLOCK_END) {
      if (targets.length && !this.skip(lexer.TOKEN_COMMA))
        this.fail('expected , between assignments in with', tag.lineno, tag.colno);
      const name = this.nextToken();
      if (!name || name.type !== lexer.TOKEN_SYMBOL) this.fail('expected a variable name in with', tag.lineno, tag.colno);
      if (!this.skipValue(lexer.TOKEN_OPERATOR, '=')) this.fail('expected = after the name in with', name.lineno, name.colno);
      targets.push(name.value);
      values.push(this.parseExpression());
    }
    this.advanceAfterBlockEnd('with');
    const body = this.parseUntilBlocks('endwith');
    this.advanceAfterBlockEnd();
    return new WithNode(tag.lineno, tag.colno, targets, values, body);
  }
}

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

class JinjaCompiler extends BaseCompiler {
  declare loopDepth: number;
  declare filters: Set<string>;
  declare tests: Set<string>;
  declare difference: CompileNames['difference'];

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

  _emitFuncEnd(noReturn?: boolean): void {
    if (!noReturn) this._emitLine(`cb(null, ${this.buffer});`);
    this._closeScopeLevels();
    this._emitLine('} catch (e) {');
    this._emitLine(`  cb(runtime.handleError(e, lineno, colno, ${this._templateName()}));`);
    this._emitLine('}');
    this._emitLine('}');
    this.buffer = null;
  }

  // nunjucks continues a template inside callbacks (after a block, an include, an import); an
  // error thrown there would unwind through the caller of the callback (a block of another
  // template) and take its position. Each callback catches and positions its own errors.
  _makeCallback(res?: string): string {
    return `${super._makeCallback(res)} try {`;
  }

  _addScopeLevel(): void {
    this._scopeClosers += `} catch (e) { throw runtime.handleError(e, lineno, colno, ${this._templateName()}); } })`;
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

  compileOr(node: any, frame: any): void {
    this._emit('runtime.or(');
    this.compile(node.left, frame);
    this._emit(', function() { return ');
    this.compile(node.right, frame);
    this._emit('; })');
  }

  compileAnd(node: any, frame: any): void {
    this._emit('runtime.and(');
    this.compile(node.left, frame);
    this._emit(', function() { return ');
    this.compile(node.right, frame);
    this._emit('; })');
  }

  compileNot(node: any, frame: any): void {
    this._emit('!runtime.truthy(');
    this.compile(node.target, frame);
    this._emit(')');
  }

  compileNeg(node: any, frame: any): void {
    this._emit('runtime.neg(');
    this.compile(node.target, frame);
    this._emit(')');
  }

  compilePos(node: any, frame: any): void {
    this._emit('runtime.pos(');
    this.compile(node.target, frame);
    this._emit(')');
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

  compileIf(node: any, frame: any, async?: boolean): void {
    if (async) {
      super.compileIf(node, frame, async);
      return;
    }
    // Strict mode is Jinja2's StrictUndefined: testing an undefined value is an error too.
    this._emit(`lineno = ${node.cond.lineno}; colno = ${node.cond.colno};\n`);
    this._emit(this.throwOnUndefined ? 'if(runtime.truthyStrict(' : 'if(runtime.truthy(');
    this._compileExpression(node.cond, frame);
    this._emitLine(this.throwOnUndefined ? `, ${JSON.stringify(this._label(node.cond))})) {` : ')) {');
    this._withScopedSyntax(() => this.compile(node.body, frame));
    if (node.else_) {
      this._emitLine('}\nelse {');
      this._withScopedSyntax(() => this.compile(node.else_, frame));
    }
    this._emitLine('}');
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

  compileCapture(node: any, frame: any): void {
    this._emit('runtime.markSafe(');
    super.compileCapture(node, frame);
    this._emit(')');
  }

  compileOutput(node: any, frame: any): void {
    for (const child of node.children) {
      if (child instanceof nodes.TemplateData) {
        if (child.value) {
          this._emit(`${this.buffer} += `);
          this.compileLiteral(child, frame);
          this._emitLine(';');
        }
        continue;
      }
      const generator = this._generator(child);
      if (generator)
        this.difference?.(
          child.name.lineno + 1,
          child.name.colno + 1,
          `|${generator}`,
          `printing |${generator} shows the list; Jinja2 prints <generator object …>`,
          `|${generator}|list`,
        );
      this._emit(`lineno = ${child.lineno}; colno = ${child.colno};\n`);
      this._emit(`${this.buffer} += runtime.suppressValue(`);
      if (this.throwOnUndefined) this._emit('runtime.ensureDefined(');
      this.compile(child, frame);
      if (this.throwOnUndefined) this._emit(`, ${JSON.stringify(this._label(child))})`);
      this._emit(', env.opts.autoescape);\n');
    }
  }

  compileSet(node: any, frame: any): void {
    const value = this._tmpid();
    this._emit(`lineno = ${node.lineno}; colno = ${node.colno};\nvar ${value} = `);
    if (node.value) this.compile(node.value, frame);
    else this.compile(node.body, frame);
    this._emitLine(';');
    const many = node.targets.length > 1;
    node.targets.forEach((target: any, i: number) => {
      const v = many ? `runtime.unpack(${value}, ${node.targets.length})[${i}]` : value;
      if (target instanceof nodes.LookupVal) {
        this._emit('runtime.setattr(');
        this.compile(target.target, frame);
        this._emit(',');
        this.compile(target.val, frame);
        this._emitLine(`, ${v});`);
        return;
      }
      if (!(target instanceof nodes.Symbol)) this.fail('expected a variable name to set', target.lineno, target.colno);
      const name = target.value;
      const id = frame.lookup(name);
      if (id) this._emitLine(`${id} = ${v};`);
      // Jinja2 scoping: a set inside a loop stays inside that iteration.
      this._emitLine(`frame.set(${JSON.stringify(name)}, ${v}, ${this.loopDepth > 0 ? 'false' : 'true'});`);
      this._emitLine('if(frame.topLevel) {');
      this._emitLine(`context.setVariable(${JSON.stringify(name)}, ${v});`);
      if (name.charAt(0) !== '_') this._emitLine(`context.addExport(${JSON.stringify(name)}, ${v});`);
      this._emitLine('}');
    });
  }

  compilePyWith(node: any, frame: any): void {
    const ids = node.values.map(() => this._tmpid());
    node.values.forEach((value: any, i: number) => {
      this._emit(`var ${ids[i]} = `);
      this.compile(value, frame);
      this._emitLine(';');
    });
    const inner = frame.push();
    this._emitLine('frame = frame.push();');
    node.targets.forEach((name: string, i: number) => {
      this._emitLine(`frame.set(${JSON.stringify(name)}, ${ids[i]});`);
      inner.set(name, ids[i]);
    });
    this.loopDepth++;
    this._withScopedSyntax(() => this.compile(node.body, inner));
    this.loopDepth--;
    this._emitLine('frame = frame.pop();');
  }

  _bindNames(names: any[], value: string, frame: any): void {
    if (names.length === 1) {
      this._emitLine(`frame.set(${JSON.stringify(names[0].value)}, ${value});`);
      frame.set(names[0].value, value);
      return;
    }
    const parts = this._tmpid();
    this._emitLine(`var ${parts} = runtime.unpack(${value}, ${names.length});`);
    names.forEach((n: any, i: number) => {
      const id = this._tmpid();
      this._emitLine(`var ${id} = ${parts}[${i}];`);
      this._emitLine(`frame.set(${JSON.stringify(n.value)}, ${id});`);
      frame.set(n.value, id);
    });
  }

  compileFor(node: any, frame: any): void {
    const names: any[] = node.name instanceof nodes.Array ? node.name.children : [node.name];
    const fn = this._tmpid();
    const items = this._tmpid();
    const depth = this._tmpid();
    const loop = this._tmpid();
    const i = this._tmpid();
    const outer = this._tmpid();
    this._emit(`lineno = ${node.lineno}; colno = ${node.colno};\nvar ${outer} = runtime.iter(`);
    this.compile(node.arr, frame);
    this._emitLine(`, ${JSON.stringify(this._label(node.arr))}, ${this.throwOnUndefined ? 'true' : 'false'});`);
    // The loop is a function of its items, so that a recursive loop can call itself: loop(children).
    this._emitLine(`var ${fn} = function(${items}, ${depth}) {`);
    this._emitLine('frame = frame.push();');
    if (node.test) {
      const v = this._tmpid();
      const testFrame = frame.push();
      this._emitLine(`${items} = ${items}.filter(function(${v}) {`);
      this._emitLine('frame = frame.push();');
      this._bindNames(names, v, testFrame);
      const ok = this._tmpid();
      this._emit(`var ${ok} = runtime.truthy(`);
      this.compile(node.test, testFrame);
      this._emitLine(');');
      this._emitLine('frame = frame.pop();');
      this._emitLine(`return ${ok};`);
      this._emitLine('});');
    }
    const body = frame.push();
    const buffer = this._pushBuffer();
    this._emitLine(`var ${loop} = new runtime.Loop(${items}, ${depth}, ${node.recursive ? fn : 'null'});`);
    this._emitLine(`for (var ${i} = 0; ${i} < ${items}.length; ${i}++) {`);
    this._emitLine(`${loop}.index0 = ${i};`);
    this._bindNames(names, `${items}[${i}]`, body);
    this._emitLine(`frame.set("loop", ${loop});`);
    body.set('loop', loop);
    this.loopDepth++;
    this._withScopedSyntax(() => this.compile(node.body, body));
    this._emitLine('}');
    if (node.else_) {
      this._emitLine(`if (!${items}.length) {`);
      this._withScopedSyntax(() => this.compile(node.else_, frame.push()));
      this._emitLine('}');
    }
    this.loopDepth--;
    this._emitLine('frame = frame.pop();');
    this._emitLine(`return ${buffer};`);
    this._popBuffer();
    this._emitLine('};');
    this._emitLine(`${this.buffer} += ${fn}(${outer}, 0);`);
  }

  _compileMacro(node: any, frame: any): string {
    const loopDepth = this.loopDepth;
    this.loopDepth = 0;
    const id = super._compileMacro(node, frame);
    this.loopDepth = loopDepth;
    // Errors inside the macro name the macro's own template and line, wherever it is called from.
    this._emitLine(`${id} = runtime.locateMacro(${id}, ${this._templateName()}, function() { return [lineno, colno]; });`);
    return id;
  }

  compileCallExtension(node: any, frame: any, async?: boolean): void {
    if (async) {
      super.compileCallExtension(node, frame, async);
      return;
    }
    const autoescape = typeof node.autoescape === 'boolean' ? node.autoescape : true;
    this._emit(
      `${this.buffer} += runtime.suppressValue(env.getExtension(${JSON.stringify(node.extName)})[${JSON.stringify(node.prop)}](context`,
    );
    for (const arg of node.args?.children ?? []) {
      this._emit(',');
      this.compile(arg, frame);
    }
    for (const arg of node.contentArgs ?? []) {
      this._emit(',');
      if (!arg) {
        this._emit('null');
        continue;
      }
      // A body the extension may call later (a streamed row, during layout): its errors carry their position.
      this._emitLine('function(cb) {');
      this._emitLine('try {');
      const id = this._pushBuffer();
      this._withScopedSyntax(() => this.compile(arg, frame));
      this._popBuffer();
      this._emitLine(`return ${id};`);
      this._emitLine(`} catch (e) { throw runtime.handleError(e, lineno, colno, ${this._templateName()}); }`);
      this._emitLine('}');
    }
    this._emit(`), ${autoescape} && env.opts.autoescape);\n`);
  }

  compileInclude(node: any, frame: any): void {
    const id = this._tmpid();
    this._emit(`lineno = ${node.lineno}; colno = ${node.colno};\nruntime.include(env, context, frame, `);
    this.compile(node.template, frame);
    this._emitLine(`, ${this._templateName()}, ${node.ignoreMissing ? 'true' : 'false'}, ${this._makeCallback(id)}`);
    this._emitLine(`${this.buffer} += ${id};`);
    this._addScopeLevel();
  }
}

/** Replaces each `super()` in a block by a variable the block computes first (in place). */
function liftSuper(ast: any): any {
  let n = 0;
  for (const block of ast.findAll(nodes.Block)) {
    const symbol = `super_${n++}`;
    let found = false;
    const visit = (node: any): any => {
      if (!(node instanceof nodes.Node)) return node;
      if (node instanceof nodes.FunCall && node.name instanceof nodes.Symbol && node.name.value === 'super') {
        found = true;
        return new nodes.Symbol(node.lineno, node.colno, symbol);
      }
      if (node instanceof nodes.Block && node !== block) return node;
      if (node instanceof nodes.NodeList) node.children = node.children.map(visit);
      else
        for (const field of node.fields) node[field] = Array.isArray(node[field]) ? node[field].map(visit) : visit(node[field]);
      return node;
    };
    block.body = visit(block.body);
    if (found) block.body.children.unshift(new nodes.Super(0, 0, block.name, new nodes.Symbol(0, 0, symbol)));
  }
  return ast;
}

/** What a template compiles to: the code nunjucks runs (root and block functions). */
export type CompiledTemplate = Record<string, (...args: unknown[]) => unknown>;

export interface CompileNames {
  filters: Set<string>;
  tests: Set<string>;
  /** Told of each construct that renders, but not as Jinja2 renders it (1-based line and column). */
  difference?: (line: number, column: number, construct: string, message: string, rewrite: string) => void;
}

/** Whether the template's last newline is dropped, as Jinja2 does by default (`keep_trailing_newline=False`). */
function dropTrailingNewline(source: string): string {
  if (source.endsWith('\r\n')) return source.slice(0, -2);
  if (source.endsWith('\n') || source.endsWith('\r')) return source.slice(0, -1);
  return source;
}

/**
 * Compiles Jinja2 source to nunjucks' precompiled form. Syntax errors are a `template-syntax`
 * ReportError naming the template, line and column.
 */
export function compileJinja(
  source: string,
  name: string,
  names: CompileNames,
  extensions: unknown[],
  strict: boolean,
): CompiledTemplate {
  let code: string;
  try {
    const parser = new (JinjaParser as any)(lexer.lex(dropTrailingNewline(source), {}));
    parser.extensions = extensions;
    const ast = parser.parseAsRoot();
    const compiler = new (JinjaCompiler as any)(name, strict);
    compiler.loopDepth = 0;
    compiler.filters = names.filters;
    compiler.tests = names.tests;
    compiler.difference = names.difference;
    compiler.compile(liftSuper(ast));
    code = compiler.getCode();
  } catch (error) {
    if (error instanceof ReportError) throw error;
    const e = error as { lineno?: number; colno?: number; message?: string };
    const message = String(e.message ?? error)
      .replace(/^\([^)]*\)\s*/, '')
      .replace(/\[Line \d+, Column \d+\]\s*/, '')
      .replace(/^parse\w*: /, '');
    // An error at the end of the template (an unclosed tag) comes without a position: the end it is.
    const lines = source.split('\n');
    const line = e.lineno ?? lines.length;
    const column = e.lineno ? (e.colno ?? 1) : (lines[lines.length - 1]?.length ?? 0) + 1;
    const where = `${name}:${line}:${column}`;
    if (error instanceof RangeError && /Maximum call stack/.test(message))
      throw new ReportError(
        'too-large',
        'template',
        where,
        'a template whose tags and expressions nest at most a few hundred deep',
        `${where}: the template nests too deeply to compile (tags or parentheses inside each other thousands of times)`,
        { cause: error },
      );
    throw new ReportError('template-syntax', 'template', where, 'a valid Jinja2 template', `${where}: ${message.trim()}`);
  }
  // The generated functions take nunjucks' runtime as a parameter; give them the Python one.
  const body = code.replace(
    /function (root|b_\w+)\(env, context, frame, runtime, cb\)/g,
    'function $1(env, context, frame, _runtime, cb)',
  );
  return new Function('runtime', body)(pyRuntime) as CompiledTemplate;
}
