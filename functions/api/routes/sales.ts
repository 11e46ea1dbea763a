import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { VillageId, pageOf } from '../../../shared/domain/common.js';
import { OfflineSaleInput, ReceiptUpload, ReceiptUploadRequest, SaleQuery, SaleReversalInput, SaleSource } from '../../../shared/domain/offline-sale.js';
import type { Deps } from '../../../shared/domain/ports.js';
import { Sale } from '../../../shared/domain/sale.js';
import { listSales, recordOfflineSale, requestReceiptUpload, reverseSale } from '../../../shared/domain/use-cases/ledger.js';
import type { AppEnv } from '../env.js';
import { idempotent } from '../middleware/idempotency.js';
import { IdempotencyHeaders, bearer, errorResponses, json, jsonBody, writeErrorResponses } from '../schemas.js';

const VillageParams = z.object({ villageId: VillageId });

/** The sales ledger: cooperatives record offline sales and reverse their mistakes; owners read their rows. */
export function salesRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/villages/{villageId}/sales/receipts',
      summary: 'Get a presigned POST to upload one receipt photo of an offline sale (coop of the village)',
      security: bearer,
      request: { params: VillageParams, body: jsonBody(ReceiptUploadRequest) },
      responses: { 201: { description: 'Upload form', content: json(ReceiptUpload) }, ...writeErrorResponses },
    }),
    async (c) =>
      c.json(await requestReceiptUpload(deps, c.get('caller'), { villageId: c.req.valid('param').villageId, upload: c.req.valid('json') }), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/villages/{villageId}/sales',
      summary: 'Record an offline or consignment sale (代销, supermarket, fair) with its receipt photo (coop of the village)',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { params: VillageParams, headers: IdempotencyHeaders, body: jsonBody(OfflineSaleInput) },
      responses: { 201: { description: 'Recorded in the ledger', content: json(Sale) }, ...writeErrorResponses },
    }),
    async (c) =>
      c.json(
        await recordOfflineSale(deps, c.get('caller'), { villageId: c.req.valid('param').villageId, sale: c.req.valid('json') }, c.get('idempotency')),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/sales',
      summary:
        "Ledger rows, newest first: a village's sales or an organisation's purchases (coop: its village; leader: its organisation; organizer: name one)",
      security: bearer,
      request: { query: SaleQuery },
      responses: { 200: { description: 'A page of sales', content: json(pageOf(Sale)) }, ...errorResponses },
    }),
    async (c) => c.json(await listSales(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sales/{source}/reversal',
      summary: 'Reverse an offline sale by appending its exact negative, once (coop of the village; URL-encode the source)',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { params: z.object({ source: SaleSource }), headers: IdempotencyHeaders, body: jsonBody(SaleReversalInput) },
      responses: { 201: { description: 'The reversing record', content: json(Sale) }, ...writeErrorResponses },
    }),
    async (c) =>
      c.json(await reverseSale(deps, c.get('caller'), { source: c.req.valid('param').source, reason: c.req.valid('json').reason }, c.get('idempotency')), 201),
  );

  return app;
}
