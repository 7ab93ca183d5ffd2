import { Conflict, DomainError, Forbidden, NotFound } from '../../../platform/errors/domain-error';
import { text } from '../../../platform/i18n/text';

export const teacherCaseNotFound = (id: string): NotFound =>
  new NotFound(text(`Teacher case ${id}`, `教师案件 ${id}`), 'TEACHER_CASE_NOT_FOUND');

export const teacherNotOnRoster = (id: string): NotFound =>
  new NotFound(text(`Roster teacher ${id}`, `在职教师名册中的教师 ${id}`), 'TEACHER_NOT_FOUND');

export const teacherCaseComplaintNotFound = (id: string): NotFound =>
  new NotFound(text(`Complaint ${id}`, `投诉 ${id}`), 'COMPLAINT_NOT_FOUND');

export const teacherCaseAlreadyDecided = (outcome: string): Conflict =>
  new Conflict(
    'TEACHER_CASE_ALREADY_DECIDED',
    text(
      `The case is already decided (${outcome}); a decision is final`,
      `该案件已作出处理决定（${outcome}），处理决定不可更改`,
    ),
  );

/** Only a paid-tutoring complaint that was accepted opens a case against a teacher. */
export const complaintNotAboutPaidTutoring = (category: string, status: string): DomainError =>
  new DomainError(
    'COMPLAINT_NOT_PAID_TUTORING',
    text(
      `Only an accepted complaint of category TEACHER_PAID_TUTORING opens a teacher case (this one: ${category}, ${status})`,
      `只有已受理的"在职教师有偿补课"类投诉可以立案（本投诉：${category}，${status}）`,
    ),
    409,
  );

export const notTeacherCaseDecider = (): Forbidden =>
  new Forbidden(
    text(
      'Only the Education Bureau (an EDU officer) or the county office opens teacher cases and records their outcome',
      '只有教育局（EDU）或县双减办可以对教师立案并登记处理结果',
    ),
  );
