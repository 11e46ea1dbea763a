import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrganizationId, pageOf } from '../../../shared/domain/common.js';
import { Pairing, PairingId, PairingInput, PairingQuery, Pledge, PledgeInput } from '../../../shared/domain/pairing.js';
import type { Deps } from '../../../shared/domain/ports.js';
import { Year } from '../../../shared/domain/village.js';
import { createPairing, getPairing, listPairings } from '../../../shared/domain/use-cases/pairings.js';
import { getPledge, setPledge } from '../../../shared/domain/use-cases/pledges.js';
import type { AppEnv } from '../env.js';
import { idempotent } from '../middleware/idempotency.js';
import { IdempotencyHeaders, bearer, errorResponses, json, jsonBody, writeErrorResponses } from '../schemas.js';

const PledgeParams = z.object({ organizationId: OrganizationId, year: Year });

/** Pairings (结对) of organisations with villages, and organisations' yearly pledges. */
export function pairingRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/pairings',
      summary: 'Pairings (organizer: any; leader: its organisation’s; coop: its village’s)',
      security: bearer,
      request: { query: PairingQuery },
      responses: { 200: { description: 'A page of pairings', content: json(pageOf(Pairing)) }, ...errorResponses },
    }),
    async (c) => c.json(await listPairings(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/pairings',
      summary: 'Pair an organisation with a village, with a joint annual purchase target (organizer)',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { headers: IdempotencyHeaders, body: jsonBody(PairingInput) },
      responses: { 201: { description: 'Created', content: json(Pairing) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await createPairing(deps, c.get('caller'), c.req.valid('json'), c.get('idempotency')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/pairings/{pairingId}',
      summary: 'One pairing (its organisation, its village’s coop, organizer)',
      security: bearer,
      request: { params: z.object({ pairingId: PairingId }) },
      responses: { 200: { description: 'The pairing', content: json(Pairing) }, ...errorResponses },
    }),
    async (c) => c.json(await getPairing(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/organizations/{organizationId}/pledges/{year}',
      summary: "Set an organisation's consumption-aid pledge for a year (its leader: this year or later; organizer)",
      security: bearer,
      request: { params: PledgeParams, body: jsonBody(PledgeInput) },
      responses: { 200: { description: 'The pledge', content: json(Pledge) }, ...writeErrorResponses },
    }),
    async (c) => {
      const { organizationId, year } = c.req.valid('param');
      return c.json(await setPledge(deps, c.get('caller'), { organizationId, year, pledge: c.req.valid('json') }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{organizationId}/pledges/{year}',
      summary: "An organisation's pledge for a year (its leader, organizer)",
      security: bearer,
      request: { params: PledgeParams },
      responses: { 200: { description: 'The pledge', content: json(Pledge) }, ...errorResponses },
    }),
    async (c) => c.json(await getPledge(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  return app;
}
