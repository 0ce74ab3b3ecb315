// biome-ignore-all lint/suspicious/noExplicitAny: nunjucks' parser, compiler and node classes are untyped
// Phase 2, statements: output, `if`, `for` (a function of its items, so that a recursive loop can
// call itself; `loop` with Jinja2's extras), `set` and `with` with Jinja2's scoping (a `set` inside
// a loop stays inside that iteration), captures, macros, includes and extension tags such as
// `{% streamrows %}`. Expressions inside them compile in expressions.ts.
import { ExpressionCompiler } from './expressions.js';
import { nodes } from './nunjucks.js';

export class JinjaCompiler extends ExpressionCompiler {
  declare loopDepth: number;

  compileIf(node: any, frame: any, async?: boolean): void {
    if (async) {
      super.compileIf(node, frame, async);
      return;
    }
    // Strict mode is Jinja2's StrictUndefined: testing an undefined value is an error too.
    this._emit(this._position(node.cond));
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
      this._emit(this._position(child));
      this._emit(`${this.buffer} += runtime.suppressValue(`);
      if (this.throwOnUndefined) this._emit('runtime.ensureDefined(');
      this.compile(child, frame);
      if (this.throwOnUndefined) this._emit(`, ${JSON.stringify(this._label(child))})`);
      this._emit(', env.opts.autoescape);\n');
    }
  }

  compileSet(node: any, frame: any): void {
    const value = this._tmpid();
    this._emit(`${this._position(node)}var ${value} = `);
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
    this._emit(`${this._position(node)}var ${outer} = runtime.iter(`);
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
      this._emitLine(this._positionedCatch());
      this._emitLine('}');
    }
    this._emit(`), ${autoescape} && env.opts.autoescape);\n`);
  }

  compileInclude(node: any, frame: any): void {
    const id = this._tmpid();
    this._emit(`${this._position(node)}runtime.include(env, context, frame, `);
    this.compile(node.template, frame);
    this._emitLine(`, ${this._templateName()}, ${node.ignoreMissing ? 'true' : 'false'}, ${this._makeCallback(id)}`);
    this._emitLine(`${this.buffer} += ${id};`);
    this._addScopeLevel();
  }
}
