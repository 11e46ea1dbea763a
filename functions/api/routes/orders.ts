import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Cursor, OrderId, PageLimit, VillageId, pageOf } from '../../../shared/domain/common.js';
import { FulfilmentInput, Order, OrderInput, PickList, PlacedOrder } from '../../../shared/domain/order.js';
import type { Deps } from '../../../shared/domain/ports.js';
import { PaymentSession } from '../../../shared/domain/payment.js';
import { cancelOrder, fulfilOrder, getOrder, getOrderPayment, listMyOrders, listVillageOrders, placeOrder, villagePickList } from '../../../shared/domain/use-cases/orders.js';
import type { AppEnv } from '../env.js';
import { idempotent } from '../middleware/idempotency.js';
import { IdempotencyHeaders, bearer, errorResponses, json, jsonBody, writeErrorResponses } from '../schemas.js';

const OrderParams = z.object({ orderId: OrderId });
const PageQuery = z.object({ limit: PageLimit, cursor: Cursor.optional() }).strict();

/** Direct orders: buyers place, follow and cancel them; cooperatives see and fulfil their villages' lines. */
export function orderRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/orders',
      summary: 'Place an order from one or more villages; answers with the payment to complete',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { headers: IdempotencyHeaders, body: jsonBody(OrderInput) },
      responses: { 201: { description: 'Placed, awaiting payment', content: json(PlacedOrder) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await placeOrder(deps, c.get('caller'), c.req.valid('json'), c.get('idempotency')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/orders/{orderId}',
      summary: 'One order (its buyer, its villages’ cooperatives, organizers)',
      security: bearer,
      request: { params: OrderParams },
      responses: { 200: { description: 'The order', content: json(Order) }, ...errorResponses },
    }),
    async (c) => c.json(await getOrder(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/orders/{orderId}/payment',
      summary: 'The payment of an unpaid order, to pay from another tab or device (its buyer)',
      security: bearer,
      request: { params: OrderParams },
      responses: { 200: { description: 'The payment to complete', content: json(PaymentSession) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await getOrderPayment(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/orders',
      summary: "The caller's orders, newest first",
      security: bearer,
      request: { query: PageQuery },
      responses: { 200: { description: 'A page of orders', content: json(pageOf(Order)) }, ...errorResponses },
    }),
    async (c) => c.json(await listMyOrders(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/orders/{orderId}/cancel',
      summary: 'Cancel an unpaid order, or refund a paid one no village has started on (buyer)',
      security: bearer,
      request: { params: OrderParams },
      responses: { 200: { description: 'The order after cancelling', content: json(Order) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await cancelOrder(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/orders/{orderId}/fulfilment',
      summary: "Mark the caller's village's lines ready, shipped or completed (coop); completed on receipt (buyer)",
      security: bearer,
      request: { params: OrderParams, body: jsonBody(FulfilmentInput) },
      responses: { 200: { description: 'The order', content: json(Order) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await fulfilOrder(deps, c.get('caller'), { orderId: c.req.valid('param').orderId, fulfilment: c.req.valid('json') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/villages/{villageId}/orders',
      summary: "A village's orders with its own lines, newest first (coop of the village, organizer)",
      security: bearer,
      request: { params: z.object({ villageId: VillageId }), query: PageQuery },
      responses: { 200: { description: 'A page of orders', content: json(pageOf(Order)) }, ...errorResponses },
    }),
    async (c) => c.json(await listVillageOrders(deps, c.get('caller'), { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/villages/{villageId}/pick-list',
      summary: 'What to pick for paid orders not yet fulfilled, per pickup point (coop of the village, organizer)',
      security: bearer,
      request: { params: z.object({ villageId: VillageId }) },
      responses: { 200: { description: 'The pick list', content: json(PickList) }, ...errorResponses },
    }),
    async (c) => c.json(await villagePickList(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  return app;
}
