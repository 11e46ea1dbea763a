/** The cooperative's sales ledger and the organisation's own pages: one lazily loaded chunk. Placeholders until the pages land. */
export { Pending as SalesLedger, Pending as MyOrganization, Pending as WeeklyReportForm } from './Pending';
