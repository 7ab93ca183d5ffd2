import { Module, OnModuleInit } from '@nestjs/common';
import { CREDIT_LINK_RESOLVERS } from './graphql/credit-links.resolver';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EscrowModule } from '../escrow';
import { NotificationsModule } from '../notifications';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { PolicyModule } from '../policy';
import { CreditEntryLifecycleService } from './credit-entry-lifecycle.service';
import { CreditEntryService } from './credit-entry.service';
import { CreditRecordService } from './credit-record.service';
import { CreditFacade } from './credit.facade';
import { creditReasonProblems } from './data/credit-reasons';
import { CreditEntry } from './entities/credit-entry.entity';
import { CreditRecord } from './entities/credit-record.entity';
import { CreditEntryResolver, CreditRecordResolver } from './graphql/credit.resolver';
import { InstitutionStandingResolver, PublicStandingResolver } from './graphql/public-standing.resolver';
import { EscrowProjectionSubscriber } from './subscribers/escrow-projection.subscriber';
import { ViolationSourcesSubscriber } from './subscribers/violation-sources.subscriber';
import { WhitelistEligibilityService } from './whitelist-eligibility.service';
import { EntryExpiryTask } from './entry-expiry.task';
import { EscrowAlertDeadlineTask } from './escrow-alert-deadline.task';
import { WhitelistReviewTask } from './whitelist-review.task';
import { CreditQueries } from './credit.queries';
import { JointPunishmentService } from './joint-punishment.service';
import { CreditFeedController, CreditFeedOpenApiController } from './feed/credit-feed.controller';
import { CreditFeedQueries } from './feed/credit-feed.queries';
import { CreditFeedService } from './feed/credit-feed.service';
import { CreditFeedSubscriber } from './subscribers/credit-feed.subscriber';

/**
 * Black / white lists (黑白名单), credit records, joint punishment (联合惩戒), credit repair (信用修复) and the
 * credit feed the credit-sharing platform pulls (信用信息共享平台).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CreditRecord, CreditEntry]),
    RegistryModule,
    EscrowModule,
    NotificationsModule,
    ReferenceModule,
    PolicyModule,
  ],
  providers: [
    ...CREDIT_LINK_RESOLVERS,
    CreditRecordService,
    CreditQueries,
    CreditEntryService,
    CreditEntryLifecycleService,
    JointPunishmentService,
    WhitelistEligibilityService,
    CreditFacade,
    CreditRecordResolver,
    CreditEntryResolver,
    PublicStandingResolver,
    InstitutionStandingResolver,
    EscrowProjectionSubscriber,
    ViolationSourcesSubscriber,
    EscrowAlertDeadlineTask,
    EntryExpiryTask,
    WhitelistReviewTask,
    CreditFeedService,
    CreditFeedQueries,
    CreditFeedSubscriber,
  ],
  controllers: [CreditFeedController, CreditFeedOpenApiController],
  exports: [CreditFacade],
})
export class CreditModule implements OnModuleInit {
  onModuleInit(): void {
    const problems = creditReasonProblems();
    if (problems.length) throw new Error(`credit reason table: ${problems.join('; ')}`);
  }
}
