import { CalendarPeriodKind } from './entities/calendar-period.entity';
import { SchoolStage } from './entities/school.entity';

/** Inputs and results of the reference maintenance commands. */

export interface SchoolInput {
  code: string;
  name: string;
  townshipCode: string;
  stage: SchoolStage;
  address?: string | null;
}

export interface SchoolUpdate {
  name?: string;
  stage?: SchoolStage;
  address?: string | null;
  townshipCode?: string;
}

export interface RosterRow {
  name: string;
  idNumber: string;
}

export interface RosterImportResult {
  added: number;
  updated: number;
  deactivated: number;
}

export interface CalendarPeriodInput {
  id?: string | null;
  kind: CalendarPeriodKind;
  name: string;
  startDate: string;
  endDate: string;
}
