/**
 * Shared by the benchmark sections: a local stack started as a child process (as `npm start` runs), a
 * bounded-concurrency runner and latency percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { findFreePort } from '../local/dynamodb-local.js';

export const root = resolve(import.meta.dirname, '../..');

/** The value at or below which p percent of the values lie (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ms = (n: number) => (Number.isNaN(n) ? '–' : `${n.toFixed(1)} ms`);

export interface BenchStack {
  url: string;
  dynamoEndpoint: string;
  child: ChildProcess;
  /** What the stack wrote on stderr (its error log), kept for the report instead of flooding the terminal. */
  stderrLines: string[];
}

/** Starts `scripts/local/start.ts` on free ports with its data in `dataDir`; resolves once /api/health answers. */
export async function startBenchStack(dataDir: string): Promise<BenchStack> {
  const [port, dynamoPort, s3Port] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const started = performance.now();
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['scripts/local/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      DATA_DIR: dataDir,
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoPort),
      S3_PORT: String(s3Port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderrLines: string[] = [];
  let partial = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) stderrLines.push(line);
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the local stack exited during start-up: ${stderrLines.slice(-40).join(' | ')}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
    if (performance.now() - started > 120_000) {
      child.kill('SIGINT');
      throw new Error('the local stack did not answer within 120 s');
    }
  }
  return { url, dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`, child, stderrLines };
}

/** Stops the stack as Ctrl-C would (it stops DynamoDB Local and the S3 server itself). */
export async function stopBenchStack(stack: BenchStack): Promise<void> {
  if (stack.child.exitCode !== null || stack.child.signalCode !== null) return;
  const exited = new Promise((r) => stack.child.once('exit', r));
  stack.child.kill('SIGINT');
  await exited;
}

/**
 * Runs `task(0 … count-1)` with at most `concurrency` in flight. Stops starting new tasks once `deadline`
 * (a performance.now() value) has passed; resolves with how many were started.
 */
export async function runBounded(count: number, concurrency: number, task: (i: number) => Promise<void>, deadline = Infinity): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < count && performance.now() < deadline) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return next;
}
