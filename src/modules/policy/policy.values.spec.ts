import { POLICY_RULES, PolicyRule, catalogueProblems, findPolicyRule } from './policy.catalogue';
import { boundProblem, formatPolicyValue, parsePolicyValue, valueOn } from './policy.values';

const rule = (key: string): PolicyRule => findPolicyRule(key)!;
const at = (iso: string) => new Date(iso);

describe('policy catalogue', () => {
  it('is consistent: unique keys, defaults within bounds, national rules bounded by their national value', () => {
    expect(catalogueProblems()).toEqual([]);
    expect(POLICY_RULES.length).toBeGreaterThan(25);
  });

  it('finds a looser-than-national bound in a bad declaration', () => {
    const bad: PolicyRule = { ...rule('escrow.prepaid_max_fen'), max: 600_000 };
    expect(catalogueProblems([bad])).toEqual([
      'escrow.prepaid_max_fen: a national LOWER rule has the national value as its upper bound',
    ]);
    expect(catalogueProblems([rule('complaints.handle_days'), rule('complaints.handle_days')])).toEqual([
      'complaints.handle_days: declared twice',
    ]);
  });

  it('keeps the national numbers the service had as defaults', () => {
    const defaults = Object.fromEntries(POLICY_RULES.map((r) => [r.key, formatPolicyValue(r, r.nationalDefault)]));
    expect(defaults).toMatchObject({
      'complaints.route_days': '15',
      'complaints.handle_days': '60',
      'complaints.max_extension_days': '30',
      'escrow.prepaid_max_fen': '5000.00',
      'escrow.prepaid_max_lesson_hours': '60',
      'escrow.prepaid_max_months': '3',
      'registry.offline_end_time': '20:30',
      'registry.online_end_time': '21:00',
      'after_school.homework_minutes_grades_3_6': '60',
      'after_school.homework_minutes_junior': '90',
      'after_school.min_daily_minutes': '120',
      'supervision.level2_days': '3',
      'supervision.level3_days': '7',
    });
  });
});

describe('valueOn', () => {
  const cap = rule('escrow.prepaid_max_fen');
  const v = (value: number, effectiveOn: string, approvedAt: string) => ({
    key: cap.key,
    value,
    effectiveOn,
    approvedAt: at(approvedAt),
  });

  it('is the national default without versions', () => {
    expect(valueOn(cap, [], '2026-12-03')).toBe(500_000);
  });

  it('is the latest version in force on the date; a future version waits for its day', () => {
    const versions = [
      v(400_000, '2026-12-01', '2026-11-30T02:00:00Z'),
      v(300_000, '2026-12-10', '2026-12-02T02:00:00Z'),
    ];
    expect(valueOn(cap, versions, '2026-11-30')).toBe(500_000);
    expect(valueOn(cap, versions, '2026-12-01')).toBe(400_000);
    expect(valueOn(cap, versions, '2026-12-09')).toBe(400_000);
    expect(valueOn(cap, versions, '2026-12-10')).toBe(300_000);
  });

  it('breaks a tie on the effective date by the later approval, and ignores other rules', () => {
    const versions = [
      v(200_000, '2026-12-01', '2026-12-01T05:00:00Z'),
      v(450_000, '2026-12-01', '2026-12-01T03:00:00Z'),
      { ...v(1, '2026-11-01', '2026-11-01T00:00:00Z'), key: 'escrow.prepaid_max_months' },
    ];
    expect(valueOn(cap, versions, '2026-12-02')).toBe(200_000);
  });
});

describe('bounds', () => {
  it('refuses a looser prepaid cap naming the bound and the legal source, and accepts a stricter one', () => {
    const cap = rule('escrow.prepaid_max_fen');
    const problem = boundProblem(cap, 600_000)?.en;
    expect(problem).toContain('at most 5000.00 yuan');
    expect(problem).toContain('looser than the national rule');
    expect(problem).toContain('教育部等十三部门');
    expect(boundProblem(cap, 400_000)).toBeNull();
    expect(boundProblem(cap, 500_000)).toBeNull();
  });

  it('refuses a shorter online break (stricter is HIGHER) and a later training end', () => {
    expect(boundProblem(rule('registry.online_min_break_minutes'), 5)?.en).toContain('at least 10 minutes');
    expect(boundProblem(rule('registry.online_min_break_minutes'), 15)).toBeNull();
    expect(boundProblem(rule('registry.offline_end_time'), 21 * 60)?.en).toContain('at most 20:30');
    expect(boundProblem(rule('registry.offline_end_time'), 20 * 60)).toBeNull();
  });
});

describe('parse and format', () => {
  it('reads and writes each kind as people write it', () => {
    expect(parsePolicyValue(rule('registry.offline_end_time'), '20:00')).toBe(1200);
    expect(parsePolicyValue(rule('registry.offline_end_time'), '24:00')).toBeNull();
    expect(parsePolicyValue(rule('escrow.prepaid_max_fen'), '4000.00')).toBe(400_000);
    expect(parsePolicyValue(rule('escrow.prepaid_max_fen'), '4000')).toBeNull();
    expect(parsePolicyValue(rule('complaints.handle_days'), '45')).toBe(45);
    expect(parsePolicyValue(rule('complaints.handle_days'), '-1')).toBeNull();
    expect(parsePolicyValue(rule('complaints.handle_days'), '4.5')).toBeNull();
    expect(formatPolicyValue(rule('registry.offline_end_time'), 1200)).toBe('20:00');
    expect(formatPolicyValue(rule('escrow.prepaid_max_fen'), 400_000)).toBe('4000.00');
  });
});
