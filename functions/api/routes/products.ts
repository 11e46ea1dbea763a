import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Cursor, PageLimit, ProductId, VillageId, pageOf } from '../../../shared/domain/common.js';
import type { Deps } from '../../../shared/domain/ports.js';
import {
  PhotoUpload,
  PhotoUploadRequest,
  Product,
  ProductInput,
  ProductPatch,
  ProductQuery,
  StockAdjustment,
  StockAdjustmentInput,
} from '../../../shared/domain/product.js';
import {
  adjustStock,
  createProduct,
  getProduct,
  listProducts,
  listStockAdjustments,
  requestPhotoUpload,
  updateProduct,
} from '../../../shared/domain/use-cases/products.js';
import type { AppEnv } from '../env.js';
import { idempotent } from '../middleware/idempotency.js';
import { IdempotencyHeaders, IfMatchHeaders, bearer, errorResponses, etagOf, json, jsonBody, writeErrorResponses } from '../schemas.js';

const ProductParams = z.object({ productId: ProductId });

/** Products: public browsing; a village's cooperative lists, edits, restocks and photographs its own. */
export function productRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/products',
      summary: 'Browse products by village, county, category and season, newest or cheapest first',
      request: { query: ProductQuery },
      responses: { 200: { description: 'A page of products', content: json(pageOf(Product)) }, ...errorResponses },
    }),
    async (c) => c.json(await listProducts(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/products/{productId}',
      summary: 'One product',
      request: { params: ProductParams },
      responses: { 200: { description: 'The product', content: json(Product) }, ...errorResponses },
    }),
    async (c) => {
      const product = await getProduct(deps, c.get('caller'), c.req.valid('param'));
      c.header('ETag', etagOf(product.version));
      return c.json(product, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/villages/{villageId}/products',
      summary: "List a new product of the caller's village (coop)",
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { params: z.object({ villageId: VillageId }), headers: IdempotencyHeaders, body: jsonBody(ProductInput) },
      responses: { 201: { description: 'Created', content: json(Product) }, ...writeErrorResponses },
    }),
    async (c) => {
      const product = await createProduct(
        deps,
        c.get('caller'),
        { villageId: c.req.valid('param').villageId, product: c.req.valid('json') },
        c.get('idempotency'),
      );
      return c.json(product, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/products/{productId}',
      summary: 'Edit, reprice, withdraw or re-list a product, or set its photos (coop of its village)',
      security: bearer,
      request: { params: ProductParams, headers: IfMatchHeaders, body: jsonBody(ProductPatch) },
      responses: { 200: { description: 'The updated product', content: json(Product) }, ...writeErrorResponses },
    }),
    async (c) => {
      const product = await updateProduct(deps, c.get('caller'), {
        productId: c.req.valid('param').productId,
        patch: c.req.valid('json'),
        expectedVersion: c.req.valid('header')['if-match'],
      });
      c.header('ETag', etagOf(product.version));
      return c.json(product, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/products/{productId}/stock-adjustments',
      summary: 'Restock (positive delta) or write off (negative) stock (coop of its village)',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { params: ProductParams, headers: IdempotencyHeaders, body: jsonBody(StockAdjustmentInput) },
      responses: { 201: { description: 'Recorded', content: json(StockAdjustment) }, ...writeErrorResponses },
    }),
    async (c) => {
      const adjustment = await adjustStock(
        deps,
        c.get('caller'),
        { productId: c.req.valid('param').productId, adjustment: c.req.valid('json') },
        c.get('idempotency'),
      );
      return c.json(adjustment, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/products/{productId}/stock-adjustments',
      summary: "A product's restocks and write-offs, newest first (coop of its village, organizer)",
      security: bearer,
      request: { params: ProductParams, query: z.object({ limit: PageLimit, cursor: Cursor.optional() }).strict() },
      responses: { 200: { description: 'A page of adjustments', content: json(pageOf(StockAdjustment)) }, ...errorResponses },
    }),
    async (c) =>
      c.json(await listStockAdjustments(deps, c.get('caller'), { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/products/{productId}/photos',
      summary: 'Get a presigned POST to upload one photo (JPEG, PNG or WebP, at most 5 MB) straight to storage',
      security: bearer,
      request: { params: ProductParams, body: jsonBody(PhotoUploadRequest) },
      responses: { 201: { description: 'Upload form', content: json(PhotoUpload) }, ...writeErrorResponses },
    }),
    async (c) => {
      const upload = await requestPhotoUpload(deps, c.get('caller'), {
        productId: c.req.valid('param').productId,
        upload: c.req.valid('json'),
      });
      return c.json(upload, 201);
    },
  );

  return app;
}
