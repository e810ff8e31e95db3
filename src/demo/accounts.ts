import type { Role } from '#src/domains/identity/index.ts';

/** The demo trust's sign-in details, printed at start on the embedded database. Never created on a server without `heard demo`. */
export const demoPassword = 'heard-demo-only';
export const demoAdministratorEmail = 'admin@demo.heard.test';
export const demoOdsCode = 'RDEMO';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  /** The unit (by code) a unit-scoped grant covers; organisation-wide when absent. */
  unitCode?: string;
  /** What the account is for, in the words the start-up message and README use. */
  description: string;
}

/** One account per role, all with demoPassword, so that each view of Heard can be tried. */
export const demoAccounts: readonly DemoAccount[] = [
  {
    email: demoAdministratorEmail,
    displayName: 'Alex Morgan',
    role: 'administrator',
    description: 'Administrator: structure, users, API keys and the audit trail',
  },
  {
    email: 'complaints@demo.heard.test',
    displayName: 'Priya Shah',
    role: 'complaints_officer',
    description: 'Complaints and PALS officer in the Service Experience Department',
  },
  {
    email: 'investigator@demo.heard.test',
    displayName: 'Tom Ellis',
    role: 'investigator',
    description: 'Investigator',
  },
  {
    email: 'manager@demo.heard.test',
    displayName: 'Grace Okafor',
    role: 'service_manager',
    unitCode: 'NTH',
    description: 'Service manager for the Northshire locality only',
  },
  {
    email: 'involvement@demo.heard.test',
    displayName: 'Sam Hughes',
    role: 'involvement_lead',
    description: 'Involvement lead',
  },
  {
    email: 'executive@demo.heard.test',
    displayName: 'Helen Price',
    role: 'executive',
    description: 'Executive or board member: aggregates only',
  },
  {
    email: 'auditor@demo.heard.test',
    displayName: 'Owen Reid',
    role: 'auditor',
    description: 'Auditor: reads the audit trail, changes nothing',
  },
];

/** The accounts as lines for a terminal: email, then what it is for. */
export function demoAccountLines(): string[] {
  const width = Math.max(...demoAccounts.map((account) => account.email.length));
  return [
    `Demo accounts (password for all: ${demoPassword}):`,
    ...demoAccounts.map((account) => `  ${account.email.padEnd(width)}  ${account.description}`),
  ];
}
