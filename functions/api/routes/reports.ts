import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrganizationId, Text, VillageId } from '../../../shared/domain/common.js';
import { PairingId } from '../../../shared/domain/pairing.js';
import type { Deps } from '../../../shared/domain/ports.js';
import { ProductCategory } from '../../../shared/domain/product.js';
import {
  CategoryReport,
  CountyReport,
  OrganizationReport,
  PairingReport,
  ProgrammeReport,
  Rankings,
  RankingsQuery,
  ReportQuery,
  VillageReport,
} from '../../../shared/domain/reports.js';
import { categoryReport, countyReport, organizationReport, pairingReport, programmeReport, rankings, villageReport } from '../../../shared/domain/use-cases/reports.js';
import type { AppEnv } from '../env.js';
import { bearer, errorResponses, json } from '../schemas.js';

const YEAR_NOTE = 'Months and years are Asia/Shanghai. Rates are integer basis points (`…Bps`, 1523 = 15.23 %) and the same as two-decimal percentages (`…Pct`).';

/** Impact reports, read from the ledger's monthly sums only: their cost does not grow with the ledger. */
export function reportRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/villages/{villageId}',
      summary: "A village's year: sales, year-on-year, targets, per-capita income, projection (coop of the village, organizer)",
      description: YEAR_NOTE,
      security: bearer,
      request: { params: z.object({ villageId: VillageId }), query: ReportQuery },
      responses: { 200: { description: 'The report', content: json(VillageReport) }, ...errorResponses },
    }),
    async (c) => c.json(await villageReport(deps, c.get('caller'), { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/counties/{county}',
      summary: "A county's year, with each village's line (organizer)",
      description: YEAR_NOTE,
      security: bearer,
      request: { params: z.object({ county: Text(30) }), query: ReportQuery },
      responses: { 200: { description: 'The report', content: json(CountyReport) }, ...errorResponses },
    }),
    async (c) => c.json(await countyReport(deps, c.get('caller'), { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/programme',
      summary: "The whole programme's year over every village, with each village's line (organizer)",
      description: `${YEAR_NOTE} Shaped like a county report; each village line carries its sales and per-capita targets and progress.`,
      security: bearer,
      request: { query: ReportQuery },
      responses: { 200: { description: 'The report', content: json(ProgrammeReport) }, ...errorResponses },
    }),
    async (c) => c.json(await programmeReport(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/categories/{category}',
      summary: "A product category's year across all villages (organizer)",
      description: YEAR_NOTE,
      security: bearer,
      request: { params: z.object({ category: ProductCategory }), query: ReportQuery },
      responses: { 200: { description: 'The report', content: json(CategoryReport) }, ...errorResponses },
    }),
    async (c) => c.json(await categoryReport(deps, c.get('caller'), { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/organizations/{organizationId}',
      summary: "An organisation's year of purchases, against its pledge (its leader, organizer)",
      description: YEAR_NOTE,
      security: bearer,
      request: { params: z.object({ organizationId: OrganizationId }), query: ReportQuery },
      responses: { 200: { description: 'The report', content: json(OrganizationReport) }, ...errorResponses },
    }),
    async (c) => c.json(await organizationReport(deps, c.get('caller'), { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/pairings/{pairingId}',
      summary: "A pairing's dashboard: the partner's purchases from the village against the joint target (its organisation, its village's coop, organizer)",
      description: YEAR_NOTE,
      security: bearer,
      request: { params: z.object({ pairingId: PairingId }), query: ReportQuery },
      responses: { 200: { description: 'The report', content: json(PairingReport) }, ...errorResponses },
    }),
    async (c) => c.json(await pairingReport(deps, c.get('caller'), { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/rankings',
      summary: 'The monthly ranking (一月一排名) of villages and organisations, January through the month (organizer)',
      description: `${YEAR_NOTE} Ties share a rank (1, 2, 2, 4) and are listed by name; the bottom three are flagged.`,
      security: bearer,
      request: { query: RankingsQuery },
      responses: { 200: { description: 'The rankings', content: json(Rankings) }, ...errorResponses },
    }),
    async (c) => c.json(await rankings(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  return app;
}
