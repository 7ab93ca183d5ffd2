import { EntityManager } from 'typeorm';
import { encrypt } from '../../../platform/crypto/crypto';
import { ComplaintCategory, ComplaintChannel, ComplaintStatus } from '../complaint.enums';
import { ACCEPT_DAYS, ROUTE_DAYS, calendarDeadline } from '../deadlines';
import { COMPLAINT_ROUTING, FALLBACK_LEAD_DUTY, route } from '../routing';
import { newTrackingNumber } from '../tracking-number';

const DEMO: {
  category: ComplaintCategory;
  channel: ComplaintChannel;
  townshipCode: string;
  description: string;
  institutionName?: string;
  address?: string;
  contact?: [string, string];
}[] = [
  {
    category: ComplaintCategory.FALSE_ADVERTISING,
    channel: ComplaintChannel.ONLINE,
    townshipCode: '520122001',
    description: '传单宣称"名师押题、保过"，与实际不符',
    institutionName: '某某教育咨询',
    contact: ['王芳', '13800001234'],
  },
  {
    category: ComplaintCategory.UNLICENSED_TRAINING,
    channel: ComplaintChannel.GRID_PATROL,
    townshipCode: '520122101',
    description: '居民楼内以"托管"名义开展学科培训',
    address: '温泉镇某小区 2 栋 301',
  },
  {
    category: ComplaintCategory.HOMEWORK_BURDEN,
    channel: ComplaintChannel.HOTLINE_12345,
    townshipCode: '520122100',
    description: '四年级书面作业每天超过 90 分钟',
    contact: ['李明', '13900005678'],
  },
];

/** Demo complaints (`npm run seed:demo`), routed through the county's duty table; skipped when complaints exist. */
export async function seedComplaintsDemo(
  em: EntityManager,
  encryptionKey: Buffer,
  timeZone: string,
  now = new Date(),
): Promise<number> {
  const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM complaint`)) as { n: number }[];
  if (n > 0) return 0;
  const holders = async (duty: string) =>
    (
      (await em.query(
        `SELECT department_code AS code FROM department_duty dd JOIN department d ON d.code = dd.department_code WHERE duty = $1 ORDER BY d.sort_order`,
        [duty],
      )) as { code: string }[]
    ).map((r) => r.code);
  for (const d of DEMO) {
    const rule = COMPLAINT_ROUTING[d.category];
    const routing = route(
      await holders(rule.leadDuty),
      await holders(FALLBACK_LEAD_DUTY),
      await Promise.all(rule.coDuties.map(holders)),
    );
    const [{ id }] = (await em.query(
      `INSERT INTO complaint (tracking_number, channel, category, status, description, institution_name, address, township_code, lead_department_code,
         co_department_codes, anonymous, contact_name_enc, contact_phone_enc, received_at, route_due_at, accept_due_at, created_at, updated_at)
       VALUES ($1,$2,$3,'RECEIVED',$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$13,$13) RETURNING id`,
      [
        newTrackingNumber(),
        d.channel,
        d.category,
        d.description,
        d.institutionName ?? null,
        d.address ?? null,
        d.townshipCode,
        routing.leadDepartmentCode,
        routing.coDepartmentCodes,
        !d.contact,
        d.contact ? encrypt(encryptionKey, d.contact[0]) : null,
        d.contact ? encrypt(encryptionKey, d.contact[1]) : null,
        now,
        calendarDeadline(now, ROUTE_DAYS, timeZone).dueAt,
        calendarDeadline(now, ACCEPT_DAYS, timeZone).dueAt,
      ],
    )) as { id: string }[];
    await em.query(`INSERT INTO complaint_timeline_entry (complaint_id, status, occurred_at) VALUES ($1, $2, $3)`, [
      id,
      ComplaintStatus.RECEIVED,
      now,
    ]);
  }
  return DEMO.length;
}
