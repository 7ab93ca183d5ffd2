import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { businessDate } from '../../platform/clock/business-time';
import { ServiceUnavailable } from '../../platform/errors/domain-error';
import { PolicyRule } from './policy.catalogue';
import { loadApprovedVersions } from './policy.queries';
import { PolicyVersion, valueOn } from './policy.values';
import { text } from '../../platform/i18n/text';

/**
 * Every approved version of every rule, held in process (a few rows per rule). Reads cost no query while
 * the copy is younger than POLICY_REFRESH_MS; an older copy is reloaded (one query per replica, shared by
 * concurrent readers) before the read. The replica that approves a change reloads at once; the others
 * within POLICY_REFRESH_MS. A change in force from a future date needs no reload on that date: the value
 * on a date is computed from the versions, so every replica switches at the start of the business day.
 */
@Injectable()
export class PolicyCache {
  private readonly logger = new Logger('PolicyCache');
  private versions: PolicyVersion[] | null = null;
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The rule's value at an instant (its business date in the county's time zone). */
  async valueAt(rule: PolicyRule, at: Date): Promise<number> {
    const versions = await this.fresh();
    return valueOn(rule, versions, businessDate(at, this.config.timeZone));
  }

  async versionsOf(key: string): Promise<PolicyVersion[]> {
    return (await this.fresh()).filter((v) => v.key === key);
  }

  /** Reloads now (after an approval on this replica; tests after writing a version directly). */
  async refresh(): Promise<void> {
    this.loadedAt = 0;
    await this.fresh();
  }

  private async fresh(): Promise<PolicyVersion[]> {
    if (this.versions && Date.now() - this.loadedAt < this.config.policy.refreshMs) return this.versions;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    await this.loading;
    if (!this.versions)
      throw new ServiceUnavailable(
        text('County rules could not be loaded; retry later', '本县规则暂时无法加载，请稍后重试'),
      );
    return this.versions;
  }

  private async load(): Promise<void> {
    try {
      this.versions = await loadApprovedVersions(this.dataSource.manager);
      this.loadedAt = Date.now();
    } catch (e) {
      // Keep serving the last copy (rules change rarely); the next read tries again.
      this.logger.warn(`could not reload county rules: ${(e as Error).message}`);
      if (this.versions) this.loadedAt = Date.now() - this.config.policy.refreshMs / 2;
    }
  }
}
