import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MEDIA_BUCKET } from '../../../scripts/local/local-deps.js';
import { createSyncedStack, listProduct, type SyncedStack } from '../orders/support.js';
import { activeGuarantee, buybackWorld, deliveryBody, detail, type BuybackWorld } from './support.js';

/** A valid 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('recording buyback deliveries', () => {
  let stack: SyncedStack;
  let world: BuybackWorld;

  beforeAll(async () => {
    stack = await createSyncedStack('2026-11-18T04:00:00.000Z');
    world = await buybackWorld(stack);
  });

  afterAll(() => {
    vi.useRealTimers();
  });

  const record = (guaranteeId: string, body: unknown, key?: string) =>
    stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/deliveries`, { as: world.coop, body, headers: key ? { 'idempotency-key': key } : {} });

  it('is idempotent: a retry with the same key replays the delivery, another body is a 422, and racing retries record it once', async () => {
    // Prepare
    const guaranteeId = await activeGuarantee(stack, world);
    // Act
    const first = await record(guaranteeId, deliveryBody({ quantity: 7 }), 'delivery-7-aa01bb');
    const retry = await record(guaranteeId, deliveryBody({ quantity: 7 }), 'delivery-7-aa01bb');
    const reused = await record(guaranteeId, deliveryBody({ quantity: 8 }), 'delivery-7-aa01bb');
    const racing = await Promise.all(Array.from({ length: 8 }, () => record(guaranteeId, deliveryBody({ quantity: 4, note: '并发' }), 'delivery-4-race-cc02')));
    // Assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(reused.status).toBe(422);
    expect(reused.json.error.field).toBe('Idempotency-Key');
    expect(racing.every((r) => r.status === 201)).toBe(true);
    expect(new Set(racing.map((r) => r.json.deliveryId)).size).toBe(1);
    const after = await detail(stack, world.coop, guaranteeId);
    expect(after.deliveries.map((d: { quantity: number }) => d.quantity)).toEqual([7, 4]);
    expect(after).toMatchObject({ offeredQuantity: 11, deliveryCount: 2 });
  });

  it('carries an optional photo uploaded through a presigned POST under the guarantee; a photo not uploaded, or of another guarantee, is refused', async () => {
    // Prepare
    const guaranteeId = await activeGuarantee(stack, world);
    const other = await activeGuarantee(stack, world);
    const presign = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/delivery-photos`, { as: world.coop, body: { contentType: 'image/png' } });
    const byLeader = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/delivery-photos`, { as: world.leader, body: { contentType: 'image/png' } });
    const form = new FormData();
    for (const [name, value] of Object.entries(presign.json.fields as Record<string, string>)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'slip.png');
    const uploaded = await fetch(presign.json.url, { method: 'POST', body: form });
    const notUploaded = `buyback/${guaranteeId}/pho_01JD0000000000000000000000.png`;
    const elsewhere = (await stack.call('POST', `/api/buyback-guarantees/${other}/delivery-photos`, { as: world.coop, body: { contentType: 'image/png' } })).json.photoKey;
    await stack.s3.send(new PutObjectCommand({ Bucket: MEDIA_BUCKET, Key: elsewhere, Body: PNG, ContentType: 'image/png' }));
    // Act
    const missing = await record(guaranteeId, deliveryBody({ photoKey: notUploaded }));
    const foreign = await record(guaranteeId, deliveryBody({ photoKey: elsewhere }));
    const malformed = await record(guaranteeId, deliveryBody({ photoKey: 'products/x.png' }));
    const withPhoto = await record(guaranteeId, deliveryBody({ photoKey: presign.json.photoKey }));
    // Assess
    expect(presign.status).toBe(201);
    expect(presign.json.photoKey).toMatch(new RegExp(`^buyback/${guaranteeId}/pho_[0-9A-Z]{26}\\.png$`));
    expect(byLeader.status).toBe(403);
    expect(uploaded.status).toBeLessThan(300);
    expect([missing, foreign, malformed].map((r) => [r.status, r.json.error.field])).toEqual([
      [400, 'photoKey'],
      [400, 'photoKey'],
      [400, 'photoKey'],
    ]);
    expect(withPhoto.status).toBe(201);
    expect(withPhoto.json.photo.key).toBe(presign.json.photoKey);
    const served = await fetch(withPhoto.json.photo.url);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await detail(stack, world.leader, guaranteeId)).deliveries[0].photo.url).toBe(withPhoto.json.photo.url);
  });

  it('a category guarantee takes any of the village’s products of that category and unit, named on each delivery', async () => {
    // Prepare
    const eggs = await listProduct(stack, world, { name: '土鸡蛋', category: 'poultry', unit: '盒', priceFen: 5_800 });
    const duck = await listProduct(stack, world, { name: '麻鸭', category: 'poultry', unit: '只', priceFen: 9_000 });
    const guaranteeId = await activeGuarantee(stack, world, { productId: undefined, category: 'poultry', unit: '只', floorPriceFen: 8_000 });
    // Act
    const unnamed = await record(guaranteeId, deliveryBody());
    const wrongUnit = await record(guaranteeId, deliveryBody({ productId: eggs.productId }));
    const ducks = await record(guaranteeId, deliveryBody({ productId: duck.productId, quantity: 3 }));
    const accepted = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/deliveries/${ducks.json.deliveryId}/accept`, { as: world.leader });
    // Assess
    expect([unnamed.status, unnamed.json.error.field]).toEqual([400, 'productId']);
    expect([wrongUnit.status, wrongUnit.json.error.field]).toEqual([400, 'productId']);
    expect(ducks.json.product).toMatchObject({ productId: duck.productId, productName: '麻鸭', unit: '只' });
    expect(accepted.json.pricing).toMatchObject({ unitPriceFen: 9_000, marketReference: { productId: duck.productId, source: 'list_price' } });
    expect((await detail(stack, world.organizer, guaranteeId)).scope).toEqual({ kind: 'category', category: 'poultry', unit: '只' });
  });
});
