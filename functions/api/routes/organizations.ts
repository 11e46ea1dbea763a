import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrganizationId, pageOf } from '../../../shared/domain/common.js';
import { Organization, OrganizationInput, OrganizationQuery } from '../../../shared/domain/organization.js';
import type { Deps } from '../../../shared/domain/ports.js';
import { createOrganization, getOrganization, listOrganizations } from '../../../shared/domain/use-cases/organizations.js';
import type { AppEnv } from '../env.js';
import { bearer, errorResponses, json, jsonBody, writeErrorResponses } from '../schemas.js';

/** Partner organisations: public list; organizers register them. */
export function organizationRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/organizations',
      summary: 'List partner organisations, optionally of one kind',
      request: { query: OrganizationQuery },
      responses: { 200: { description: 'A page of organisations', content: json(pageOf(Organization)) }, ...errorResponses },
    }),
    async (c) => c.json(await listOrganizations(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{organizationId}',
      summary: 'One organisation',
      request: { params: z.object({ organizationId: OrganizationId }) },
      responses: { 200: { description: 'The organisation', content: json(Organization) }, ...errorResponses },
    }),
    async (c) => c.json(await getOrganization(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/organizations',
      summary: 'Register a partner organisation (organizer)',
      security: bearer,
      request: { body: jsonBody(OrganizationInput) },
      responses: { 201: { description: 'Created', content: json(Organization) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await createOrganization(deps, c.get('caller'), c.req.valid('json')), 201),
  );

  return app;
}
