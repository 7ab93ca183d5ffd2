import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';

export const townshipNotFound = (code: string): NotFound => new NotFound(`Township ${code}`, 'TOWNSHIP_NOT_FOUND');
export const departmentNotFound = (code: string): NotFound =>
  new NotFound(`Department ${code}`, 'DEPARTMENT_NOT_FOUND');
export const schoolNotFound = (id: string): NotFound => new NotFound(`School ${id}`, 'SCHOOL_NOT_FOUND');
export const gridCellNotFound = (code: string): NotFound => new NotFound(`Grid cell ${code}`, 'GRID_CELL_NOT_FOUND');
export const calendarPeriodNotFound = (id: string): NotFound =>
  new NotFound(`Calendar period ${id}`, 'CALENDAR_PERIOD_NOT_FOUND');

export const schoolCodeTaken = (code: string): Conflict =>
  new Conflict('SCHOOL_CODE_TAKEN', `A school with code ${code} already exists`);
export const gridCellCodeTaken = (code: string): Conflict =>
  new Conflict('GRID_CELL_CODE_TAKEN', `A grid cell with code ${code} already exists`);

/**
 * A school's township is copied onto the rows other modules keep for it (after-school plans, homework,
 * participation) and names its township officers' scope; moving it would leave those inconsistent.
 */
export const schoolTownshipImmutable = (): DomainError =>
  new DomainError(
    'SCHOOL_TOWNSHIP_IMMUTABLE',
    "A school's township cannot change (its records carry it); register the school anew under the other township",
    422,
  );

export const gridCellOutsideTownship = (): DomainError =>
  new DomainError(
    'GRID_CELL_OUTSIDE_TOWNSHIP',
    'A township officer maintains the grid cells of their own township only',
    403,
  );

export const calendarPeriodOverlap = (kind: string, name: string, start: string, end: string): Conflict =>
  new Conflict('CALENDAR_PERIOD_OVERLAP', `The period overlaps the ${kind} period ${name} (${start} – ${end})`);
