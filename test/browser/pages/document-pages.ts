import type { Page } from 'playwright-core';
import { BasePage } from './base-page.ts';

// A case's documents (cases/document-routes.ts), found by headings, labels and the names of
// buttons and links, as a person finds them.

/** Waits for the new page's main heading before BasePage reads it and runs axe. */
abstract class DocumentPage extends BasePage {
  override async verifyOnPage(): Promise<this> {
    await this.page.getByRole('heading', { level: 1, name: this.heading }).first().waitFor();
    return super.verifyOnPage();
  }
}

export class AddAttachmentPage extends DocumentPage {
  readonly heading = 'Add an attachment';

  async attach(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel('Upload a file').setInputFiles(file);
    await this.page.getByRole('button', { name: 'Add the attachment' }).click();
  }
}

export class DeleteAttachmentPage extends DocumentPage {
  constructor(
    page: Page,
    readonly heading: string,
  ) {
    super(page);
  }

  async delete(reason?: string) {
    if (reason) await this.page.getByLabel(reason).check();
    await this.page.getByRole('button', { name: 'Delete the attachment' }).click();
  }
}

export class ResponseLetterPage extends DocumentPage {
  readonly heading = 'Response letter';

  async draftFrom(template: string) {
    await this.page.getByLabel(template).check();
    await this.page.getByRole('button', { name: 'Draft the letter' }).click();
  }

  async letterText() {
    return this.page.getByLabel('The letter').inputValue();
  }

  async save(text: string) {
    await this.page.getByLabel('The letter').fill(text);
    await this.page.getByRole('button', { name: 'Save the letter' }).click();
  }

  /** The download is a link styled as a button; either is what a person would press. */
  async download() {
    const name = 'Download as Word (.docx)';
    const downloaded = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name }).or(this.page.getByRole('link', { name })).first().click();
    return downloaded;
  }
}

export class LetterTemplatesPage extends DocumentPage {
  readonly heading = 'Letter templates';

  async open(name: string) {
    await this.page.getByRole('link', { name, exact: true }).click();
  }
}

export class LetterTemplatePage extends DocumentPage {
  constructor(
    page: Page,
    readonly heading: string,
  ) {
    super(page);
  }

  async save(words: string) {
    await this.page.getByLabel('The letter').fill(words);
    await this.page.getByRole('button', { name: 'Save the template' }).click();
  }
}
