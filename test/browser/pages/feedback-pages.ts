import { BasePage } from './base-page.ts';

// The public "Tell us about your experience" pages (cases/public-routes.ts), one object per page.

export class FeedbackStartPage extends BasePage {
  readonly heading = /^Tell .+ about your experience$/;
  async start() {
    await this.page.getByRole('button', { name: 'Start now' }).click();
  }
}

/** A one-question page: answer it, then Continue. */
abstract class QuestionPage extends BasePage {
  async continue() {
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }
}

export class FeedbackKindPage extends QuestionPage {
  readonly heading = 'What kind of feedback do you want to give?';
  async choose(kind: string) {
    await this.page.getByRole('radio', { name: kind }).check();
    await this.continue();
  }
}

export class FeedbackServicePage extends QuestionPage {
  readonly heading = 'Which service is your feedback about?';
  async search(words: string) {
    await this.page.getByLabel('Search for a ward, team or service by name').fill(words);
    await this.page.getByRole('button', { name: 'Search' }).click();
  }
  async chooseFirst() {
    await this.page.getByRole('group', { name: 'Select the service' }).getByRole('radio').first().check();
    await this.continue();
  }
}

export class WhatHappenedPage extends QuestionPage {
  readonly heading = 'What happened?';
  async tell(story: string, on: { day: string; month: string; year: string }) {
    await this.page.getByRole('textbox', { name: 'What happened?' }).fill(story);
    await this.page.getByRole('textbox', { name: 'Day' }).fill(on.day);
    await this.page.getByRole('textbox', { name: 'Month' }).fill(on.month);
    await this.page.getByRole('textbox', { name: 'Year' }).fill(on.year);
    await this.continue();
  }
}

export class PutRightPage extends QuestionPage {
  readonly heading = 'What would you like us to do to put it right?';
  async tell(wish: string) {
    await this.page.getByRole('textbox', { name: this.heading }).fill(wish);
    await this.continue();
  }
}

export class AboutYouPage extends QuestionPage {
  readonly heading = 'About you';
  async give(you: { name: string; email: string; replyBy: string }) {
    await this.page.getByLabel('Full name').fill(you.name);
    await this.page.getByLabel('Email address (optional)').fill(you.email);
    await this.page.getByRole('radio', { name: you.replyBy }).check();
    await this.continue();
  }
}

export class WhoPage extends QuestionPage {
  readonly heading = 'Are you the patient?';
  async actingForSomeoneElse() {
    await this.page.getByRole('radio', { name: 'No, I am acting for someone else' }).check();
    await this.continue();
  }
}

export class PatientPage extends QuestionPage {
  readonly heading = 'About the patient';
  async give(name: string) {
    await this.page.getByLabel('Patient’s full name').fill(name);
    await this.page
      .getByRole('group', { name: 'Has the patient agreed to you acting for them?' })
      .getByRole('radio', { name: 'Yes' })
      .check();
    await this.continue();
  }
}

export class CheckAnswersPage extends BasePage {
  readonly heading = 'Check your answers before sending your feedback';
  async send() {
    await this.page.getByRole('button', { name: 'Send feedback' }).click();
  }
}

export class FeedbackSentPage extends BasePage {
  readonly heading = 'Complaint sent';
  async reference() {
    return ((await this.page.locator('[data-qa="reference"]').textContent()) ?? '').trim();
  }
}
