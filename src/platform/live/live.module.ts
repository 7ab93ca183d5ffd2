import { Global, Module } from '@nestjs/common';
import { LiveServer } from './live-server';
import { LiveUpdates } from './live-updates';

/** Live updates: the bus (every role) and the graphql-ws server side (used by the API role's GraphQL setup). */
@Global()
@Module({
  providers: [LiveUpdates, LiveServer],
  exports: [LiveUpdates, LiveServer],
})
export class LiveModule {}
