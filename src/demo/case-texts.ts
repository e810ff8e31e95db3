// The words of the demo trust's case records: invented for Heard, in the voice of a mental health
// and community trust's service experience team. Summaries name no one (they appear in work queues
// and reports); the people's own accounts are kept for the narrative.

export interface SubjectTexts {
  /** What the complaint is about, for queues and reports. */
  summaries: readonly string[];
  /** One aspect of a complaint, as the investigator writes it up. */
  issues: readonly string[];
  /** The same, in the complainant's words, for the narrative. */
  accounts: readonly string[];
}

/** By KO41a subject code (reference/ko41a-subjects.json): the subjects a mental health trust hears most. */
export const complaintSubjectTexts: Record<string, SubjectTexts> = {
  communications: {
    summaries: [
      'Not kept informed about changes to care',
      'Promised call-back not made',
      'Letters sent to the wrong address',
      'Family not told about a move between wards',
    ],
    issues: [
      'Call-back promised when distressed was not made until the next day',
      'Changes to the care plan were not explained',
      'Carer not kept informed, although consent to share was recorded',
      'Appointment letters went to a previous address',
      'Conflicting information given by different members of the team',
    ],
    accounts: [
      'When I rang the team in distress I was told someone would call me back, but nobody did until the next day.',
      'Nobody explained why my care plan had changed; I found out when my visits stopped.',
      'I care for my son and he has agreed that you can talk to me, yet I was not told he had been moved to another ward.',
      'Every person I spoke to told me something different about what would happen next.',
    ],
  },
  'values-and-behaviours': {
    summaries: [
      'Attitude of staff during a home visit',
      'Felt dismissed when raising worries',
      'Staff manner on the ward',
    ],
    issues: [
      'Staff member was abrupt and dismissive during a home visit',
      'Concerns raised by the family were not taken seriously',
      'Patient felt judged when describing their symptoms',
    ],
    accounts: [
      'The member of staff who visited was abrupt and made me feel like I was wasting their time.',
      'When we said we were worried about how low she was, we were told we were overreacting.',
      'I felt judged for being honest about how I was feeling.',
    ],
  },
  'patient-care': {
    summaries: ['Care on the ward', 'Support after discharge', 'Physical health needs on the ward'],
    issues: [
      'Observations were not carried out as often as the care plan said',
      'Physical health needs were not attended to promptly',
      'No follow-up contact within seven days of discharge',
      'Personal care needs were not met during the admission',
    ],
    accounts: [
      'My father was not helped to wash or change for two days.',
      'Nobody contacted me for over a week after I left hospital, although I was told someone would.',
      'My mum has diabetes and her blood sugar was not checked as it should have been.',
    ],
  },
  'clinical-treatment': {
    summaries: ['Disagreement with diagnosis', 'Therapy ended too soon', 'Assessment outcome'],
    issues: [
      'Disagreement with the outcome of the assessment',
      'Course of therapy ended before the agreed number of sessions',
      'Telephone assessment not suitable for the patient’s needs',
      'Risk assessment did not take account of information from the family',
    ],
    accounts: [
      'I found it very hard to answer emotional questions over the telephone and do not think the assessment reflects how I am.',
      'My therapy stopped after six sessions when I was told I would have twelve.',
      'We told the team about the risks at home but this was not in the assessment.',
    ],
  },
  appointments: {
    summaries: ['Appointments cancelled at short notice', 'Difficulty getting an appointment'],
    issues: [
      'Appointment cancelled on the day without explanation',
      'Repeated changes of appointment time',
      'No appointment offered after the assessment',
    ],
    accounts: [
      'My appointment was cancelled on the morning itself for the third time.',
      'I have been waiting since my assessment and have not been offered an appointment.',
    ],
  },
  'waiting-times': {
    summaries: ['Waiting time for therapy', 'Wait for a memory assessment', 'Wait for a care co-ordinator'],
    issues: [
      'Waiting time for psychological therapy longer than expected',
      'No contact while on the waiting list',
      'Delay in allocating a care co-ordinator',
    ],
    accounts: [
      'I was told the wait would be eight weeks; it has been five months and nobody has been in touch.',
      'My care co-ordinator left and I have not had another one for months.',
    ],
  },
  'admissions-and-discharges': {
    summaries: ['Discharge from hospital', 'Discharge from the community team'],
    issues: [
      'Discharged without the family being told',
      'Discharge planning did not include housing needs',
      'Discharged from the team without a review',
    ],
    accounts: [
      'He was discharged on a Friday evening and we were not told until he arrived home.',
      'I was discharged from the team by letter without anyone talking to me about it.',
    ],
  },
  'trust-admin': {
    summaries: ['Inaccurate information in clinical records', 'Request for records not answered'],
    issues: [
      'Clinical records contained inaccurate information',
      'Request to see records was not answered within a month',
      'Policy on visiting not explained',
    ],
    accounts: [
      'My records say things that are simply not true and I want them corrected.',
      'I asked to see my records and have heard nothing since.',
    ],
  },
  prescribing: {
    summaries: ['Change of medication', 'Side effects of medication'],
    issues: [
      'Medication changed without discussion',
      'Side effects reported but not reviewed',
      'Prescription not sent to the GP in time',
    ],
    accounts: [
      'My medication was changed and nobody talked it through with me first.',
      'I told them about the side effects but my medication has not been reviewed.',
    ],
  },
  'mental-health-act': {
    summaries: ['Detention under the Mental Health Act', 'Rights under the Mental Health Act'],
    issues: [
      'Nearest relative not consulted before the assessment',
      'Patient’s rights were not explained on admission',
    ],
    accounts: [
      'As his nearest relative I should have been consulted before the assessment, and I was not.',
      'Nobody explained my rights when I was detained.',
    ],
  },
  facilities: {
    summaries: ['Condition of the ward', 'Heating on the ward', 'Parking at the resource centre'],
    issues: [
      'Heating on the ward did not work for several days',
      'Bathroom out of order for over a week',
      'No accessible parking near the entrance',
    ],
    accounts: [
      'The ward was freezing for days and nothing was done.',
      'There is nowhere to park near the door, which is very hard for my husband.',
    ],
  },
  'privacy-dignity-and-wellbeing': {
    summaries: ['Privacy on the ward', 'Personal information discussed in public'],
    issues: [
      'Personal information discussed in the waiting area',
      'Patient’s privacy not respected on the ward',
    ],
    accounts: ['The receptionist talked about my diagnosis where everyone in the waiting room could hear.'],
  },
  'integrated-care': {
    summaries: ['Joint working with social care', 'Funding for a placement'],
    issues: ['Delay in agreeing funding for a placement', 'Poor joint working with the local authority'],
    accounts: ['Everyone agrees she needs a placement but nobody will agree who pays for it.'],
  },
  'access-to-treatment-or-drugs': {
    summaries: ['Access to a specialist service'],
    issues: ['Referral to a specialist service declined'],
    accounts: ['I was told I do not meet the criteria for the service I was referred to.'],
  },
  'staff-numbers': {
    summaries: ['Staffing on the ward'],
    issues: ['Too few staff on the ward at night'],
    accounts: ['At night there were hardly any staff and nobody had time to talk.'],
  },
  other: {
    summaries: ['Handling of a previous concern'],
    issues: ['Previous concern not followed up'],
    accounts: ['I raised this before and nothing happened.'],
  },
};

/** Which subjects an issue about each staff group is most often about. */
export const subjectsByStaffGroup: Record<string, readonly string[]> = {
  medical: [
    'clinical-treatment',
    'prescribing',
    'communications',
    'mental-health-act',
    'values-and-behaviours',
  ],
  nursing: [
    'communications',
    'patient-care',
    'values-and-behaviours',
    'communications',
    'admissions-and-discharges',
    'clinical-treatment',
    'privacy-dignity-and-wellbeing',
    'staff-numbers',
  ],
  'social-worker': ['communications', 'integrated-care', 'mental-health-act', 'admissions-and-discharges'],
  psychology: ['clinical-treatment', 'waiting-times', 'communications'],
  pwp: ['clinical-treatment', 'waiting-times', 'appointments', 'communications', 'values-and-behaviours'],
  estates: ['facilities'],
  hca: ['patient-care', 'values-and-behaviours', 'privacy-dignity-and-wellbeing'],
  admin: ['appointments', 'trust-admin', 'communications'],
  other: ['trust-admin', 'communications', 'other'],
  none: ['waiting-times', 'access-to-treatment-or-drugs', 'trust-admin', 'integrated-care'],
};

export const desiredOutcomes = [
  'An apology and an explanation of what went wrong.',
  'I want to be sure this does not happen to anyone else.',
  'A meeting with the team manager to talk it through.',
  'My records corrected.',
  'A change of care co-ordinator.',
  'To be seen as soon as possible.',
  'An explanation of the decision and what my options are now.',
];

export const concernSummaries = [
  'Care co-ordinator not in touch for several weeks',
  'Asked for a call from the team',
  'Worried about a relative on the ward',
  'Telephone assessment causes anxiety: asked for face to face',
  'Appointment letter not received',
  'Unhappy with the outcome of an assessment',
  'Waiting for a therapy start date',
  'Medication query not answered',
  'Difficulty getting through to the team by phone',
  'Referral to another service not followed up',
  'Staff attitude on the phone',
  'Parking at a trust building',
  'Lost property on the ward',
  'Wants a change of therapist',
  'Carer asking for information about support',
];

export const concernAccounts = [
  'I have not heard from my care co-ordinator for weeks and I need some support.',
  'I get very anxious on the telephone and would like to be seen in person.',
  'I keep ringing the team and nobody picks up.',
  'My sister is on the ward and we are worried about how she is being looked after.',
  'I was told I would get a letter with a date but nothing has come.',
];

/** How the PALS team resolved a concern, for its handling note. */
export const concernResolutions = [
  'Spoke to the team manager, who called back the same day and apologised.',
  'Team arranged a face to face appointment instead of a telephone assessment.',
  'Offered a change of care co-ordinator with an explanation and an apology.',
  'Explained the waiting list and gave an expected start date.',
  'Passed the query to the prescriber, who phoned back.',
  'Helped to contact the crisis team, who arranged an assessment.',
  'Explained the arrangements at the site and how to raise it with estates.',
];

export const complimentWords = [
  'Facilitators were amazing and worked so well together that I felt safe and understood.',
  'I rang in a mess and ended the call laughing. Thank you so much.',
  'Thank you for all your help and support over the past 18 months.',
  'The staff helped me to do the things that get me better.',
  'Thank you for the time and effort you have given to supporting our son and us.',
  'I am incredibly grateful for the work that has been done: life has changed completely.',
  'Thank you for listening to me when nobody else would.',
  'The nurses on the ward were kind and patient with Dad.',
  'My therapist gave me the tools to manage my anxiety. Thank you.',
  'The memory clinic explained everything clearly to Mum and me.',
  'Thank you for the cards and the cake on my last day.',
  'You helped me through the hardest year of my life.',
  'The course at the Recovery College gave me my confidence back.',
  'Thank you to the crisis team for coming out so quickly.',
  'Everyone at the resource centre made us feel welcome.',
];

export const complimentCardDescriptions = [
  'Thank-you card',
  'Thank-you card and chocolates',
  'Thank-you letter',
];

export const enquirySummaries = [
  'Advice about which service to contact',
  'Asked for contact from their team',
  'Funding for a placement: who to speak to',
  'How to get a copy of health records',
  'Signposted to the local carers’ support service',
  'Visiting times on the ward',
  'How to make a referral to talking therapies',
  'Signposted to the GP for a physical health query',
  'Information about the Recovery College courses',
  'How to give feedback about a service',
];

export const commentSummaries = [
  'Suggests bicycle stands near the main entrance',
  'Suggests evening appointments for people who work',
  'Waiting room could be more welcoming for children',
  'Suggests a text reminder before appointments',
  'Leaflets in other languages would help',
  'Suggests a quiet room on the ward',
];

export const mpEnquirySummaries = [
  'MP enquiry: waiting time for a constituent’s therapy',
  'MP enquiry: funding for a constituent’s placement',
  'MP enquiry: discharge arrangements for a constituent',
];

export const extensionReasons = [
  'Waiting for statements from staff on leave',
  'Complainant asked to add further questions',
  'Investigation involves a second organisation',
  'Investigating officer off sick; complainant agreed a new date',
];

export const withdrawalReasons = [
  'Resolved with the team directly; complainant no longer wishes to go on',
  'Complainant asked to withdraw the complaint',
  'Consent from the patient not given',
];

export const reopeningReasons = [
  'Complainant has further questions about the response',
  'Complainant says the response did not answer all of their concerns',
  'New information received from the complainant',
];

export const meetingAttendees = [
  'Complainant, team manager and a complaints officer',
  'Complainant, their advocate, service director and a complaints officer',
  'Complainant, consultant psychiatrist and ward manager',
];

export const learningPoints = [
  'A system is now in place so that when someone is distressed or needs a same-day response the team is alerted for timely follow-up.',
  'Preferences for face to face appointments are now recorded on the front sheet of the record.',
  'Records are checked with the person before they are shared with other services.',
  'Discharge checklists now include telling the family, with the person’s consent.',
  'Team meetings now review everyone waiting longer than eight weeks.',
];

export const signatories = ['Chief Executive', 'Director of Quality', 'Deputy Chief Executive'];
