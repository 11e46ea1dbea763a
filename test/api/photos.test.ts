import { beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { MEDIA_BUCKET } from '../../scripts/local/local-deps.js';
import { coopOf, organizer, productInput, villageInput } from '../support/fixtures.js';
import { createTestStack, type TestStack } from '../support/test-stack.js';

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function uploadWithPresignedPost(upload: { url: string; fields: Record<string, string> }, bytes: Buffer, type: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'photo');
  return fetch(upload.url, { method: 'POST', body: form });
}

describe('product photos', () => {
  let stack: TestStack;
  let villageId: string;
  beforeAll(async () => {
    stack = await createTestStack();
    villageId = (await stack.call('POST', '/api/villages', { as: organizer(), body: villageInput() })).json.villageId;
  });

  it('uploads a photo straight to storage with a presigned POST and attaches it to the product', async () => {
    // Prepare
    const coop = coopOf(villageId);
    const { productId } = (await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput() })).json;
    // Act
    const presign = await stack.call('POST', `/api/products/${productId}/photos`, { as: coop, body: { contentType: 'image/png' } });
    const uploaded = await uploadWithPresignedPost(presign.json, PNG, 'image/png');
    const attached = await stack.call('PATCH', `/api/products/${productId}`, { as: coop, body: { photoKeys: [presign.json.photoKey] } });
    // Assess
    expect(presign.status).toBe(201);
    expect(presign.json.photoKey).toMatch(new RegExp(`^products/${productId}/pho_[0-9A-Z]{26}\\.png$`));
    expect(presign.json.maxBytes).toBe(5 * 1024 * 1024);
    expect(presign.json.fields['Content-Type']).toBe('image/png');
    expect(presign.json.fields.Policy).toBeTruthy();
    expect(uploaded.status).toBeLessThan(300);
    expect(attached.status).toBe(200);
    expect(attached.json.photos).toHaveLength(1);
    const served = await fetch(attached.json.photos[0].url);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    const listed = await stack.call('GET', `/api/products?villageId=${villageId}`);
    expect(listed.json.items[0].photos[0].key).toBe(presign.json.photoKey);
  });

  it('accepts only JPEG, PNG and WebP', async () => {
    const coop = coopOf(villageId);
    const { productId } = (await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput() })).json;
    const gif = await stack.call('POST', `/api/products/${productId}/photos`, { as: coop, body: { contentType: 'image/gif' } });
    expect(gif.status).toBe(400);
    expect(gif.json.error.field).toBe('contentType');
  });

  it('refuses photo keys that were never uploaded, belong to another product, or break the type and size rules', async () => {
    // Prepare
    const coop = coopOf(villageId);
    const mine = (await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput() })).json.productId;
    const other = (await stack.call('POST', `/api/villages/${villageId}/products`, { as: coop, body: productInput() })).json.productId;
    const otherUpload = (await stack.call('POST', `/api/products/${other}/photos`, { as: coop, body: { contentType: 'image/png' } })).json;
    await uploadWithPresignedPost(otherUpload, PNG, 'image/png');
    const never = (await stack.call('POST', `/api/products/${mine}/photos`, { as: coop, body: { contentType: 'image/png' } })).json;
    // The local S3 server does not enforce POST policies, so put the rule-breaking objects there directly:
    // the API must still refuse them, as it would anything that slipped past a policy.
    const big = (await stack.call('POST', `/api/products/${mine}/photos`, { as: coop, body: { contentType: 'image/jpeg' } })).json;
    await stack.s3.send(new PutObjectCommand({ Bucket: MEDIA_BUCKET, Key: big.photoKey, Body: Buffer.alloc(5 * 1024 * 1024 + 1), ContentType: 'image/jpeg' }));
    const text = (await stack.call('POST', `/api/products/${mine}/photos`, { as: coop, body: { contentType: 'image/webp' } })).json;
    await stack.s3.send(new PutObjectCommand({ Bucket: MEDIA_BUCKET, Key: text.photoKey, Body: 'not an image', ContentType: 'text/plain' }));
    // Act & Assess
    for (const [keys, field, message] of [
      [[otherUpload.photoKey], 'photoKeys.0', /not a photo of this product/],
      [[never.photoKey], 'photoKeys.0', /not uploaded/],
      [[big.photoKey], 'photoKeys.0', /5 MB/],
      [[text.photoKey], 'photoKeys.0', /JPEG, PNG or WebP/],
      [['products/x.png'], 'photoKeys.0', /photoKey/],
    ] as const) {
      const response = await stack.call('PATCH', `/api/products/${mine}`, { as: coop, body: { photoKeys: keys } });
      expect(response.status, String(keys)).toBe(400);
      expect(response.json.error.field).toBe(field);
      expect(response.json.error.message).toMatch(message);
    }
    expect((await stack.call('GET', `/api/products/${mine}`)).json.photos).toEqual([]);
  });
});
