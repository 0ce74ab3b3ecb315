import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TempDirFixtures, tempDirFixture } from '@ds/testkit/vitest';
import { afterAll, test as base, describe, expect, vi } from 'vitest';

const test = base.extend<TempDirFixtures>(tempDirFixture());
const seen: string[] = [];

describe('tempDir', () => {
  test('is a fresh, empty directory', async ({ tempDir }) => {
    seen.push(tempDir);
    expect(readdirSync(tempDir)).toEqual([]);
    await writeFile(join(tempDir, 'out.csv'), 'a,b\n1,2\n');
  });

  test('is another directory for the next test', ({ tempDir }) => {
    seen.push(tempDir);
    expect(seen[0]).not.toBe(tempDir);
  });

  test('is kept, and its path printed, when the test fails and keepOnFailure is set', async () => {
    const [fixture] = tempDirFixture({ keepOnFailure: true }).tempDir;
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let dir = '';
    await fixture({ task: { name: 'writes a report', result: { state: 'fail' } } }, async (d) => {
      dir = d;
    });
    expect(existsSync(dir)).toBe(true);
    expect(log).toHaveBeenCalledWith(`tempDir of the failed test "writes a report": ${dir} (kept)`);
    log.mockRestore();
    seen.push(dir);
  });

  afterAll(async () => {
    expect(seen.slice(0, 2).map((d) => existsSync(d))).toEqual([false, false]);
    const { rm } = await import('node:fs/promises');
    await rm(seen[2] as string, { recursive: true, force: true });
  });
});
