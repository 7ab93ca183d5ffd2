import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';

export const townshipNotFound = (code: string): NotFound =>
  new NotFound(text(`Township ${code}`, `乡镇 ${code}`), 'TOWNSHIP_NOT_FOUND');
export const departmentNotFound = (code: string): NotFound =>
  new NotFound(text(`Department ${code}`, `部门 ${code}`), 'DEPARTMENT_NOT_FOUND');
export const schoolNotFound = (id: string): NotFound =>
  new NotFound(text(`School ${id}`, `学校 ${id}`), 'SCHOOL_NOT_FOUND');
export const gridCellNotFound = (code: string): NotFound =>
  new NotFound(text(`Grid cell ${code}`, `网格 ${code}`), 'GRID_CELL_NOT_FOUND');
export const calendarPeriodNotFound = (id: string): NotFound =>
  new NotFound(text(`Calendar period ${id}`, `校历时段 ${id}`), 'CALENDAR_PERIOD_NOT_FOUND');

export const schoolCodeTaken = (code: string): Conflict =>
  new Conflict('SCHOOL_CODE_TAKEN', text(`A school with code ${code} already exists`, `代码为 ${code} 的学校已存在`));
export const gridCellCodeTaken = (code: string): Conflict =>
  new Conflict(
    'GRID_CELL_CODE_TAKEN',
    text(`A grid cell with code ${code} already exists`, `代码为 ${code} 的网格已存在`),
  );

/**
 * A school's township is copied onto the rows other modules keep for it (after-school plans, homework,
 * participation) and names its township officers' scope; moving it would leave those inconsistent.
 */
export const schoolTownshipImmutable = (): DomainError =>
  new DomainError(
    'SCHOOL_TOWNSHIP_IMMUTABLE',
    text(
      "A school's township cannot change (its records carry it); register the school anew under the other township",
      '学校所属乡镇不能变更（其各项记录均带有所属乡镇）；请在新乡镇下重新登记该学校',
    ),
    422,
  );

export const gridCellOutsideTownship = (): DomainError =>
  new DomainError(
    'GRID_CELL_OUTSIDE_TOWNSHIP',
    text('A township officer maintains the grid cells of their own township only', '乡镇工作人员只能维护本乡镇的网格'),
    403,
  );

const PERIOD_KINDS: Record<string, string> = {
  PUBLIC_HOLIDAY: '法定节假日',
  WINTER_VACATION: '寒假',
  SUMMER_VACATION: '暑假',
  ADJUSTED_WORKDAY: '调休上班日',
};

export const calendarPeriodOverlap = (kind: string, name: string, start: string, end: string): Conflict =>
  new Conflict(
    'CALENDAR_PERIOD_OVERLAP',
    text(
      `The period overlaps the ${kind} period ${name} (${start} – ${end})`,
      `该时段与${PERIOD_KINDS[kind] ?? kind}“${name}”（${start} – ${end}）重叠`,
    ),
  );
