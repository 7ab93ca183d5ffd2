import { PenaltyKind } from './enforcement.enums';
import {
  PenaltyRules,
  addMonths,
  creditSeverity,
  decisionDeadlines,
  decisionProblems,
  hasHearingRight,
  isPublished,
  registrySanction,
  reportDates,
} from './enforcement.rules';

const RULES: PenaltyRules = {
  hearingRequestDays: 5,
  hearingAmountFen: 5_000_000n,
  reviewDays: 60,
  litigationMonths: 6,
  publicationDays: 365,
  publicationDaysSerious: 1095,
};
const INSTITUTION = '7b0c1f2e-0000-4000-8000-000000000001';
const LEAD = '7b0c1f2e-0000-4000-8000-000000000002';

const decision = (over: Partial<Parameters<typeof decisionProblems>[0]> = {}) => ({
  institutionId: INSTITUTION,
  leadId: null,
  kinds: [PenaltyKind.WARNING],
  fineFen: null,
  confiscatedFen: null,
  noticeServedOn: '2026-11-02',
  hearingHeldOn: null,
  decidedOn: '2026-11-10',
  ...over,
});
const paths = (d: Parameters<typeof decisionProblems>[0], today = '2026-12-01') =>
  decisionProblems(d, RULES, today).list.map((p) => p.path);

describe('penalty rules', () => {
  it('gives a hearing right for the heavier kinds and from the large amount on (行政处罚法 art. 63)', () => {
    expect(hasHearingRight(decision(), RULES.hearingAmountFen)).toBe(false);
    expect(hasHearingRight(decision({ kinds: [PenaltyKind.ENROLMENT_SUSPENDED] }), RULES.hearingAmountFen)).toBe(true);
    expect(hasHearingRight(decision({ kinds: [PenaltyKind.PRACTICE_RESTRICTED] }), RULES.hearingAmountFen)).toBe(true);
    const fine = (fen: bigint) => decision({ kinds: [PenaltyKind.FINE], fineFen: fen });
    expect(hasHearingRight(fine(4_999_999n), RULES.hearingAmountFen)).toBe(false);
    expect(hasHearingRight(fine(5_000_000n), RULES.hearingAmountFen)).toBe(true);
    expect(
      hasHearingRight(
        decision({ kinds: [PenaltyKind.CONFISCATION], confiscatedFen: 5_000_000n }),
        RULES.hearingAmountFen,
      ),
    ).toBe(true);
  });

  it('publishes everything above a warning, drives revoke over suspend, and grades the credit record', () => {
    expect(isPublished([PenaltyKind.WARNING])).toBe(false);
    expect(isPublished([PenaltyKind.WARNING, PenaltyKind.PUBLIC_CRITICISM])).toBe(true);
    expect(registrySanction([PenaltyKind.FINE])).toBeNull();
    expect(registrySanction([PenaltyKind.STOP_OPERATING])).toBe('suspended');
    expect(registrySanction([PenaltyKind.ENROLMENT_SUSPENDED, PenaltyKind.LICENCE_REVOKED])).toBe('revoked');
    expect(creditSeverity([PenaltyKind.WARNING])).toBe('MINOR');
    expect(creditSeverity([PenaltyKind.FINE])).toBe('SERIOUS');
    expect(creditSeverity([PenaltyKind.FINE, PenaltyKind.LICENCE_REVOKED])).toBe('GRAVE');
  });

  it('adds calendar months on the same day, or the month end', () => {
    expect(addMonths('2026-11-10', 6)).toBe('2027-05-10');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('stores the hearing, review, lawsuit and publication deadlines', () => {
    const d = decision({ kinds: [PenaltyKind.ENROLMENT_SUSPENDED], decidedOn: '2026-11-10' });
    expect(decisionDeadlines(d, RULES)).toEqual({
      hearingRight: true,
      hearingRequestDeadline: '2026-11-07',
      reviewDeadline: '2027-01-09',
      litigationDeadline: '2027-05-10',
      publishedUntil: '2027-11-10',
    });
    const serious = decisionDeadlines(decision({ kinds: [PenaltyKind.LICENCE_REVOKED] }), RULES);
    expect(serious.publishedUntil).toBe('2029-11-09');
    const warning = decisionDeadlines(decision(), RULES);
    expect(warning).toMatchObject({ hearingRight: false, hearingRequestDeadline: null, publishedUntil: null });
  });

  it('accepts a well-formed decision', () => {
    expect(paths(decision())).toEqual([]);
    expect(paths(decision({ kinds: [PenaltyKind.FINE], fineFen: 300_000n }))).toEqual([]);
    expect(paths(decision({ institutionId: null, leadId: LEAD, kinds: [PenaltyKind.STOP_OPERATING] }))).toEqual([]);
  });

  it('refuses a decision without exactly one party, with repeated kinds or kinds an unlicensed operator cannot get', () => {
    expect(paths(decision({ institutionId: null }))).toEqual(['institutionId']);
    expect(paths(decision({ leadId: LEAD }))).toEqual(['institutionId']);
    expect(paths(decision({ kinds: [] }))).toEqual(['kinds']);
    expect(paths(decision({ kinds: [PenaltyKind.WARNING, PenaltyKind.WARNING] }))).toEqual(['kinds']);
    expect(paths(decision({ institutionId: null, leadId: LEAD, kinds: [PenaltyKind.LICENCE_REVOKED] }))).toContain(
      'kinds',
    );
  });

  it('needs an amount exactly for a fine and a confiscation, positive and within the money limit', () => {
    expect(paths(decision({ kinds: [PenaltyKind.FINE] }))).toEqual(['fine']);
    expect(paths(decision({ kinds: [PenaltyKind.FINE], fineFen: 0n }))).toEqual(['fine']);
    expect(paths(decision({ kinds: [PenaltyKind.FINE], fineFen: 10n ** 13n }))).toEqual(['fine']);
    expect(paths(decision({ fineFen: 100n }))).toEqual(['fine']);
    expect(paths(decision({ kinds: [PenaltyKind.CONFISCATION] }))).toEqual(['confiscated']);
    expect(paths(decision({ confiscatedFen: 100n }))).toEqual(['confiscated']);
  });

  it('orders notice, hearing and decision, and keeps the hearing window open', () => {
    expect(paths(decision({ decidedOn: '2026-12-02' }))).toEqual(['decidedOn']);
    expect(paths(decision({ noticeServedOn: '2026-11-11' }))).toEqual(['noticeServedOn']);
    const suspension = { kinds: [PenaltyKind.ENROLMENT_SUSPENDED] };
    // notice 11-02: the party may ask until 11-07; a decision on 11-07 without a hearing is too early
    expect(paths(decision({ ...suspension, decidedOn: '2026-11-07' }))).toEqual(['decidedOn']);
    expect(paths(decision({ ...suspension, decidedOn: '2026-11-08' }))).toEqual([]);
    expect(paths(decision({ ...suspension, hearingHeldOn: '2026-11-05', decidedOn: '2026-11-06' }))).toEqual([]);
    expect(paths(decision({ ...suspension, hearingHeldOn: '2026-11-11' }))).toEqual(['hearingHeldOn']);
    expect(paths(decision({ hearingHeldOn: '2026-11-05' }))).toEqual(['hearingHeldOn']);
  });

  it("counts a window's decisions by the days starting in it: to midnight, or to now with today's", () => {
    const tz = 'Asia/Shanghai';
    // November, 00:00 to 00:00 in Xifeng
    const month = { from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') };
    expect(reportDates(month, tz)).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    // the month so far, at 10:00 on 20 November: decisions dated the 20th count
    const soFar = { from: month.from, to: new Date('2026-11-20T02:00:00Z') };
    expect(reportDates(soFar, tz)).toEqual({ from: '2026-11-01', to: '2026-11-21' });
  });
});
