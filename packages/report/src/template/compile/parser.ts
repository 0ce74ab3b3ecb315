// biome-ignore-all lint/suspicious/noExplicitAny: nunjucks' parser, compiler and node classes are untyped
// Phase 1, parsing: Jinja2's grammar on nunjucks' parser. nunjucks lexes; this parser adds
// what Jinja2 has and nunjucks has not (float literals with exponents, slices, a bare tuple in
// `set`, `for … if … recursive`, tests with an argument and no parentheses, `{% with %}`, the
// block modifiers), then lifts each `super()` out of its expression, as nunjucks needs it.
import { BaseParser, lexer, nodes } from './nunjucks.js';

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
      if (/[eE]$/.test(text)) text += this.parseSignedExponent(tok);
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
        if (exp === '') exp = this.parseSignedExponent(tok);
        node.value = Number(`${tok.value}e${exp}`);
        node.pyFloat = true;
      }
    }
    return node;
  }

  /** The `+5` or `-5` of `1e+5`, `2.5e-3`: nunjucks lexes the sign and the digits as tokens of their own. */
  parseSignedExponent(literal: any): string {
    const sign = this.nextToken();
    const digits = this.nextToken();
    if (!sign || sign.type !== lexer.TOKEN_OPERATOR || !'+-'.includes(sign.value) || !digits || digits.type !== lexer.TOKEN_INT)
      this.fail('malformed float literal exponent', literal.lineno, literal.colno);
    return sign.value + digits.value;
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

/** Lexes and parses Jinja2 source (its trailing newline already dropped) into nunjucks' tree. */
export function parseJinja(source: string, extensions: unknown[]): any {
  const parser = new (JinjaParser as any)(lexer.lex(source, {}));
  parser.extensions = extensions;
  return liftSuper(parser.parseAsRoot());
}
