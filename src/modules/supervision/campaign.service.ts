import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { Forbidden } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { ChecklistTemplate } from './entities/checklist-template.entity';
import { SupervisionCampaign } from './entities/supervision-campaign.entity';
import { ChecklistItem } from './entities/supervision-task.entity';
import { campaignNotFound } from './supervision.errors';
import { TaskType } from './supervision.enums';
import { SupervisionQueries } from './supervision.queries';
import { UUID } from './supervision.types';
import { text } from '../../platform/i18n/text';
import { MUST_NOT_BE_BLANK, notBefore } from '../../platform/i18n/field-texts';

/** Campaigns (专项行动) and the checklist templates per task type. */
@Injectable()
export class CampaignService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: SupervisionQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- campaigns and checklist templates ----------------------------------------------------------
  listCampaigns(): Promise<SupervisionCampaign[]> {
    return this.queries.listCampaigns();
  }

  async getCampaign(id: string): Promise<SupervisionCampaign> {
    const campaign = UUID.test(id) ? await this.queries.campaignById(id) : null;
    if (!campaign) throw campaignNotFound(id);
    return campaign;
  }

  async createCampaign(
    actor: Principal,
    input: { name: string; description?: string; startsOn: string; endsOn: string },
  ): Promise<SupervisionCampaign> {
    if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER))
      throw new Forbidden(
        text(
          'Only the county office or a department officer may start a campaign',
          '只有县级管理部门或部门工作人员可以发起专项行动',
        ),
      );
    const name = input.name.trim();
    const problems = new Problems();
    problems.check(name, 'name', MUST_NOT_BE_BLANK);
    if (input.endsOn < input.startsOn) problems.add('endsOn', notBefore('startsOn'));
    problems.throwIfAny();
    return this.dataSource.transaction(async (em) => {
      const campaign = await em.save(
        em.create(SupervisionCampaign, {
          name,
          description: input.description?.trim() ?? '',
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          createdAt: this.clock.now(),
        }),
      );
      await this.audit.record(em, {
        actor,
        action: 'supervision.campaign.created',
        entityType: 'supervision_campaign',
        entityId: campaign.id,
        summary: { name, startsOn: input.startsOn, endsOn: input.endsOn },
      });
      return campaign;
    });
  }
  listTemplates(): Promise<ChecklistTemplate[]> {
    return this.queries.listTemplates();
  }

  /** Changes a task type's checklist and default deadline (tasks already created keep their copy). */
  async updateTemplate(
    actor: Principal,
    taskType: TaskType,
    items: ChecklistItem[],
    defaultDueDays: number,
  ): Promise<ChecklistTemplate> {
    if (!hasRole(actor, Role.COUNTY_ADMIN))
      throw new Forbidden(
        text('Only the county office edits checklist templates', '只有县级管理部门可以编辑检查清单模板'),
      );
    const clean = items.map((i) => ({ code: i.code.trim().toUpperCase(), label: i.label.trim() }));
    const problems = new Problems();
    if (clean.length === 0) problems.add('items', text('needs at least one item', '至少须有一项'));
    if (new Set(clean.map((i) => i.code)).size !== clean.length)
      problems.add('items', text('codes must be unique', '代码不能重复'));
    clean.forEach((i, n) => {
      problems.check(
        /^[A-Z0-9_]{1,40}$/.test(i.code),
        `items.${n}.code`,
        text('must be 1–40 characters A-Z, 0-9, _', '须为 1–40 个字符（A-Z、0-9、_）'),
      );
      problems.check(i.label, `items.${n}.label`, MUST_NOT_BE_BLANK);
    });
    problems.throwIfAny();
    return this.dataSource.transaction(async (em) => {
      const template = await this.queries.lockTemplate(em, taskType);
      const before = { items: template.items, defaultDueDays: template.defaultDueDays };
      template.items = clean;
      template.defaultDueDays = defaultDueDays;
      template.updatedAt = this.clock.now();
      await em.save(template);
      await this.audit.record(em, {
        actor,
        action: 'supervision.checklist_template.updated',
        entityType: 'supervision_checklist_template',
        entityId: taskType,
        summary: { before, after: { items: clean, defaultDueDays } },
      });
      return template;
    });
  }
}
