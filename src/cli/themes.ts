import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '#src/config.ts';
import {
  codeComment,
  commentsService,
  loadModel,
  shippedModel,
  type ThemeModel,
} from '#src/domains/comments/index.ts';
import { findOrganisationByOdsCode } from '#src/domains/organisations/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';
import { themesCodeCommand, themesRecodeCommand } from './themes-recode.ts';

export function themesCommand(program: Command) {
  const themes = program.command('themes').description('Themes and sentiment of free-text comments');
  themes
    .command('predict')
    .description(
      'Code comments read as JSON lines {"id","text","question"?,"fft_score"?} on standard input; write ' +
        '{"id","labels","sentiment","scores"} lines on standard output, in the same order',
    )
    .option('--model <file>', 'a model file written by npm run train:themes (default: the one shipped)')
    .action(async (options: { model?: string }) => {
      const model = options.model ? loadModel(options.model) : shippedModel();
      const { refused } = await predictLines(model, process.stdin, process.stdout, process.stderr);
      process.exitCode = refused > 0 ? 1 : 0;
    });
  themes
    .command('corrections')
    .description(
      'Write the comments staff corrected as JSON lines in train.jsonl’s layout, for npm run train:themes -- --extra FILE',
    )
    .requiredOption('--org <ods>', 'ODS code of the organisation')
    .action(async (options: { org: string }) => {
      const database = await openMigratedDatabase(loadConfig());
      try {
        const organisation = await findOrganisationByOdsCode(database.db, options.org);
        if (!organisation) throw new Error(`There is no organisation with the ODS code ${options.org}`);
        const examples = await commentsService({ db: database.db }).correctionsForTraining(
          organisation.orgId,
        );
        for (const example of examples) process.stdout.write(`${JSON.stringify(example)}\n`);
        console.error(`${examples.length} corrected comments written.`);
      } finally {
        await database.close();
      }
    });
  themesRecodeCommand(themes);
  themesCodeCommand(themes);
}

const inputLine = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string({ error: 'text must be a string' }),
  question: z.string().nullish(),
  fft_score: z.number().int().min(1).max(6).nullish(),
});

/** Why a line was refused, in words an operator can act on. */
export function describeProblem(line: string): { problem: string } | { input: z.infer<typeof inputLine> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { problem: 'not valid JSON' };
  }
  const result = inputLine.safeParse(parsed);
  if (result.success) return { input: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'line';
  return { problem: `${field}: ${issue?.message ?? 'not as expected'}` };
}

/**
 * Codes each line as it arrives and writes the results in input order. A line that cannot be read is
 * reported on `errors` with its line number and skipped; the rest carry on.
 */
export async function predictLines(
  model: ThemeModel,
  input: Readable,
  output: Writable,
  errors: Writable,
): Promise<{ coded: number; refused: number }> {
  let lineNumber = 0;
  let coded = 0;
  let refused = 0;
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    if (!output.write(chunk)) await new Promise((resolve) => output.once('drain', resolve));
  };
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber += 1;
    if (!line.trim()) continue;
    const read = describeProblem(line);
    if ('problem' in read) {
      refused += 1;
      errors.write(`line ${lineNumber}: ${read.problem}\n`);
      continue;
    }
    const { id, text, question, fft_score } = read.input;
    const coding = codeComment(model, { text, question, fftScore: fft_score });
    pending.push(`${JSON.stringify({ id, ...coding })}\n`);
    coded += 1;
    if (pending.length >= 500) await flush();
  }
  await flush();
  return { coded, refused };
}
