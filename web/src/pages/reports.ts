/**
 * The reporting area (organizer dashboard, village / county / category / organisation / pairing reports,
 * rankings, pairings, weekly reports): one lazily loaded chunk, with ECharts loaded only where a chart is drawn.
 * Placeholders until the pages land.
 */
export { Pending as Dashboard, Pending as VillageReport, Pending as CountyReport, Pending as CategoryReport } from './Pending';
export { Pending as OrganizationReport, Pending as PairingReport, Pending as Rankings, Pending as Pairings, Pending as WeeklyReports } from './Pending';
