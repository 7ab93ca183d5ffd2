import { Module } from '@nestjs/common';

/**
 * What the county decides once a problem is found: administrative penalties (行政处罚) against
 * institutions and unlicensed operators, and what follows from them (registry lifecycle, credit record,
 * public profile, the credit-sharing platform).
 */
@Module({
  imports: [],
  providers: [],
  exports: [],
})
export class EnforcementModule {}
