import { asc, eq } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { Invalid } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import type { ColumnMapping } from './import.ts';
import { surveyImportMappings } from './schema.ts';

// Column mappings kept by name, so that next month's file from the same vendor or paper form is
// imported with the mapping chosen from a list rather than uploaded again.

export interface SavedMapping {
  name: string;
  columns: ColumnMapping;
}

export const mappingNameLimit = 60;

/** The organisation's saved mappings, by name. */
export function savedImportMappings(db: Database, orgId: string): Promise<SavedMapping[]> {
  return withOrg(db, orgId, (tx) =>
    tx
      .select({ name: surveyImportMappings.name, columns: surveyImportMappings.columns })
      .from(surveyImportMappings)
      .where(eq(surveyImportMappings.orgId, orgId))
      .orderBy(asc(surveyImportMappings.name)),
  );
}

/** Keeps a mapping under a name, replacing one saved before with the same name. */
export async function saveImportMapping(
  db: Database,
  orgId: string,
  actor: Actor,
  name: string,
  columns: ColumnMapping,
): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > mappingNameLimit)
    throw new Invalid(`Give the mapping a name of ${mappingNameLimit} characters or fewer`);
  await withOrg(db, orgId, async (tx) => {
    await tx
      .insert(surveyImportMappings)
      .values({ orgId, name: trimmed, columns })
      .onConflictDoUpdate({
        target: [surveyImportMappings.orgId, surveyImportMappings.name],
        set: { columns, updatedAt: new Date() },
      });
    await recordAudit(tx, orgId, actor, {
      action: 'survey.import-mapping-saved',
      entityType: 'survey_import_mapping',
      after: { name: trimmed, columns },
    });
  });
}
