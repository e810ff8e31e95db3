import type { Config } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import type { CheckedTable } from './plan-table.ts';
import type * as q from './queries.ts';
import type { ActionPlanRow } from './schema.ts';
import type {
  ActionStatus,
  AssuranceLevel,
  CqcRequirement,
  KeyQuestion,
  PlanSource,
  ShownStatus,
  VisitType,
} from './words.ts';

// What the action plan use cases take and give: shared by plans.ts, plan-import.ts,
// action-updates.ts and evidence.ts, and re-exported by service.ts.

export interface ActionsDependencies {
  db: Database;
  config: Pick<Config, 'ATTACHMENT_MAX_MEGABYTES'>;
  clock?: () => Date;
}

export interface NewPlan {
  name: string;
  source: PlanSource;
  visitType?: VisitType | null;
  unitId?: string | null;
  sourceRecordId?: string | null;
  /** The reference of the complaint or concern that prompted the plan (C-2017-00042), instead of its id. */
  sourceReference?: string | null;
  sourceDescription?: string | null;
  reportedTo?: string | null;
}

export interface ActionFields {
  leadUserId?: string | null;
  leadName?: string | null;
  actionCompleted?: string | null;
  furtherAction?: string | null;
  dueDate?: IsoDate | null;
  dueDatePrecision?: 'day' | 'month';
  methodOfMeasurement?: string | null;
  outcomeIndicator?: string | null;
  reportedTo?: string | null;
  status?: ActionStatus;
  cqcRequirement?: CqcRequirement | null;
  keyQuestion?: KeyQuestion | null;
  unitId?: string | null;
  assuranceLevel?: AssuranceLevel | null;
  assuranceReason?: string | null;
}

/** An action as pages show it: with its derived status. */
export type ShownAction = q.ActionListing & { shownStatus: ShownStatus };

export interface Upload {
  fileName: string;
  content: Buffer;
  truncated?: boolean;
}

export interface ImportResult {
  plan: ActionPlanRow | null;
  checked: CheckedTable;
  rejected: number;
  accepted: number;
}
