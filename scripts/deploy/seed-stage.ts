/**
 * `npm run seed:stage -- --table <name> --region <region>`: puts the demo data into a deployed stage's table
 * with the very seeder `npm start` uses (scripts/local/seed.ts, through the same use cases users call), with
 * your AWS credentials. Meant for demo and test stages: a real stage starts empty.
 *
 *   npm run seed:stage -- --table VillageLink-dev-Data-TableCD117FA1-1A2B3C --region ap-southeast-1
 *   npm run seed:stage -- --table t --endpoint http://127.0.0.1:8000     any DynamoDB endpoint (DynamoDB Local)
 *
 * Seeding runs once per table (a marker item records it); running it again changes nothing.
 */
import { parseArgs } from 'node:util';
import { createDb, type Db } from '../../shared/db/dynamo.js';
import { seedMarkerKey } from '../../shared/db/keys.js';
import { repositories } from '../../shared/db/repositories/index.js';
import type { Deps } from '../../shared/domain/ports.js';
import { systemClock, ulidIds } from '../../shared/runtime/ids.js';
import { LocalStackError } from '../local/dynamodb-local.js';
import { seedDemoData, type SeedSummary } from '../local/seed.js';

const USAGE =
  'usage: npm run seed:stage -- --table NAME (--region REGION | --endpoint URL) [--allow-production]\n' +
  '  --table             the stage table (DataStack output TableName)\n' +
  '  --region            its region (else AWS_REGION)\n' +
  '  --endpoint          a DynamoDB endpoint instead of AWS (DynamoDB Local)\n' +
  '  --allow-production  seed a table whose name says prod (demo data does not belong there)';

/** Thrown for a request this script refuses or cannot run; its message is the whole answer. */
export class SeedStageError extends Error {
  override name = 'SeedStageError';
}

/**
 * A port the seeding never calls (it only creates villages, targets, products, organisations, accounts and
 * group buys): any method of it throws, naming itself, instead of reaching a service.
 */
function notForSeeding<T extends object>(port: string): T {
  return new Proxy({} as T, {
    get: (_, method) => () => {
      throw new Error(`${port}.${String(method)} is not available while seeding a stage`);
    },
  });
}

/** The use cases' dependencies on one table: the repositories, the clock and ids; no media, tokens or payments. */
export function seedingDeps(db: Db): Deps {
  return {
    clock: systemClock,
    ids: ulidIds(systemClock),
    ...repositories(db),
    media: notForSeeding('media'),
    tokens: notForSeeding('tokens'),
    payments: notForSeeding('payments'),
    paymentEvents: notForSeeding('paymentEvents'),
    exportFiles: notForSeeding('exportFiles'),
  };
}

/** Seeds one table (see the file's comment); returns what was put in, all zero when it had been seeded. */
export async function seedStage(options: { table: string; region?: string; endpoint?: string; allowProduction?: boolean }): Promise<SeedSummary> {
  if (/prod/i.test(options.table) && !options.allowProduction) {
    throw new SeedStageError(`${options.table} looks like a production table; demo data does not belong there (pass --allow-production if it really should)`);
  }
  const region = options.region ?? process.env.AWS_REGION;
  if (!options.endpoint && !region) throw new SeedStageError('name the region: --region REGION (or set AWS_REGION)');
  const db = createDb({ tableName: options.table, region: region ?? 'local', ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
  try {
    return await seedDemoData(seedingDeps(db), db);
  } catch (error) {
    // The seeder's own messages speak of the local stack (.data/, npm start); say what they mean for a stage.
    if (error instanceof LocalStackError) {
      const marker = seedMarkerKey();
      throw new SeedStageError(
        `${options.table} holds an unfinished demo seed (marker item PK=${marker.PK}, SK=${marker.SK} is not "complete"): ` +
          'another seed is running, or one was interrupted. Once none runs, delete the partly seeded items (or seed a fresh ' +
          `stage) and delete the marker item before seeding again. (${error.message})`,
      );
    }
    throw error;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      table: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      'allow-production': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.table) throw new SeedStageError(`name the table: --table NAME\n${USAGE}`);
  const where = values.endpoint ?? `AWS ${values.region ?? process.env.AWS_REGION ?? '(no region)'}`;
  console.log(`Seeding the demo data into ${values.table} at ${where} …`);
  const summary = await seedStage({
    table: values.table,
    region: values.region,
    endpoint: values.endpoint,
    allowProduction: values['allow-production'],
  });
  if (!summary.seeded) {
    console.log('Already seeded; nothing changed.');
    return 0;
  }
  console.log(
    `Seeded ${summary.villages} villages, ${summary.products} products, ${summary.organizations} organisations, ` +
      `${summary.accounts} accounts and ${summary.groupBuys} group buys.`,
  );
  return 0;
}

if (import.meta.filename === process.argv[1]) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    process.exitCode = await main();
  } catch (error) {
    const name = (error as { name?: string }).name;
    const hint =
      name === 'ResourceNotFoundException'
        ? ' (no such table in that region: copy the DataStack output TableName, and check --region)'
        : name === 'CredentialsProviderError'
          ? ' (no AWS credentials: `aws configure` or `aws sso login`, or set AWS_PROFILE)'
          : '';
    console.error(`seed:stage failed: ${(error as Error).message}${hint}`);
    process.exitCode = error instanceof SeedStageError ? 2 : 1;
  }
}
