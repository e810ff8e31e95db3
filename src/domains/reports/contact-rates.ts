import type { TrendPoint } from './quarterly.ts';

// Complaints and compliments per 1,000 contacts by quarter (the seed report's Figure 2, "proportion
// of compliments to number of contacts with services"). Heard holds no activity data of its own:
// the contacts are the people the units could have asked the Friends and Family Test each month
// (the response rate's denominator, entered or imported per unit and month in the surveys
// domain). A quarter counts only when every one of its months has that figure; otherwise its
// rates are null ("not available"), since a missing month would make them look higher.

export interface ContactRateQuarter {
  period: string;
  label: string;
  /** The quarter's contacts, or null when any of its months has none recorded. */
  contacts: number | null;
  complaints: number;
  compliments: number;
  /** Per 1,000 contacts, to one decimal place (halves up); null when contacts are not available. */
  complaintsPer1000: number | null;
  complimentsPer1000: number | null;
}

export interface ContactRates {
  /** Where the contacts come from: the FFT's eligible people per unit and month. */
  contactsSource: 'fft-eligible';
  quarters: ContactRateQuarter[];
}

/** `2017/18-Q2` → its three months as `2017-07`, `2017-08`, `2017-09`. */
export function monthsOfQuarter(code: string): string[] {
  const match = /^(\d{4})\/\d{2}-Q([1-4])$/.exec(code);
  if (!match) throw new Error(`${code} is not a quarter`);
  const first = Number(match[1]) * 12 + 3 + (Number(match[2]) - 1) * 3;
  return [0, 1, 2].map((offset) => {
    const index = first + offset;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

export const per1000 = (count: number, contacts: number | null): number | null =>
  contacts === null || contacts === 0 ? null : Math.round((count * 10000) / contacts) / 10;

export function contactRates(
  complaints: readonly TrendPoint[],
  compliments: readonly TrendPoint[],
  eligibleByMonth: readonly { month: string; eligible: number }[],
): ContactRates {
  const byMonth = new Map(eligibleByMonth.map((row) => [row.month, row.eligible]));
  return {
    contactsSource: 'fft-eligible',
    quarters: complaints.map((point) => {
      const months = monthsOfQuarter(point.period).map((month) => byMonth.get(month));
      const contacts = months.every((value) => value !== undefined)
        ? months.reduce<number>((sum, value) => sum + (value ?? 0), 0)
        : null;
      const complimentCount = compliments.find((entry) => entry.period === point.period)?.value ?? 0;
      return {
        period: point.period,
        label: point.label,
        contacts,
        complaints: point.value,
        compliments: complimentCount,
        complaintsPer1000: per1000(point.value, contacts),
        complimentsPer1000: per1000(complimentCount, contacts),
      };
    }),
  };
}
