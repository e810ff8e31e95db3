import { pick, type Random } from './random.ts';
import type { DemoUnit } from './structure.ts';
import type { LocalityCode } from './timeline.ts';

// Where the demo trust's records are about: its teams and wards, by locality and service.

/** The demo structure's teams and wards by locality and service, for placing records. */
export class Places {
  private readonly byCode: Map<string, DemoUnit>;
  readonly localityNames: Record<string, string> = {};

  constructor(readonly units: readonly DemoUnit[]) {
    this.byCode = new Map(units.map((unit) => [unit.code, unit]));
    for (const unit of units) if (unit.kind === 'locality') this.localityNames[unit.code] = unit.name;
  }

  private ancestor(unit: DemoUnit, kind: DemoUnit['kind']): DemoUnit | undefined {
    let current: DemoUnit | undefined = unit;
    while (current && current.kind !== kind) {
      current = current.parentCode ? this.byCode.get(current.parentCode) : undefined;
    }
    return current;
  }

  /** Teams and wards in a locality, optionally only in services whose code ends with one of `services`. */
  where(locality: LocalityCode, test: (unit: DemoUnit, serviceCode: string) => boolean = () => true) {
    return this.units.filter((unit) => {
      if (unit.kind !== 'team' && unit.kind !== 'ward') return false;
      const service = this.ancestor(unit, 'service');
      return this.ancestor(unit, 'locality')?.code === locality && test(unit, service?.code ?? '');
    });
  }

  name(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  /** A team or ward for a complaint whose issues name these staff groups. */
  forComplaint(random: Random, locality: LocalityCode, groups: ReadonlySet<string>): string {
    const inService = (...suffixes: string[]) =>
      this.where(locality, (_unit, service) => suffixes.some((suffix) => service.endsWith(`-${suffix}`)));
    const wards = this.where(locality, (unit) => unit.kind === 'ward');
    const candidates = groups.has('pwp')
      ? inService('IAPT')
      : groups.has('estates') || groups.has('hca')
        ? wards
        : groups.has('psychology')
          ? inService('IAPT', 'CYP', 'REC')
          : random.next() < 0.35
            ? wards
            : inService('CRI', 'REC', 'CYP', 'OP', 'LD');
    const usable = candidates.length > 0 ? candidates : this.where(locality);
    return pick(random, usable).code;
  }

  any(random: Random, locality: LocalityCode): string {
    return pick(random, this.where(locality)).code;
  }
}
