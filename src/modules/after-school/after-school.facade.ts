import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { systemPrincipal } from '../../platform/auth/principal';
import { FamilyEducationService } from './family-education.service';
import { HomeworkService } from './homework.service';
import { ParticipationService } from './participation.service';
import { InstitutionRemoval, PlanService } from './plan.service';

/** Numerators and denominators of the homework KPIs over a period (双减 "three 100 %"). */
export interface HomeworkKpiFigures {
  /** School-days × schools in the period, and those on which the school published homework for some class. */
  schoolDays: number;
  publishedDays: number;
  /** Class-days expected and published (作业公示 per class and day: the publicity KPI). */
  classDaysExpected: number;
  classDaysPublished: number;
  /** Class-days with a reported duration, and those within the grade's limit (作业时长达标). */
  classDaysReported: number;
  classDaysWithinLimit: number;
}

/** After-school coverage (课后服务覆盖有需求学生) of a semester: students asking, and served. */
export interface CoverageKpiFigures {
  asked: number;
  served: number;
}

const DASHBOARD = systemPrincipal('after-school-facade');

/**
 * What other modules may ask of after-school. The credit module's `credit.blacklist.published`
 * subscriber calls `removeInstitutionFromPlans` in its own transaction; the dashboard reads the KPIs.
 */
@Injectable()
export class AfterSchoolFacade {
  constructor(
    private readonly plans: PlanService,
    private readonly homework: HomeworkService,
    private readonly participation: ParticipationService,
    private readonly familyEducation: FamilyEducationService,
  ) {}

  /**
   * Family education (家校共育) of a school year (2026: 2026-09 to 2027-08): schools, and those that met all
   * three yearly session targets (guidance sessions, guidance class periods, consultations).
   */
  async familyEducationKpi(input: { schoolYear: number }): Promise<{ schools: number; completed: number }> {
    const rows = await this.familyEducation.completion(DASHBOARD, { schoolYear: input.schoolYear });
    return { schools: rows.length, completed: rows.filter((r) => r.sessionTargetsMet >= 1).length };
  }

  /** Takes a (blacklisted) institution off every plan, notifies the schools; idempotent. */
  removeInstitutionFromPlans(em: EntityManager, institutionId: string, reason: string): Promise<InstitutionRemoval> {
    return this.plans.removeInstitutionFromPlans(em, institutionId, reason);
  }

  /** Homework publicity and duration figures of every school (or a township's) for dates from–to (inclusive). */
  async homeworkKpis(input: { from: string; to: string; townshipCode?: string }): Promise<HomeworkKpiFigures> {
    const rows = await this.homework.complianceBySchool(DASHBOARD, input);
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
    return {
      schoolDays: sum((r) => r.schoolDays),
      publishedDays: sum((r) => r.publishedDays),
      classDaysExpected: sum((r) => r.classDaysExpected),
      classDaysPublished: sum((r) => r.classDaysPublished),
      classDaysReported: sum((r) => r.classDaysReported),
      classDaysWithinLimit: sum((r) => r.classDaysWithinLimit),
    };
  }

  /** After-school coverage of a semester (e.g. `2026-1`), every school or a township's. */
  async coverageKpi(input: { semester: string; townshipCode?: string }): Promise<CoverageKpiFigures> {
    const rows = await this.participation.coverageBySchool(DASHBOARD, input);
    return { asked: rows.reduce((n, r) => n + r.asked, 0), served: rows.reduce((n, r) => n + r.served, 0) };
  }
}
