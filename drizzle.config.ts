import { defineConfig } from 'drizzle-kit';

// Migrations are generated from every domain's schema.ts and committed; Heard applies them at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/domains/*/schema.ts',
  out: './migrations',
  entities: { roles: { provider: '' } },
});
