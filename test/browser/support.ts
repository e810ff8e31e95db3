import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '#src/app.ts';
import { loadConfig } from '#src/config.ts';
import { loadDemo } from '#src/demo/index.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { chromiumPath, type TestEngine } from '#test/support/environment.ts';

export interface BrowserSession {
  baseUrl: string;
  browser: Browser;
  page: Page;
  /** The session's own database, for checking what a journey stored. */
  database: TestDatabase;
  close(): Promise<void>;
}

/** Heard on a real port with the demo trust loaded, and Debian's Chromium driven by Playwright. */
export async function startBrowserSession(engine: TestEngine): Promise<BrowserSession> {
  const database: TestDatabase = await createTestDatabase(engine);
  // The accounts and structure only: each test makes the cases it needs.
  await loadDemo(database.db, { caseRecords: false });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = await buildApp({
    config,
    database,
    sessionSecret: 'a-browser-test-session-secret-long-enough',
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    page,
    database,
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/** Runs axe-core on the page as it stands and fails on any serious or critical violation. */
export async function expectNoSeriousAccessibilityProblems(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}) on ${page.url()}: ${violation.help} — ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(serious).toEqual([]);
}
