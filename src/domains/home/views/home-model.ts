import type { Permission, Role } from '#src/domains/identity/index.ts';
import type { Principal } from '#src/web/principal.ts';

interface Card {
  heading: string;
  href: string;
  description: string;
  permission: Permission;
}

/** What each part of Heard offers on the home page; a person sees the cards their roles allow. */
const cards: Card[] = [
  {
    heading: 'Cases',
    href: '/cases',
    description: 'Log complaints, concerns and compliments, and run each case to its response.',
    permission: 'cases:view',
  },
  {
    heading: 'Reports',
    href: '/reports',
    description: 'The quarterly service experience report for the board, and the KO41a return.',
    permission: 'reports:view',
  },
  {
    heading: 'Units',
    href: '/admin/units',
    description: 'The organisation’s divisions, localities, services, teams, wards and sites.',
    permission: 'units:view',
  },
  {
    heading: 'Users and roles',
    href: '/admin/users',
    description: 'Add staff, set their roles and unlock accounts.',
    permission: 'users:manage',
  },
  {
    heading: 'API keys',
    href: '/admin/api-keys',
    description: 'Keys for survey vendors, BI tools and other systems.',
    permission: 'api-keys:manage',
  },
  {
    heading: 'Audit trail',
    href: '/audit',
    description: 'Every change, and every read of a confidential record.',
    permission: 'audit:view',
  },
];

export function homeDashboard(principal: Principal, roleNames: Record<Role, string>) {
  return {
    pageTitle: 'Home',
    greeting: `Signed in as ${principal.name}`,
    roleDescriptions: principal.roles.map((role) => roleNames[role]),
    cards: cards
      .filter((card) => principal.permissions.has(card.permission))
      .map(({ heading, href, description }) => ({ heading, href, description })),
  };
}
