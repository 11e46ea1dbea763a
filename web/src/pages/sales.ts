/** The cooperative's sales ledger and the organisation's own pages (pledge, pairings, weekly reports): one lazily loaded chunk. */
export { SalesLedger } from './sales/SalesLedger';
export { MyOrganization } from './sales/MyOrganization';
export { WeeklyReportForm } from './sales/WeeklyReportForm';
