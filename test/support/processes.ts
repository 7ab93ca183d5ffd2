import { ChildProcess, spawn } from 'node:child_process';
import { waitFor } from './test-env';

/** A child process whose output is kept for assertions and failure messages. */
export interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function spawnProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Spawned {
  // Services started by tests serve no metrics port unless the test asks for one (they would all
  // race for the default 9464, and a developer's running server may hold it).
  const child = spawn(command, args, { env: { METRICS_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A private redis-server on a spare port (never the machine's shared one), for fault tests. */
export async function startPrivateRedis(port: number): Promise<Spawned> {
  const redis = spawnProcess(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    process.env,
  );
  await waitFor(async () => /Ready to accept connections/i.test(redis.output()), {
    what: `redis-server on ${port}`,
    timeoutMs: 10000,
  });
  return redis;
}
