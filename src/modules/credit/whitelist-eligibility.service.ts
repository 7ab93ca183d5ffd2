import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { addDays, businessDate } from '../../platform/clock/business-time';
import { Principal } from '../../platform/auth/principal';
import { inScope } from '../../platform/auth/scope';
import { PolicyFacade } from '../policy';
import { InstitutionStatus, RegistryFacade } from '../registry';
import { READ_SCOPE, assertReader } from './credit.access';
import { institutionNotFound } from './credit.errors';
import { localize } from '../../platform/i18n/locale';
import { Text, text } from '../../platform/i18n/text';

/** Escrow alert types that break escrow compliance (and become violations when left open). */
export const COMPLIANCE_ALERT_TYPES = ['SHORTFALL', 'NO_ESCROW_ACCOUNT'];

export interface WhitelistEligibility {
  institutionId: string;
  eligible: boolean;
  operating: boolean;
  annualReviewPassed: boolean;
  activeEscrowAccount: boolean;
  openShortfall: boolean;
  violationsInLookback: number;
  /** Why not, in words an officer reads (empty when eligible), in the request's language (ADR 0021). */
  reasons: string[];
  /** The same reasons in both languages (for messages written later, or in another language). */
  reasonTexts: Text[];
}

/**
 * Whitelist eligibility, computed (never typed in): operating (registry facade), annual review PASS this
 * business year, prepaid fees supervised — an active escrow account or a valid risk reserve (风险保证金) — with no open SHORTFALL (credit's own projections of escrow and
 * registry events) and no active violation within the county rule credit.whitelist_lookback_days.
 */
@Injectable()
export class WhitelistEligibilityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryFacade,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An officer's question about one institution in their jurisdiction. */
  async check(actor: Principal, institutionId: string, now: Date): Promise<WhitelistEligibility> {
    assertReader(actor);
    const institution = await this.registry.findInstitution({ id: institutionId });
    if (!institution || !inScope(actor, { township: institution.townshipCode }, READ_SCOPE))
      throw institutionNotFound(institutionId);
    const [result] = await this.evaluate([institutionId], now);
    return result!;
  }

  async evaluate(
    institutionIds: readonly string[],
    now: Date,
    em: EntityManager = this.dataSource.manager,
  ): Promise<WhitelistEligibility[]> {
    if (institutionIds.length === 0) return [];
    const today = businessDate(now, this.config.timeZone);
    const year = Number(today.slice(0, 4));
    const since = addDays(today, -(await this.policy.value('credit.whitelist_lookback_days', now)));
    const summaries = new Map((await this.registry.getInstitutions(institutionIds)).map((s) => [s.id, s]));
    const rows = (await em.query(
      `SELECT i.id,
              EXISTS (SELECT 1 FROM credit_annual_review r WHERE r.institution_id = i.id AND r.year = $2 AND r.result = 'PASS') AS passed,
              (EXISTS (SELECT 1 FROM credit_escrow_account a WHERE a.institution_id = i.id AND a.status = 'ACTIVE')
               OR EXISTS (SELECT 1 FROM credit_risk_reserve v WHERE v.institution_id = i.id AND v.status = 'ACTIVE'
                            AND (v.valid_until IS NULL OR v.valid_until >= $4::date))) AS account,
              EXISTS (SELECT 1 FROM credit_escrow_alert al WHERE al.institution_id = i.id AND al.resolved_at IS NULL AND al.type = 'SHORTFALL') AS shortfall,
              (SELECT count(*)::int FROM credit_record c WHERE c.institution_id = i.id AND c.kind = 'VIOLATION' AND c.status = 'ACTIVE' AND c.occurred_on > $3) AS violations
       FROM unnest($1::uuid[]) AS i(id)`,
      [[...new Set(institutionIds)], year, since, today],
    )) as { id: string; passed: boolean; account: boolean; shortfall: boolean; violations: number }[];
    return rows.map((r) => {
      const operating = summaries.get(r.id)?.status === InstitutionStatus.OPERATING;
      const reasons: Text[] = [];
      if (!operating) reasons.push(text('not operating', '未在营业'));
      if (!r.passed) reasons.push(text(`no annual review PASS in ${year}`, `${year} 年度年检未通过`));
      if (!r.account)
        reasons.push(
          text('no active escrow account or valid risk reserve', '没有在用的资金监管账户或有效的风险保证金'),
        );
      if (r.shortfall)
        reasons.push(text('an escrow SHORTFALL alert is open', '有未处置的资金监管余额不足（SHORTFALL）预警'));
      if (r.violations > 0)
        reasons.push(
          text(`${r.violations} violation(s) since ${since}`, `自 ${since} 以来有 ${r.violations} 条违规记录`),
        );
      return {
        institutionId: r.id,
        eligible: reasons.length === 0,
        operating,
        annualReviewPassed: r.passed,
        activeEscrowAccount: r.account,
        openShortfall: r.shortfall,
        violationsInLookback: r.violations,
        reasons: reasons.map((reason) => localize(reason)),
        reasonTexts: reasons,
      };
    });
  }
}
