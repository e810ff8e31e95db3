import { describe, expect, it } from 'vitest';
import type { RetentionCase } from '../../retention-service.ts';
import { retentionDecisionPage, retentionListPage } from './models.ts';

const item: RetentionCase = {
  recordId: '0b6d1f4e-1c2a-4d3b-9e8f-7a6b5c4d3e2f',
  reference: 'C-2014-00042',
  kind: 'complaint',
  summary: 'Discharge planning',
  unitName: 'Ward 1',
  closedDate: '2015-01-10',
  reviewDate: '2025-01-10',
};

describe('the retention pages’ view models', () => {
  it('lists each file with its dates written out and a link to decide on it', () => {
    expect(retentionListPage([item]).rows).toEqual([
      {
        reference: 'C-2014-00042',
        caseHref: `/cases/${item.recordId}`,
        kind: 'Complaint',
        service: 'Ward 1',
        summary: 'Discharge planning',
        closed: '10 January 2015',
        due: '10 January 2025',
        decideHref: `/cases/retention/${item.recordId}`,
      },
    ]);
  });

  it('keeps the answers and puts each problem beside its field and in the summary, in page order', () => {
    const page = retentionDecisionPage({
      item,
      answers: { decision: 'retain', reason: 'Linked claim' },
      errors: { reason: 'Enter the reason', reviewAgainDate: 'Enter the date to review the case file again' },
    });
    expect(page.decision.items.map((choice) => [choice.value, choice.checked])).toEqual([
      ['destroy', false],
      ['retain', true],
    ]);
    expect(page.reason.value).toBe('Linked claim');
    expect(page.reviewAgainDate.errorMessage).toEqual({
      text: 'Enter the date to review the case file again',
    });
    expect(page.errorList).toEqual([
      { text: 'Enter the date to review the case file again', href: '#reviewAgainDate' },
      { text: 'Enter the reason', href: '#reason' },
    ]);
    expect(page.hasErrors).toBe(true);
  });
});
