import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PolicyChange } from './entities/policy-change.entity';
import { PolicyResolver } from './graphql/policy.resolver';
import { PolicyCache } from './policy-cache.service';
import { catalogueProblems } from './policy.catalogue';
import { PolicyFacade } from './policy.facade';
import { PolicyService } from './policy.service';

/** The policy store (规则即数据): county rules with national defaults, bounds, history and two-step changes. */
@Module({
  imports: [TypeOrmModule.forFeature([PolicyChange])],
  providers: [PolicyCache, PolicyService, PolicyFacade, PolicyResolver],
  exports: [PolicyFacade],
})
export class PolicyModule implements OnModuleInit {
  onModuleInit(): void {
    const problems = catalogueProblems();
    if (problems.length) throw new Error(`policy catalogue: ${problems.join('; ')}`);
  }
}
