// The pure rules of complaints and concerns: no I/O, no clock, no database; dates are passed in.
// Each file holds one part of the lifecycle, with its table-driven tests beside it:
//   deadlines.ts    acknowledgement, agreed response date, extensions, the 6-month period (SI 2009/309 regs 13–14)
//   eligibility.ts  covered by the Regulations, oral complaints resolved next day, the 12-month limit (regs 6, 8, 12)
//   outcomes.ts     issue and overall outcomes, closing, reopening
//   concerns.ts     escalating a PALS concern to a complaint
//   measures.ts     the responsiveness percentages and how they round
//   ko41a-codes.ts  which KO41a age band, complainant status, service area and sub-category a complaint may record
//   retention.ts    10 years from closure (Records Management Code of Practice)
//   months.ts       calendar-month arithmetic the periods above count in
export * from './concerns.ts';
export * from './deadlines.ts';
export * from './eligibility.ts';
export * from './kinds-and-channels.ts';
export * from './ko41a-codes.ts';
export * from './measures.ts';
export * from './months.ts';
export * from './outcomes.ts';
export * from './retention.ts';
