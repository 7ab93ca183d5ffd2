import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { openAccount } from '../factories/escrow.factory';
import { createInstitution } from '../factories/registry.factory';
import { TestApp, expectGqlError, startTestApp } from '../support/test-app';

/**
 * Global object identification (issue #21 items 3 and 4): `node(id:)` refetches one object of every `Node`
 * type through its own by-id field, `nodes(ids:)` mixes types, scope is that of the by-id fields (out of
 * scope: null + NODE_NOT_FOUND), get-by-id fields are nullable (a missing id leaves its siblings' data), and
 * PageInfo carries hasPreviousPage and startCursor.
 */
const A = '520122001';
const B = '520122100';

describe('GraphQL: Node, node/nodes, nullable get-by-id, PageInfo', () => {
  let t: TestApp;
  let admin: string;
  let townshipA: string;
  /** One object of every Node type: GraphQL type name → [by-id root field, id]. */
  const objects: Record<string, [string, string]> = {};
  let institutionB: string;

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', clock: new FixedClock('2026-11-25T02:00:00Z') });
    await t.dataSource.transaction((em) =>
      seedReferenceDemo(
        em,
        t.runtime.config.security.piiHashKey,
        XIFENG.townships.map((x) => x.code),
      ),
    );
    const [school] = await t.dataSource.query(`SELECT id FROM school WHERE code = 'DEMO-S001'`);
    const adminUser = await t.loginAs(Role.COUNTY_ADMIN);
    admin = adminUser.token;
    townshipA = (await t.loginAs(Role.TOWNSHIP_OFFICER, A)).token;
    const schoolAdmin = (await t.loginAs(Role.SCHOOL_ADMIN, school.id)).token;
    const must = async <T>(query: string, variables: Record<string, unknown>, token = admin): Promise<T> => {
      const res = await t.gql<Record<string, T>>(query, variables, token);
      if (!res.data) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
      return Object.values(res.data)[0]!;
    };
    const id = async (query: string, variables: Record<string, unknown>, token = admin) =>
      (await must<{ id: string }>(query, variables, token)).id;

    const bank = await t.registerBank();
    const institution = await createInstitution(t, { townshipCode: A });
    institutionB = (await createInstitution(t, { townshipCode: B })).id;
    const account = await openAccount(t, admin, bank.bankCode, institution);
    const [entry] = await t.dataSource.query(
      `INSERT INTO credit_entry (institution_id, institution_name, credit_code, township_code, kind, reason_code, reason, status, effective_on, proposed_by_name, proposed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'WHITE', 'COMPLIANT', '规范经营', 'PUBLISHED', '2026-11-01', 'fixture', now(), now(), now()) RETURNING id`,
      [institution.id, institution.name, institution.creditCode, A],
    );
    const [course] = await t.dataSource.query(
      `INSERT INTO course (institution_id, name, topic, subject, target_grades, mode, lesson_minutes, price_per_hour_fen,
         term_start, term_end, weekly_slots, extra_sessions, created_at)
       VALUES ($1, '少儿美术', 'ART', false, '{3,4}', 'OFFLINE', 60, 10000, '2026-09-01', '2026-12-31', '[]', '[]', now()) RETURNING id`,
      [institution.id],
    );
    const task = await id(
      `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id } }`,
      {
        input: {
          type: 'SPECIAL_INSPECTION',
          title: '专项督导',
          targetKind: 'INSTITUTION',
          targetId: institution.id,
          leadDepartmentCode: 'EDU',
          dueAt: '2026-12-10T10:00:00+08:00',
        },
      },
    );
    await must(`mutation($id: ID!) { startTask(input: { id: $id }) { id } }`, { id: task });
    const finding = await id(`mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`, {
      input: { taskId: task, summary: '发现问题' },
    });
    // A case against a roster teacher, opened by the county office from an accepted paid-tutoring complaint.
    const [teacher] = await t.dataSource.query(`SELECT id FROM teacher WHERE school_id = $1 LIMIT 1`, [school.id]);
    const tutoring = await id(`mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { id } }`, {
      input: {
        channel: 'HOTLINE_12345',
        category: 'TEACHER_PAID_TUTORING',
        description: '有偿补课',
        townshipCode: A,
        anonymous: true,
      },
    });
    await must(`mutation($input: ComplaintReplyInput!) { acceptComplaint(input: $input) { id } }`, {
      input: { complaintId: tutoring },
    });
    const teacherCase = await id(`mutation($input: OpenTeacherCaseInput!) { openTeacherCase(input: $input) { id } }`, {
      input: { complaintId: tutoring, teacherId: teacher.id },
    });
    Object.assign(objects, {
      AfterSchoolPlan: [
        'afterSchoolPlan',
        await id(
          `mutation($input: SavePlanInput!) { saveAfterSchoolPlan(input: $input) { id } }`,
          {
            input: {
              schoolId: school.id,
              semester: '2026-1',
              timeSlots: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '15:30', end: '17:30' })),
              basicCare: '作业辅导',
              customisedServices: ['书法'],
              staff: [{ kind: 'VOLUNTEER', name: '团县委志愿者' }],
            },
          },
          schoolAdmin,
        ),
      ],
      Complaint: [
        'complaint',
        await id(`mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { id } }`, {
          input: {
            channel: 'HOTLINE_12345',
            category: 'PRICING',
            description: '投诉',
            townshipCode: A,
            institutionId: institution.id,
            contactName: '张三',
            contactPhone: '13812341234',
          },
        }),
      ],
      CreditEntry: ['creditEntry', entry.id],
      CreditRecord: [
        'creditRecord',
        await id(`mutation($input: RecordCreditInput!) { recordCredit(input: $input) { id } }`, {
          input: {
            institutionId: institution.id,
            kind: 'VIOLATION',
            source: 'MANUAL',
            severity: 'MINOR',
            summary: '违规',
          },
        }),
      ],
      EscrowAccount: ['escrowAccount', account.id],
      Institution: ['institution', institution.id],
      PrepaidContract: [
        'prepaidContract',
        (
          await must<{ contract: { id: string } }>(
            `mutation($i: RegisterPrepaidContractInput!) { registerPrepaidContract(input: $i) { contract { id } } }`,
            {
              i: {
                institutionId: institution.id,
                courseId: course.id,
                studentName: '学生',
                payerName: '家长',
                payerPhone: '13800000001',
                lessonsBought: 10,
                pricePerLesson: '100.00',
                periodStart: '2026-11-25',
                periodEnd: '2026-12-31',
                paymentRoute: 'ESCROW_ACCOUNT',
                paymentMethod: 'BANK_TRANSFER',
                refundTerms: '未消课时按合同单价全额退还',
              },
            },
          )
        ).contract.id,
      ],
      RectificationOrder: [
        'rectificationOrder',
        await id(`mutation($input: IssueRectificationOrderInput!) { issueRectificationOrder(input: $input) { id } }`, {
          input: { findingId: finding, requirements: '限期整改', deadlineAt: '2026-12-20T10:00:00+08:00' },
        }),
      ],
      School: ['school', school.id],
      SupervisionCampaign: [
        'supervisionCampaign',
        await id(`mutation($input: CreateCampaignInput!) { createSupervisionCampaign(input: $input) { id } }`, {
          input: { name: '寒假专项', startsOn: '2026-12-01', endsOn: '2027-02-28' },
        }),
      ],
      SupervisionTask: ['supervisionTask', task],
      TeacherCase: ['teacherCase', teacherCase],
      UnlicensedLead: [
        'unlicensedLead',
        await id(`mutation($input: RecordLeadInput!) { recordUnlicensedLead(input: $input) { id } }`, {
          input: {
            description: '线索',
            kind: 'UNLICENSED',
            location: '某小区',
            source: 'GRID_PATROL',
            townshipCode: A,
          },
        }),
      ],
      User: ['user', adminUser.id],
      PenaltyDecision: [
        'penaltyDecision',
        await id(`mutation($input: DecidePenaltyInput!) { decidePenalty(input: $input) { id } }`, {
          input: {
            decisionNumber: '息教罚决字〔2026〕9号',
            institutionId: institution.id,
            kinds: ['WARNING'],
            legalBasis: '《校外培训行政处罚暂行办法》第十四条',
            facts: '督导检查查实。',
            findingIds: [finding],
            decidingDepartmentCode: 'EDU',
            noticeServedOn: '2026-11-20',
            decidedOn: '2026-11-25',
          },
        }),
      ],
      TeacherBurdenDemand: [
        'teacherBurdenDemand',
        await id(
          `mutation($input: RecordTeacherBurdenDemandInput!) { recordTeacherBurdenDemand(input: $input) { id } }`,
          {
            input: {
              schoolId: school.id,
              kind: 'INSPECTION',
              title: '消防检查',
              requesterDepartmentCode: 'FIRE_RESCUE',
              startsOn: '2026-11-20',
              endsOn: '2026-11-20',
              teachersInvolved: 2,
              teacherHours: 4,
              approvalReference: '息双减办〔2026〕1号',
            },
          },
          schoolAdmin,
        ),
      ],
      // A fixture row, as a level-3 escalation opens it (its flow is test/supervision/accountability's).
      AccountabilityCase: [
        'accountabilityCase',
        (
          await t.dataSource.query(
            `INSERT INTO accountability_case (party_kind, party_code, status, opened_at, statement_due_at, decision_due_at, updated_at)
             VALUES ('DEPARTMENT', 'EDU', 'OPEN', now(), now() + interval '5 days', now() + interval '15 days', now()) RETURNING id`,
          )
        )[0].id,
      ],
      // A fixture row, as the schools module's recordEnrolmentPlan leaves it (its rules are test/schools').
      EnrolmentPlan: [
        'enrolmentPlan',
        (
          await t.dataSource.query(
            `INSERT INTO enrolment_plan (school_id, township_code, year, sector, status, places, registration_start, registration_end,
               admission_date, admission_method, recorded_by, recorded_at)
             VALUES ($1, $2, 2027, 'PUBLIC', 'SUBMITTED', '[{"grade":1,"places":90}]', '2027-07-01', '2027-07-10', '2027-07-20',
               'SERVICE_AREA', 'fixture', now()) RETURNING id`,
            [school.id, A],
          )
        )[0].id,
      ],
    });
  });
  afterAll(() => t?.close());

  it('every object type with a by-id root field implements Node, and node(id:) refetches one of each', async () => {
    const schema = await t.gql<{ __type: { possibleTypes: { name: string }[] } }>(
      `{ __type(name: "Node") { possibleTypes { name } } }`,
    );
    const nodeTypes = schema.data!.__type.possibleTypes.map((x) => x.name).sort();
    expect(nodeTypes).toEqual(Object.keys(objects).sort());
    const root = await t.gql<{ __schema: { queryType: { fields: { name: string; args: { name: string }[] }[] } } }>(
      `{ __schema { queryType { fields { name args { name } } } } }`,
    );
    const byIdFields = root
      .data!.__schema.queryType.fields.filter(
        (f) => f.args.length === 1 && f.args[0]!.name === 'id' && f.name !== 'node',
      )
      .map((f) => f.name)
      .sort();
    expect(byIdFields).toEqual(
      Object.values(objects)
        .map(([field]) => field)
        .sort(),
    );

    for (const [type, [, id]] of Object.entries(objects)) {
      const res = await t.gql<{ node: { __typename: string; id: string } }>(
        `query($id: ID!) { node(id: $id) { __typename id } }`,
        { id },
        admin,
      );
      expect({ type, res: res.data }).toEqual({ type, res: { node: { __typename: type, id } } });
    }
  });

  it('a by-id field is nullable: a found and a missing record side by side both answer', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await t.gql<{ found: { id: string } | null; missing: { id: string } | null }>(
      `query($a: ID!, $b: ID!) { found: institution(id: $a) { id } missing: institution(id: $b) { id } }`,
      { a: objects.Institution![1], b: missing },
      admin,
    );
    expect(res.data).toEqual({ found: { id: objects.Institution![1] }, missing: null });
    expectGqlError(res, 'INSTITUTION_NOT_FOUND');
    expect(res.errors?.[0]).toMatchObject({ path: ['missing'] });
    expect(res.errors).toHaveLength(1);
  });

  it('out of scope: a township officer gets null + NODE_NOT_FOUND, never data', async () => {
    const res = await t.gql<{ mine: { id: string } | null; other: unknown; user: unknown }>(
      `query($a: ID!, $b: ID!, $u: ID!) { mine: node(id: $a) { id } other: node(id: $b) { id ... on Institution { name } } user: node(id: $u) { id } }`,
      { a: objects.Institution![1], b: institutionB, u: objects.User![1] },
      townshipA,
    );
    expect(res.data).toEqual({ mine: { id: objects.Institution![1] }, other: null, user: null });
    expect(res.errors?.map((e) => [(e as { path?: unknown }).path, e.extensions?.code]).sort()).toEqual([
      [['other'], 'NODE_NOT_FOUND'],
      [['user'], 'NODE_NOT_FOUND'],
    ]);
    const direct = await t.gql(`query($b: ID!) { institution(id: $b) { id } }`, { b: institutionB }, townshipA);
    expect(direct.data).toEqual({ institution: null });
    expectGqlError(direct, 'INSTITUTION_NOT_FOUND');
  });

  it('nodes mixes types, keeps the order, repeats and answers null + NODE_NOT_FOUND per missing id', async () => {
    const ids = [
      objects.School![1],
      objects.Institution![1],
      '00000000-0000-4000-8000-000000000000',
      objects.SupervisionTask![1],
      objects.School![1],
    ];
    const res = await t.gql<{ nodes: ({ __typename: string; id: string } | null)[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on School { name } ... on Institution { name } } }`,
      { ids },
      admin,
    );
    expect(res.data!.nodes.map((n) => n && [n.__typename, n.id])).toEqual([
      ['School', ids[0]],
      ['Institution', ids[1]],
      null,
      ['SupervisionTask', ids[3]],
      ['School', ids[0]],
    ]);
    expect(res.errors?.map((e) => [(e as { path?: unknown }).path, e.extensions?.code])).toEqual([
      [['nodes', 2], 'NODE_NOT_FOUND'],
    ]);
  });

  it('nodes takes at most 100 ids, all UUIDs', async () => {
    const many = Array.from({ length: 101 }, () => objects.School![1]);
    const tooMany = await t.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: many }, admin);
    expectGqlError(tooMany, 'VALIDATION_FAILED');
    const bad = await t.gql(`{ nodes(ids: ["x"]) { id } }`, {}, admin);
    expectGqlError(bad, 'VALIDATION_FAILED');
    const hundred = await t.gql<{ nodes: unknown[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids: many.slice(0, 100) },
      admin,
    );
    expect(hundred.data?.nodes).toHaveLength(100);
  });

  it('PageInfo: startCursor, endCursor, hasNextPage and hasPreviousPage on the first and a following page', async () => {
    type Page = {
      schools: {
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: {
          hasNextPage: boolean;
          hasPreviousPage: boolean;
          startCursor: string | null;
          endCursor: string | null;
        };
      };
    };
    const query = `query($after: String) { schools(first: 2, after: $after) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const first = (await t.gql<Page>(query, {}, admin)).data!.schools;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: first.edges[0]!.cursor,
      endCursor: first.edges[1]!.cursor,
    });
    const second = (await t.gql<Page>(query, { after: first.pageInfo.endCursor }, admin)).data!.schools;
    expect(second.edges.length).toBeGreaterThan(0);
    expect(second.edges[0]!.node.id).not.toBe(first.edges[1]!.node.id);
    expect(second.pageInfo).toMatchObject({
      hasPreviousPage: true,
      startCursor: second.edges[0]!.cursor,
      endCursor: second.edges.at(-1)!.cursor,
    });
  });
});
