import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage } from './base-page.ts';

// The action plan pages (actions/routes.ts), found by headings, labels, captions and the names of
// buttons and links, as a person finds them.

abstract class ActionsPage extends BasePage {
  override async verifyOnPage(): Promise<this> {
    await this.page.getByRole('heading', { level: 1, name: this.heading }).first().waitFor();
    return super.verifyOnPage();
  }

  async expectSuccess(text: string) {
    await this.page.getByText(text).first().waitFor();
  }
}

export class MyActionsPage extends ActionsPage {
  readonly heading = 'My actions';
}

export class PlanPage extends ActionsPage {
  constructor(
    page: Page,
    readonly heading: string,
  ) {
    super(page);
  }

  /** The "Actions by CQC key question" table as { question: [must do, should do, completed, open, overdue] }. */
  async byKeyQuestion(): Promise<Record<string, number[]>> {
    const rows = this.page.locator('[data-qa="by-key-question"] tbody tr');
    const figures: Record<string, number[]> = {};
    for (const row of await rows.all()) {
      const [question = '', ...numbers] = (await row.locator('th, td').allTextContents()).map((text) =>
        text.trim(),
      );
      figures[question] = numbers.map(Number);
    }
    return figures;
  }

  async percentComplete(): Promise<string> {
    return (await this.page.locator('[data-qa="percent-complete"]').textContent())?.trim() ?? '';
  }

  async openAction(linkText: string) {
    await this.page.getByRole('link', { name: linkText }).first().click();
  }
}

export class ActionPage extends ActionsPage {
  readonly heading = /^Recommendation .*: action$/;

  async take(button: 'Record evidence' | 'Update the action' | 'Mark as completed' | 'Reopen the action') {
    // The NHS.UK button macro makes a link look and act as a button (role="button").
    await this.page.getByRole('button', { name: button, exact: true }).click();
  }

  async expectStatus(status: string) {
    expect(await this.page.locator('[data-qa="status"]').textContent()).toContain(status);
  }
}

export class RecordEvidencePage extends ActionsPage {
  readonly heading = 'Record evidence';

  async record(note: string, file?: { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel('Note').fill(note);
    if (file) await this.page.getByLabel('File (optional)').setInputFiles(file);
    await this.page.getByRole('button', { name: 'Record the evidence' }).click();
  }
}

export class ReopenActionPage extends ActionsPage {
  readonly heading = 'Reopen the action';

  async reopen(reason: string) {
    await this.page.getByLabel('Why is it being reopened?').fill(reason);
    await this.page.getByRole('button', { name: 'Reopen the action' }).click();
  }
}

/** Any other page of the actions area, known by its heading. */
export class ActionsAreaPage extends ActionsPage {
  constructor(
    page: Page,
    readonly heading: string | RegExp,
  ) {
    super(page);
  }
}
