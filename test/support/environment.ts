export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const postgresAvailable = () => process.env.HEARD_TEST_POSTGRES === 'yes';
export const chromiumAvailable = () => process.env.HEARD_TEST_CHROMIUM === 'yes';

export type TestEngine = 'pglite' | 'postgres';

/** Both engines, so that `describe.each(engines)` runs a suite on each; PostgreSQL's is skipped when absent. */
export const engines: TestEngine[] = ['pglite', 'postgres'];

export const engineLabel = (engine: TestEngine) =>
  engine === 'postgres' && !postgresAvailable() ? 'postgres (SKIPPED: no PostgreSQL server found)' : engine;

export const skipEngine = (engine: TestEngine) => engine === 'postgres' && !postgresAvailable();
