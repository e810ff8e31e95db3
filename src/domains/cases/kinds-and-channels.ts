// What someone told us and how it reached us: the feedback record of DESIGN.md §2.

export const feedbackKinds = [
  'complaint',
  'concern',
  'compliment',
  'comment',
  'enquiry',
  'mp-enquiry',
] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];

export const feedbackKindNames: Record<FeedbackKind, string> = {
  complaint: 'Complaint',
  concern: 'Concern',
  compliment: 'Compliment',
  comment: 'Comment or suggestion',
  enquiry: 'Enquiry, advice or signposting',
  'mp-enquiry': 'MP enquiry',
};

export const channels = [
  'phone',
  'email',
  'letter',
  'in-person',
  'web-form',
  'care-opinion',
  'survey',
] as const;
export type Channel = (typeof channels)[number];

export const channelNames: Record<Channel, string> = {
  phone: 'Phone',
  email: 'Email',
  letter: 'Letter',
  'in-person': 'In person',
  'web-form': 'Web form',
  'care-opinion': 'Care Opinion',
  survey: 'Survey',
};

/** Channels on which a complaint is made orally, for SI 2009/309 reg 8(1)(c). */
export const oralChannels: readonly Channel[] = ['phone', 'in-person'];

export function isOral(channel: Channel): boolean {
  return oralChannels.includes(channel);
}
