/**
 * Shared set-up for the DynamoDB integration tests: a fresh table on the DynamoDB Local the global setup
 * started, the repositories over it, and builders of valid stored objects with real prefixed ULIDs.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '../../../shared/db/create-table.js';
import { createDb, type Db } from '../../../shared/db/dynamo.js';
import { repositories } from '../../../shared/db/repositories/index.js';
import { StoredProductSchema } from '../../../shared/db/repositories/products.js';
import type { Account } from '../../../shared/domain/account.js';
import type { IdGenerator } from '../../../shared/domain/ids.js';
import { Organization, type OrganizationKind } from '../../../shared/domain/organization.js';
import type { StoredProduct } from '../../../shared/domain/ports.js';
import { ProductInput } from '../../../shared/domain/product.js';
import { Village, VillageInput } from '../../../shared/domain/village.js';
import { ulidIds } from '../../../shared/runtime/ids.js';
import { productInput, villageInput } from '../../support/fixtures.js';

export type Repos = ReturnType<typeof repositories>;

/** A new, empty table: every test that calls this sees only the items it writes. */
export async function freshTable(): Promise<{ db: Db; repos: Repos; ids: IdGenerator }> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `db-it-${randomUUID()}`;
  const admin = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(admin, tableName);
  admin.destroy();
  const db = createDb({ tableName, endpoint, region: 'local' });
  return { db, repos: repositories(db), ids: ulidIds() };
}

const NOW = '2026-03-01T02:00:00.000Z';

export function makeVillage(ids: IdGenerator, overrides: Partial<VillageInput> = {}): Village {
  return Village.parse({
    ...VillageInput.parse(villageInput(overrides)),
    villageId: ids.next('village'),
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
  });
}

export function makeProduct(
  ids: IdGenerator,
  village: Pick<Village, 'villageId' | 'county'>,
  overrides: Partial<ProductInput> & Partial<Pick<StoredProduct, 'status' | 'version'>> = {},
): StoredProduct {
  const { status = 'active', version = 1, ...input } = overrides;
  return StoredProductSchema.parse({
    ...ProductInput.parse(productInput(input)),
    productId: ids.next('product'),
    villageId: village.villageId,
    county: village.county,
    photoKeys: [],
    status,
    createdAt: NOW,
    updatedAt: NOW,
    version,
  });
}

export function makeOrganization(ids: IdGenerator, kind: OrganizationKind, name: string): Organization {
  return Organization.parse({
    organizationId: ids.next('organization'),
    name,
    kind,
    city: '成都市',
    description: `${name}的结对帮扶`,
    createdAt: NOW,
  });
}

export function makeAccount(ids: IdGenerator, role: Account['role'], displayName: string, binding: Partial<Account> = {}): Account {
  return { accountId: ids.next('account'), role, displayName, ...binding };
}

/** Reads every page of a paged list, failing on a runaway cursor. Returns the pages' ids and the last cursor. */
export async function allPages<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  idOf: (item: T) => string,
): Promise<{ pages: string[][]; last: string | null }> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await fetch(cursor);
    pages.push(page.items.map(idOf));
    if (page.nextCursor === null) return { pages, last: null };
    cursor = page.nextCursor;
  }
  throw new Error('more than 50 pages: the cursor does not advance');
}
