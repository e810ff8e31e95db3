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

/** The staff pages (surveys/staff-routes.ts). */
export class SurveyListPage extends BasePage {
  readonly heading = 'Surveys';
}

export class SurveyResultsPage extends BasePage {
  readonly heading: string;
  constructor(page: SurveyPage['page'], surveyName: string) {
    super(page);
    this.heading = surveyName;
  }
}

export class SurveyAdminPage extends BasePage {
  readonly heading = /^Edit /;
}

export class SurveyLinksPage extends BasePage {
  readonly heading = /^Links and QR codes: /;
}

/** The pages that take a file (surveys/upload-routes.ts). */
export class SurveyUploadPage extends BasePage {
  readonly heading: string;
  constructor(page: SurveyPage['page'], heading: string) {
    super(page);
    this.heading = heading;
  }

  async upload(survey: string, file: { name: string; content: string }, button: string) {
    await this.page.getByLabel('Survey', { exact: true }).selectOption({ label: survey });
    await this.page.getByLabel('Upload a CSV or Excel file').setInputFiles({
      name: file.name,
      mimeType: 'text/csv',
      buffer: Buffer.from(file.content),
    });
    await this.page.getByRole('button', { name: button }).click();
  }
}

export class SurveyUploadReportPage extends BasePage {
  readonly heading: string;
  constructor(page: SurveyPage['page'], heading: string) {
    super(page);
    this.heading = heading;
  }
}
