import { describe, expect, it } from 'vitest';
import { safeguardingFlag } from './safeguarding-rules.ts';

// Care Act 2014 s.42 and Working Together 2023: abuse, neglect and risk of harm need a safeguarding
// enquiry; self-harm and suicidal thoughts need a same-day response. A miss costs more than a false alarm.
describe('comments that may describe harm are flagged', () => {
  it.each([
    ['A carer slapped my mum when she would not eat', ['abuse']],
    ['My dad was verbally abused by a member of staff', ['abuse']],
    ['She told us her partner assaulted her again', ['abuse']],
    ['Someone on the ward stole her bank card', ['abuse']],
    ['They left him in his own urine for hours', ['neglect']],
    ['My nan was left on the floor after she fell', ['neglect']],
    ['No water for hours and she was dehydrated', ['neglect']],
    ['He came home with a pressure sore nobody had noticed', ['neglect']],
    ['I have been self harming again since the appointment', ['self-harm']],
    ['My daughter took an overdose last week', ['self-harm']],
    ['I feel suicidal and nobody calls back', ['suicide']],
    ['Some days I want to end my life', ['suicide']],
    ['honestly I would be better off dead', ['suicide']],
    ['He threatened to kill his neighbour', ['risk to someone']],
    ['I did not feel safe on the ward at night', ['risk to someone']],
    ['Another patient had a knife', ['risk to someone']],
    ['I am scared of my husband', ['risk to someone']],
    ['The ward felt unsafe, but staff were kind', ['risk to someone']],
    ['I was left without pain relief and I felt suicidal', ['neglect', 'suicide']],
  ])('%s', (text, concerns) => {
    const flag = safeguardingFlag(text);
    expect(flag.concerns).toEqual(concerns);
    expect(flag.flagged).toBe(true);
  });
});

describe('comments that do not describe harm are not flagged', () => {
  it.each([
    'I felt safe and well looked after',
    'I always felt safe with the crew',
    'I never felt unsafe on the ward',
    'There was no abuse or neglect of any kind',
    'Staff were not abusive at all, they were lovely',
    'The self-harm team were brilliant and got me a bed',
    'Suicide prevention posters in the waiting room were helpful',
    'The ambulance arrived quickly and the paramedics were kind',
    'Waited four hours for a bed, staff were rushed off their feet',
    'Nothing to improve, thank you',
    'The food was cold',
    'They hit the nail on the head with the diagnosis',
    'The porter pushed him in his wheelchair to the clinic',
    "The 'machine gun' questions at the start were a lot",
  ])('%s', (text) => {
    expect(safeguardingFlag(text)).toEqual({ flagged: false, concerns: [], phrases: [] });
  });
});
