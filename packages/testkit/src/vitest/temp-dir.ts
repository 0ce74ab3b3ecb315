import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOptions } from '../check.js';
import { TestkitError } from '../errors.js';
import { type FixtureEntry, setUp } from './fixture.js';

/** Options of `tempDirFixture`. */
export interface TempDirOptions {
  /** Directory to create it in. Default `os.tmpdir()`. */
  parent?: string;
  /** Keep the directory when the test fails (its path is printed). Default `false`. */
  keepOnFailure?: boolean;
}

/** What the fixtures read of Vitest's current test. */
export interface TaskLike {
  name: string;
  result?: { state?: string; errors?: unknown[] } | undefined;
}

/** The context `tempDirFixture` adds: `tempDir`, an empty directory's absolute path. */
export interface TempDirFixtures {
  tempDir: string;
}

/**
 * A fixture for `test.extend`: `tempDir`, a fresh empty directory per test (pytest's
 * `tmp_path`), removed with its contents after the test.
 *
 * @example
 * import { tempDirFixture } from '@ds/testkit/vitest';
 * Object.keys(tempDirFixture()); // => ['tempDir']
 * // const test = base.extend<TempDirFixtures>(tempDirFixture());
 * // test('writes a file', async ({ tempDir }) => { await writeFile(join(tempDir, 'a.csv'), 'x'); });
 */
export function tempDirFixture(options: TempDirOptions = {}): { tempDir: FixtureEntry<{ task: TaskLike }, string, 'test'> } {
  checkOptions('options', options);
  if (options.parent !== undefined && (typeof options.parent !== 'string' || options.parent === '')) {
    throw new TestkitError('invalid-type', 'parent', options.parent, 'a folder path or undefined');
  }
  const parent = options.parent ?? tmpdir();
  return {
    tempDir: [
      async ({ task }: { task: TaskLike }, use: (dir: string) => Promise<void>) => {
        const dir = await setUp('tempDir', () => mkdtemp(join(parent, 'ds-testkit-')));
        try {
          await use(dir);
        } finally {
          const failed = task.result?.state === 'fail' || (task.result?.errors?.length ?? 0) > 0;
          if (failed) console.error(`tempDir of the failed test "${task.name}": ${dir}${options.keepOnFailure ? ' (kept)' : ''}`);
          if (!(failed && options.keepOnFailure)) await rm(dir, { recursive: true, force: true });
        }
      },
      { scope: 'test' },
    ],
  };
}
