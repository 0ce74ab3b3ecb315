import { seededRandom } from '@ds/testkit';
import { type SeededRandomFixtures, seededRandomFixture } from '@ds/testkit/vitest';
import { test as base, describe, expect, vi } from 'vitest';

const test = base.extend<SeededRandomFixtures>(seededRandomFixture({ seed: 99 }));

describe('seededRandomFixture', () => {
  test('gives the generator of the seed asked for', ({ random }) => {
    expect(random.seed).toBe(99);
    expect(random()).toBe(seededRandom(99)());
  });

  test('prints the seed of a failed test', async () => {
    const [fixture] = seededRandomFixture({ seed: 'replay-me' }).random;
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const task = { name: 'a property', result: { state: 'fail' } };
    await fixture({ task }, async () => undefined);
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(/^seededRandom: test "a property" failed with seed \d+; replay it with TESTKIT_SEED=\d+$/),
    );
    log.mockRestore();
  });
});
