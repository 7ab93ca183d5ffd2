import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { BankApi } from '../../../platform/auth/bank-api.decorator';
import { CurrentPrincipal, Public } from '../../../platform/auth/decorators';
import { BankPrincipal } from '../../../platform/auth/principal';
import { BankIngestService, BatchResult } from '../bank-ingest.service';
import { BankAccountView, EscrowAccountService } from '../escrow-account.service';
import { BankInstructionView, EscrowInstructionService } from '../escrow-instruction.service';
import { BankOpenApiDocument, bankOpenApi } from './bank-openapi';
import { AccountsQuery, AckBody, InstructionsQuery, batchItems, requestedActions } from './bank.dto';

/**
 * The bank custody REST interface, version 1 (docs/bank-api.md). Signed requests, rate limit and
 * idempotency come from @BankApi(); the principal is the bank key. Described by its own OpenAPI 3.1
 * document (below), so it is left out of the service's generated one.
 */
@ApiExcludeController()
@BankApi()
@Controller('api/bank/v1')
export class BankController {
  constructor(
    private readonly ingest: BankIngestService,
    private readonly accounts: EscrowAccountService,
    private readonly instructions: EscrowInstructionService,
  ) {}

  @Get('accounts')
  listAccounts(
    @CurrentPrincipal() bank: BankPrincipal,
    @Query() query: AccountsQuery,
  ): Promise<{ accounts: BankAccountView[]; nextCursor: string | null }> {
    return this.accounts.listForBank(bank, query);
  }

  @Post('statements')
  @HttpCode(200)
  postStatements(@CurrentPrincipal() bank: BankPrincipal, @Body() body: unknown): Promise<BatchResult> {
    return this.ingest.postStatements(bank, batchItems(body, 'statements'));
  }

  @Post('transactions')
  @HttpCode(200)
  postTransactions(@CurrentPrincipal() bank: BankPrincipal, @Body() body: unknown): Promise<BatchResult> {
    return this.ingest.postTransactions(bank, batchItems(body, 'transactions'));
  }

  @Get('instructions')
  async listInstructions(
    @CurrentPrincipal() bank: BankPrincipal,
    @Query() query: InstructionsQuery,
  ): Promise<{ instructions: BankInstructionView[] }> {
    return {
      instructions: await this.instructions.listForBank(bank, query.status ?? 'PENDING', requestedActions(query)),
    };
  }

  @Post('instructions/:id/ack')
  @HttpCode(200)
  ack(
    @CurrentPrincipal() bank: BankPrincipal,
    @Param('id') id: string,
    @Body() body: AckBody,
  ): Promise<BankInstructionView> {
    return this.instructions.acknowledge(bank, id, {
      outcome: body.outcome,
      executedAt: new Date(body.executedAt),
      note: body.note ?? null,
    });
  }
}

/** The interface's OpenAPI 3.1 document, public (banks' integration teams read it before they have keys). */
@ApiExcludeController()
@Public()
@Controller('api/bank/v1')
export class BankOpenApiController {
  private readonly doc: BankOpenApiDocument;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.doc = bankOpenApi(config);
  }

  @Get('openapi.json')
  document(): BankOpenApiDocument {
    return this.doc;
  }
}
