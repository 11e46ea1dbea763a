import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { pageOf, VillageId } from '../../../shared/domain/common.js';
import type { Deps } from '../../../shared/domain/ports.js';
import { createVillage, getVillage, listVillages, setVillageTargets, updateVillage } from '../../../shared/domain/use-cases/villages.js';
import { Village, VillageDetail, VillageInput, VillagePatch, VillageQuery, VillageTargets, VillageTargetsInput, Year } from '../../../shared/domain/village.js';
import type { AppEnv } from '../env.js';
import { idempotent } from '../middleware/idempotency.js';
import { IdempotencyHeaders, IfMatchHeaders, bearer, errorResponses, etagOf, json, jsonBody, writeErrorResponses } from '../schemas.js';

const VillageParams = z.object({ villageId: VillageId });

/** Villages: public browsing; organizers create, edit and set yearly targets. */
export function villageRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/villages',
      summary: 'List villages, optionally of one county',
      request: { query: VillageQuery },
      responses: { 200: { description: 'A page of villages', content: json(pageOf(Village)) }, ...errorResponses },
    }),
    async (c) => c.json(await listVillages(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/villages',
      summary: 'Create a village (organizer)',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { headers: IdempotencyHeaders, body: jsonBody(VillageInput) },
      responses: { 201: { description: 'Created', content: json(VillageDetail) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await createVillage(deps, c.get('caller'), c.req.valid('json'), c.get('idempotency')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/villages/{villageId}',
      summary: 'A village with its targets',
      request: { params: VillageParams },
      responses: { 200: { description: 'The village', content: json(VillageDetail) }, ...errorResponses },
    }),
    async (c) => {
      const village = await getVillage(deps, c.get('caller'), c.req.valid('param'));
      c.header('ETag', etagOf(village.version));
      return c.json(village, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/villages/{villageId}',
      summary: "Edit a village's details (organizer)",
      security: bearer,
      request: { params: VillageParams, headers: IfMatchHeaders, body: jsonBody(VillagePatch) },
      responses: { 200: { description: 'The updated village', content: json(VillageDetail) }, ...writeErrorResponses },
    }),
    async (c) => {
      const village = await updateVillage(deps, c.get('caller'), {
        villageId: c.req.valid('param').villageId,
        patch: c.req.valid('json'),
        expectedVersion: c.req.valid('header')['if-match'],
      });
      c.header('ETag', etagOf(village.version));
      return c.json(village, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/villages/{villageId}/targets/{year}',
      summary: "Set a village's targets for a year (organizer)",
      security: bearer,
      request: { params: VillageParams.extend({ year: Year }), body: jsonBody(VillageTargetsInput) },
      responses: { 200: { description: 'The targets', content: json(VillageTargets) }, ...writeErrorResponses },
    }),
    async (c) => {
      const { villageId, year } = c.req.valid('param');
      return c.json(await setVillageTargets(deps, c.get('caller'), { villageId, year, targets: c.req.valid('json') }), 200);
    },
  );

  return app;
}
