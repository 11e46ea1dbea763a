import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { PairingId } from '../../../shared/domain/pairing.js';
import type { Deps } from '../../../shared/domain/ports.js';
import { listWeeklyReports, submitWeeklyReport, weeklyReportDraft } from '../../../shared/domain/use-cases/weekly-reports.js';
import { IsoWeek, WeeklyFigures, WeeklyReport, WeeklyReportInput, WeeklyReportList, WeeklyReportQuery } from '../../../shared/domain/weekly-report.js';
import type { AppEnv } from '../env.js';
import { idempotent } from '../middleware/idempotency.js';
import { IdempotencyHeaders, bearer, errorResponses, json, jsonBody, writeErrorResponses } from '../schemas.js';

const PairingParams = z.object({ pairingId: PairingId });

/** Weekly progress reports of pairings, due Tuesday 18:00 Asia/Shanghai for the previous ISO week. */
export function weeklyReportRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/pairings/{pairingId}/weekly-reports/draft',
      summary: "A week's figures from the ledger, to write the report against (the pairing's organisation, organizer)",
      security: bearer,
      request: { params: PairingParams, query: z.object({ week: IsoWeek }).strict() },
      responses: { 200: { description: 'The figures', content: json(WeeklyFigures) }, ...errorResponses },
    }),
    async (c) => c.json(await weeklyReportDraft(deps, c.get('caller'), { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/pairings/{pairingId}/weekly-reports',
      summary: "Submit the report on a finished ISO week; figures come from the ledger (the pairing's organisation's leader)",
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { params: PairingParams, headers: IdempotencyHeaders, body: jsonBody(WeeklyReportInput) },
      responses: { 201: { description: 'Submitted (`late` when after the deadline)', content: json(WeeklyReport) }, ...writeErrorResponses },
    }),
    async (c) =>
      c.json(await submitWeeklyReport(deps, c.get('caller'), { pairingId: c.req.valid('param').pairingId, report: c.req.valid('json') }, c.get('idempotency')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/weekly-reports',
      summary: "One week's reports by status: submitted (on time), late, missing, due (organizer)",
      security: bearer,
      request: { query: WeeklyReportQuery },
      responses: { 200: { description: 'Every pairing of the week with its status', content: json(WeeklyReportList) }, ...errorResponses },
    }),
    async (c) => c.json(await listWeeklyReports(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  return app;
}
