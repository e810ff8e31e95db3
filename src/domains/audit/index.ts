export type { AuditEventRow, AuditSearch } from './queries.ts';
export type { ChainBreak } from './rules.ts';
export {
  type AuditEntry,
  auditTrailPage,
  findAuditEvent,
  recordAudit,
  searchAuditTrail,
  verifyAuditChain,
} from './service.ts';
