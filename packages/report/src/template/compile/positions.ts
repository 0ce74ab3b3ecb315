// Where run-time errors point. nunjucks generates one function per template and block, and
// continues a template inside callbacks (after a block, an include, an import); each function
// and each callback here catches its own errors and positions them (runtime.handleError: the
// template, line and column the generated code last passed), so that an error never takes the
// position of the template that called it.
import { BaseCompiler } from './nunjucks.js';

export class PositionedCompiler extends BaseCompiler {
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
    this._scopeClosers += `${this._positionedCatch()} })`;
  }

  /** The end of a `try` whose errors are positioned at the template, line and column last passed. */
  _positionedCatch(): string {
    return `} catch (e) { throw runtime.handleError(e, lineno, colno, ${this._templateName()}); }`;
  }

  /** Generated code that records where the template is (0-based, as nunjucks counts), for errors. */
  _position(node: { lineno: number; colno: number }): string {
    return `lineno = ${node.lineno}; colno = ${node.colno};\n`;
  }
}
