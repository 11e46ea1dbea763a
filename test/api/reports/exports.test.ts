import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { coopOf } from '../../support/fixtures.js';
import { createTestStack, manualClock, type TestStack } from '../../support/test-stack.js';
import { appendSales, office, organizationWithLeader, saleOf, uploadReceipt, villageWithProduct, type TestVillage } from './support.js';

const NOW = '2026-11-21T04:00:00.000Z';

/** Downloads an export through its presigned URL, as a browser would. */
async function download(url: string): Promise<{ status: number; bytes: Buffer; rows: string[][] }> {
  const response = await fetch(url);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes, rows: response.ok ? parse(bytes.toString('utf8'), { bom: true, relax_column_count: true }) : [] };
}

describe('CSV exports', () => {
  let stack: TestStack;
  let village: TestVillage;
  let yulin: Awaited<ReturnType<typeof organizationWithLeader>>;
  let offlineSource: string;
  beforeAll(async () => {
    stack = await createTestStack({ clock: manualClock(NOW) });
    village = await villageWithProduct(stack, { name: '土地坳村' });
    yulin = await organizationWithLeader(stack, '玉林社区');
    const receiptPhotoKey = await uploadReceipt(stack, village);
    const sale = await stack.call('POST', `/api/villages/${village.villageId}/sales`, {
      as: village.coop,
      body: { productId: village.productId, quantity: 2, amountFen: 150_001, occurredAt: '2026-11-20T23:59:59+08:00', counterparty: '=HYPERLINK("x") 永辉超市, "成华店"', receiptPhotoKey },
    });
    offlineSource = sale.json.source;
    await stack.call('POST', `/api/sales/${encodeURIComponent(offlineSource)}/reversal`, { as: village.coop, body: { reason: '重复录入' } });
    await appendSales(stack, [saleOf({ villageId: village.villageId, amountFen: 5, occurredAt: '2026-03-01T00:00:00+08:00', organizationId: yulin.organizationId })]);
  });

  it('exports the ledger as UTF-8 CSV with a BOM: Chinese text, quoted commas and amounts in yuan round-trip exactly', async () => {
    // Act
    const created = await stack.call('POST', '/api/exports', { as: village.coop, body: { kind: 'ledger', from: '2026-01-01', to: '2026-12-31' } });
    const file = await download(created.json.downloadUrl);
    // Assess
    expect(created.status).toBe(201);
    expect(created.json.exportId).toMatch(/^exp_[0-9A-Z]{26}$/);
    expect(created.json).toMatchObject({ rowCount: 3, filename: expect.stringMatching(new RegExp(`^ledger-${village.villageId}-\\d{8}-\\d{4}\\.csv$`)) });
    expect(file.status).toBe(200);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = file.rows;
    expect(header).toContain('金额(元) amount_yuan');
    const column = (name: string) => header!.indexOf(name);
    // Newest first; the reversal sorts before its sale (same instant, source `reversal:…` after `offline:…`).
    expect(rows.map((row) => [row[column('时间(北京时间) time')], row[column('金额(元) amount_yuan')], row[column('农户所得(元) household_yuan')]])).toEqual([
      ['2026-11-20 23:59:59', '-1500.01', '-1050.01'],
      ['2026-11-20 23:59:59', '1500.01', '1050.01'],
      ['2026-03-01 00:00:00', '0.05', '0.05'],
    ]);
    const counterparties = rows.map((row) => row[column('买方 counterparty')]);
    // A formula-looking counterparty is defused; Chinese, quotes and the comma survive.
    expect(counterparties).toContain(`'=HYPERLINK("x") 永辉超市, "成华店"`);
    expect(rows.find((row) => row[column('冲销 reverses')] === offlineSource)).toBeDefined();
  });

  it('exports a report with the same figures as its JSON, amounts in yuan to the fen', async () => {
    // Act
    const created = await stack.call('POST', '/api/exports', { as: office, body: { kind: 'village_report', villageId: village.villageId, year: 2026 } });
    const file = await download(created.json.downloadUrl);
    // Assess
    expect(created.status).toBe(201);
    const value = (item: string) => file.rows.find((row) => row[0] === item)?.[1];
    expect(value('村 village')).toBe('土地坳村');
    expect(value('本年累计(元) sales_to_date_yuan')).toBe('0.05');
    expect(value('同比说明 yoy_status')).toBe('新增 new');
    const november = file.rows.find((row) => row[0] === '2026-11');
    expect(november).toEqual(['2026-11', '0.00', '0.00', '', '未结束 pending', 'partial']);
  });

  it('exports rankings and pairing reports for those who may read them', async () => {
    const pairing = (await stack.call('POST', '/api/pairings', { as: office, body: { organizationId: yulin.organizationId, villageId: village.villageId, startDate: '2026-01-01', annualTargetFen: 1_000 } })).json;
    const rankings = await stack.call('POST', '/api/exports', { as: office, body: { kind: 'rankings', year: 2026, month: 10 } });
    const ofPairing = await stack.call('POST', '/api/exports', { as: yulin.leader, body: { kind: 'pairing_report', pairingId: pairing.pairingId, year: 2026 } });
    const rankingRows = (await download(rankings.json.downloadUrl)).rows;
    const pairingRows = (await download(ofPairing.json.downloadUrl)).rows;
    expect(rankingRows.find((row) => row[0] === '村目标完成 village_attainment')?.[2]).toBe('土地坳村');
    expect(rankingRows.find((row) => row[0] === '组织采购 organization_purchases')).toEqual(['组织采购 organization_purchases', '1', '玉林社区', yulin.organizationId, '0.05', '元', '倒数三名 bottom three']);
    expect(pairingRows.find((row) => row[0] === '目标完成(%) target_progress_pct')?.[1]).toBe('0.50');
  });

  it('refuses exports of what the caller may not read, and writes nothing for them', async () => {
    const statuses = await Promise.all(
      [
        [village.coop, { kind: 'rankings', year: 2026, month: 10 }],
        [village.coop, { kind: 'ledger', villageId: 'vil_01JAAAAAAAAAAAAAAAAAAAAAAA' }],
        [yulin.leader, { kind: 'village_report', villageId: village.villageId, year: 2026 }],
        [office, { kind: 'ledger' }],
        [office, { kind: 'ledger', villageId: village.villageId, surprise: 1 }],
        [office, { kind: 'spreadsheet' }],
      ].map(async ([as, body]) => {
        const response = await stack.call('POST', '/api/exports', { as: as as typeof office, body });
        return [response.status, response.json.error?.field];
      }),
    );
    expect(statuses).toEqual([
      [403, undefined],
      [403, 'villageId'],
      [403, 'villageId'],
      [400, 'villageId'],
      [400, 'surprise'],
      [400, 'kind'],
    ]);
  });

  it('gives a fresh link to whoever made the export, replays a retried export, and hides it from others', async () => {
    // Prepare
    const headers = { 'idempotency-key': 'export-ledger-0001' };
    const body = { kind: 'ledger', channel: 'offline' };
    const first = await stack.call('POST', '/api/exports', { as: village.coop, body, headers });
    const retry = await stack.call('POST', '/api/exports', { as: village.coop, body, headers });
    // Act
    const again = await stack.call('GET', `/api/exports/${first.json.exportId}`, { as: village.coop });
    const byOther = await stack.call('GET', `/api/exports/${first.json.exportId}`, { as: coopOf(village.villageId) });
    const byOrganizer = await stack.call('GET', `/api/exports/${first.json.exportId}`, { as: office });
    const unknown = await stack.call('GET', '/api/exports/exp_01JAAAAAAAAAAAAAAAAAAAAAAA', { as: office });
    // Assess
    expect(retry.json.exportId).toBe(first.json.exportId);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(again.status).toBe(200);
    expect((await download(again.json.downloadUrl)).rows).toHaveLength(3);
    expect([byOther.status, byOrganizer.status, unknown.status]).toEqual([403, 200, 404]);
  });
});
