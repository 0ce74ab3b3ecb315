// A TypeDoc plugin for the docs site: names each module after the import that loads it
// (`@ds/geo`, `@ds/geo/notebook`) rather than its file path (`geo/src`, `geo/src/notebook`), and
// each guide after its first heading rather than its path (`docs/geo`).
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const match = /^(?:packages\/)?([\w-]+)\/src(?:\/([\w-]+))?$/.exec(reflection.name);
    if (match) reflection.name = `@ds/${match[1]}${match[2] && match[2] !== 'index' ? `/${match[2]}` : ''}`;
  });
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const document of context.project.getReflectionsByKind(ReflectionKind.Document)) {
      if (!document.name.startsWith('docs/')) continue;
      const first = document.content.map((part) => part.text).join('');
      const heading = /^#\s+(.+)$/m.exec(first);
      if (heading) document.name = heading[1].replace(/`/g, '').trim();
    }
  });
}
