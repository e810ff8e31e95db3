import type { UnitKind } from '#src/domains/organisations/index.ts';
import { Invalid } from '#src/web/errors.ts';
import { demoOdsCode } from './accounts.ts';
import { type Random, seededRandom } from './random.ts';

/**
 * The demo trust's structure: a mental health and community trust serving two counties, shaped
 * like the trust in seeds/service-experience-report-2017-q2.txt (crisis teams, recovery teams,
 * "Let's Talk" IAPT, children and young people's services, learning disability, older people,
 * named wards on hospital sites) with invented places.
 */
export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  /** The parent's code; localities have none. Parents always come before their children. */
  parentCode?: string;
  activeFrom: string;
}

export interface DemoStructureOptions {
  seed: number;
  /** Multiplies the number of teams, wards and sites: 1 gives about 80 units, 5 about 300 teams and wards. */
  scale: number;
}

export const demoCounties = [
  { code: 'NTH', name: 'Northshire' },
  { code: 'STH', name: 'Southshire' },
] as const;

interface TeamType {
  code: string;
  name: string;
  /** How many at scale 1; each after the first is named for another town in the county. */
  perScale: number;
}

interface ServiceTemplate {
  code: string;
  name: string;
  teams: TeamType[];
  /** Wards at scale 1, and what kind of ward they are. */
  wards: { perScale: number; purpose: string };
}

const countyServices: ServiceTemplate[] = [
  {
    code: 'CRI',
    name: 'Crisis and Acute Care',
    teams: [
      { code: 'CRHT', name: 'Crisis Resolution and Home Treatment Team', perScale: 2 },
      { code: 'IHOT', name: 'Intensive Home Treatment Team', perScale: 1 },
    ],
    wards: { perScale: 2, purpose: 'adult acute' },
  },
  {
    code: 'REC',
    name: 'Recovery Service (community mental health)',
    teams: [
      { code: 'RT', name: 'Recovery Team', perScale: 3 },
      { code: 'AOT', name: 'Assertive Outreach Team', perScale: 1 },
      { code: 'EIP', name: 'Early Intervention in Psychosis Team', perScale: 1 },
      { code: 'RC', name: 'Recovery College', perScale: 1 },
    ],
    wards: { perScale: 1, purpose: 'rehabilitation' },
  },
  {
    code: 'IAPT',
    name: 'Let’s Talk (Improving Access to Psychological Therapies)',
    teams: [{ code: 'LT', name: 'Let’s Talk', perScale: 3 }],
    wards: { perScale: 0, purpose: '' },
  },
  {
    code: 'CYP',
    name: 'Children and Young People’s Service (CAMHS)',
    teams: [
      { code: 'CCT', name: 'CAMHS Community Team', perScale: 2 },
      { code: 'CED', name: 'CAMHS Eating Disorders Team', perScale: 1 },
      { code: 'CLD', name: 'Children’s Learning Disability Team', perScale: 1 },
    ],
    wards: { perScale: 0, purpose: '' },
  },
  {
    code: 'LD',
    name: 'Learning Disability Service',
    teams: [
      { code: 'CLDT', name: 'Community Learning Disability Team', perScale: 2 },
      { code: 'IST', name: 'Intensive Support Team', perScale: 1 },
    ],
    wards: { perScale: 1, purpose: 'learning disability assessment and treatment' },
  },
  {
    code: 'OP',
    name: 'Older People’s Mental Health Service',
    teams: [
      { code: 'OPCT', name: 'Older People’s Community Mental Health Team', perScale: 2 },
      { code: 'MAS', name: 'Memory Assessment Service', perScale: 1 },
    ],
    wards: { perScale: 2, purpose: 'older people’s' },
  },
];

const corporateTeams = [
  { code: 'SED', name: 'Service Experience Department' },
  { code: 'INV', name: 'Involvement and Inclusion Team' },
  { code: 'PST', name: 'Patient Safety and Governance Team' },
];

const townStarts = [
  'Ash',
  'Bram',
  'Brook',
  'Chel',
  'Cold',
  'Dun',
  'Elm',
  'Fair',
  'Fen',
  'Hart',
  'Hay',
  'Kings',
  'Lang',
  'Mar',
  'Mill',
  'Oak',
  'Pen',
  'Red',
  'Rye',
  'Sal',
  'Stan',
  'Stow',
  'Thorn',
  'Wal',
  'Wood',
];
const townEnds = [
  'bury',
  'by',
  'combe',
  'dale',
  'field',
  'ford',
  'ham',
  'hurst',
  'ley',
  'minster',
  'stead',
  'ton',
  'well',
  'worth',
];
const wardNames = [
  'Alder',
  'Aspen',
  'Avocet',
  'Beech',
  'Birch',
  'Bluebell',
  'Bramble',
  'Bunting',
  'Campion',
  'Cedar',
  'Clover',
  'Cowslip',
  'Curlew',
  'Dunlin',
  'Elder',
  'Fern',
  'Foxglove',
  'Goldcrest',
  'Hawthorn',
  'Hazel',
  'Heather',
  'Heron',
  'Holly',
  'Juniper',
  'Kestrel',
  'Kingfisher',
  'Lapwing',
  'Larch',
  'Lavender',
  'Linnet',
  'Magnolia',
  'Mallow',
  'Maple',
  'Marigold',
  'Merlin',
  'Nightingale',
  'Oak',
  'Orchid',
  'Osprey',
  'Plover',
  'Poplar',
  'Primrose',
  'Redstart',
  'Robin',
  'Rowan',
  'Sandpiper',
  'Skylark',
  'Snowdrop',
  'Sorrel',
  'Starling',
  'Swallow',
  'Swift',
  'Sycamore',
  'Tansy',
  'Teasel',
  'Thistle',
  'Thrush',
  'Violet',
  'Warbler',
  'Wagtail',
  'Woodlark',
  'Wren',
  'Yarrow',
  'Yew',
];
const hospitalNames = [
  'Hawthorn Lodge',
  'Larkhill Hospital',
  'Beacon House',
  'Riverside Unit',
  'Meadowbank Hospital',
  'Elmcroft Court',
  'Orchard Centre',
  'Weavers Hospital',
  'Harbour House',
  'Linden Park',
  'Foxhill Unit',
  'Brookside Hospital',
];

/** The whole demo structure, parents first; the same seed and scale always give the same units. */
export function demoTrustStructure({ seed, scale }: DemoStructureOptions): DemoUnit[] {
  if (!Number.isFinite(scale) || scale <= 0 || scale > 50) {
    throw new Invalid(`The demo scale must be a number above 0 and at most 50, not ${scale}`);
  }
  const random = seededRandom(seed);
  const builder = new StructureBuilder(random);
  const towns = townNames(
    random,
    Math.max(...countyServices.flatMap((s) => s.teams.map((t) => t.perScale))) * 2 * Math.ceil(scale),
  );
  const wards = nameSupply(random.shuffle(wardNames));
  const hospitals = nameSupply(random.shuffle(hospitalNames));
  const sitesPerCounty = Math.max(1, Math.round(scale));

  demoCounties.forEach((county, countyIndex) => {
    const countyTowns = towns.filter((_, index) => index % demoCounties.length === countyIndex);
    builder.add({ code: county.code, name: county.name, kind: 'locality', activeFrom: '2009-04-01' });
    const inpatientSites: string[] = [];
    for (let i = 0; i < sitesPerCounty; i += 1) {
      const hospital = hospitals();
      inpatientSites.push(hospital);
      builder.add({
        code: builder.siteCode(),
        name: hospital,
        kind: 'site',
        parentCode: county.code,
        activeFrom: '2009-04-01',
      });
      const town = countyTowns[i % countyTowns.length] ?? county.name;
      builder.add({
        code: builder.siteCode(),
        name: `${town} Resource Centre`,
        kind: 'site',
        parentCode: county.code,
        activeFrom: '2009-04-01',
      });
    }
    for (const service of countyServices) {
      const serviceCode = `${county.code}-${service.code}`;
      builder.add({
        code: serviceCode,
        name: `${county.name} ${service.name}`,
        kind: 'service',
        parentCode: county.code,
        activeFrom: '2009-04-01',
      });
      for (const team of service.teams) {
        const count = Math.max(1, Math.round(team.perScale * scale));
        for (let i = 0; i < count; i += 1) {
          const town = countyTowns[i % countyTowns.length] ?? county.name;
          const name = count === 1 ? `${county.name} ${team.name}` : `${team.name}, ${town}`;
          const code =
            count === 1 ? `${serviceCode}-${team.code}` : `${serviceCode}-${team.code}-${abbreviation(town)}`;
          builder.add({
            code,
            name,
            kind: 'team',
            parentCode: serviceCode,
            activeFrom: builder.openingDate(),
          });
        }
      }
      const wardCount = Math.round(service.wards.perScale * scale);
      for (let i = 0; i < wardCount; i += 1) {
        const ward = wards();
        const site = inpatientSites[i % inpatientSites.length] ?? county.name;
        builder.add({
          code: `${county.code}-W-${abbreviation(ward)}`,
          name: `${ward} Ward, ${site} (${service.wards.purpose})`,
          kind: 'ward',
          parentCode: serviceCode,
          activeFrom: builder.openingDate(),
        });
      }
    }
  });

  builder.add({ code: 'CORP', name: 'Corporate Services', kind: 'locality', activeFrom: '2009-04-01' });
  builder.add({
    code: builder.siteCode(),
    name: `Trust Headquarters, ${towns[0] ?? 'Northshire'}`,
    kind: 'site',
    parentCode: 'CORP',
    activeFrom: '2009-04-01',
  });
  builder.add({
    code: 'CORP-NQ',
    name: 'Nursing, Quality and Governance',
    kind: 'service',
    parentCode: 'CORP',
    activeFrom: '2009-04-01',
  });
  for (const team of corporateTeams) {
    builder.add({
      code: `CORP-NQ-${team.code}`,
      name: team.name,
      kind: 'team',
      parentCode: 'CORP-NQ',
      activeFrom: '2009-04-01',
    });
  }
  return builder.units;
}

/** Collects units, making each code unique (Ashford and Ashley would otherwise both be ASH). */
class StructureBuilder {
  readonly units: DemoUnit[] = [];
  private readonly codes = new Set<string>();
  private sites = 0;

  constructor(private readonly random: Random) {}

  add(unit: DemoUnit) {
    let code = unit.code;
    for (let n = 2; this.codes.has(code); n += 1) code = `${unit.code}${n}`;
    this.codes.add(code);
    this.units.push({ ...unit, code });
  }

  /** Site codes follow the ODS pattern: the trust's code and two digits. */
  siteCode() {
    this.sites += 1;
    return `${demoOdsCode}${String(this.sites).padStart(2, '0')}`;
  }

  /** Teams and wards opened on 1 April of a year between 2009 and 2016, before the seed report's quarter. */
  openingDate() {
    return `${this.random.integer(2009, 2016)}-04-01`;
  }
}

function townNames(random: Random, count: number): string[] {
  const all = random.shuffle(townStarts.flatMap((start) => townEnds.map((end) => `${start}${end}`)));
  return Array.from({ length: count }, (_, i) => {
    const round = Math.floor(i / all.length);
    const town = all[i % all.length] ?? 'Newtown';
    return round === 0 ? town : `${town} ${round + 1}`;
  });
}

/** Hands out names in order, numbering them once the list runs out. */
function nameSupply(names: readonly string[]) {
  let used = 0;
  return () => {
    const round = Math.floor(used / names.length);
    const name = names[used % names.length] ?? 'Unit';
    used += 1;
    return round === 0 ? name : `${name} ${round + 1}`;
  };
}

function abbreviation(name: string): string {
  return name
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 4)
    .toUpperCase();
}
