export { type Permission, permissionsByRole, roleNames } from './rules.ts';
export { type Role, roles } from './schema.ts';
export { addUser, type NewUser, principalForUser } from './service.ts';
