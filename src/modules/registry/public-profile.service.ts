import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { RateLimiter } from '../../platform/http/rate-limiter';
import { checkCreditCode } from './credit-code';
import { Institution, InstitutionCategory, InstitutionStatus, NonSubjectKind } from './entities/institution.entity';
import { institutionNotFound, invalidCreditCode, tooManySearches } from './registry.errors';
import { RegistryQueries } from './registry.queries';
import { charactersBetween } from '../../platform/i18n/field-texts';

export interface PublicProfile {
  /** Not published: for other modules' fields on the profile (e.g. escrow's payment account). */
  institutionId: string;
  name: string;
  creditCode: string;
  townshipCode: string;
  /** Registered address (住所) and the premises (办学地址) as on the licence: public information. */
  address: string;
  premisesAddresses: string[];
  category: InstitutionCategory;
  nonSubjectKind: NonSubjectKind | null;
  licenceNumber: string | null;
  licenceValidUntil: string | null;
  status: InstitutionStatus;
  complaintHotline: string;
}

/**
 * States whose institutions the public profile and the public search show (applications and rejections
 * are not published). Closed ones (DEREGISTERED, REVOKED) stay visible on purpose: a parent holding a
 * receipt or a flyer must be able to learn that the institution was shut down, and not to pay it.
 */
const PUBLISHED = [
  InstitutionStatus.APPROVED,
  InstitutionStatus.OPERATING,
  InstitutionStatus.SUSPENDED,
  InstitutionStatus.DEREGISTERED,
  InstitutionStatus.REVOKED,
];
/** Public search: name fragment length (characters) and the most results answered. */
const PUBLIC_SEARCH_MIN = 2;
const PUBLIC_SEARCH_MAX = 50;
const PUBLIC_SEARCH_LIMIT = 20;

/** What anyone may read about an institution, without a login: the public profile and the public search. */
@Injectable()
export class PublicProfileService {
  constructor(
    private readonly queries: RegistryQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  /** What anyone may read about an institution (what its licence shows: no contacts, no staff, no legal representative). */
  async publicProfile(creditCode: string): Promise<PublicProfile> {
    const check = checkCreditCode(creditCode);
    if (!check.valid) throw invalidCreditCode(check.message);
    const i = await this.queries.institutionBy({ creditCode: check.code });
    if (!i || !PUBLISHED.includes(i.status)) throw institutionNotFound(check.code);
    return (await this.publicProfiles([i]))[0]!;
  }

  /**
   * The public search (no login): published institutions whose name contains `name` (2–50 characters,
   * case-insensitive, served by the trigram index idx_institution_name_trgm), optionally in one township;
   * those whose name starts with it first, then by name; at most `first` (≤ 20). Rate-limited per
   * client address like the public complaint form.
   */
  async searchPublic(
    nameInput: string,
    townshipCode: string | null | undefined,
    first: number,
    clientAddress: string,
  ): Promise<PublicProfile[]> {
    const { publicSearchBurst, publicSearchWindowSeconds } = this.config.registry;
    const limit = await this.limiter.take(
      `institution-search:${clientAddress}`,
      publicSearchBurst / publicSearchWindowSeconds,
      publicSearchBurst,
    );
    if (!limit.allowed) throw tooManySearches(limit.retryAfterSeconds);
    const name = nameInput.trim();
    if ([...name].length < PUBLIC_SEARCH_MIN || [...name].length > PUBLIC_SEARCH_MAX) {
      throw new ValidationFailed([{ path: 'name', message: charactersBetween(PUBLIC_SEARCH_MIN, PUBLIC_SEARCH_MAX) }]);
    }
    const take = Math.min(Math.max(Math.trunc(first) || PUBLIC_SEARCH_LIMIT, 1), PUBLIC_SEARCH_LIMIT);
    const rows = await this.queries.searchPublished(PUBLISHED, name, townshipCode?.trim() || undefined, take);
    return this.publicProfiles(rows);
  }

  /** Public profiles of institutions already known to be published, with their premises (one query). */
  private async publicProfiles(rows: Institution[]): Promise<PublicProfile[]> {
    if (!rows.length) return [];
    const premises = await this.queries.premisesAddressesOf(rows.map((i) => i.id));
    return rows.map((i) => ({
      institutionId: i.id,
      name: i.name,
      creditCode: i.creditCode,
      townshipCode: i.townshipCode,
      address: i.address,
      premisesAddresses: premises.filter((p) => p.institutionId === i.id).map((p) => p.address),
      category: i.category,
      nonSubjectKind: i.nonSubjectKind,
      licenceNumber: i.licenceNumber,
      licenceValidUntil: i.licenceValidUntil,
      status: i.status,
      complaintHotline: this.config.registry.complaintHotline,
    }));
  }
}
