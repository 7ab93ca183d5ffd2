import { CourseMode, ExtraSession, WeeklySlot } from './entities/course.entity';
import { BackgroundCheck, Staff, StaffPosition } from './entities/staff.entity';

/** Inputs and views of an institution's records (premises, staff, courses). */

export interface PremisesInput {
  address: string;
  floorAreaM2: number;
  securityGuards?: boolean;
  physicalProtection?: boolean;
  technicalProtection?: boolean;
}

export enum PremisesCheck {
  FIRE_DESIGN_REVIEW = 'FIRE_DESIGN_REVIEW',
  FIRE_ACCEPTANCE = 'FIRE_ACCEPTANCE',
  FIRE_INSPECTION = 'FIRE_INSPECTION',
  HEALTH_INSPECTION = 'HEALTH_INSPECTION',
}

export interface StaffInput {
  name: string;
  idNumber: string;
  position: StaffPosition;
  qualification?: string | null;
  backgroundCheck?: BackgroundCheck;
}

export interface CourseInput {
  name: string;
  topic: string;
  targetGrades: number[];
  mode: CourseMode;
  lessonMinutes: number;
  pricePerHour: string;
  termStart: string;
  termEnd: string;
  weeklySlots: WeeklySlot[];
  extraSessions?: ExtraSession[];
}

/** A staff member as shown: the ID number masked, never in clear. */
export interface StaffView extends Omit<Staff, 'idNumberHash' | 'idNumberEncrypted'> {
  idNumberMasked: string;
}
