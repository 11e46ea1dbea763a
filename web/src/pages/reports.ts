/**
 * The reporting area (organizer dashboard, village / county / category / organisation / pairing reports,
 * rankings, pairings, weekly reports): one lazily loaded chunk. ECharts is not in it: MonthlyChart imports it
 * dynamically, so it loads as a chunk of its own with the first chart a page draws.
 */
export { Dashboard } from './reports/Dashboard';
export { VillageReport } from './reports/VillageReport';
export { CountyReport } from './reports/CountyReport';
export { CategoryReport } from './reports/CategoryReport';
export { OrganizationReport } from './reports/OrganizationReport';
export { PairingReport } from './reports/PairingReport';
export { Rankings } from './reports/Rankings';
export { Pairings } from './reports/Pairings';
export { WeeklyReports } from './reports/WeeklyReports';
