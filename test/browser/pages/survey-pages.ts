import { BasePage } from './base-page.ts';

// The public survey pages (surveys/public-routes.ts).

export class SurveyPage extends BasePage {
  readonly heading = 'Tell us about your care';

  async answer(choice: string, good?: string) {
    await this.page.getByRole('radio', { name: choice, exact: true }).check();
    if (good) await this.page.getByRole('textbox', { name: /What was good/ }).fill(good);
    await this.page.getByRole('button', { name: 'Send your answers' }).click();
  }
}

export class SurveyThankYouPage extends BasePage {
  readonly heading = 'Thank you';
}
