/**
 * Words that the framework's own description of a theme (labels.json) ties to it, written from those
 * descriptions rather than learnt, so that themes with only a handful of labelled comments still have
 * a feature that points at them. Each cue becomes one marker feature; the models learn how much it
 * counts. Used for the rarer themes, where the examples alone are too few.
 */
export const themeCues: { theme: string; pattern: RegExp }[] = [
  {
    theme: 'Parking',
    pattern: /\b(car ?park(s|ing)?|parking|parked|park(ing)? (space|spaces|bays?|charges?|fees?))\b/,
  },
  {
    theme: 'Electronic entertainment',
    pattern:
      /\b(tv|tvs|television|telly|radio|wi ?fi|internet|ipad|tablet|laptop|playstation|xbox|games? console|netflix|dvds?)\b/,
  },
  {
    theme: 'Pain management',
    pattern:
      /\b(pain|painful|painkillers?|pain ?relief|analgesi[ac]|morphine|paracetamol|gas and air|entonox)\b/,
  },
  {
    theme: 'Discharge',
    pattern: /\b(discharged?|discharging|sent home|went home|going home|leaving hospital)\b/,
  },
  {
    theme: 'Funding & use of financial resources',
    pattern:
      /\b(funding|funded|money|cuts?|costs?|cost of|budget|underfunded|pay|paid|wages?|value for money|spend|spending|afford)\b/,
  },
  {
    theme: 'Unspecified communication',
    pattern: /\b(communication|communicate|communicated|communicating)\b/,
  },
  {
    theme: 'Appointment method',
    pattern:
      /\b(face to face|telephone appointments?|phone appointments?|video (call|appointments?)|zoom|teams call|online appointments?|virtual|in person)\b/,
  },
  {
    theme: 'Service location',
    pattern:
      /\b(location|located|distance|far away|miles|closer to home|near(er)? (to )?home|travel(l?ing)? to|local|nearby)\b/,
  },
  {
    theme: 'Feeling safe',
    pattern: /\b(safe|safety|unsafe|secure|security|threatened|scared|frightened|vulnerable)\b/,
  },
  {
    theme: 'Sensory experience',
    pattern:
      /\b(noise|noisy|loud|quiet|cold|hot|warm|temperature|smell|smelly|smells|lighting|lights|bright|dark|uncomfortable|comfortable)\b/,
  },
  {
    theme: 'Cleanliness, tidiness & infection control',
    pattern:
      /\b(clean|cleaned|cleaning|cleanliness|dirty|hygiene|hygienic|tidy|untidy|infection|filthy|spotless|mess(y)?|masks?|gloves|ppe)\b/,
  },
  {
    theme: 'Mental Health Act',
    pattern:
      /\b(section(ed)?|mental health act|mha|detained|detention|section 1?\d+|s136|s2|s3|leave|tribunal|rights)\b/,
  },
  {
    theme: 'Interaction with family/ carers',
    pattern:
      /\b(family|families|carers?|relatives?|next of kin|husband|wife|partner|son|daughter|mum|dad|mother|father|parents?|visiting|visitors?)\b/,
  },
  {
    theme: 'Organisation & efficiency',
    pattern:
      /\b(organi[sz]ed|organi[sz]ation|disorgani[sz]ed|efficient|efficiency|inefficient|admin|administration|process|processes|paperwork|smooth(ly)?|chaotic|chaos|system)\b/,
  },
  {
    theme: 'Environment, facilities & equipment',
    pattern:
      /\b(building|buildings|room|rooms|facilities|facility|equipment|toilets?|bathroom|showers?|beds?|chairs?|furniture|decor|environment|ward was|waiting room|lift|stretcher|wheelchair|vehicle|ambulance was)\b/,
  },
  {
    theme: 'Supplying & understanding medication',
    pattern:
      /\b(medication|medications|medicines?|meds|prescription|prescriptions|prescribed|tablets|side effects?|dose|doses|pharmacy|drugs?)\b/,
  },
  {
    theme: 'Information provision & guidance',
    pattern:
      /\b(leaflets?|information|advice|advised|signpost(ed|ing)?|website|guidance|booklet|written|letter)\b/,
  },
  {
    theme: 'Food & drink provision & facilities',
    pattern:
      /\b(food|meals?|drinks?|tea|coffee|breakfast|lunch|dinner|menu|snacks?|water|catering|hungry|eat|eating)\b/,
  },
  {
    theme: 'Activities & access to fresh air',
    pattern:
      /\b(activities|activity|fresh air|outside|garden|walks?|groups?|bored|boredom|nothing to do|gym|exercise|outings?)\b/,
  },
  {
    theme: 'Continuity of care',
    pattern:
      /\b(same (nurse|doctor|person|staff|worker|consultant)|different (nurse|doctor|person|staff|people|worker|consultant)s?|continuity|referr?(al|als|ed)|refer|transferred|handover|joined up)\b/,
  },
];

/** The marker features for the cues a comment's text matches. */
export function cueTerms(text: string): string[] {
  const lower = text.toLowerCase();
  return themeCues.filter((cue) => cue.pattern.test(lower)).map((cue) => `cue:${cue.theme}`);
}
