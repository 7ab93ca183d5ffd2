import { ComplaintCategory, ComplaintStatus } from './complaint.enums';
import { ComplaintTimelineEntry } from './entities/complaint-timeline-entry.entity';

export interface ComplaintIntake {
  category: ComplaintCategory;
  description: string;
  institutionId?: string;
  institutionCreditCode?: string;
  institutionName?: string;
  address?: string;
  townshipCode?: string;
  anonymous?: boolean;
  contactName?: string;
  contactPhone?: string;
}

export interface ComplaintFilter {
  status?: ComplaintStatus;
  category?: ComplaintCategory;
  townshipCode?: string;
  departmentCode?: string;
  overdue?: boolean;
}

export interface ComplaintDashboardFigures {
  received: number;
  closed: number;
  overdue: number;
  /** Closed complaints with a satisfaction rating, and those rated 满意 or 基本满意. */
  rated: number;
  satisfied: number;
  /** Closed in the period without missing any statutory deadline (办结及时). */
  closedInTime: number;
}

/** Complaints past a pending deadline, per township, lead department and escalation level. */
export interface ComplaintOverdueRow {
  townshipCode: string;
  departmentCode: string;
  level: number;
  count: number;
}

export interface ComplainantContact {
  name: string | null;
  phone: string | null;
  masked: boolean;
}

export interface PublicComplaintStatus {
  trackingNumber: string;
  category: ComplaintCategory;
  status: ComplaintStatus;
  receivedAt: Date;
  timeline: ComplaintTimelineEntry[];
}
