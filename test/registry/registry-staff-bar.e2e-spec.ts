import { Role } from '../../src/platform/auth/role';
import { createInstitution } from '../factories/registry.factory';
import { GqlResult, LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

/**
 * The staff blacklist (从业人员黑名单): the licensing department bars a person for 1–5 years or for life;
 * registering them as staff anywhere is then refused, the institutions that employ them are named, and a
 * bar decided by mistake can be lifted. Refusals leave the stored rows exactly as they were.
 */
const BAR = `mutation($input: BarStaffMemberInput!) { barStaffMember(input: $input) { id name idNumberMasked reason barredFrom barredUntil staffId inForce createdBy liftedAt } }`;
const LIFT = `mutation($input: LiftStaffBarInput!) { liftStaffBar(input: $input) { id inForce liftedAt liftedReason } }`;
const LIST = `query($inForce: Boolean, $name: String) { staffBars(first: 50, filter: { inForce: $inForce, name: $name }) { totalCount edges { node { id name inForce barredUntil } } } }`;
const ADD_STAFF = `mutation($input: AddStaffInput!) { addStaff(input: $input) { id } }`;

type Bar = {
  id: string;
  name: string;
  idNumberMasked: string;
  barredFrom: string;
  barredUntil: string | null;
  staffId: string | null;
  inForce: boolean;
  createdBy: string;
  liftedAt: string | null;
};

describe('registry: the staff blacklist (从业人员黑名单)', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let edu: LoggedIn;
  let fire: LoggedIn;
  let township: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp({ role: 'api' });
    t.clock.set('2026-09-01T02:00:00Z');
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
  });
  afterAll(() => t?.close());

  const addStaff = (institutionId: string, idNumber: string, name = '钱某') =>
    t.gql<{ addStaff: { id: string } }>(
      ADD_STAFF,
      { input: { institutionId, name, idNumber, position: 'TEACHER' } },
      t.tokenFor(edu.id),
    );
  const bar = (input: Record<string, unknown>, token = t.tokenFor(edu.id)) =>
    t.gql<{ barStaffMember: Bar }>(BAR, { input }, token);
  const snapshot = async () => ({
    bars: await t.dataSource.query(`SELECT * FROM staff_bar ORDER BY created_at, id`),
    staff: await t.dataSource.query(`SELECT id FROM staff ORDER BY id`),
    audit: (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n,
  });
  const ok = <T>(r: GqlResult<T>): T => {
    expect(r.errors).toBeUndefined();
    return r.data!;
  };

  it('bars a registered staff member for three years: the employer is named, registering them anywhere is refused', async () => {
    const employer = await createInstitution(t, { townshipCode: '520122001' });
    const other = await createInstitution(t, { townshipCode: '520122100' });
    const staffId = ok(await addStaff(employer.id, '520122198001011234', '钱某')).addStaff.id;

    const barred = ok(await bar({ staffId, reason: '体罚学生，情节严重', years: 3 })).barStaffMember;
    expect(barred).toMatchObject({
      name: '钱某',
      idNumberMasked: '5201**********1234',
      barredFrom: '2026-09-01',
      barredUntil: '2029-09-01',
      staffId,
      inForce: true,
      liftedAt: null,
    });
    const [event] = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE name = 'registry.staff.barred' AND payload->>'barId' = $1`,
      [barred.id],
    );
    expect(event.payload).toEqual({
      barId: barred.id,
      barredFrom: '2026-09-01',
      barredUntil: '2029-09-01',
      institutionIds: [employer.id],
    });
    const [notice] = await t.dataSource.query(
      `SELECT body FROM notification WHERE kind = 'registry.staff.barred' AND entity_id = $1 LIMIT 1`,
      [barred.id],
    );
    expect(notice.body).toContain(employer.creditCode);
    const [audit] = await t.dataSource.query(
      `SELECT summary FROM audit_log WHERE action = 'registry.staff.barred' AND entity_id = $1`,
      [barred.id],
    );
    expect(JSON.stringify(audit.summary)).not.toContain('520122198001011234');

    const before = await snapshot();
    expectGqlError(await addStaff(other.id, '520122198001011234'), 'STAFF_BARRED');
    expectGqlError(
      await bar({ idNumber: '520122198001011234', name: '钱某', reason: '再次', forLife: true }),
      'STAFF_ALREADY_BARRED',
    );
    expect(await snapshot()).toEqual(before);

    // Three years later the bar has run out: the person may be registered again.
    t.clock.set('2029-09-01T02:00:00Z');
    const later = ok(
      await t.gql<{ staffBars: { edges: { node: { id: string; inForce: boolean } }[] } }>(
        LIST,
        { name: '钱' },
        t.tokenFor(admin.id),
      ),
    ).staffBars.edges.map((e) => e.node);
    expect(later).toContainEqual(expect.objectContaining({ id: barred.id, inForce: false }));
    ok(await addStaff(other.id, '520122198001011234'));
    t.clock.set('2026-09-01T02:00:00Z');
  });

  it('bars a person by ID number for life, refuses bad input and other departments, and lifts a bar decided by mistake', async () => {
    const inst = await createInstitution(t);
    const before = await snapshot();
    expectGqlError(
      await bar({ idNumber: '52012219900202567X', name: '孙某', reason: '性侵学生', forLife: true, years: 2 }),
      'VALIDATION_FAILED',
    );
    expectGqlError(
      await bar({ idNumber: '52012219900202567X', name: '孙某', reason: '性侵学生' }),
      'VALIDATION_FAILED',
    ); // neither years nor forLife
    expectGqlError(
      await bar({ idNumber: '52012219900202567X', name: '孙某', reason: '性侵学生', years: 6 }),
      'VALIDATION_FAILED',
    );
    expectGqlError(
      await bar({ idNumber: '52012219900202567X', reason: '性侵学生', forLife: true }),
      'VALIDATION_FAILED',
    ); // no name
    expectGqlError(
      await bar({
        staffId: '7b0c6a9e-1f0e-4d5c-9a51-2f9f3c6d1e11',
        idNumber: '52012219900202567X',
        name: '孙某',
        reason: 'x',
        forLife: true,
      }),
      'VALIDATION_FAILED',
    );
    expectGqlError(
      await bar({ staffId: '7b0c6a9e-1f0e-4d5c-9a51-2f9f3c6d1e11', reason: 'x', years: 1 }),
      'STAFF_NOT_FOUND',
    );
    expectGqlError(
      await bar(
        { idNumber: '52012219900202567X', name: '孙某', reason: '性侵学生', forLife: true },
        t.tokenFor(fire.id),
      ),
      'FORBIDDEN',
    );
    expectGqlError(
      await bar(
        { idNumber: '52012219900202567X', name: '孙某', reason: '性侵学生', forLife: true },
        t.tokenFor(township.id),
      ),
      'FORBIDDEN',
    );
    expect(await snapshot()).toEqual(before);

    const life = ok(
      await bar(
        { idNumber: '52012219900202567x', name: '孙某', reason: '性侵学生', forLife: true },
        t.tokenFor(admin.id),
      ),
    ).barStaffMember;
    expect(life).toMatchObject({
      name: '孙某',
      idNumberMasked: '5201**********567X',
      barredUntil: null,
      staffId: null,
      inForce: true,
    });
    const refused = expectGqlError(await addStaff(inst.id, '52012219900202567X', '孙某'), 'STAFF_BARRED');
    expect(refused.message).toContain('for life');
    // Nobody employs the person: no notice goes out.
    expect(await t.dataSource.query(`SELECT 1 FROM notification WHERE entity_id = $1`, [life.id])).toEqual([]);

    // Township officers read the list (they patrol institutions); in force only.
    const seen = ok(
      await t.gql<{ staffBars: { edges: { node: { id: string } }[] } }>(
        LIST,
        { inForce: true, name: '孙' },
        t.tokenFor(township.id),
      ),
    ).staffBars.edges.map((e) => e.node.id);
    expect(seen).toEqual([life.id]);

    // Lifted (a mistake): the person may be registered; lifting twice is refused.
    expectGqlError(await t.gql(LIFT, { input: { id: life.id, reason: '认定有误' } }, t.tokenFor(fire.id)), 'FORBIDDEN');
    const lifted = ok(
      await t.gql<{ liftStaffBar: { inForce: boolean; liftedReason: string } }>(
        LIFT,
        { input: { id: life.id, reason: '认定有误' } },
        t.tokenFor(edu.id),
      ),
    ).liftStaffBar;
    expect(lifted).toMatchObject({ inForce: false, liftedReason: '认定有误' });
    expectGqlError(
      await t.gql(LIFT, { input: { id: life.id, reason: 'again' } }, t.tokenFor(edu.id)),
      'STAFF_BAR_LIFTED',
    );
    ok(await addStaff(inst.id, '52012219900202567X', '孙某'));
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.staff.bar_lifted' AND entity_id = $1`,
      [life.id],
    );
    expect(n).toBe(1);
  });
});
