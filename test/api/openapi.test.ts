import { describe, expect, it } from 'vitest';
import { createTestStack } from '../support/test-stack.js';

describe('OpenAPI document', () => {
  it('describes every contract path, generated from the request schemas', async () => {
    // Prepare
    const { call } = await createTestStack();
    // Act
    const response = await call('GET', '/api/openapi.json');
    // Assess
    expect(response.status).toBe(200);
    const paths = response.json.paths as Record<string, Record<string, { requestBody?: unknown; parameters?: { name: string }[] }>>;
    for (const [path, method] of [
      ['/api/health', 'get'],
      ['/api/me', 'get'],
      ['/api/villages', 'get'],
      ['/api/villages', 'post'],
      ['/api/villages/{villageId}', 'get'],
      ['/api/villages/{villageId}', 'patch'],
      ['/api/villages/{villageId}/targets/{year}', 'put'],
      ['/api/organizations', 'get'],
      ['/api/products', 'get'],
      ['/api/products/{productId}', 'get'],
      ['/api/villages/{villageId}/products', 'post'],
      ['/api/products/{productId}', 'patch'],
      ['/api/products/{productId}/photos', 'post'],
      ['/api/orders', 'post'],
      ['/api/orders/{orderId}', 'get'],
      ['/api/me/orders', 'get'],
      ['/api/orders/{orderId}/cancel', 'post'],
      ['/api/villages/{villageId}/orders', 'get'],
      ['/api/group-buys', 'post'],
      ['/api/group-buys', 'get'],
      ['/api/group-buys/{groupBuyId}', 'get'],
      ['/api/group-buys/{groupBuyId}/joins', 'post'],
      ['/api/group-buys/{groupBuyId}/joins/{orderId}', 'delete'],
      ['/api/group-buys/{groupBuyId}/close', 'post'],
      ['/api/webhooks/stripe', 'post'],
    ] as const) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const listParameters = paths['/api/products']!.get!.parameters!.map((p) => p.name);
    expect(listParameters).toEqual(expect.arrayContaining(['villageId', 'county', 'category', 'inSeason', 'sort', 'cursor']));
    const createBody = JSON.stringify(paths['/api/villages/{villageId}/products']!.post!.requestBody);
    expect(createBody).toContain('priceFen');
    expect(createBody).toContain('"additionalProperties":false');
  });
});
