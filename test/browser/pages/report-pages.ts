import type { Download, Page } from 'playwright-core';
import { BasePage } from './base-page.ts';

export class ReportsPage extends BasePage {
  readonly heading = 'Reports';

  async showQuarter(quarter: string) {
    await this.page.getByLabel('Quarter').fill(quarter);
    await this.page.getByRole('button', { name: 'Show the report' }).click();
  }
}

export class QuarterlyReportPage extends BasePage {
  constructor(
    page: Page,
    readonly heading: string,
  ) {
    super(page);
  }

  /** The cells of a table's row, found by the table's caption and the row's header. */
  async rowOf(caption: string, rowHeader: string): Promise<string[]> {
    const table = this.page.getByRole('table', { name: caption });
    const row = table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: rowHeader, exact: true }) });
    return (await row.first().locator('th, td').allTextContents()).map((text) => text.trim());
  }

  async download(linkText: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('link', { name: linkText }).click(),
    ]);
    return download;
  }
}
