import { describe, expect, it } from 'vitest';
import { createTestStack } from '../../support/test-stack.js';

describe('OpenAPI document: impact accounting', () => {
  it('describes the ledger, report, pairing, pledge, weekly-report and export paths from their schemas', async () => {
    // Prepare
    const { call } = await createTestStack();
    // Act
    const response = await call('GET', '/api/openapi.json');
    // Assess
    const paths = response.json.paths as Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: unknown }>>;
    for (const [path, method] of [
      ['/api/villages/{villageId}/sales', 'post'],
      ['/api/villages/{villageId}/sales/receipts', 'post'],
      ['/api/sales', 'get'],
      ['/api/sales/{source}/reversal', 'post'],
      ['/api/reports/villages/{villageId}', 'get'],
      ['/api/reports/counties/{county}', 'get'],
      ['/api/reports/programme', 'get'],
      ['/api/reports/categories/{category}', 'get'],
      ['/api/reports/organizations/{organizationId}', 'get'],
      ['/api/reports/rankings', 'get'],
      ['/api/reports/pairings/{pairingId}', 'get'],
      ['/api/pairings', 'get'],
      ['/api/pairings', 'post'],
      ['/api/pairings/{pairingId}', 'get'],
      ['/api/organizations/{organizationId}/pledges/{year}', 'put'],
      ['/api/pairings/{pairingId}/weekly-reports', 'post'],
      ['/api/pairings/{pairingId}/weekly-reports/draft', 'get'],
      ['/api/weekly-reports', 'get'],
      ['/api/exports', 'post'],
      ['/api/exports/{exportId}', 'get'],
    ] as const) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(paths['/api/sales']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['villageId', 'organizationId', 'from', 'to', 'channel', 'cursor']));
    expect(paths['/api/weekly-reports']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['week', 'status']));
    const exportBody = JSON.stringify(paths['/api/exports']!.post!.requestBody);
    for (const kind of ['ledger', 'village_report', 'county_report', 'programme_report', 'organization_report', 'rankings', 'pairing_report']) expect(exportBody).toContain(kind);
    expect(JSON.stringify(response.json.paths['/api/reports/villages/{villageId}'])).toContain('yoyBps');
    expect(JSON.stringify(response.json.paths['/api/reports/programme'])).toContain('perCapitaProgressBps');
  });
});
