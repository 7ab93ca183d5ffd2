import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DocumentNode, Kind, OperationDefinitionNode } from 'graphql';
import * as generated from '../../clients/generated/graphql';
import { ServiceClient, ServiceError, createServiceClient } from '../../clients/src/client';
import { NotificationsFacade } from '../../src/modules/notifications';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { openAccount } from '../factories/escrow.factory';
import { TestBankKey, createUser } from '../factories/identity.factory';
import { createInstitution } from '../factories/registry.factory';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * The front ends' typed client (clients/README.md) against the running service over real HTTP: every
 * operation of clients/documents, as generated into clients/generated/graphql.ts, is sent with graphql-request
 * through clients/src/client.ts and answers data without errors. The operations are read from the generated
 * module, so a new document fails here until it has a step below (its variables and what to check).
 */

/** Every operation document the generator emitted, by operation name (fragment documents left out). */
const operations = new Map<string, DocumentNode>();
for (const value of Object.values(generated)) {
  if (typeof value !== 'object' || value === null || (value as DocumentNode).kind !== Kind.DOCUMENT) continue;
  const operation = (value as DocumentNode).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operation?.name) operations.set(operation.name.value, value as DocumentNode);
}

const operationName = (document: DocumentNode) =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)?.name?.value;

describe('typed client: every document of clients/documents against the service', () => {
  let t: TestApp;
  let url: string;
  let bank: TestBankKey;
  /** What earlier steps learnt (the login's token, ids, the tracking number). */
  const session: Record<string, string> = {};
  const sent = new Set<string>();

  /** A client that notes which operation each request sends. */
  const recording = (client: ServiceClient): ServiceClient => ({
    request(document, ...variables) {
      const name = operationName(document);
      if (name) sent.add(name);
      return client.request(document, ...variables);
    },
  });
  let anonymous: ServiceClient;
  let staff: ServiceClient;

  beforeAll(async () => {
    // 11:00 in Xifeng, after the statement due hour (as the escrow tests)
    t = await startTestApp({ clock: new FixedClock('2026-11-29T03:00:00Z') });
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/graphql`;
    // No keep-alive: an idle pooled socket would outlive the app in this test process.
    const headers = { Connection: 'close' };
    anonymous = recording(createServiceClient({ url, headers }));
    staff = recording(createServiceClient({ url, headers, token: () => session.token }));

    const admin = await createUser(t.app, Role.COUNTY_ADMIN, undefined, { displayName: '县教育局管理员' });
    session.username = admin.username;
    session.password = admin.password;
    session.adminId = admin.id;
    const adminToken = t.tokenFor(admin.id);

    // An institution with an escrow account whose statement falls short of custody (SHORTFALL alert)
    const institution = await createInstitution(t, { townshipCode: '520122001' });
    session.institutionId = institution.id;
    session.creditCode = institution.creditCode;
    bank = await t.registerBank();
    const account = await openAccount(t, adminToken, bank.bankCode, institution);
    await t
      .bankRequest(
        'POST',
        '/api/bank/v1/transactions',
        {
          transactions: [
            {
              accountNo: account.accountNo,
              txnId: 'T-typed-client-1',
              bookedAt: '2026-11-28T10:15:00+08:00',
              type: 'DEPOSIT',
              amount: '3000.00',
              currency: 'CNY',
              payerRef: 'p***1',
              lessonHours: 10,
              coverageMonths: 1,
              reversalOf: null,
              memo: 'term fee',
            },
          ],
        },
        bank,
      )
      .expect(200);
    await t
      .bankRequest(
        'POST',
        '/api/bank/v1/statements',
        {
          statements: [
            {
              accountNo: account.accountNo,
              statementDate: '2026-11-28',
              openingBalance: '0.00',
              closingBalance: '1000.00',
              currency: 'CNY',
              revision: 0,
            },
          ],
        },
        bank,
      )
      .expect(200);

    // A supervision task on the institution
    const task = await t.gql<{ createSupervisionTask: { id: string } }>(
      `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id } }`,
      {
        input: {
          type: 'SPECIAL_INSPECTION',
          title: '专项督导：收费公示',
          targetKind: 'INSTITUTION',
          targetId: institution.id,
          leadDepartmentCode: 'EDU',
          dueAt: '2026-12-10T10:00:00+08:00',
        },
      },
      adminToken,
    );
    if (!task.data) throw new Error(`createSupervisionTask: ${JSON.stringify(task.errors)}`);
    session.taskId = task.data.createSupervisionTask.id;

    // A notification in the administrator's inbox
    await t.dataSource.transaction((em) =>
      t.app
        .get(NotificationsFacade)
        .notify(em, { userIds: [admin.id] }, { kind: 'test.typed-client', title: '督导任务待办', body: '请查看' }),
    );
    await t.settle();
  });

  afterAll(() => t?.close());

  /** One step per operation, in the order a user meets them; each sends its generated document. */
  const steps: Record<string, () => Promise<void>> = {
    Login: async () => {
      const { login } = await anonymous.request(generated.LoginDocument, {
        input: { username: session.username!, password: session.password! },
      });
      expect(login.user.role).toBe('COUNTY_ADMIN');
      expect(login.user.displayName).toBe('县教育局管理员');
      expect(Date.parse(login.expiresAt)).not.toBeNaN();
      session.token = login.accessToken;
    },
    Me: async () => {
      const { me } = await staff.request(generated.MeDocument);
      expect(me).toMatchObject({ id: session.adminId, username: session.username, role: 'COUNTY_ADMIN' });
    },
    Institutions: async () => {
      const { institutions } = await staff.request(generated.InstitutionsDocument, {
        first: 20,
        filter: { townshipCode: '520122001' },
      });
      const row = institutions.edges.find((e) => e.node.id === session.institutionId)?.node;
      expect(row).toMatchObject({ creditCode: session.creditCode, status: 'OPERATING', category: 'NON_SUBJECT' });
      expect(row?.township.code).toBe('520122001');
      expect(institutions.pageInfo.hasNextPage).toBe(false);
    },
    InstitutionDetail: async () => {
      const { institution } = await staff.request(generated.InstitutionDetailDocument, { id: session.institutionId! });
      expect(institution?.id).toBe(session.institutionId);
      expect(institution?.escrowAccount?.bankCode).toBe(bank.bankCode);
      expect(institution?.openEscrowAlertCount).toBeGreaterThan(0);
    },
    EscrowAccounts: async () => {
      const { escrowAccounts } = await staff.request(generated.EscrowAccountsDocument, {
        filter: { institutionId: session.institutionId! },
      });
      expect(escrowAccounts.totalCount).toBe(1);
      expect(escrowAccounts.edges[0]?.node.custody).toMatchObject({ latestBalance: '1000.00', shortfall: '2000.00' });
    },
    EscrowAlerts: async () => {
      const { escrowAlerts } = await staff.request(generated.EscrowAlertsDocument, {
        first: 50,
        filter: { status: 'OPEN', type: 'SHORTFALL' },
      });
      const alert = escrowAlerts.edges.find((e) => e.node.institution?.id === session.institutionId)?.node;
      expect(alert?.type).toBe('SHORTFALL');
      expect(alert?.details).toMatchObject({ shortfall: '2000.00' });
    },
    SubmitComplaint: async () => {
      const { submitComplaint } = await anonymous.request(generated.SubmitComplaintDocument, {
        input: {
          category: 'PRICING',
          description: '机构一次性收取一年学费',
          institutionCreditCode: session.creditCode!,
          anonymous: true,
        },
      });
      expect(submitComplaint.trackingNumber).toMatch(/^TS/);
      session.trackingNumber = submitComplaint.trackingNumber;
    },
    ComplaintStatus: async () => {
      const { complaintStatus } = await anonymous.request(generated.ComplaintStatusDocument, {
        trackingNumber: session.trackingNumber!,
      });
      expect(complaintStatus).toMatchObject({ category: 'PRICING', status: 'RECEIVED' });
      expect(complaintStatus.timeline.map((e) => e.status)).toEqual(['RECEIVED']);
    },
    SupervisionTasks: async () => {
      const { supervisionTasks } = await staff.request(generated.SupervisionTasksDocument, {
        filter: { departmentCode: 'EDU' },
      });
      const row = supervisionTasks.edges.find((e) => e.node.id === session.taskId)?.node;
      expect(row?.institution?.name).toBeDefined();
      expect(row?.type).toBe('SPECIAL_INSPECTION');
    },
    SupervisionTaskDetail: async () => {
      const { supervisionTask } = await staff.request(generated.SupervisionTaskDetailDocument, { id: session.taskId! });
      expect(supervisionTask).toMatchObject({
        id: session.taskId,
        title: '专项督导：收费公示',
        leadDepartmentCode: 'EDU',
      });
      expect(supervisionTask?.findings).toEqual([]);
    },
    Dashboard: async () => {
      const { dashboard } = await staff.request(generated.DashboardDocument);
      expect(dashboard.supervision.open).toBeGreaterThanOrEqual(1);
      expect(dashboard.complaints.received).toBeGreaterThanOrEqual(1);
    },
    Notifications: async () => {
      const data = await staff.request(generated.NotificationsDocument, {
        first: 20,
        filter: { unreadOnly: true },
      });
      const mine = data.notifications.edges.find((e) => e.node.kind === 'test.typed-client')?.node;
      expect(mine).toMatchObject({ title: '督导任务待办', read: false });
      expect(data.unreadNotificationCount).toBe(data.notifications.totalCount);
      session.notificationId = mine!.id;
    },
    MarkNotificationRead: async () => {
      const { markNotificationRead } = await staff.request(generated.MarkNotificationReadDocument, {
        input: { id: session.notificationId! },
      });
      expect(markNotificationRead).toEqual({ id: session.notificationId, read: true });
    },
    MarkAllNotificationsRead: async () => {
      const { markAllNotificationsRead } = await staff.request(generated.MarkAllNotificationsReadDocument);
      expect(markAllNotificationsRead).toBeGreaterThanOrEqual(0);
      const after = await staff.request(generated.NotificationsDocument, { filter: { unreadOnly: true } });
      expect(after.unreadNotificationCount).toBe(0);
    },
  };

  it('finds the screens the front ends start from in the generated module', () => {
    expect(operations.size).toBeGreaterThanOrEqual(14);
    expect([...operations.keys()].sort()).toEqual(
      expect.arrayContaining(['Login', 'Me', 'Institutions', 'Dashboard', 'Notifications']),
    );
  });

  const ordered = [
    ...Object.keys(steps).filter((name) => operations.has(name)),
    ...[...operations.keys()].filter((name) => !(name in steps)),
  ];
  it.each(ordered)('%s answers data without errors', async (name) => {
    const step = steps[name];
    if (!step) throw new Error(`no step for the operation ${name}: add its variables and checks to this file`);
    await step();
    expect(sent).toContain(name);
  });

  it('has no step for an operation the documents no longer hold', () => {
    expect(Object.keys(steps).filter((name) => !operations.has(name))).toEqual([]);
  });

  it('reports a refused request as a ServiceError with the stable code', async () => {
    const detail = generated.InstitutionDetailDocument as TypedDocumentNode<unknown, { id: string }>;
    const refused = await anonymous.request(detail, { id: session.institutionId! }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceError);
    expect((refused as ServiceError).code).toBe('UNAUTHENTICATED');
  });
});
