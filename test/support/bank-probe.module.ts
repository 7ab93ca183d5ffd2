import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/platform/audit/audit.service';
import { BankApi } from '../../src/platform/auth/bank-api.decorator';
import { CurrentPrincipal } from '../../src/platform/auth/decorators';
import { Principal } from '../../src/platform/auth/principal';
import { Conflict } from '../../src/platform/errors/domain-error';
import { text } from '../../src/platform/i18n/text';

class WorkDto {
  @IsInt()
  @Min(0)
  @Max(1000)
  n!: number;

  @IsOptional()
  @IsString()
  note?: string;
}

/** A gate the test opens: `/slow` waits behind it, so a test can hold a request in flight. */
export const gate = {
  entered: false,
  open: () => undefined as void,
  reset(): void {
    this.entered = false;
    this.promise = new Promise<void>((resolve) => (this.open = resolve));
  },
  promise: Promise.resolve(),
};

/**
 * Bank-guarded routes that exist only in the test suite (the real ones come with the escrow module).
 * `/work` does observable work: one audit row per run, and a fresh id in each answer.
 */
@ApiExcludeController()
@BankApi()
@Controller('api/test-bank')
class BankProbeController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get('whoami')
  whoami(@CurrentPrincipal() principal: Principal) {
    return { principal };
  }

  @Post('work')
  @HttpCode(200)
  async work(@CurrentPrincipal() actor: Principal, @Body() body: WorkDto) {
    const workId = randomUUID();
    await this.dataSource.transaction((em) =>
      this.audit.record(em, {
        actor,
        action: 'test.work',
        entityType: 'probe',
        entityId: workId,
        summary: { n: body.n },
      }),
    );
    return { workId, n: body.n };
  }

  @Post('created')
  async created(@Body() body: WorkDto) {
    return { created: body.n };
  }

  @Post('slow')
  async slow(@CurrentPrincipal() actor: Principal, @Body() body: WorkDto) {
    gate.entered = true;
    await gate.promise;
    return this.work(actor, body);
  }

  @Post('refuse')
  refuse(): never {
    throw new Conflict('PROBE_REFUSED', text('The probe refuses this', '探测接口拒绝了此请求'));
  }
}

@Module({ controllers: [BankProbeController] })
export class BankProbeModule {}
