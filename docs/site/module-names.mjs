// A TypeDoc plugin for the docs site: names each module after the import that loads it
// (`@ds/geo`, `@ds/geo/notebook`) rather than its file path (`geo/src`, `geo/src/notebook`).
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const match = /^(?:packages\/)?([\w-]+)\/src(?:\/([\w-]+))?$/.exec(reflection.name);
    if (match) reflection.name = `@ds/${match[1]}${match[2] && match[2] !== 'index' ? `/${match[2]}` : ''}`;
  });
}
