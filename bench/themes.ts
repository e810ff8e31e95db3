import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ThemeFigures {
  commentsPerSecond: number;
  commentsPerCpuSecond: number;
  loadMs: number;
  modelBytes: number;
  /** Resident memory of the whole process after coding, and what loading and coding added to it. */
  rssMb: number;
  modelRssMb: number;
  labelsPerComment: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The theme and sentiment model on one core: load time of the committed file, comments coded per
 * second (made-up comments, after a warm-up), the file's size and the process's memory.
 */
export function measureThemes(comments = 20_000): Promise<ThemeFigures> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/themes-worker.ts', String(comments)],
      { cwd: root, timeout: 120_000 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(String(stdout)) as ThemeFigures)),
    );
  });
}

export function themeReport(figures: ThemeFigures, cores: number): string[] {
  return [
    'Themes and sentiment model (`heard themes predict`), one process on one core, made-up comments:',
    `  ${Math.round(figures.commentsPerSecond).toLocaleString('en-GB')} comments/s by the clock,` +
      ` ${Math.round(figures.commentsPerCpuSecond).toLocaleString('en-GB')} per second of CPU time; model loaded in ${figures.loadMs.toFixed(0)} ms;` +
      ` model file ${(figures.modelBytes / 1024 / 1024).toFixed(2)} MB; RSS ${figures.rssMb.toFixed(0)} MB` +
      ` (${figures.modelRssMb.toFixed(0)} MB for the model and coding); ${cores} cores on the machine.`,
  ];
}
