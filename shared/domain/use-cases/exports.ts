import { tz } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { requireActor, type Caller } from '../actor.js';
import { percentOf, textCell, toCsv, yuanOf, type CsvCell } from '../csv.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { EXPORT_RETENTION_DAYS, ExportRecord, type ExportCreated, type ExportRequest } from '../export.js';
import type { Deps, IdempotencyClaim } from '../ports.js';
import type { CountyVillageLine, MonthlyFigure, YearComparison } from '../reports.js';
import type { Sale } from '../sale.js';
import { PROGRAMME_TIME_ZONE } from '../season.js';
import { idempotencyWrite } from './idempotency.js';
import { ledgerBounds, ledgerScope, readLedgerPage } from './ledger.js';
import { categoryReport, countyReport, organizationReport, pairingReport, programmeReport, rankings, villageReport } from './reports.js';

const shanghai = tz(PROGRAMME_TIME_ZONE);

/** How long a download link works; a fresh one comes from `GET /api/exports/{exportId}`. */
const DOWNLOAD_TTL_SECONDS = 15 * 60;

/** A ledger export larger than this is refused (narrow the dates): it must fit one function's memory and time. */
export const MAX_LEDGER_EXPORT_ROWS = 50_000;

const CSV_TYPE = 'text/csv; charset=utf-8';

interface Sheet {
  filename: string;
  header: string[];
  rows: CsvCell[][];
  /** Data rows (not counting summary lines). */
  rowCount: number;
}

const shanghaiTime = (iso: string) => format(new Date(iso), 'yyyy-MM-dd HH:mm:ss', { in: shanghai });

const LEDGER_HEADER = [
  '时间(北京时间) time',
  '来源 source',
  '村 village_id',
  '产品 product',
  '品类 category',
  '渠道 channel',
  '买方组织 organization_id',
  '买方 counterparty',
  '数量 quantity',
  '单位 unit',
  '金额(元) amount_yuan',
  '农户所得(元) household_yuan',
  '冲销 reverses',
  '备注 note',
];

function ledgerRow(sale: Sale): CsvCell[] {
  return [
    shanghaiTime(sale.occurredAt),
    sale.source,
    sale.villageId,
    textCell(sale.productName),
    sale.category,
    sale.channel,
    sale.organizationId,
    textCell(sale.counterparty),
    sale.quantity,
    sale.unit,
    yuanOf(sale.amountFen),
    yuanOf(sale.householdFen ?? 0),
    sale.reverses,
    textCell(sale.note),
  ];
}

/** Every ledger row the filter matches, newest first, refusing an export too large to build in one go. */
async function ledgerSheet(deps: Pick<Deps, 'ledger' | 'clock'>, caller: Caller, request: Extract<ExportRequest, { kind: 'ledger' }>): Promise<Sheet> {
  const scope = ledgerScope(caller, request);
  const bounds = ledgerBounds(request);
  const rows: CsvCell[][] = [];
  let cursor: string | undefined;
  do {
    const page = await readLedgerPage(deps, scope, { ...bounds, channel: request.channel, limit: 100, cursor });
    rows.push(...page.items.map(ledgerRow));
    if (rows.length > MAX_LEDGER_EXPORT_ROWS) {
      throw new ValidationError(`matches more than ${MAX_LEDGER_EXPORT_ROWS} sales; export a shorter period`, request.from ? 'from' : 'to');
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const who = scope.villageId ?? scope.organizationId;
  return { filename: `ledger-${who}-${format(deps.clock.now(), 'yyyyMMdd-HHmm', { in: shanghai })}.csv`, header: LEDGER_HEADER, rows, rowCount: rows.length };
}

const YOY_STATUS_LABEL: Record<string, string> = { rate: '', new: '新增 new', none: '无 none', not_comparable: '不可比 not comparable', pending: '未结束 pending' };

const SUMMARY_HEADER = ['项目 item', '值 value'];

/** The year-on-year part every report shares: its summary lines, then its monthly table. */
function comparisonRows(report: YearComparison): { summary: CsvCell[][]; monthly: CsvCell[][] } {
  return {
    summary: [
      ['年度 year', report.year],
      ['截至 as of (北京时间)', shanghaiTime(report.asOf)],
      ['本年累计(元) sales_to_date_yuan', yuanOf(report.salesFen)],
      ['同比截至 compared_through', report.comparedThrough ?? ''],
      ['本年同期(元) compared_sales_yuan', yuanOf(report.comparedSalesFen)],
      ['上年同期(元) last_year_same_to_date_yuan', yuanOf(report.lastYearSameToDateFen)],
      ['同比(%) yoy_pct', percentOf(report.yoyBps)],
      ['同比说明 yoy_status', YOY_STATUS_LABEL[report.yoyStatus]],
      ['上年全年(元) last_year_full_year_yuan', yuanOf(report.lastYearFullYearFen)],
    ],
    monthly: [
      ['月份 month', '本年(元) sales_yuan', '上年同月(元) last_year_yuan', '同比(%) yoy_pct', '同比说明 yoy_status', '状态 state'],
      ...report.monthly.map((m: MonthlyFigure) => [m.month, yuanOf(m.salesFen), yuanOf(m.lastYearSalesFen), percentOf(m.yoyBps), YOY_STATUS_LABEL[m.yoyStatus], m.state]),
    ],
  };
}

/** A report as a CSV: summary lines (item, value), a blank line, then its tables. */
function reportSheet(filename: string, summary: CsvCell[][], tables: CsvCell[][][]): Sheet {
  const rows: CsvCell[][] = [...summary];
  for (const table of tables) rows.push([], ...table);
  return { filename, header: SUMMARY_HEADER, rows, rowCount: tables.reduce((sum, t) => sum + Math.max(0, t.length - 1), 0) };
}

const fenOrBlank = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : yuanOf(fen));

/** The village lines of a county or programme report, sales and per-capita figures against their targets. */
function villageLinesTable(lines: CountyVillageLine[], withCounty: boolean): CsvCell[][] {
  return [
    [
      '村 village',
      'village_id',
      ...(withCounty ? ['县 county'] : []),
      '本年累计(元) sales_yuan',
      '同比(%) yoy_pct',
      '同比说明 yoy_status',
      '销售目标(元) sales_target_yuan',
      '完成(%) progress_pct',
      '人均增收(元) per_capita_increase_yuan',
      '人均增收目标(元) per_capita_target_yuan',
      '人均增收完成(%) per_capita_progress_pct',
    ],
    ...lines.map((v) => [
      textCell(v.name),
      v.villageId,
      ...(withCounty ? [textCell(v.county)] : []),
      yuanOf(v.salesFen),
      percentOf(v.yoyBps),
      YOY_STATUS_LABEL[v.yoyStatus],
      fenOrBlank(v.salesTargetFen),
      percentOf(v.salesProgressBps),
      yuanOf(v.perCapitaIncomeIncreaseFen),
      fenOrBlank(v.perCapitaTargetFen),
      percentOf(v.perCapitaProgressBps),
    ]),
  ];
}

async function sheetOf(deps: Deps, caller: Caller, request: ExportRequest): Promise<Sheet> {
  switch (request.kind) {
    case 'ledger':
      return ledgerSheet(deps, caller, request);
    case 'village_report': {
      const report = await villageReport(deps, caller, request);
      const { summary, monthly } = comparisonRows(report);
      return reportSheet(
        `village-report-${report.villageId}-${report.year}.csv`,
        [
          ['村 village', textCell(report.name)],
          ['县 county', textCell(report.county)],
          ...summary,
          ['农户收入(元) household_income_yuan', yuanOf(report.householdIncomeFen)],
          ['人均增收(元) per_capita_increase_yuan', yuanOf(report.perCapitaIncomeIncreaseFen)],
          ['销售目标(元) sales_target_yuan', fenOrBlank(report.target?.salesTargetFen)],
          ['销售目标完成(%) sales_progress_pct', percentOf(report.salesProgressBps)],
          ['人均增收目标(元) per_capita_target_yuan', fenOrBlank(report.target?.perCapitaIncomeIncreaseFen)],
          ['人均增收完成(%) per_capita_progress_pct', percentOf(report.perCapitaProgressBps)],
          ['预计全年(元) projected_year_end_yuan', yuanOf(report.projectedYearEndFen)],
          ['预计依据 projection', report.projection],
        ],
        [monthly],
      );
    }
    case 'county_report': {
      const report = await countyReport(deps, caller, request);
      const { summary, monthly } = comparisonRows(report);
      const villages = villageLinesTable(report.villages, false);
      return reportSheet(
        `county-report-${encodeURIComponent(report.county).replace(/%/g, '')}-${report.year}.csv`,
        [
          ['县 county', textCell(report.county)],
          ['村数 villages', report.villageCount],
          ...summary,
          ['销售目标(元) sales_target_yuan', fenOrBlank(report.salesTargetFen)],
          ['销售目标完成(%) sales_progress_pct', percentOf(report.salesProgressBps)],
        ],
        [monthly, villages],
      );
    }
    case 'programme_report': {
      const report = await programmeReport(deps, caller, request);
      const { summary, monthly } = comparisonRows(report);
      return reportSheet(
        `programme-report-${report.year}.csv`,
        [
          ['村数 villages', report.villageCount],
          ...summary,
          ['农户收入(元) household_income_yuan', yuanOf(report.householdIncomeFen)],
          ['销售目标(元) sales_target_yuan', fenOrBlank(report.salesTargetFen)],
          ['销售目标完成(%) sales_progress_pct', percentOf(report.salesProgressBps)],
        ],
        [monthly, villageLinesTable(report.villages, true)],
      );
    }
    case 'category_report': {
      const report = await categoryReport(deps, caller, request);
      const { summary, monthly } = comparisonRows(report);
      return reportSheet(`category-report-${report.category}-${report.year}.csv`, [['品类 category', report.category], ...summary], [monthly]);
    }
    case 'organization_report': {
      const report = await organizationReport(deps, caller, request);
      const { summary, monthly } = comparisonRows(report);
      const villages = [['village_id', '采购(元) purchases_yuan'], ...Object.entries(report.byVillage).map(([villageId, fen]) => [villageId, yuanOf(fen)])];
      return reportSheet(
        `organization-report-${report.organizationId}-${report.year}.csv`,
        [
          ['组织 organization', textCell(report.name)],
          ...summary,
          ['认购承诺(元) pledge_yuan', fenOrBlank(report.pledgeFen)],
          ['承诺完成(%) pledge_progress_pct', percentOf(report.pledgeProgressBps)],
          ['预计全年(元) projected_year_end_yuan', yuanOf(report.projectedYearEndFen)],
        ],
        [monthly, villages],
      );
    }
    case 'pairing_report': {
      const report = await pairingReport(deps, caller, request);
      const { summary, monthly } = comparisonRows(report);
      return reportSheet(
        `pairing-report-${report.pairing.pairingId}-${report.year}.csv`,
        [
          ['组织 organization', textCell(report.pairing.organizationName)],
          ['村 village', textCell(report.pairing.villageName)],
          ['结对开始 start_date', report.pairing.startDate],
          ...summary,
          ['年度目标(元) annual_target_yuan', yuanOf(report.pairing.annualTargetFen)],
          ['目标完成(%) target_progress_pct', percentOf(report.targetProgressBps)],
          ['预计全年(元) projected_year_end_yuan', yuanOf(report.projectedYearEndFen)],
        ],
        [monthly],
      );
    }
    case 'rankings': {
      const report = await rankings(deps, caller, request);
      const mark = (bottom: boolean) => (bottom ? '倒数三名 bottom three' : '');
      const rank = (r: number | null) => (r === null ? '' : r);
      const table = [
        ['榜单 list', '名次 rank', '名称 name', 'id', '数值 value', '单位 unit', '标记 flag'],
        ...report.villagesByGrowth.map((r) => ['村同比 village_growth', rank(r.rank), textCell(r.name), r.villageId, percentOf(r.yoyBps), r.yoyStatus === 'rate' ? '%' : YOY_STATUS_LABEL[r.yoyStatus], mark(r.bottomThree)]),
        ...report.villagesByTargetAttainment.map((r) => ['村目标完成 village_attainment', rank(r.rank), textCell(r.name), r.villageId, percentOf(r.attainmentBps), '%', mark(r.bottomThree)]),
        ...report.organizationsByPurchases.map((r) => ['组织采购 organization_purchases', rank(r.rank), textCell(r.name), r.organizationId, yuanOf(r.purchasesFen), '元', mark(r.bottomThree)]),
        ...report.organizationsByPledgeAttainment.map((r) => ['组织承诺完成 organization_pledge', rank(r.rank), textCell(r.name), r.organizationId, percentOf(r.attainmentBps), '%', mark(r.bottomThree)]),
      ];
      return reportSheet(
        `rankings-${report.month}.csv`,
        [
          ['月份 month', report.month],
          ['同比截至 compared_through', report.comparedThrough ?? ''],
          ['临时 provisional', report.provisional ? '是 yes' : '否 no'],
        ],
        [table],
      );
    }
  }
}

/**
 * Writes a CSV of the ledger or of a report to the exports bucket and answers with a short-lived download
 * link. The caller must be allowed to read what it exports: the same use cases (and their ownership checks)
 * produce the figures as the JSON reports.
 */
export async function createExport(deps: Deps, caller: Caller, request: ExportRequest, idempotency?: IdempotencyClaim): Promise<ExportCreated> {
  const actor = requireActor(caller);
  const sheet = await sheetOf(deps, caller, request);
  const now = deps.clock.now();
  const exportId = deps.ids.next('export');
  const objectKey = `exports/${exportId}.csv`;
  await deps.exportFiles.put({ key: objectKey, body: toCsv(sheet.header, sheet.rows), contentType: CSV_TYPE });
  const record = ExportRecord.parse({
    exportId,
    request,
    objectKey,
    filename: sheet.filename,
    rowCount: sheet.rowCount,
    createdAt: now.toISOString(),
    createdBy: actor.accountId,
    fileExpiresAt: addDays(now, EXPORT_RETENTION_DAYS).toISOString(),
  });
  const created = await presented(deps, record);
  // A lost race on the Idempotency-Key leaves this file unreferenced; the bucket's expiry removes it.
  await deps.exports.create(record, idempotencyWrite(deps, idempotency, created));
  return created;
}

async function presented(deps: Pick<Deps, 'exportFiles' | 'clock'>, record: ExportRecord): Promise<ExportCreated> {
  const downloadUrl = await deps.exportFiles.downloadUrl({ key: record.objectKey, filename: record.filename, expiresInSeconds: DOWNLOAD_TTL_SECONDS });
  return {
    exportId: record.exportId,
    downloadUrl,
    downloadExpiresAt: new Date(deps.clock.now().getTime() + DOWNLOAD_TTL_SECONDS * 1000).toISOString(),
    filename: record.filename,
    rowCount: record.rowCount,
    fileExpiresAt: record.fileExpiresAt,
  };
}

/** A fresh download link for an earlier export, for whoever made it (and organizers) while its file is kept. */
export async function getExport(deps: Pick<Deps, 'exports' | 'exportFiles' | 'clock'>, caller: Caller, input: { exportId: string }): Promise<ExportCreated> {
  const actor = requireActor(caller);
  const record = await deps.exports.get(input.exportId);
  if (!record || new Date(record.fileExpiresAt).getTime() <= deps.clock.now().getTime()) throw new NotFoundError('No such export (they are kept 7 days)', 'exportId');
  if (actor.role !== 'organizer' && record.createdBy !== actor.accountId) throw new ForbiddenError('Only whoever made an export downloads it', 'exportId');
  return presented(deps, record);
}
