// Shared by `npm run bench` and `npm run soak`: the sandbox and the console in processes of
// their own, as in production, so neither shares the load generator's event loop.
import { spawn } from 'node:child_process';

/** Runs a TypeScript entry point as its own process until `ready` appears on its stdout. */
export async function spawnService(entry: string, env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
  });
  child.stdout.resume();
  return child;
}
