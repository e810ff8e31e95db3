// Free-text answers for the demo's surveys, in the spirit of the comments quoted in the seed
// report's section 2.5 (written for the demo, not copied). No names, nothing that identifies anyone.

export const goodComments = [
  'Someone was there for me when I really needed help.',
  'Everything was explained clearly and nobody rushed me.',
  'The staff were patient, kind and understanding.',
  'I felt listened to and taken seriously.',
  'The crisis team got to me quickly and stayed calm.',
  'A quiet, comfortable room to talk in.',
  'Practical advice that I could actually use at home.',
  'They talked to my family as well as to me.',
  'My worker always rang back when she said she would.',
  'The food on the ward was good and there was plenty of it.',
  'I was treated with respect the whole time.',
  'Helpful, friendly reception staff.',
  'They helped me get back to my volunteering.',
  'Good advice about my medication and its side effects.',
];

export const betterComments = [
  'The waiting list was far too long.',
  'Phone appointments were not enough for me.',
  'Sessions felt too long to concentrate.',
  'More regular contact with my care coordinator.',
  'It was hard to find the building and there was no parking.',
  'Letters came after the appointment had happened.',
  'I had to tell my story again to every new person.',
  'Nobody told me what would happen after I left the ward.',
  'More activities in the evenings and at weekends.',
  'The ward was noisy at night.',
  'Better information for carers about who to call.',
];

export const childrenGoodComments = [
  'People say they can see a big difference in me.',
  'It helped me deal with my feelings somewhere safe.',
  'I was listened to and what I said stayed private.',
  'The person who saw my son was kind and patient with all of us.',
  'They listened to my child and did not judge.',
  'It helped me get through a really hard time.',
  'I never felt scared to talk about my problems.',
];

export const staffComments = [
  'A supportive team, but we are stretched.',
  'Good training and a manager who listens.',
  'Too much paperwork takes time away from patients.',
  'Flexible working has made a big difference to me.',
];
