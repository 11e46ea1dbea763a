/**
 * `npm start`: the whole marketplace on one machine — DynamoDB Local, a local S3 server, the table, buckets
 * and demo data, and the API plus web at http://localhost:3000. Data lives in .data/ and survives restarts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../shared/db/create-table.js';
import { DEFAULT_TABLE_NAME } from '../../shared/db/table-design.js';
import { persistentDevIssuer } from './dev-issuer.js';
import { LocalStackError, isPortFree, startDynamoDbLocal } from './dynamodb-local.js';
import { createLocalApp } from './local-app.js';
import { EXPORTS_BUCKET, MEDIA_BUCKET, localDeps } from './local-deps.js';
import { startS3Local } from './s3-local.js';
import { seedDemoData } from './seed.js';
import { runDueWork } from '../../shared/domain/use-cases/scheduler.js';

const root = resolve(import.meta.dirname, '../..');
const DUE_WORK_INTERVAL_MS = 5_000;
const dataDir = resolve(root, process.env.DATA_DIR ?? '.data');
const webSource = join(root, 'web');
const webDist = join(root, 'web', 'dist');

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new LocalStackError(`${name}=${raw} is not a port number (1–65535)`);
  return port;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its build is missing or older than its sources. */
function ensureWebBuild(): void {
  const index = join(webDist, 'index.html');
  if (!existsSync(join(webSource, 'index.html'))) return;
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(webSource)) return;
  console.log('Building the web app …');
  const result = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new LocalStackError('The web build failed (see above); fix it or run `npm run build:web` to retry');
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  // Node 20 is fine locally; the SDK's notice that it wants Node 22 (as Lambda runs) would only be noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const port = portFromEnv('PORT', 3000);
  const dynamoPort = portFromEnv('DYNAMODB_PORT', 8000);
  const s3Port = portFromEnv('S3_PORT', 4569);
  if (!(await isPortFree(port))) throw new LocalStackError(`Port ${port} is busy: stop whatever uses it or set PORT=<another port>`);

  const stoppers: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    ensureWebBuild();
    const s3Endpoint = `http://127.0.0.1:${s3Port}`;
    // The JVM's start-up dominates; the S3 server starts meanwhile.
    const [dynamo, s3] = await Promise.allSettled([
      startDynamoDbLocal({ port: dynamoPort, dbPath: join(dataDir, 'dynamodb'), logFile: join(dataDir, 'logs', 'dynamodb-local.log') }),
      startS3Local({
        port: s3Port,
        directory: join(dataDir, 's3'),
        buckets: [MEDIA_BUCKET, EXPORTS_BUCKET],
        allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
      }),
    ]);
    if (dynamo.status === 'fulfilled') stoppers.push(() => dynamo.value.stop());
    if (s3.status === 'fulfilled') stoppers.push(() => s3.value.stop());
    if (dynamo.status === 'rejected') throw dynamo.reason;
    if (s3.status === 'rejected') throw s3.reason;
    const dynamoEndpoint = dynamo.value.endpoint;

    const tableName = process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME;
    await ensureTable(
      new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      tableName,
    );
    const issuer = await persistentDevIssuer(join(dataDir, 'dev-signing-key.json'));
    const stripeKeys =
      process.env.STRIPE_SECRET_KEY && process.env.STRIPE_WEBHOOK_SECRET
        ? { secretKey: process.env.STRIPE_SECRET_KEY, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET }
        : undefined;
    const { deps, db, simulator, connectWebhook } = localDeps({ tableName, dynamoEndpoint, s3Endpoint, issuer, stripe: stripeKeys });
    const seed = await seedDemoData(deps, db);
    if (seed.seeded) {
      console.log(
        `Seeded demo data: ${seed.villages} villages, ${seed.products} products, ${seed.organizations} organisations, ${seed.accounts} accounts, ${seed.groupBuys} group buys`,
      );
    }

    const app = createLocalApp(deps, issuer, webDist, simulator);
    connectWebhook(app);
    // In AWS a schedule runs this every minute; locally a timer does, through the same use case.
    let dueWorkRunning = false;
    const dueWork = setInterval(() => {
      if (dueWorkRunning) return;
      dueWorkRunning = true;
      runDueWork(deps)
        .then((done) => {
          const counts = Object.entries(done).filter(([, n]) => n > 0);
          // Quiet when nothing was due; otherwise one line naming what moved (closedGroupBuys: 1, lapsedOffers: 2 …).
          if (counts.length) console.log(`Scheduled work: ${counts.map(([what, n]) => `${what} ${n}`).join(', ')}`);
        })
        .catch((error: Error) => console.error(`Scheduled work failed (will retry): ${error.message}`))
        .finally(() => (dueWorkRunning = false));
    }, DUE_WORK_INTERVAL_MS);
    stoppers.push(async () => clearInterval(dueWork));
    if (simulator) stoppers.push(() => simulator.drain());
    const server = serve({ fetch: app.fetch, port }, () => {
      const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
      console.log(`Village Link 村链 is up at http://localhost:${port} (in ${seconds} s) — sign in at http://localhost:${port}/sign-in; Ctrl-C stops everything`);
    });
    server.on('error', (error: NodeJS.ErrnoException) => {
      console.error(error.code === 'EADDRINUSE' ? `Port ${port} is busy: stop whatever uses it or set PORT=<another port>` : error.message);
      void shutdown(1);
    });
    stoppers.push(() => new Promise<void>((done) => server.close(() => done())));
  } catch (error) {
    console.error(error instanceof LocalStackError ? error.message : `Could not start: ${(error as Error).message}`);
    await shutdown(1);
  }
}

try {
  await main();
} catch (error) {
  // Problems the user can fix get one line saying how; anything else is a bug and keeps its stack.
  if (!(error instanceof LocalStackError)) throw error;
  console.error(error.message);
  process.exit(1);
}
