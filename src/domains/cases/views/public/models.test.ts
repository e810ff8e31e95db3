import { describe, expect, it } from 'vitest';
import { aboutYouPage, checkPage, confirmationPage, kindPage, servicePage } from './models.ts';

const base = { odsCode: 'RT1', organisationName: 'Test NHS Trust', returning: false };

describe('public feedback view models', () => {
  it('keeps the kind chosen and links back to the start page', () => {
    const page = kindPage({ ...base, answers: { kind: 'concern' } });
    expect(page.backLinkHref).toBe('/feedback/RT1');
    expect(page.kindItems.filter((item) => item.checked).map((item) => item.value)).toEqual(['concern']);
    expect(page.hasErrors).toBe(false);
  });

  it('returns to "Check your answers" when the person came from there', () => {
    const page = kindPage({ ...base, returning: true, answers: {} });
    expect(page).toMatchObject({
      action: '/feedback/RT1/kind?returnTo=check',
      backLinkHref: '/feedback/RT1/check',
    });
  });

  it('lists the errors in page order, each linking to its field', () => {
    const page = aboutYouPage({
      ...base,
      answers: { kind: 'complaint' },
      errors: { replyBy: 'Select how you would like us to reply', name: 'Enter your full name' },
    });
    expect(page.errorList).toEqual([
      { text: 'Enter your full name', href: '#name' },
      { text: 'Select how you would like us to reply', href: '#replyBy' },
    ]);
    expect(page.optional).toBe(false);
  });

  it('keeps the service already chosen on offer, and points to the search box when there is nothing to choose', () => {
    const chosen = { unitId: 'u1', name: 'Rose Ward' };
    const kept = servicePage({ ...base, answers: { unitId: 'u1' }, search: '', results: [], chosen });
    expect(kept.unitItems).toEqual([expect.objectContaining({ value: 'u1', checked: true })]);
    const empty = servicePage({
      ...base,
      answers: {},
      errors: { unitId: 'Select the service your feedback is about' },
      search: '',
      results: [],
      chosen: null,
    });
    expect(empty.errorList).toEqual([
      { text: 'Search for the service your feedback is about, then select it', href: '#search' },
    ]);
  });

  it('shows the patient and their consent on "Check your answers" only for someone acting for them', () => {
    const keys = (isPatient: string) =>
      checkPage({
        ...base,
        answers: { kind: 'complaint', isPatient },
        unitName: 'Rose Ward',
        eventDate: '2025-01-03',
      }).rows.map((row) => row.key.text);
    expect(keys('no')).toContain('Has the patient agreed to you acting for them');
    expect(keys('yes')).not.toContain('Patient’s name');
    const page = checkPage({ ...base, answers: {}, unitName: 'Rose Ward', eventDate: '2025-01-03' });
    expect(page.rows.find((row) => row.key.text === 'Date it happened')?.value.text).toBe('3 January 2025');
  });

  it('confirms a complaint with its reference and what happens next', () => {
    const page = confirmationPage({
      organisationName: 'Test NHS Trust',
      reference: 'C-2025-00001',
      kind: 'complaint',
      lateComplaint: false,
    });
    expect(page).toMatchObject({
      panelTitle: 'Complaint sent',
      reference: 'C-2025-00001',
      lateComplaintText: null,
    });
    expect(page.nextSteps).toContain('within 3 working days');
  });
});
