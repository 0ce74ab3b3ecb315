// npm pack every package (built) into a folder; returns the tarball paths.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { must, packages, root } from './exec.js';

export async function packAll(destination: string): Promise<string[]> {
  mkdirSync(destination, { recursive: true });
  const tarballs: string[] = [];
  for (const name of packages) {
    const out = await must('npm', ['pack', '--json', '--pack-destination', destination], { cwd: join(root, 'packages', name) });
    const [info] = JSON.parse(out) as Array<{ filename: string }>;
    if (!info) throw new Error(`npm pack printed nothing for ${name}`);
    tarballs.push(join(destination, info.filename));
  }
  return tarballs;
}
