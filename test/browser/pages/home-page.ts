import { BasePage } from './base-page.ts';

export class HomePage extends BasePage {
  readonly heading = /NHS Foundation Trust/;

  async openCard(name: string) {
    await this.page.getByRole('link', { name }).first().click();
  }
}
