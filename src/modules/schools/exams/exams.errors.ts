import { Conflict, NotFound } from '../../../platform/errors/domain-error';
import { text } from '../../../platform/i18n/text';

export const examNotFound = (id: string): NotFound =>
  new NotFound(text(`Exam ${id}`, `考试记录 ${id}`), 'EXAM_NOT_FOUND');

/** The same school, grade, kind and day is already recorded: correct that record rather than adding one. */
export const examAlreadyRecorded = (grade: number, kind: string, date: string): Conflict =>
  new Conflict(
    'EXAM_ALREADY_RECORDED',
    text(
      `A ${kind} exam of grade ${grade} on ${date} is already recorded for this school`,
      `本校 ${date} 的 ${grade} 年级 ${kind} 考试已登记`,
    ),
  );
