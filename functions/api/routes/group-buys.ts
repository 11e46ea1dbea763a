import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Cursor, GroupBuyId, OrderId, PageLimit, pageOf } from '../../../shared/domain/common.js';
import { GroupBuy, GroupBuyInput, GroupBuyQuery, HandOutEntry, JoinInput } from '../../../shared/domain/group-buy.js';
import { Order, PlacedOrder } from '../../../shared/domain/order.js';
import type { Deps } from '../../../shared/domain/ports.js';
import {
  closeGroupBuyEarly,
  getGroupBuy,
  handOutList,
  joinGroupBuy,
  leaveGroupBuy,
  listGroupBuys,
  listMyGroupBuys,
  openGroupBuy,
} from '../../../shared/domain/use-cases/group-buys.js';
import type { AppEnv } from '../env.js';
import { idempotent } from '../middleware/idempotency.js';
import { IdempotencyHeaders, bearer, errorResponses, json, jsonBody, writeErrorResponses } from '../schemas.js';

const GroupBuyParams = z.object({ groupBuyId: GroupBuyId });

/** Group buys (团购): leaders open and close them, buyers join and leave, anyone follows the progress. */
export function groupBuyRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/group-buys',
      summary: 'Open a group buy for one product, reserving its maximum from stock (leader)',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { headers: IdempotencyHeaders, body: jsonBody(GroupBuyInput) },
      responses: { 201: { description: 'Opened', content: json(GroupBuy) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await openGroupBuy(deps, c.get('caller'), c.req.valid('json'), c.get('idempotency')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/group-buys',
      summary: 'Group buys by status; open ones soonest deadline first',
      request: { query: GroupBuyQuery },
      responses: { 200: { description: 'A page of group buys', content: json(pageOf(GroupBuy)) }, ...errorResponses },
    }),
    async (c) => c.json(await listGroupBuys(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/group-buys',
      summary: 'The group buys the calling leader opened, newest first',
      security: bearer,
      request: { query: z.object({ limit: PageLimit, cursor: Cursor.optional() }).strict() },
      responses: { 200: { description: 'A page of group buys', content: json(pageOf(GroupBuy)) }, ...errorResponses },
    }),
    async (c) => c.json(await listMyGroupBuys(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/group-buys/{groupBuyId}',
      summary: 'One group buy with its progress (joined, paid, minimum, maximum, deadline)',
      request: { params: GroupBuyParams },
      responses: { 200: { description: 'The group buy', content: json(GroupBuy) }, ...errorResponses },
    }),
    async (c) => c.json(await getGroupBuy(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/group-buys/{groupBuyId}/joins',
      summary: 'Join with a quantity; 409 with code sold_out, closed or over_maximum when refused',
      security: bearer,
      middleware: [idempotent(deps, 201, { lookUpFirst: false })] as const,
      request: { params: GroupBuyParams, headers: IdempotencyHeaders, body: jsonBody(JoinInput) },
      responses: { 201: { description: 'Joined, awaiting payment', content: json(PlacedOrder) }, ...writeErrorResponses },
    }),
    async (c) =>
      c.json(await joinGroupBuy(deps, c.get('caller'), { groupBuyId: c.req.valid('param').groupBuyId, join: c.req.valid('json') }, c.get('idempotency')), 201),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/group-buys/{groupBuyId}/joins/{orderId}',
      summary: 'Leave before the deadline: the hold is released or the payment refunded (the buyer)',
      security: bearer,
      request: { params: GroupBuyParams.extend({ orderId: OrderId }) },
      responses: { 200: { description: 'The order after leaving', content: json(Order) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await leaveGroupBuy(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/group-buys/{groupBuyId}/close',
      summary: 'Close early once the minimum is paid for (the leader who opened it)',
      security: bearer,
      request: { params: GroupBuyParams },
      responses: { 200: { description: 'The group buy, confirmed', content: json(GroupBuy) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await closeGroupBuyEarly(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/group-buys/{groupBuyId}/hand-out',
      summary: "Who collects how much (the leader, the village's cooperative, organizers)",
      security: bearer,
      request: { params: GroupBuyParams },
      responses: {
        200: {
          description: 'The hand-out list',
          content: json(z.object({ groupBuy: GroupBuy, entries: z.array(HandOutEntry), totalQuantity: z.number().int() })),
        },
        ...errorResponses,
      },
    }),
    async (c) => c.json(await handOutList(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  return app;
}
