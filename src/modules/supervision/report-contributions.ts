import { Injectable } from '@nestjs/common';
import { Text } from '../../platform/i18n/text';

/** One figure a county report and the dashboard show against the plan (一月一调度、一季一总结). */
export interface PlanTargetFigure {
  /** Stable key, `<section>.<figure>` (e.g. `enforcement.penaltiesDecided`). */
  key: string;
  label: Text;
  /** COUNT: a whole number; PERCENT: 0–100 with one decimal; FEN: money in fen. */
  unit: 'COUNT' | 'PERCENT' | 'FEN';
  /** The value as an exact decimal string; null when there is nothing to measure (a rate over zero). */
  value: string | null;
  /** The plan's target when it sets one (e.g. `100` for the three 100 % figures), same unit. */
  target: string | null;
  /** PERCENT figures: what is counted and what it is counted against (value = numerator / denominator × 100). */
  numerator?: number;
  denominator?: number;
}

/** A section of figures as computed for one window: a registered contribution's, or one of supervision's own. */
export interface PlanTargetSection {
  section: string;
  title: Text;
  order: number;
  figures: PlanTargetFigure[];
}

/** The window a report covers: flow figures count within [from, to); stock figures are read as of `to`. */
export interface ReportWindow {
  from: Date;
  to: Date;
}

/**
 * A section of plan targets that a module outside supervision contributes to the county's reports and
 * the dashboard (inversion: the contributing module imports supervision, never the other way round).
 */
export interface ReportContribution {
  /** Section key, also the figures' key prefix (`enforcement`). */
  section: string;
  title: Text;
  /** Sections print in ascending order. */
  order: number;
  figures(window: ReportWindow): Promise<PlanTargetFigure[]>;
}

/**
 * Where modules register their report sections at start-up (`onModuleInit`), so supervision's reports
 * carry figures owned by modules that themselves depend on supervision (enforcement's penalties).
 */
@Injectable()
export class ReportContributions {
  private readonly sections = new Map<string, ReportContribution>();

  register(contribution: ReportContribution): void {
    if (this.sections.has(contribution.section)) {
      throw new Error(`Report section ${contribution.section} is registered twice`);
    }
    this.sections.set(contribution.section, contribution);
  }

  all(): ReportContribution[] {
    return [...this.sections.values()].sort((a, b) => a.order - b.order);
  }
}
