import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { CurrentPrincipal, Public } from '../../../platform/auth/decorators';
import { PlatformApi } from '../../../platform/auth/platform-api.decorator';
import { PlatformPrincipal } from '../../../platform/auth/principal';
import { PlatformBatchResult, PlatformIngestService } from './platform-ingest.service';
import { BATCH_FIELD, platformBatch } from './platform-items';
import { PlatformOpenApiDocument, platformOpenApi } from './platform-openapi';

/**
 * The platform interface, version 1 (docs/platform-api.md): the national or provincial platform sends
 * contracts, lesson records and lesson confirmations of institutions that sell through it. Signed like
 * the bank interface but with platform keys (@PlatformApi); described by its own OpenAPI document.
 */
@ApiExcludeController()
@PlatformApi()
@Controller('api/platform/v1')
export class PlatformController {
  constructor(private readonly ingest: PlatformIngestService) {}

  @Post('contracts')
  @HttpCode(200)
  postContracts(@CurrentPrincipal() platform: PlatformPrincipal, @Body() body: unknown): Promise<PlatformBatchResult> {
    return this.ingest.postContracts(platform, platformBatch(body, BATCH_FIELD.CONTRACT));
  }

  @Post('lesson-records')
  @HttpCode(200)
  postLessonRecords(
    @CurrentPrincipal() platform: PlatformPrincipal,
    @Body() body: unknown,
  ): Promise<PlatformBatchResult> {
    return this.ingest.postLessonRecords(platform, platformBatch(body, BATCH_FIELD.LESSON_RECORD));
  }

  @Post('lesson-confirmations')
  @HttpCode(200)
  postLessonConfirmations(
    @CurrentPrincipal() platform: PlatformPrincipal,
    @Body() body: unknown,
  ): Promise<PlatformBatchResult> {
    return this.ingest.postLessonConfirmations(platform, platformBatch(body, BATCH_FIELD.LESSON_CONFIRMATION));
  }
}

/** The interface's OpenAPI 3.1 document, public like the bank one. */
@ApiExcludeController()
@Public()
@Controller('api/platform/v1')
export class PlatformOpenApiController {
  private readonly doc: PlatformOpenApiDocument;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.doc = platformOpenApi(config);
  }

  @Get('openapi.json')
  document(): PlatformOpenApiDocument {
    return this.doc;
  }
}
