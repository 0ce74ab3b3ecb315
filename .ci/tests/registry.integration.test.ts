// The release flow, end to end, against a private registry on 127.0.0.1 (verdaccio): a copy of
// the repository takes a changeset, `changeset version` bumps the five packages,
// `changeset publish` publishes them, and a fresh project installs them from that registry and
// imports them. Nothing leaves this machine: the registry, its user and its token are made here.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esmScript, expectedOutput } from '../lib/consumer.js';
import { bin, must, packages, root } from '../lib/exec.js';

const work = mkdtempSync(join(tmpdir(), 'ds-release-'));
const copy = join(work, 'repo');
let registry = '';
let verdaccio: ChildProcess | undefined;
let npmrc = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`verdaccio did not answer at ${url} within ${ms} ms`);
}

/** The environment for npm and changesets: our registry and token only. */
function registryEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CI: 'true',
    npm_config_registry: registry,
    npm_config_userconfig: npmrc,
    NPM_CONFIG_PROVENANCE: 'false',
  };
}

beforeAll(async () => {
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  const storage = join(work, 'storage');
  mkdirSync(storage);
  const config = join(work, 'verdaccio.yaml');
  writeFileSync(
    config,
    [
      `storage: ${storage}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(work, 'htpasswd')}`,
      '    max_users: 1',
      'uplinks: {}',
      'packages:',
      "  '@ds/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'logs: { type: stdout, format: pretty, level: warn }',
      'publish:',
      '  allow_offline: true',
    ].join('\n'),
  );
  verdaccio = spawn(
    process.execPath,
    [join(root, 'node_modules', 'verdaccio', 'bin', 'verdaccio'), '--config', config, '--listen', `127.0.0.1:${port}`],
    {
      stdio: 'ignore',
    },
  );
  await waitFor(`${registry}-/ping`, 60_000);

  // A user and its token, made through the registry's own API.
  const response = await fetch(`${registry}-/user/org.couchdb.user:release-test`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release-test', password: 'release-test-password', type: 'user', roles: [] }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!token) throw new Error(`verdaccio gave no token (HTTP ${response.status})`);
  npmrc = join(work, 'npmrc');
  writeFileSync(npmrc, `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${token}\n`);

  // A copy of what is committed, plus the builds; the workspace's node_modules is shared.
  const files = (await must('git', ['ls-files', '-z'], { cwd: root })).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  for (const name of packages)
    cpSync(join(root, 'packages', name, 'dist'), join(copy, 'packages', name, 'dist'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  writeFileSync(
    join(copy, '.changeset', 'release-test.md'),
    `---\n${packages.map((name) => `'@ds/${name}': patch`).join('\n')}\n---\n\nRelease test.\n`,
  );
}, 300_000);

afterAll(() => {
  verdaccio?.kill();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run release, against a registry on 127.0.0.1', () => {
  const versions = new Map<string, string>();

  it('changeset version bumps every package', async () => {
    const before = new Map(
      packages.map((name) => [
        name,
        JSON.parse(readFileSync(join(copy, 'packages', name, 'package.json'), 'utf8')).version as string,
      ]),
    );
    await must(bin('changeset'), ['version'], { cwd: copy, env: registryEnv() });
    for (const name of packages) {
      const after = JSON.parse(readFileSync(join(copy, 'packages', name, 'package.json'), 'utf8')).version as string;
      expect(after).not.toBe(before.get(name));
      expect(existsSync(join(copy, 'packages', name, 'CHANGELOG.md'))).toBe(true);
      versions.set(name, after);
    }
  });

  it('changeset publish puts all five on the registry', async () => {
    const out = await must(bin('changeset'), ['publish'], { cwd: copy, env: registryEnv(), timeout: 300_000 });
    for (const name of packages) {
      const response = await fetch(`${registry}@ds%2f${name}`);
      expect(response.status, out).toBe(200);
      const document = (await response.json()) as { versions: Record<string, unknown> };
      expect(Object.keys(document.versions)).toContain(versions.get(name));
    }
  });

  it('a fresh project installs them from the registry and imports them', async () => {
    const project = join(work, 'consumer');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
    // Only @ds comes from the local registry; everything else from the usual one.
    const consumerNpmrc = join(work, 'consumer-npmrc');
    writeFileSync(consumerNpmrc, `@ds:registry=${registry}\n`);
    const specs = packages.map((name) => `@ds/${name}@${versions.get(name)}`);
    await must('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs], {
      cwd: project,
      // `npm run` exports the caller's npm settings as npm_config_* variables; keep the tarball
      // URLs in the lockfile whatever those say.
      env: { ...process.env, npm_config_userconfig: consumerNpmrc, npm_config_omit_lockfile_registry_resolved: 'false' },
      timeout: 600_000,
    });
    writeFileSync(join(project, 'esm.mjs'), esmScript());
    const out = await must('node', ['esm.mjs'], { cwd: project });
    expect(out.trim()).toBe(expectedOutput);
    // Every tarball came from the local registry.
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; resolved?: string }>;
    };
    for (const name of packages) {
      const entry = lock.packages[`node_modules/@ds/${name}`];
      expect(entry?.version).toBe(versions.get(name));
      expect(entry?.resolved?.startsWith(registry), JSON.stringify(entry)).toBe(true);
    }
  });
});
