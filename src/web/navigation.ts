import type { Permission } from '#src/domains/identity/index.ts';
import type { Principal } from './principal.ts';

interface NavigationEntry {
  text: string;
  href: string;
  permission: Permission;
}

/** The header's links; a person sees only those their roles allow. */
const entries: NavigationEntry[] = [
  { text: 'Home', href: '/', permission: 'home:view' },
  { text: 'Cases', href: '/cases', permission: 'cases:view' },
  { text: 'Actions', href: '/actions', permission: 'actions:view' },
  { text: 'Surveys', href: '/surveys', permission: 'reports:view' },
  { text: 'Comments', href: '/comments', permission: 'comments:view' },
  { text: 'Reports', href: '/reports', permission: 'reports:view' },
  { text: 'Units', href: '/admin/units', permission: 'units:view' },
  { text: 'Users', href: '/admin/users', permission: 'users:manage' },
  { text: 'API keys', href: '/admin/api-keys', permission: 'api-keys:manage' },
  { text: 'Audit trail', href: '/audit', permission: 'audit:view' },
];

export function navigationFor(principal: Principal | undefined, currentUrl: string) {
  if (principal?.kind !== 'user') return [];
  const path = currentUrl.split('?')[0] ?? '/';
  return entries
    .filter((entry) => principal.permissions.has(entry.permission))
    .map((entry) => ({
      text: entry.text,
      href: entry.href,
      current: entry.href === '/' ? path === '/' : path.startsWith(entry.href),
    }));
}
