import { type SeededRandom, seededRandom } from '../seeded-random.js';
import type { FixtureEntry } from './fixture.js';
import type { TaskLike } from './temp-dir.js';

/** Options of `seededRandomFixture`. */
export interface SeededRandomOptions {
  /** The seed. Default `process.env.TESTKIT_SEED`, else a new random seed per test. */
  seed?: number | string;
}

/** The context `seededRandomFixture` adds. */
export interface SeededRandomFixtures {
  random: SeededRandom;
}

/**
 * A fixture for `test.extend`: `random`, a `seededRandom` generator per test. When the test
 * fails its seed is printed (`TESTKIT_SEED=123 npx vitest run …` replays it), so randomised
 * tests stay reproducible.
 *
 * @example
 * import { seededRandomFixture } from '@ds/testkit/vitest';
 * Object.keys(seededRandomFixture({ seed: 1 })); // => ['random']
 */
export function seededRandomFixture(options: SeededRandomOptions = {}): {
  random: FixtureEntry<{ task: TaskLike }, SeededRandom, 'test'>;
} {
  return {
    random: [
      async ({ task }: { task: TaskLike }, use: (random: SeededRandom) => Promise<void>) => {
        const seed = options.seed ?? process.env.TESTKIT_SEED ?? Math.floor(Math.random() * 2 ** 32);
        const random = seededRandom(typeof seed === 'string' && /^\d+$/.test(seed) ? Number(seed) : seed);
        try {
          await use(random);
        } finally {
          if (task.result?.state === 'fail' || (task.result?.errors?.length ?? 0) > 0) {
            console.error(
              `seededRandom: test "${task.name}" failed with seed ${random.seed}; replay it with TESTKIT_SEED=${random.seed}`,
            );
          }
        }
      },
      { scope: 'test' },
    ],
  };
}
