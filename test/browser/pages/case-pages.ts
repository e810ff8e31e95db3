import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage } from './base-page.ts';

// The complaints team's pages (cases/staff-routes.ts) and the audit trail, found the way a person
// finds things: by headings, labels and the names of buttons and links, never by page structure,
// so that the pages may gain sections and hidden fields without breaking these objects.

/** Waits for the new page's main heading before BasePage reads it and runs axe. */
abstract class StaffPage extends BasePage {
  override async verifyOnPage(): Promise<this> {
    await this.page.getByRole('heading', { level: 1, name: this.heading }).first().waitFor();
    return super.verifyOnPage();
  }

  /** A case's actions are links styled as buttons today; either is what a person would press. */
  protected action(name: string): Locator {
    return this.page
      .getByRole('button', { name, exact: true })
      .or(this.page.getByRole('link', { name, exact: true }))
      .first();
  }
}

export class CaseQueuePage extends StaffPage {
  readonly heading = 'Cases';

  /** Searches the queue for `reference` and opens the case it finds. */
  async openCase(reference: string) {
    await this.page.getByLabel('Search cases').fill(reference);
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
    await this.page.getByRole('link', { name: reference, exact: true }).click();
  }
}

export class CasePage extends StaffPage {
  /** The case page's heading is the case's summary; the reference is shown above it. */
  constructor(
    page: Page,
    readonly heading: string | RegExp,
    readonly reference: string,
  ) {
    super(page);
  }

  override async verifyOnPage(): Promise<this> {
    await super.verifyOnPage();
    expect(await this.page.getByText(this.reference, { exact: true }).count()).toBeGreaterThan(0);
    return this;
  }

  /** The green banner a saved action leaves on the case page. */
  async expectSuccess(message: string) {
    await this.page.getByText(message).first().waitFor();
  }

  async take(action: string) {
    await this.action(action).click();
  }

  /** The "Record outcome" link of the issue about `subject` (its link text names the subject). */
  async recordOutcomeOf(subject: string) {
    await this.page.getByRole('link', { name: `Record outcome of ${subject}` }).click();
  }

  /** The case's own link to its audit trail (the header's menu has one to the whole trail). */
  auditTrailLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: /audit trail/i });
  }
}

export class AcknowledgePage extends StaffPage {
  readonly heading = 'Record the acknowledgement';

  /** Saves the date already offered (today), as an officer acknowledging the day it came does. */
  async save() {
    expect(await this.page.getByLabel('Date acknowledged').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await this.page.getByRole('button', { name: 'Save acknowledgement' }).click();
  }
}

export interface NewIssue {
  subject: string;
  staffGroup: string;
  /** The service's name as the public form listed it; the list here adds its code. */
  service: string;
  description: string;
}

export class AddIssuePage extends StaffPage {
  readonly heading = 'Add an issue';

  async add(issue: NewIssue) {
    await this.page.getByLabel('Subject (KO41a)').selectOption({ label: issue.subject });
    await this.page
      .getByRole('group', { name: 'Staff groups involved' })
      .getByRole('checkbox', { name: issue.staffGroup, exact: true })
      .check();
    const service = this.page.getByLabel('Service the issue is about');
    const option = service.getByRole('option', { name: new RegExp(`^${escaped(issue.service)} \\(`) });
    await service.selectOption({ label: ((await option.first().textContent()) ?? '').trim() });
    await this.page.getByLabel('Describe the issue').fill(issue.description);
    await this.page.getByRole('button', { name: 'Add issue' }).click();
  }
}

export class IssueOutcomePage extends StaffPage {
  readonly heading = 'Record the issue’s outcome';

  async record(outcome: 'Upheld' | 'Not upheld') {
    await this.page
      .getByRole('group', { name: 'Outcome' })
      .getByRole('radio', { name: outcome, exact: true })
      .check();
    await this.page.getByRole('button', { name: 'Save outcome' }).click();
  }
}

export class ClosePage extends StaffPage {
  readonly heading = 'Close the complaint';

  async close(responseSentDate: string, signedBy: string) {
    await this.page.getByLabel('Date the response was sent').fill(responseSentDate);
    await this.page.getByLabel('Signed by').fill(signedBy);
    await this.page.getByRole('button', { name: 'Close complaint' }).click();
  }
}

export class AuditTrailPage extends StaffPage {
  readonly heading = 'Audit trail';

  /** The text of each event row of the results table, newest first. */
  async eventRows(): Promise<string[]> {
    const table = this.page
      .getByRole('table')
      .filter({ has: this.page.getByText('Action') })
      .first();
    const rows = table.getByRole('row').filter({ has: this.page.getByRole('cell') });
    return (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
