export { apiCallAuditPlugin } from './api-call-audit.ts';
export {
  type ApiKeySummary,
  createApiKey,
  findApiKey,
  listApiKeys,
  type NewApiKey,
  principalForApiKey,
  revokeApiKey,
} from './service.ts';
