import { Role } from '../../src/platform/auth/role';
import { createInstitution } from '../factories/registry.factory';
import { GqlResult, LoggedIn, TestApp, startTestApp } from '../support/test-app';

/**
 * The departments of the county's duty table (src/modules/reference/seed/reference-data.ts) record their own checks on an institution's premises
 * (住建局 fire design review and acceptance, 消防救援 fire inspection, 卫健局 health inspection) and
 * 市场监管局 reviews enrolment ads; another department is refused and nothing changes.
 */

const PREMISES_FIELDS =
  'id fireDesignReview fireAcceptance fireAcceptanceDate fireInspection fireInspectionDate healthInspection healthInspectionDate';

function code(r: GqlResult): unknown {
  return r.errors?.[0]?.extensions?.code;
}

describe('registry: checks recorded by the department holding the duty', () => {
  let t: TestApp;
  let edu: LoggedIn;
  let housing: LoggedIn;
  let fire: LoggedIn;
  let health: LoggedIn;
  let market: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2026-09-01T02:00:00Z');
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    housing = await t.loginAs(Role.DEPARTMENT_OFFICER, 'HOUSING');
    fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    health = await t.loginAs(Role.DEPARTMENT_OFFICER, 'HEALTH');
    market = await t.loginAs(Role.DEPARTMENT_OFFICER, 'MARKET_REGULATION');
  });
  afterAll(() => t?.close());

  async function addPremises(): Promise<string> {
    const inst = await createInstitution(t, { status: 'APPROVED' });
    const added = await t.gql<{ addPremises: { id: string } }>(
      `mutation($input: AddPremisesInput!) { addPremises(input: $input) { id } }`,
      { input: { institutionId: inst.id, address: '文化路 8 号 2 楼', floorAreaM2: 320 } },
      edu.token,
    );
    expect(added.errors).toBeUndefined();
    return added.data!.addPremises.id;
  }

  const check = (premisesId: string, c: string, token: string, result = 'PASSED') =>
    t.gql<{ recordPremisesCheck: Record<string, string | null> }>(
      `mutation($input: RecordPremisesCheckInput!) { recordPremisesCheck(input: $input) { ${PREMISES_FIELDS} } }`,
      { input: { premisesId, check: c, result, date: '2026-08-20' } },
      token,
    );

  const auditOf = (
    entityId: string,
  ): Promise<{ action: string; actor_user_id: string; actor_name: string; summary: Record<string, unknown> }[]> =>
    t.dataSource.query(
      `SELECT action, actor_user_id, actor_name, summary FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [entityId],
    );

  it('lets HOUSING record the fire design review and acceptance, FIRE_RESCUE the fire inspection and HEALTH the health inspection', async () => {
    const premisesId = await addPremises();

    const design = await check(premisesId, 'FIRE_DESIGN_REVIEW', housing.token);
    expect(design.errors).toBeUndefined();
    expect(design.data!.recordPremisesCheck).toMatchObject({ fireDesignReview: 'PASSED' });
    const acceptance = await check(premisesId, 'FIRE_ACCEPTANCE', housing.token);
    expect(acceptance.errors).toBeUndefined();
    expect(acceptance.data!.recordPremisesCheck).toMatchObject({
      fireAcceptance: 'PASSED',
      fireAcceptanceDate: '2026-08-20',
    });

    const inspection = await check(premisesId, 'FIRE_INSPECTION', fire.token);
    expect(inspection.errors).toBeUndefined();
    expect(inspection.data!.recordPremisesCheck).toMatchObject({
      fireInspection: 'PASSED',
      fireInspectionDate: '2026-08-20',
    });

    const healthCheck = await check(premisesId, 'HEALTH_INSPECTION', health.token, 'FAILED');
    expect(healthCheck.errors).toBeUndefined();
    expect(healthCheck.data!.recordPremisesCheck).toMatchObject({
      healthInspection: 'FAILED',
      healthInspectionDate: '2026-08-20',
    });

    // Each audit row names the department officer who recorded the check.
    const audit = (await auditOf(premisesId)).filter((a) => a.action === 'registry.premises.checked');
    expect(audit.map((a) => [a.summary.check, a.actor_user_id, a.actor_name])).toEqual([
      ['FIRE_DESIGN_REVIEW', housing.id, housing.username],
      ['FIRE_ACCEPTANCE', housing.id, housing.username],
      ['FIRE_INSPECTION', fire.id, fire.username],
      ['HEALTH_INSPECTION', health.id, health.username],
    ]);
  });

  it('refuses a department without the check’s duty (HEALTH recording a fire inspection) and changes nothing', async () => {
    const premisesId = await addPremises();
    const before = await t.dataSource.query(`SELECT * FROM premises WHERE id = $1`, [premisesId]);
    const auditBefore = await auditOf(premisesId);

    const refused = await check(premisesId, 'FIRE_INSPECTION', health.token);
    expect(code(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toContain('FIRE_SAFETY duty');
    expect(refused.data?.recordPremisesCheck ?? null).toBeNull();
    // FIRE_RESCUE holds no fire design review duty either.
    expect(code(await check(premisesId, 'FIRE_DESIGN_REVIEW', fire.token))).toBe('FORBIDDEN');
    // MARKET_REGULATION holds none of the premises duties.
    expect(code(await check(premisesId, 'HEALTH_INSPECTION', market.token))).toBe('FORBIDDEN');

    expect(await t.dataSource.query(`SELECT * FROM premises WHERE id = $1`, [premisesId])).toEqual(before);
    expect(await auditOf(premisesId)).toEqual(auditBefore);

    // The licensing department may still enter the result on the fire brigade's behalf.
    const onBehalf = await check(premisesId, 'FIRE_INSPECTION', edu.token);
    expect(onBehalf.errors).toBeUndefined();
    expect(onBehalf.data!.recordPremisesCheck).toMatchObject({ fireInspection: 'PASSED' });
  });

  it('lets MARKET_REGULATION review enrolment ads but not training material, and keeps the other writes with the licensing department', async () => {
    const inst = await createInstitution(t);
    const submit = async (kind: string) => {
      const r = await t.gql<{ submitTrainingMaterial: { id: string } }>(
        `mutation($input: SubmitMaterialInput!) { submitTrainingMaterial(input: $input) { id } }`,
        {
          input: {
            institutionId: inst.id,
            kind,
            title: kind === 'ENROLMENT_AD' ? '秋季招生' : '美术基础教材',
            content: '课程介绍',
          },
        },
        edu.token,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.submitTrainingMaterial.id;
    };
    const review = (id: string, token: string) =>
      t.gql<{ reviewTrainingMaterial: { status: string } }>(
        `mutation($input: ReviewMaterialInput!) { reviewTrainingMaterial(input: $input) { status } }`,
        { input: { id, decision: 'APPROVED' } },
        token,
      );

    const ad = await submit('ENROLMENT_AD');
    const approved = await review(ad, market.token);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.reviewTrainingMaterial.status).toBe('APPROVED');
    const [adRow] = await t.dataSource.query(`SELECT status, reviewed_by FROM training_material WHERE id = $1`, [ad]);
    expect(adRow).toEqual({ status: 'APPROVED', reviewed_by: market.username });
    const adAudit = (await auditOf(ad)).filter((a) => a.action === 'registry.material.approved');
    expect(adAudit.map((a) => [a.actor_user_id, a.actor_name])).toEqual([[market.id, market.username]]);

    // Another department without the ADVERTISING duty may not review an ad.
    const otherAd = await submit('ENROLMENT_AD');
    const notAdvertising = await review(otherAd, health.token);
    expect(code(notAdvertising)).toBe('FORBIDDEN');
    expect(notAdvertising.errors![0]!.message).toContain('ADVERTISING duty');

    // Training material stays with the licensing department.
    const material = await submit('MATERIAL');
    const refused = await review(material, market.token);
    expect(code(refused)).toBe('FORBIDDEN');
    const [materialRow] = await t.dataSource.query(
      `SELECT status, reviewed_by, reviewed_at FROM training_material WHERE id = $1`,
      [material],
    );
    expect(materialRow).toEqual({ status: 'SUBMITTED', reviewed_by: null, reviewed_at: null });
    expect((await auditOf(material)).map((a) => a.action)).toEqual(['registry.material.submitted']);
    expect((await review(material, edu.token)).data!.reviewTrainingMaterial.status).toBe('APPROVED');

    // Other registry writes stay with the licensing department.
    const added = await t.gql(
      `mutation($input: AddPremisesInput!) { addPremises(input: $input) { id } }`,
      { input: { institutionId: inst.id, address: '文化路 9 号', floorAreaM2: 100 } },
      housing.token,
    );
    expect(code(added)).toBe('FORBIDDEN');
  });
});
