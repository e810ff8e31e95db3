import type { Database } from '#src/db/engine.ts';
import { learningService, statementsService } from '#src/domains/actions/index.ts';
import { principalForUser } from '#src/domains/identity/index.ts';

// The demo trust's learning and "You said – We did" as the seed report shows them for 2017/18 Q2
// (../shared/seeds/service-experience-report-2017-q2.txt, in the demo's own words): Table 17's
// themes from Q1's closed complaints, whose localities' action plans are still to be sought;
// Table 18's themes from 2016/17 Q4, with the localities' plans and the dates assurance arrived in
// September 2017; and the report's "You said – We did" examples (its §2.1 and Table 12),
// published in the quarter. Loaded through the services staff use, as the complaints officer.

const tableSeventeen = [
  'When a member of staff is away at short notice, their caseload should be reviewed and a plan made for what they had arranged.',
  'People being discharged from a ward or team should be involved in planning it, and the plan shared with the family or carers involved wherever possible.',
];

const tableEighteen: { text: string; plans: [string, string, string][] }[] = [
  {
    text: 'Service users and carers should be asked whom they want at their review meetings, and the answer recorded in the progress notes, as the assessment and care management policy asks.',
    plans: [
      [
        'Southshire',
        'Raised with the policy’s requirements at the Triangle of Care briefings.',
        '2017-09-14',
      ],
      [
        'Northshire',
        'Team meetings reminded of the requirement and the discussion minuted for assurance.',
        '2017-09-28',
      ],
    ],
  },
  {
    text: 'Where it is clinically appropriate, service users and carers should be kept informed after a possible safeguarding referral is discussed, so that they know what will happen next.',
    plans: [
      ['Southshire', 'Included in the Triangle of Care briefings on keeping people informed.', '2017-09-14'],
      [
        'Northshire',
        'Staff reminded to involve people as the safeguarding adults policy describes.',
        '2017-09-28',
      ],
    ],
  },
  {
    text: 'When staff disagree with an outside agency’s safeguarding decision, the escalation policy must be followed.',
    plans: [
      [
        'Southshire',
        'Escalation policy circulated to team managers through clinical governance meetings.',
        '2017-09-21',
      ],
      [
        'Northshire',
        'Matrons and team managers reminded to use the escalation policy; recorded in team briefings.',
        '2017-09-28',
      ],
    ],
  },
];

const statements: { youSaid: string; weDid: string; publishedOn: string }[] = [
  {
    youSaid:
      'You rang the team when you were distressed and were told they would call back, but nobody called until the next day.',
    weDid:
      'The team is now alerted whenever someone is distressed or needs a reply the same day, so that they are called back in time.',
    publishedOn: '2017-07-20',
  },
  {
    youSaid: 'You found emotional questions hard to answer over the telephone.',
    weDid: 'We apologised and noted in your records that you would rather have appointments face to face.',
    publishedOn: '2017-08-10',
  },
  {
    youSaid:
      'You asked for bicycle stands by the main entrance and secure bicycle parking at every NHS building.',
    weDid: 'We told you where to lock your bicycle securely at this site.',
    publishedOn: '2017-09-05',
  },
];

export async function loadDemoLearning(db: Database, orgId: string, officerUserId: string) {
  const officer = await principalForUser(db, orgId, officerUserId);
  if (!officer) throw new Error('the demo complaints officer is missing');
  const learning = learningService({ db });
  const units = await learning.units(orgId);
  const unitId = (name: string) => {
    const found = units.find((unit) => unit.name === name);
    if (!found) throw new Error(`the demo has no unit ${name}`);
    return found.unitId;
  };
  for (const text of tableSeventeen)
    await learning.addTheme(officer, { quarter: '2017/18-Q1', text, casePointIds: [], sourcePointIds: [] });
  for (const theme of tableEighteen) {
    const row = await learning.addTheme(officer, {
      quarter: '2016/17-Q4',
      text: theme.text,
      casePointIds: [],
      sourcePointIds: [],
    });
    for (const [locality, actionPlan, date] of theme.plans) {
      await learning.recordResponse(officer, row.themeId, {
        unitId: unitId(locality),
        actionPlan,
        assuranceReceivedDate: date,
      });
    }
  }
  const published = statementsService({ db });
  for (const statement of statements)
    await published.addStatement(officer, { unitId: null, assuranceLevel: 'significant', ...statement });
}
