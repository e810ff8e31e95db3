import { BasePage } from './base-page.ts';

// The comments explorer (comments/routes.ts), found by headings, labels and the names of buttons and
// links, as a person finds them.

export class CommentsPage extends BasePage {
  readonly heading = 'Comments';

  async filterToTheme(theme: string) {
    await this.page.getByLabel('Theme', { exact: true }).selectOption(theme);
    await this.page.getByRole('button', { name: 'Show comments' }).click();
  }

  async resultCount(): Promise<number> {
    const text = (await this.page.locator('[data-qa="result-summary"]').textContent()) ?? '';
    return Number(/([\d,]+)/.exec(text)?.[1]?.replace(',', '') ?? Number.NaN);
  }

  async agreement(): Promise<string> {
    return ((await this.page.locator('[data-qa="agreement"]').textContent()) ?? '').trim();
  }

  async openFirstComment() {
    await this.page
      .getByRole('link', { name: /open this comment/ })
      .first()
      .click();
  }
}

export class CommentPage extends BasePage {
  readonly heading = 'Comment';

  async addTheme(theme: string) {
    await this.page.getByLabel('Add a theme').selectOption(theme);
    await this.page.getByRole('button', { name: 'Add theme' }).click();
  }

  async changeSentiment(sentiment: string) {
    await this.page.getByLabel(sentiment, { exact: true }).check();
    await this.page.getByRole('button', { name: 'Change sentiment' }).click();
  }
}
