import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ExportCreated, ExportId, ExportRequest } from '../../../shared/domain/export.js';
import type { Deps } from '../../../shared/domain/ports.js';
import { createExport, getExport } from '../../../shared/domain/use-cases/exports.js';
import type { AppEnv } from '../env.js';
import { idempotent } from '../middleware/idempotency.js';
import { IdempotencyHeaders, bearer, errorResponses, json, jsonBody, writeErrorResponses } from '../schemas.js';

/** CSV exports (UTF-8 with BOM, amounts in yuan with two decimals) of the ledger and of every report. */
export function exportRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/exports',
      summary: 'Export the ledger (filtered) or a report as CSV; answers with a short-lived download link (whoever may read it)',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { headers: IdempotencyHeaders, body: jsonBody(ExportRequest) },
      responses: { 201: { description: 'Written; download it from `downloadUrl`', content: json(ExportCreated) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await createExport(deps, c.get('caller'), c.req.valid('json'), c.get('idempotency')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/exports/{exportId}',
      summary: 'A fresh download link for an export (whoever made it, organizer); files are kept 7 days',
      security: bearer,
      request: { params: z.object({ exportId: ExportId }) },
      responses: { 200: { description: 'The export', content: json(ExportCreated) }, ...errorResponses },
    }),
    async (c) => c.json(await getExport(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  return app;
}
