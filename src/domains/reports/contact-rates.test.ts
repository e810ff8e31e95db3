import { describe, expect, it } from 'vitest';
import { contactRates, monthsOfQuarter, per1000 } from './contact-rates.ts';

describe('complaints and compliments per 1,000 contacts', () => {
  it('knows the months of a financial quarter', () => {
    expect(monthsOfQuarter('2017/18-Q1')).toEqual(['2017-04', '2017-05', '2017-06']);
    expect(monthsOfQuarter('2017/18-Q4')).toEqual(['2018-01', '2018-02', '2018-03']);
  });

  it('rounds to one decimal place, halves up, and has no rate without contacts', () => {
    expect(per1000(19, 12_000)).toBe(1.6); // 1.583…
    expect(per1000(3, 2000)).toBe(1.5);
    expect(per1000(449, 15_620)).toBe(28.7); // 28.745…
    expect(per1000(5, 0)).toBeNull();
    expect(per1000(5, null)).toBeNull();
  });

  it('says "not available" for a quarter missing any month’s contacts', () => {
    const rates = contactRates(
      [
        { period: '2017/18-Q1', label: '2017/18 Q1', value: 10 },
        { period: '2017/18-Q2', label: '2017/18 Q2', value: 12 },
      ],
      [
        { period: '2017/18-Q1', label: '2017/18 Q1', value: 100 },
        { period: '2017/18-Q2', label: '2017/18 Q2', value: 150 },
      ],
      [
        { month: '2017-04', eligible: 2000 },
        { month: '2017-06', eligible: 2000 },
        { month: '2017-07', eligible: 2000 },
        { month: '2017-08', eligible: 2000 },
        { month: '2017-09', eligible: 2000 },
      ],
    );
    expect(rates.quarters[0]).toMatchObject({
      contacts: null,
      complaintsPer1000: null,
      complimentsPer1000: null,
    });
    expect(rates.quarters[1]).toMatchObject({ contacts: 6000, complaintsPer1000: 2, complimentsPer1000: 25 });
  });
});
