import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoSeriousAccessibilityProblems } from '../support.ts';

/** A page object: it knows how to tell it is on its page, and checks accessibility when it arrives. */
export abstract class BasePage {
  constructor(readonly page: Page) {}

  abstract readonly heading: string | RegExp;

  async verifyOnPage(): Promise<this> {
    const h1 = (await this.page.getByRole('heading', { level: 1 }).first().textContent())?.trim() ?? '';
    if (typeof this.heading === 'string') expect(h1).toBe(this.heading);
    else expect(h1).toMatch(this.heading);
    await expectNoSeriousAccessibilityProblems(this.page);
    return this;
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
  }
}
