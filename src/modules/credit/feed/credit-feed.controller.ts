import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { CreditPlatformApi } from '../../../platform/auth/credit-platform-api.decorator';
import { CurrentPrincipal, Public } from '../../../platform/auth/decorators';
import { CreditPlatformPrincipal } from '../../../platform/auth/principal';
import { CreditFeedItemOut, CreditFeedQueries } from './credit-feed.queries';
import { CreditPlatformOpenApiDocument, creditPlatformOpenApi } from './credit-feed-openapi';
import { feedCursorAt, feedPageRequest } from './credit-feed-page';

/** One page of the feed. */
export interface CreditFeedPage {
  items: CreditFeedItemOut[];
  /** Keep it once the items are applied, and send it as `after` next time (also when `items` is empty). */
  nextCursor: string;
  /** True when more items follow at once: pull again without waiting. */
  hasMore: boolean;
}

/**
 * The credit-sharing platform interface, version 1 (docs/credit-platform-api.md): a signed pull of the
 * feed of published black and white list entries and penalty decisions. Credit-platform keys only
 * (@CreditPlatformApi): a bank or prepaid-platform key is KEY_UNKNOWN here.
 */
@ApiExcludeController()
@CreditPlatformApi()
@Controller('api/credit-platform/v1')
export class CreditFeedController {
  constructor(private readonly queries: CreditFeedQueries) {}

  @Get('feed')
  async feed(
    @CurrentPrincipal() platform: CreditPlatformPrincipal,
    @Query() query: Record<string, unknown>,
  ): Promise<CreditFeedPage> {
    const { afterSequence, limit } = feedPageRequest(query);
    const { items, hasMore } = await this.queries.page(platform, afterSequence, limit);
    const last = items.length ? items[items.length - 1]!.sequence : afterSequence;
    return { items, nextCursor: feedCursorAt(last), hasMore };
  }
}

/** The interface's OpenAPI 3.1 document, public like the bank and platform ones. */
@ApiExcludeController()
@Public()
@Controller('api/credit-platform/v1')
export class CreditFeedOpenApiController {
  private readonly doc: CreditPlatformOpenApiDocument;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.doc = creditPlatformOpenApi(config);
  }

  @Get('openapi.json')
  document(): CreditPlatformOpenApiDocument {
    return this.doc;
  }
}
