import { BasePage } from './base-page.ts';

export class SignInPage extends BasePage {
  readonly heading = 'Sign in to Heard';

  async signIn(email: string, password: string) {
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
}
