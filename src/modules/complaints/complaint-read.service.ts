import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { decrypt } from '../../platform/crypto/crypto';
import { Connection, PageArgs } from '../../platform/graphql/pagination';
import { RateLimiter } from '../../platform/http/rate-limiter';
import { isAssignedOfficer } from './complaints.access';
import { complaintNotFound, tooManyStatusLookups } from './complaints.errors';
import { Complaint } from './entities/complaint.entity';
import { ComplaintTimelineEntry } from './entities/complaint-timeline-entry.entity';
import { ComplaintInstitutionReply } from './entities/complaint-institution-reply.entity';
import { maskName, maskPhone } from './masking';
import { TRACKING_PATTERN, normaliseTrackingNumber } from './tracking-number';
import { ComplaintsQueries } from './complaints.queries';
import { ComplainantContact, ComplaintFilter, PublicComplaintStatus } from './complaints.types';

/** Reading complaints: in the actor's scope, the public status by tracking number, the complainant's contact. */
@Injectable()
export class ComplaintReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: ComplaintsQueries,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- reading --------------------------------------------------------------------------------

  async get(actor: Principal, id: string): Promise<Complaint> {
    const found = await this.queries.findScoped(actor, id);
    if (!found) throw complaintNotFound();
    return found;
  }

  list(actor: Principal, filter: ComplaintFilter, page: PageArgs): Promise<Connection<Complaint>> {
    return this.queries.list(actor, filter, page);
  }

  /**
   * The public timeline by tracking number: status, dates and public replies only. Throttled per client
   * address like the form (a bucket of COMPLAINT_STATUS_BURST over COMPLAINT_STATUS_WINDOW_SECONDS), so
   * tracking numbers cannot be enumerated; every look-up counts, found or not.
   */
  async publicStatus(trackingNumber: string, clientAddress: string): Promise<PublicComplaintStatus> {
    const { statusBurst, statusWindowSeconds } = this.config.complaints;
    const limit = await this.limiter.take(
      `complaint-status:${clientAddress}`,
      statusBurst / statusWindowSeconds,
      statusBurst,
    );
    if (!limit.allowed) throw tooManyStatusLookups(limit.retryAfterSeconds);
    return this.statusOf(trackingNumber);
  }
  async statusOf(trackingNumber: string): Promise<PublicComplaintStatus> {
    const number = normaliseTrackingNumber(trackingNumber);
    if (!TRACKING_PATTERN.test(number)) throw complaintNotFound();
    const c = await this.queries.byTrackingNumber(number);
    if (!c) throw complaintNotFound();
    const timeline = await this.queries.timeline(c.id);
    return {
      trackingNumber: c.trackingNumber,
      category: c.category,
      status: c.status,
      receivedAt: c.receivedAt,
      timeline,
    };
  }

  timelines(ids: readonly string[]): Promise<ComplaintTimelineEntry[]> {
    return this.queries.timelines(ids);
  }

  institutionReplies(ids: readonly string[]): Promise<ComplaintInstitutionReply[]> {
    return this.queries.institutionReplies(ids);
  }

  /** How many complaints are linked to each primary. */
  duplicateCounts(ids: readonly string[]): Promise<Map<string, number>> {
    return this.queries.duplicateCounts(ids);
  }

  /**
   * The complainant's contact: in clear for officers of the assigned departments (each view audited as
   * `complaints.contact.viewed`), masked for everyone else; null for an anonymous complaint.
   */
  async contact(actor: Principal, c: Complaint): Promise<ComplainantContact | null> {
    if (c.anonymous) return null;
    const key = this.config.security.encryptionKey;
    const name = c.contactNameEnc ? decrypt(key, c.contactNameEnc) : null;
    const phone = c.contactPhoneEnc ? decrypt(key, c.contactPhoneEnc) : null;
    if (!isAssignedOfficer(actor, c))
      return { name: name && maskName(name), phone: phone && maskPhone(phone), masked: true };
    await this.dataSource.transaction((em) =>
      this.audit.record(em, {
        actor,
        action: 'complaints.contact.viewed',
        entityType: 'complaint',
        entityId: c.id,
        summary: { trackingNumber: c.trackingNumber },
      }),
    );
    return { name, phone, masked: false };
  }
}
