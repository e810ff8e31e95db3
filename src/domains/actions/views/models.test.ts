import { describe, expect, it } from 'vitest';
import { planProgress } from '../rules.ts';
import type { ActionPlanRow } from '../schema.ts';
import { boardPage, statusTag } from './models.ts';
import { publicStatementsPage, statementsFeed } from './statements-model.ts';

const plan = (overrides: Partial<ActionPlanRow> = {}): ActionPlanRow => ({
  orgId: 'org',
  planId: '00000000-0000-4000-8000-000000000001',
  name: 'CQC <2024>',
  source: 'cqc-inspection',
  visitType: null,
  unitId: null,
  sourceRecordId: null,
  sourceDescription: null,
  reportedTo: null,
  assuranceLevel: 'limited',
  assuranceReason: 'Two must-dos open',
  createdBy: null,
  createdAt: new Date('2024-01-01T00:00:00Z'),
  updatedAt: new Date('2024-01-01T00:00:00Z'),
  ...overrides,
});

describe('the action pages’ view models', () => {
  it.each([
    ['overdue', { text: 'Overdue', classes: 'nhsuk-tag--red' }],
    ['completed', { text: 'Completed', classes: 'nhsuk-tag--green' }],
  ] as const)('shows %s as the tag %o', (status, tag) => {
    expect(statusTag(status)).toEqual(tag);
  });

  it('sums the board’s plans and escapes a plan’s name in its link', () => {
    const progress = planProgress(
      [
        { status: 'completed', dueDate: null },
        { status: 'in-progress', dueDate: '2024-01-01' },
      ],
      '2024-06-01',
    );
    const page = boardPage([{ plan: plan(), progress }], false);
    expect(page.total).toEqual({ actions: 2, completed: 1, overdue: 1 });
    expect(page.rows[0]?.[0]).toEqual({
      html: '<a href="/actions/plans/00000000-0000-4000-8000-000000000001">CQC &lt;2024&gt;</a>',
    });
    expect(page.rows[0]?.[3]).toEqual({ text: '50%', format: 'numeric' });
    expect(page.rows[0]?.[5]).toEqual({ text: 'Limited assurance' });
  });
});

describe('the public You said – We did', () => {
  const context = {
    organisation: { name: 'Test NHS Trust', odsCode: 'RT1' },
    unit: null,
    statements: [
      {
        statementId: '00000000-0000-4000-8000-000000000002',
        youSaid: 'Letters were hard to read & long',
        weDid: 'We rewrote them',
        assuranceLevel: 'full' as const,
        publishedOn: '2024-05-01',
        updatedAt: new Date('2024-05-01T10:00:00Z'),
        unitName: 'Ward 1',
        unitCode: 'W 1',
      },
    ],
  };

  it('links each statement to its unit’s page', () => {
    const page = publicStatementsPage(context);
    expect(page.statements[0]?.unit).toEqual({ text: 'Ward 1', href: '/you-said-we-did/RT1/units/W%201' });
    expect(page.feedHref).toBe('/you-said-we-did/RT1/feed.atom');
  });

  it('writes an Atom feed with escaped text and a lasting id per statement', () => {
    const feed = statementsFeed(context, 'https://heard.example.nhs.uk', new Date());
    expect(feed).toContain('<id>urn:uuid:00000000-0000-4000-8000-000000000002</id>');
    expect(feed).toContain('<title>You said: Letters were hard to read &amp; long</title>');
    expect(feed).toContain('<updated>2024-05-01T10:00:00.000Z</updated>');
    expect(feed).toContain('href="https://heard.example.nhs.uk/you-said-we-did/RT1/feed.atom"');
  });
});
