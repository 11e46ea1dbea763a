import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { IsoWeek, MarketPrice, MarketPriceInput } from '../../../shared/domain/buyback.js';
import { ProductId } from '../../../shared/domain/common.js';
import type { Deps } from '../../../shared/domain/ports.js';
import { listMarketPrices, setMarketPrice } from '../../../shared/domain/use-cases/buyback/market-prices.js';
import type { AppEnv } from '../env.js';
import { bearer, errorResponses, json, jsonBody, writeErrorResponses } from '../schemas.js';

const ProductParams = z.object({ productId: ProductId });

/** Weekly market reference prices: what accepted buyback deliveries are priced against (organizers enter them). */
export function marketPriceRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'put',
      path: '/products/{productId}/market-prices/{isoWeek}',
      summary: "Set a product's market reference price for one ISO week, like 2026-W47 (organizer); idempotent",
      security: bearer,
      request: { params: ProductParams.extend({ isoWeek: IsoWeek }), body: jsonBody(MarketPriceInput) },
      responses: { 200: { description: 'The price as stored', content: json(MarketPrice) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await setMarketPrice(deps, c.get('caller'), { ...c.req.valid('param'), price: c.req.valid('json') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/products/{productId}/market-prices',
      summary: "A product's market reference prices, newest week first (signed in)",
      security: bearer,
      request: { params: ProductParams },
      responses: { 200: { description: 'The prices', content: json(z.object({ items: z.array(MarketPrice) })) }, ...errorResponses },
    }),
    async (c) => c.json(await listMarketPrices(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  return app;
}
