import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { ensureTable } from '../../shared/db/create-table.js';
import type { Account } from '../../shared/domain/account.js';
import type { Actor } from '../../shared/domain/actor.js';
import type { Clock } from '../../shared/domain/ids.js';
import { ephemeralDevIssuer, type DevIssuer } from '../../scripts/local/dev-issuer.js';
import { localDeps } from '../../scripts/local/local-deps.js';

/** A clock the test moves by hand. */
export function manualClock(start = new Date().toISOString()): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (iso) => (now = new Date(iso)),
    advance: (ms) => (now = new Date(now.getTime() + ms)),
  };
}

/** A fresh table on the shared DynamoDB Local, the shared S3 server, and the app wired to them. */
export async function createTestStack(options: { clock?: Clock } = {}) {
  const tableName = `test-${randomUUID()}`;
  const dynamoEndpoint = inject('dynamoEndpoint');
  const s3Endpoint = inject('s3Endpoint');
  await ensureTable(
    new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    tableName,
  );
  const clock = options.clock ?? manualClock();
  const issuer = await ephemeralDevIssuer(clock);
  const { deps, db, s3, simulator, connectWebhook } = localDeps({ tableName, dynamoEndpoint, s3Endpoint, issuer, clock });
  const app = createApp(deps);
  connectWebhook(app);
  return { app, deps, db, s3, issuer, clock, s3Endpoint, simulator: simulator!, ...requestHelpers(app, issuer) };
}

export type TestStack = Awaited<ReturnType<typeof createTestStack>>;

type Fetcher = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** Shortcuts for calling the app as a given actor. */
export function requestHelpers(app: Fetcher, issuer: DevIssuer) {
  const tokenFor = (actor: Actor) => issuer.issue(accountOf(actor));
  async function call(method: string, path: string, options: { as?: Actor; body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer ${await tokenFor(options.as)}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await app.request(path, { method, headers, body });
    const text = await response.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the API answered
    const json: any = text ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, json };
  }
  return { call, tokenFor };
}

function accountOf(actor: Actor): Account {
  return {
    accountId: actor.accountId,
    role: actor.role,
    displayName: actor.displayName,
    ...('villageId' in actor ? { villageId: actor.villageId } : {}),
    ...('organizationId' in actor ? { organizationId: actor.organizationId } : {}),
  };
}
