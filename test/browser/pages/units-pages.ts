import { BasePage } from './base-page.ts';

export class UnitsPage extends BasePage {
  readonly heading = 'Units';

  async addUnit() {
    await this.page.getByRole('button', { name: 'Add a unit' }).click();
  }
}

export interface NewUnit {
  name: string;
  code: string;
  kind: string;
  partOf: string;
  opens: { day: string; month: string; year: string };
}

export class AddUnitPage extends BasePage {
  readonly heading = 'Add a unit';

  async submit(unit: NewUnit) {
    await this.page.getByLabel('Name', { exact: true }).fill(unit.name);
    await this.page.getByLabel('Code', { exact: true }).fill(unit.code);
    await this.page.getByRole('radio', { name: unit.kind, exact: true }).check();
    await this.page.getByLabel('Part of').selectOption({ label: unit.partOf });
    const opens = this.page.getByRole('group', { name: 'Date the unit opens' });
    await opens.getByLabel('Day').fill(unit.opens.day);
    await opens.getByLabel('Month').fill(unit.opens.month);
    await opens.getByLabel('Year').fill(unit.opens.year);
    await this.page.getByRole('button', { name: 'Add unit' }).click();
  }
}

export class UnitPage extends BasePage {
  constructor(
    page: BasePage['page'],
    readonly heading: string,
  ) {
    super(page);
  }
}
