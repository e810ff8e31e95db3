import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { isIsoDate } from '#src/domains/calendar/index.ts';
import { Forbidden, Invalid, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
import * as aq from './audit-queries.ts';
import { todayInEngland } from './rules.ts';

// Clinical audits measured again and again (issue 7: "60.49% compliance, then 89.87%"), each
// against its target, for the chart on the audit's page (views/audit-chart.ts).

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalid = (field: string, message: string) => new Invalid(message, { [field]: message });

/** A percentage as typed ("89.87" or "89.87%"), between 0 and 100 with at most 2 decimal places. */
export function percentFrom(text: string): number | null {
  const match = /^\s*(\d{1,3}(?:\.\d{1,2})?)\s*%?\s*$/.exec(text);
  const value = match ? Number(match[1]) : Number.NaN;
  return Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
}

export function auditsService({ db, clock = () => new Date() }: { db: Database; clock?: () => Date }) {
  const requireManager = (principal: Principal) => {
    if (!principal.permissions.has('actions:manage'))
      throw new Forbidden('Only the team who run action plans can do this.');
  };

  async function auditIn(tx: OrgTransaction, orgId: string, auditId: string) {
    const row = uuidPattern.test(auditId) ? await aq.auditById(tx, orgId, auditId) : null;
    if (!row) throw new NotFound('There is no audit with that identifier in your organisation.');
    return row;
  }

  return {
    async createAudit(
      principal: Principal,
      audit: { name: string; unitId: string | null; target: string },
      requestId?: string,
    ) {
      requireManager(principal);
      const target = percentFrom(audit.target);
      const problems: Record<string, string> = {};
      if (!audit.name.trim()) problems.name = 'Enter the audit’s name';
      if (target === null) problems.target = 'Target must be a percentage from 0 to 100, like 95';
      const [first] = Object.values(problems);
      if (first || target === null) throw new Invalid(first ?? 'There is a problem', problems);
      const { orgId } = principal;
      const name = audit.name.trim();
      return withOrg(db, orgId, async (tx) => {
        if (await aq.auditByName(tx, orgId, name))
          throw invalid('name', `There is already an audit called ${name}`);
        const row = await aq.insertAudit(tx, {
          orgId,
          name,
          unitId: audit.unitId,
          targetPercent: target.toFixed(2),
        });
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'clinical-audit.created',
          entityType: 'clinical-audit',
          entityId: row.auditId,
          after: row,
        });
        return row;
      });
    },

    async addMeasurement(
      principal: Principal,
      auditId: string,
      measurement: { measuredOn: string | null; compliance: string },
      requestId?: string,
    ) {
      requireManager(principal);
      const compliance = percentFrom(measurement.compliance);
      const problems: Record<string, string> = {};
      if (!measurement.measuredOn || !isIsoDate(measurement.measuredOn))
        problems.measuredOn = 'Enter the date of the audit';
      else if (measurement.measuredOn > todayInEngland(clock()))
        problems.measuredOn = 'Date of the audit must be today or in the past';
      if (compliance === null)
        problems.compliance = 'Compliance must be a percentage from 0 to 100, like 89.87';
      const [first] = Object.values(problems);
      if (first || compliance === null || !measurement.measuredOn)
        throw new Invalid(first ?? 'There is a problem', problems);
      const measuredOn = measurement.measuredOn;
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        const audit = await auditIn(tx, orgId, auditId);
        const row = await aq.upsertMeasurement(tx, {
          orgId,
          auditId: audit.auditId,
          measuredOn,
          compliancePercent: compliance.toFixed(2),
        });
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'clinical-audit.measured',
          entityType: 'clinical-audit',
          entityId: audit.auditId,
          after: row,
        });
        return row;
      });
    },

    /** An audit with its measurements in date order, as numbers for the chart. */
    async auditView(orgId: string, auditId: string) {
      return withOrg(db, orgId, async (tx) => {
        const audit = await auditIn(tx, orgId, auditId);
        const measurements = await aq.measurementsOf(tx, orgId, audit.auditId);
        return {
          audit: { ...audit, targetPercent: Number(audit.targetPercent) },
          measurements: measurements.map((m) => ({
            measuredOn: m.measuredOn,
            compliancePercent: Number(m.compliancePercent),
          })),
        };
      });
    },

    async audits(orgId: string) {
      return withOrg(db, orgId, (tx) => aq.allAudits(tx, orgId));
    },
  };
}
