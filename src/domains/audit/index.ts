export type { AuditSearch } from './queries.ts';
export { type AuditEntry, recordAudit, searchAuditTrail, verifyAuditChain } from './service.ts';
