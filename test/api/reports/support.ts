/**
 * Shared set-up for the impact-accounting tests: villages, products and organisations made through the API,
 * receipt photos uploaded through presigned POSTs, and sales appended straight to the ledger (as orders and
 * buyback settlements do) for histories too long to make one order at a time.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { MEDIA_BUCKET } from '../../../scripts/local/local-deps.js';
import type { Actor } from '../../../shared/domain/actor.js';
import type { Sale } from '../../../shared/domain/sale.js';
import { ulidIds } from '../../../shared/runtime/ids.js';
import { coopOf, leaderOf, organizer, productInput, villageInput } from '../../support/fixtures.js';
import type { TestStack } from '../../support/test-stack.js';

const ids = ulidIds();

export const office = organizer();

/** A valid 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export interface TestVillage {
  villageId: string;
  name: string;
  county: string;
  coop: Actor;
  productId: string;
}

/** A village (made by an organizer) with its cooperative and one product of 70 % farmer share. */
export async function villageWithProduct(stack: TestStack, overrides: Parameters<typeof villageInput>[0] = {}): Promise<TestVillage> {
  const village = await stack.call('POST', '/api/villages', { as: office, body: villageInput(overrides) });
  if (village.status !== 201) throw new Error(`village not created: ${JSON.stringify(village.json)}`);
  const villageId: string = village.json.villageId;
  const coop = coopOf(villageId);
  const product = await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput({ farmerShareBps: 7_000 }) });
  if (product.status !== 201) throw new Error(`product not created: ${JSON.stringify(product.json)}`);
  return { villageId, name: village.json.name, county: village.json.county, coop, productId: product.json.productId };
}

/** An organisation (made by an organizer) and its leader. */
export async function organizationWithLeader(stack: TestStack, name: string, kind = 'community'): Promise<{ organizationId: string; name: string; leader: Actor }> {
  const response = await stack.call('POST', '/api/organizations', { as: office, body: { name, kind, city: '成都市' } });
  if (response.status !== 201) throw new Error(`organisation not created: ${JSON.stringify(response.json)}`);
  return { organizationId: response.json.organizationId, name, leader: leaderOf(response.json.organizationId) };
}

/** Uploads a receipt photo as the cooperative's browser would, and returns its key. */
export async function uploadReceipt(stack: TestStack, village: Pick<TestVillage, 'villageId' | 'coop'>): Promise<string> {
  const presign = await stack.call('POST', `/api/villages/${village.villageId}/sales/receipts`, { as: village.coop, body: { contentType: 'image/png' } });
  if (presign.status !== 201) throw new Error(`no receipt upload: ${JSON.stringify(presign.json)}`);
  await stack.s3.send(new PutObjectCommand({ Bucket: MEDIA_BUCKET, Key: presign.json.receiptPhotoKey, Body: PNG, ContentType: 'image/png' }));
  return presign.json.receiptPhotoKey;
}

/** A sale as an order line would record it. */
export function saleOf(input: {
  villageId: string;
  amountFen: number;
  occurredAt: string;
  organizationId?: string;
  productId?: string;
  category?: Sale['category'];
  farmerShareBps?: number;
  source?: string;
}): Sale {
  return {
    source: input.source ?? `order:${ids.next('order')}:1`,
    villageId: input.villageId,
    productId: input.productId ?? ids.next('product'),
    productName: '土鸡',
    unit: '只',
    category: input.category ?? 'poultry',
    channel: 'order',
    buyerAccountId: ids.next('account'),
    ...(input.organizationId ? { organizationId: input.organizationId } : {}),
    quantity: 1,
    amountFen: input.amountFen,
    farmerShareBps: input.farmerShareBps ?? 10_000,
    occurredAt: new Date(input.occurredAt).toISOString(),
  };
}

/** Appends sales to the ledger with their sums, twenty per transaction (an order of twenty lines writes as many). */
export async function appendSales(stack: Pick<TestStack, 'deps'>, sales: Sale[]): Promise<void> {
  for (let i = 0; i < sales.length; i += 20) await stack.deps.ledger.append(sales.slice(i, i + 20));
}
