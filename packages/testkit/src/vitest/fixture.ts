import { TestkitError } from '../errors.js';

/**
 * Runs a fixture's setup; if it throws, undoes what the setup had already made (`undo`, in
 * reverse order) and rethrows as a TestkitError naming the fixture. Fixtures set up before this
 * one are torn down by Vitest, which awaits their `use`.
 */
export async function setUp<T>(fixture: string, build: (undo: (step: () => unknown) => void) => Promise<T>): Promise<T> {
  const steps: (() => unknown)[] = [];
  try {
    return await build((step) => steps.push(step));
  } catch (e) {
    for (const step of steps.reverse()) {
      try {
        await step();
      } catch {
        // The setup error is the one worth reporting; a failed undo must not hide it.
      }
    }
    const why = e instanceof Error ? e.message : String(e);
    const error = new TestkitError(
      'fixture-setup',
      fixture,
      why,
      'a fixture that sets up',
      `fixture "${fixture}" failed in setup: ${why}`,
    );
    (error as Error & { cause?: unknown }).cause = e;
    throw error;
  }
}

/**
 * A fixture as `test.extend` takes it: the function (whose first parameter's destructuring tells
 * Vitest what it depends on) and its scope.
 */
export type FixtureEntry<Context, Value, Scope extends 'test' | 'file' | 'worker'> = [
  (context: Context, use: (value: Value) => Promise<void>) => Promise<void>,
  { scope: Scope },
];
