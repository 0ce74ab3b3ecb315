import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace.js';

// @ds/geo inlines Leaflet from its npm packages through a generated module (not committed, since
// it is Leaflet's code): make it before any test imports the geo sources. The build does the same.
execFileSync(process.execPath, [fileURLToPath(new URL('./packages/geo/scripts/leaflet-assets.mjs', import.meta.url))]);

export default defineConfig({ test: { projects } });
