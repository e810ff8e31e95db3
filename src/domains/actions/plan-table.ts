import { formatDueDate, parseDueDate } from './rules.ts';
import {
  type ActionStatus,
  type CqcRequirement,
  cqcRequirementNames,
  cqcRequirements,
  type KeyQuestion,
  keyQuestionNames,
  keyQuestions,
  statusNames,
} from './words.ts';

// An action plan as a table, laid out as the independent review's action plan lays it out (issue 7):
// No, Recommendation, Lead, Action completed, Further action, Date, Methods of measurement, Outcome
// indicators, Reported to, Status; a CQC plan adds whether each action is a must do or should do
// and its key question. Pure: reading and writing the files is in table-files.ts, the database in
// service.ts. One row is one action; rows with the same No are actions towards the same recommendation.

export const tableColumns = [
  'No',
  'Recommendation',
  'Lead',
  'Action completed',
  'Further action',
  'Date',
  'Methods of measurement',
  'Outcome indicators',
  'Reported to',
  'Status',
] as const;
/** Columns a CQC inspection's plan adds. */
export const cqcColumns = ['Must do or should do', 'Key question'] as const;
type Column = (typeof tableColumns)[number] | (typeof cqcColumns)[number];

/** One action as the table gives it, checked. */
export interface PlanTableRow extends ExportAction {
  rowNumber: number;
}

export interface RowReport {
  rowNumber: number;
  number: string | null;
  problems: string[];
}

export interface CheckedTable {
  rows: PlanTableRow[];
  report: RowReport[];
  /** A problem with the table as a whole (no header, a missing column). */
  tableProblem: string | null;
}

const normalised = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Which column each header cell is. A header may say more than the column's name, as the review's
 * does ("Lead/Responsible Person", "Outcome indicators/standards to be delivered", "Status as at Jan 14").
 */
function columnOf(header: string): Column | null {
  const cell = normalised(header);
  const all: Column[] = [...tableColumns, ...cqcColumns];
  return (
    all.find((column) => cell === normalised(column)) ??
    all.find((column) => cell.startsWith(normalised(column))) ??
    (cell === 'key question' || cell === 'cqc key question' ? 'Key question' : null)
  );
}

const statusByWord: Record<string, ActionStatus> = {
  '': 'not-started',
  'not started': 'not-started',
  'in progress': 'in-progress',
  ongoing: 'in-progress',
  // Overdue is worked out from the date, never stored: an action a plan calls overdue is still under way.
  overdue: 'in-progress',
  completed: 'completed',
  complete: 'completed',
};

function lookUp<T extends string>(word: string, values: readonly T[], names: Record<T, string>): T | null {
  const wanted = normalised(word).replace(/[-–]/g, ' ');
  return (
    values.find(
      (value) =>
        normalised(names[value]).replace(/[-–]/g, ' ') === wanted || value.replace(/-/g, ' ') === wanted,
    ) ?? null
  );
}

const blankToNull = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/** Checks every row of a table (header first) and says, row by row, what is wrong. */
export function checkPlanTable(cells: readonly (readonly string[])[]): CheckedTable {
  const headerIndex = cells.findIndex((row) => row.some((cell) => cell.trim() !== ''));
  const header = cells[headerIndex];
  if (!header) return { rows: [], report: [], tableProblem: 'The file is empty' };
  const columns = header.map(columnOf);
  const missing = (['No', 'Recommendation'] as const).filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    return {
      rows: [],
      report: [],
      tableProblem: `The first row must name the columns, including ${missing.join(' and ')}: ${tableColumns.join(', ')}`,
    };
  }
  const rows: PlanTableRow[] = [];
  const report: RowReport[] = [];
  const recommendations = new Map<string, string>();
  cells.forEach((cellsOfRow, index) => {
    if (index <= headerIndex) return;
    const rowNumber = index + 1;
    const value = (column: Column) => {
      const at = columns.indexOf(column);
      return at < 0 ? '' : (cellsOfRow[at] ?? '').trim();
    };
    if (cellsOfRow.every((cell) => cell.trim() === '')) return;
    // A table pasted from a document repeats its header on every page: those rows are skipped.
    if (normalised(value('No')) === 'no' && columnOf(value('Recommendation')) === 'Recommendation') return;
    const checked = checkRow(rowNumber, value, recommendations);
    report.push({ rowNumber, number: blankToNull(value('No')), problems: checked.problems });
    if (checked.row) {
      rows.push(checked.row);
      recommendations.set(checked.row.number, checked.row.recommendation);
    }
  });
  if (report.length === 0) return { rows, report, tableProblem: 'The file has a header but no rows' };
  return { rows, report, tableProblem: null };
}

function checkRow(
  rowNumber: number,
  value: (column: Column) => string,
  recommendations: ReadonlyMap<string, string>,
): { row: PlanTableRow | null; problems: string[] } {
  const problems: string[] = [];
  const number = value('No');
  if (!number) problems.push('Enter the recommendation’s number in No');
  const earlier = recommendations.get(number);
  const recommendation = value('Recommendation') || earlier || '';
  if (!recommendation) problems.push('Enter the recommendation');
  if (earlier !== undefined && value('Recommendation') && value('Recommendation') !== earlier) {
    problems.push(`No ${number} is used above for a different recommendation`);
  }
  const dateText = value('Date');
  const due = dateText ? parseDueDate(dateText) : null;
  if (dateText && !due) {
    problems.push(`Date “${dateText}” is not a date: write it as 2014-03-31, 31/03/2014 or Mar-14`);
  }
  const statusText = normalised(value('Status'));
  const status = statusByWord[statusText];
  if (!status) problems.push(`Status “${value('Status')}” must be Not started, In progress or Completed`);
  const requirementText = value('Must do or should do');
  const cqcRequirement = requirementText
    ? lookUp(requirementText, cqcRequirements, cqcRequirementNames)
    : null;
  if (requirementText && !cqcRequirement) {
    problems.push(`Must do or should do “${requirementText}” must be Must do or Should do`);
  }
  const keyQuestionText = value('Key question');
  const keyQuestion = keyQuestionText ? lookUp(keyQuestionText, keyQuestions, keyQuestionNames) : null;
  if (keyQuestionText && !keyQuestion) {
    problems.push(
      `Key question “${keyQuestionText}” must be Safe, Effective, Caring, Responsive or Well-led`,
    );
  }
  const actionCompleted = blankToNull(value('Action completed'));
  if (status === 'completed' && !actionCompleted) {
    problems.push('A completed action must say what was done in Action completed');
  }
  if (problems.length > 0 || !status) return { row: null, problems };
  return {
    row: {
      rowNumber,
      number,
      recommendation,
      lead: blankToNull(value('Lead')),
      actionCompleted,
      furtherAction: blankToNull(value('Further action')),
      dueDate: due?.date ?? null,
      dueDatePrecision: due?.precision ?? 'day',
      methodOfMeasurement: blankToNull(value('Methods of measurement')),
      outcomeIndicator: blankToNull(value('Outcome indicators')),
      reportedTo: blankToNull(value('Reported to')),
      status,
      cqcRequirement,
      keyQuestion,
    },
    problems,
  };
}

/** One line of the report: "Row 7 (No 4): Date “soon” is not a date…", or that it was accepted. */
export function describeRow(row: RowReport): string {
  const which = `Row ${row.rowNumber}${row.number ? ` (No ${row.number})` : ''}`;
  return row.problems.length > 0 ? `${which}: rejected: ${row.problems.join('; ')}` : `${which}: accepted`;
}

/** What the table shows of one action: the plan's rows as export writes them. */
export interface ExportAction {
  number: string;
  recommendation: string;
  lead: string | null;
  actionCompleted: string | null;
  furtherAction: string | null;
  dueDate: string | null;
  dueDatePrecision: 'day' | 'month';
  methodOfMeasurement: string | null;
  outcomeIndicator: string | null;
  reportedTo: string | null;
  status: ActionStatus;
  cqcRequirement: CqcRequirement | null;
  keyQuestion: KeyQuestion | null;
}

/** The table of a plan, header first, as import reads it back: the same rows in, the same rows out. */
export function planTableCells(actions: readonly ExportAction[], withCqcColumns: boolean): string[][] {
  const header: string[] = [...tableColumns, ...(withCqcColumns ? cqcColumns : [])];
  const rows = actions.map((action) => [
    action.number,
    action.recommendation,
    action.lead ?? '',
    action.actionCompleted ?? '',
    action.furtherAction ?? '',
    action.dueDate ? formatDueDate({ date: action.dueDate, precision: action.dueDatePrecision }) : '',
    action.methodOfMeasurement ?? '',
    action.outcomeIndicator ?? '',
    action.reportedTo ?? '',
    statusNames[action.status],
    ...(withCqcColumns
      ? [
          action.cqcRequirement ? cqcRequirementNames[action.cqcRequirement] : '',
          action.keyQuestion ? keyQuestionNames[action.keyQuestion] : '',
        ]
      : []),
  ]);
  return [header, ...rows];
}
