import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { APP_CONFIG, AppConfig, Runtime, runsApi } from './config/app-config';
import { AfterSchoolModule } from './modules/after-school';
import { EscrowModule } from './modules/escrow';
import { IdentityModule } from './modules/identity';
import { NotificationsModule } from './modules/notifications';
import { ReferenceModule } from './modules/reference';
import { ComplaintsModule } from './modules/complaints';
import { CreditModule } from './modules/credit';
import { RegistryModule } from './modules/registry';
import { SupervisionModule } from './modules/supervision';
import { PolicyModule } from './modules/policy';
import { DashboardModule } from './modules/dashboard';
import { PrepaidModule } from './modules/prepaid';
import { SchoolsModule } from './modules/schools';
import { EnforcementModule } from './modules/enforcement';
import { AuditModule } from './platform/audit/audit.module';
import { AuthModule } from './platform/auth/auth.module';
import { graphqlOptions } from './platform/graphql/graphql.setup';
import { LiveServer } from './platform/live/live-server';
import { AllExceptionsFilter } from './platform/http/all-exceptions.filter';
import { createValidationPipe } from './platform/http/validation';
import { PlatformModule } from './platform/platform.module';

/** The domain modules, in the order their tables depend on each other. */
const DOMAIN_MODULES = [
  PolicyModule,
  ReferenceModule,
  IdentityModule,
  NotificationsModule,
  RegistryModule,
  AfterSchoolModule,
  EscrowModule,
  ComplaintsModule,
  CreditModule,
  SupervisionModule,
  PrepaidModule,
  SchoolsModule,
  EnforcementModule,
  DashboardModule,
];

@Module({})
export class AppModule {
  /** Builds the application for a role: the API role adds GraphQL; both roles serve health and metrics. */
  static forRoot(runtime: Runtime): DynamicModule {
    const api = runsApi(runtime.config.role);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(runtime),
        AuthModule,
        AuditModule,
        ...(api
          ? [
              GraphQLModule.forRootAsync<ApolloDriverConfig>({
                driver: ApolloDriver,
                inject: [APP_CONFIG, LiveServer],
                useFactory: (config: AppConfig, live: LiveServer) => graphqlOptions(config, live),
              }),
            ]
          : []),
        ...DOMAIN_MODULES,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
