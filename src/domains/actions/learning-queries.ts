import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { units } from '#src/domains/organisations/schema.ts';
import {
  learningThemePoints,
  learningThemeResponses,
  learningThemes,
  sourceLearningPoints,
} from './schema.ts';

export async function insertSourcePoint(tx: OrgTransaction, point: typeof sourceLearningPoints.$inferInsert) {
  const [row] = await tx.insert(sourceLearningPoints).values(point).returning();
  if (!row) throw new Error('learning point was not written');
  return row;
}

/** Learning points from other sources recorded from `from` to `to` (calendar dates in England). */
export async function sourcePointsBetween(tx: OrgTransaction, orgId: string, from: string, to: string) {
  return tx
    .select({
      learningPointId: sourceLearningPoints.learningPointId,
      source: sourceLearningPoints.source,
      sourceDescription: sourceLearningPoints.sourceDescription,
      text: sourceLearningPoints.text,
      unitId: sourceLearningPoints.unitId,
      unitName: units.name,
    })
    .from(sourceLearningPoints)
    .innerJoin(
      units,
      and(eq(units.orgId, sourceLearningPoints.orgId), eq(units.unitId, sourceLearningPoints.unitId)),
    )
    .where(
      and(
        eq(sourceLearningPoints.orgId, orgId),
        gte(sourceLearningPoints.createdAt, sql`(${from}::date)::timestamp at time zone 'Europe/London'`),
        lt(sourceLearningPoints.createdAt, sql`((${to}::date) + 1)::timestamp at time zone 'Europe/London'`),
      ),
    )
    .orderBy(asc(sourceLearningPoints.createdAt));
}

export async function insertTheme(tx: OrgTransaction, theme: typeof learningThemes.$inferInsert) {
  const [row] = await tx.insert(learningThemes).values(theme).returning();
  if (!row) throw new Error('theme was not written');
  return row;
}

export async function addThemePoint(tx: OrgTransaction, member: typeof learningThemePoints.$inferInsert) {
  await tx.insert(learningThemePoints).values(member).onConflictDoNothing();
}

export async function themesOfQuarter(tx: OrgTransaction, orgId: string, quarter: string) {
  return tx
    .select()
    .from(learningThemes)
    .where(and(eq(learningThemes.orgId, orgId), eq(learningThemes.quarter, quarter)))
    .orderBy(asc(learningThemes.createdAt));
}

export async function themeById(tx: OrgTransaction, orgId: string, themeId: string) {
  const [row] = await tx
    .select()
    .from(learningThemes)
    .where(and(eq(learningThemes.orgId, orgId), eq(learningThemes.themeId, themeId)));
  return row ?? null;
}

export async function pointsOfTheme(tx: OrgTransaction, orgId: string, themeId: string) {
  return tx
    .select()
    .from(learningThemePoints)
    .where(and(eq(learningThemePoints.orgId, orgId), eq(learningThemePoints.themeId, themeId)));
}

export async function responsesOfThemes(tx: OrgTransaction, orgId: string) {
  return tx
    .select({
      themeId: learningThemeResponses.themeId,
      unitId: learningThemeResponses.unitId,
      unitName: units.name,
      actionPlan: learningThemeResponses.actionPlan,
      assuranceReceivedDate: learningThemeResponses.assuranceReceivedDate,
    })
    .from(learningThemeResponses)
    .innerJoin(
      units,
      and(eq(units.orgId, learningThemeResponses.orgId), eq(units.unitId, learningThemeResponses.unitId)),
    )
    .where(eq(learningThemeResponses.orgId, orgId))
    .orderBy(asc(units.name));
}

export async function upsertResponse(
  tx: OrgTransaction,
  response: typeof learningThemeResponses.$inferInsert,
) {
  const [row] = await tx
    .insert(learningThemeResponses)
    .values(response)
    .onConflictDoUpdate({
      target: [learningThemeResponses.orgId, learningThemeResponses.themeId, learningThemeResponses.unitId],
      set: {
        actionPlan: response.actionPlan,
        assuranceReceivedDate: response.assuranceReceivedDate,
        updatedAt: new Date(),
      },
    })
    .returning();
  if (!row) throw new Error('response was not written');
  return row;
}

export async function updateThemeText(tx: OrgTransaction, orgId: string, themeId: string, text: string) {
  const [row] = await tx
    .update(learningThemes)
    .set({ text })
    .where(and(eq(learningThemes.orgId, orgId), eq(learningThemes.themeId, themeId)))
    .returning();
  if (!row) throw new Error('theme was not changed');
  return row;
}

export async function removeThemePoints(tx: OrgTransaction, orgId: string, themeId: string) {
  await tx
    .delete(learningThemePoints)
    .where(and(eq(learningThemePoints.orgId, orgId), eq(learningThemePoints.themeId, themeId)));
}
