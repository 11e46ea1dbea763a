import { describe, expect, it } from 'vitest';
import { createTestStack } from '../../support/test-stack.js';

describe('buyback routes in the OpenAPI document', () => {
  it('lists every buyback path with its strict request body', async () => {
    // Prepare
    const { call } = await createTestStack();
    // Act
    const paths = (await call('GET', '/api/openapi.json')).json.paths as Record<string, Record<string, { requestBody?: unknown }>>;
    // Assess
    for (const [path, method] of [
      ['/api/buyback-guarantees', 'post'],
      ['/api/buyback-guarantees', 'get'],
      ['/api/buyback-guarantees/{guaranteeId}', 'get'],
      ['/api/buyback-guarantees/{guaranteeId}/accept', 'post'],
      ['/api/buyback-guarantees/{guaranteeId}/decline', 'post'],
      ['/api/buyback-guarantees/{guaranteeId}/amendments', 'post'],
      ['/api/buyback-guarantees/{guaranteeId}/amendments/{version}/accept', 'post'],
      ['/api/buyback-guarantees/{guaranteeId}/amendments/{version}/decline', 'post'],
      ['/api/buyback-guarantees/{guaranteeId}/delivery-photos', 'post'],
      ['/api/buyback-guarantees/{guaranteeId}/deliveries', 'post'],
      ['/api/buyback-guarantees/{guaranteeId}/deliveries/{deliveryId}/accept', 'post'],
      ['/api/buyback-guarantees/{guaranteeId}/deliveries/{deliveryId}/reject', 'post'],
      ['/api/buyback-guarantees/{guaranteeId}/settlements', 'post'],
      ['/api/buyback-guarantees/{guaranteeId}/settlements/{settlementId}/payment', 'get'],
      ['/api/buyback-guarantees/{guaranteeId}/settlements/{settlementId}/cancel', 'post'],
      ['/api/buyback-guarantees/{guaranteeId}/breach/settle', 'post'],
      ['/api/products/{productId}/market-prices/{isoWeek}', 'put'],
      ['/api/products/{productId}/market-prices', 'get'],
    ] as const) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const offer = JSON.stringify(paths['/api/buyback-guarantees']!.post!.requestBody);
    expect(offer).toContain('floorPriceFen');
    expect(offer).toContain('"additionalProperties":false');
  });
});
