/**
 * The sandbox as its own process (`src/main/sandbox/cli.ts`), as a server the measured client does not share a
 * thread with: on 2 cores, the client and the service then each get one, as they would against AWS or Apple.
 *
 * Node runs it directly (with tsx's loader), not through npx: a signal to npx does not reach the sandbox, whose
 * open stdout pipe would then keep the benchmark alive after it printed its figures.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';

export interface SandboxProcess {
  readonly url: string;
  /** Stops the sandbox (SIGTERM: it closes and exits) and waits for it to be gone. */
  stop(): Promise<void>;
}

export async function startSandboxProcess(args: readonly string[] = []): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/sandbox/cli.ts', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (match) resolve(match[0]);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
