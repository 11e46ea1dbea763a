/** Buyback guarantees (保价回购): one lazily loaded chunk. Placeholders until the pages land. */
export { Pending as GuaranteeList, Pending as NewGuarantee, Pending as GuaranteeDetail } from './Pending';
