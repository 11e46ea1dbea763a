/**
 * `npm run reconcile`: recomputes every monthly sum (G1/G2) from the ledger's sales and checks the sales that
 * orders and buy-back deliveries caused against them; prints each difference and a summary line, and exits 1
 * when anything differs.
 *
 *   npm run reconcile                                    the local stack (DYNAMODB_PORT, TABLE_NAME as `npm start`)
 *   npm run reconcile -- --table village-link-prod --region ap-southeast-1    a table in AWS (your credentials)
 *   npm run reconcile -- --endpoint http://127.0.0.1:8210 --table t          any endpoint
 */
import { parseArgs } from 'node:util';
import { createDb } from '../../shared/db/dynamo.js';
import { DEFAULT_TABLE_NAME } from '../../shared/db/table-design.js';
import { formatReport, reconcileLedger } from './reconcile-ledger.js';

const USAGE = 'usage: npm run reconcile [-- [--table NAME] [--region REGION] [--endpoint URL] [--segments N]]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      table: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      segments: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // Naming a table or a region means AWS; otherwise the local stack `npm start` runs, on its port and table.
  const aws = values.table !== undefined || values.region !== undefined;
  const endpoint = values.endpoint ?? (aws ? undefined : `http://127.0.0.1:${process.env.DYNAMODB_PORT || 8000}`);
  const tableName = values.table ?? process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME;
  const segments = Number(values.segments ?? 4);
  if (!Number.isInteger(segments) || segments < 1 || segments > 64) throw new Error(`--segments ${values.segments} is not a number from 1 to 64`);
  const db = createDb({ tableName, ...(endpoint ? { endpoint, region: values.region ?? 'local' } : values.region ? { region: values.region } : {}) });
  console.log(`Reconciling ${tableName} at ${endpoint ?? `AWS (${values.region ?? process.env.AWS_REGION ?? 'default region'})`} …`);
  const started = performance.now();
  const report = await reconcileLedger(db, { segments, onProgress: (n) => process.stderr.write(`  … ${n.toLocaleString('en-US')} items read\n`) });
  for (const line of formatReport(report)) console.log(line);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return report.differences.length === 0 ? 0 : 1;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
try {
  process.exitCode = await main();
} catch (error) {
  const name = (error as { name?: string }).name;
  const hint =
    name === 'ResourceNotFoundException'
      ? ' (no such table: is the stack running with this TABLE_NAME, or pass --table)'
      : /ECONNREFUSED/.test(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`)
        ? ' (nothing answers there: start the local stack with `npm start`, set DYNAMODB_PORT, or pass --table/--region for AWS)'
        : '';
  console.error(`reconcile failed: ${(error as Error).message}${hint}`);
  process.exitCode = 2;
}
