// biome-ignore-all lint/suspicious/noExplicitAny: nunjucks' parser, compiler and node classes are untyped
// nunjucks' parser, compiler, lexer and node classes, which its types do not describe: the
// template layer extends them (parser.ts, the compilers) and reads the token types.
import nunjucks from 'nunjucks';

export const nodes = (nunjucks as any).nodes;
export const lexer = (nunjucks as any).lexer;
export const BaseParser = (nunjucks as any).parser.Parser;
export const BaseCompiler = (nunjucks as any).compiler.Compiler;
