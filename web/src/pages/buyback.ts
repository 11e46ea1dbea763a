/** Buyback guarantees (保价回购): one lazily loaded chunk. */
export { GuaranteeList } from './buyback/GuaranteeList';
export { NewGuarantee } from './buyback/NewGuarantee';
export { GuaranteeDetail } from './buyback/GuaranteeDetail';
