import { z } from 'zod';
import { Invalid } from '#src/web/errors.ts';

// What the reports pages read from their address, shared by routes.ts and measure-routes.ts.

export const quarterQuery = z.object({
  quarter: z.string().trim().optional(),
  publish: z.enum(['yes']).optional(),
});

export function parsed<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Invalid('Check the address: a report, period or format in it is not one Heard knows');
  return result.data;
}
