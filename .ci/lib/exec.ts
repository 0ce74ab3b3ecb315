// Small helpers for the integration tests: run a command and keep its output for the failure message.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const packages = readdirSync(join(root, 'packages')).sort();
export const bin = (name: string) => join(root, 'node_modules', '.bin', name);

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to the end; never throws, so the test can show what it printed. */
export function sh(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd ?? root,
        env: options.env ?? process.env,
        timeout: options.timeout ?? 300_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** `sh`, but a non-zero exit throws with everything the command printed. */
export async function must(command: string, args: string[], options: Parameters<typeof sh>[2] = {}): Promise<string> {
  const r = await sh(command, args, options);
  if (r.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${r.code}\n--- stdout\n${r.stdout.slice(-6000)}\n--- stderr\n${r.stderr.slice(-6000)}`,
    );
  }
  return r.stdout;
}
