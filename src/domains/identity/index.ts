export {
  apiKeyPermissions,
  type Permission,
  permissionsByRole,
  roleNames,
  unitScopedRoles,
} from './rules.ts';
export { type Role, roles } from './schema.ts';
export {
  addUser,
  generatedPasswordFor,
  listUsers,
  type NewUser,
  principalForUser,
  registerUserFromCommandLine,
  type UserFromCommandLine,
  type UserSummary,
} from './service.ts';
