import { assignOutcomes, placeMeetings, placeReferrals } from './complaint-events.ts';
import { freeComplaints } from './free-complaints.ts';
import type { Random } from './random.ts';
import { shapedComplaints } from './seed-complaints.ts';
import type { ComplaintTimeline } from './timeline.ts';

// When each of the demo trust's complaints was received, acknowledged, answered, withdrawn or
// reopened, over two years from 1 April 2016 to 31 March 2018; with outcomes, meetings and
// Ombudsman referrals.

export {
  type ComplaintTimeline,
  type DemoOutcome,
  demoEnd,
  demoStart,
  type LocalityCode,
} from './timeline.ts';

/** Every complaint of the two years, in order of receipt. */
export function demoComplaintTimelines(random: Random): ComplaintTimeline[] {
  const complaints = [...freeComplaints(random), ...shapedComplaints(random)].sort((a, b) =>
    a.receivedDate.localeCompare(b.receivedDate),
  );
  assignOutcomes(random, complaints);
  placeMeetings(random, complaints);
  placeReferrals(random, complaints);
  return complaints;
}
