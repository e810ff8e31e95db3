/** The demo trust's sign-in details, printed at start on the embedded database. Never created on a server without `heard demo`. */
export const demoPassword = 'heard-demo-only';
export const demoAdministratorEmail = 'admin@demo.heard.test';
export const demoOdsCode = 'RDEMO';
