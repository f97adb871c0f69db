import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { AuditCoreModule } from './audit/audit-core.module';
import { AuditModule } from './audit/audit.module';
import { AuthCoreModule } from './auth/auth-core.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { PlanningModule } from './calendar/planning/planning.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { PublicCatalogueModule } from './catalogue/public/public-catalogue.module';
import { CommonModule } from './common/common.module';
import { ConsentModule } from './consent/consent.module';
import { TakedownRemovalModule } from './consent/takedown-removal.module';
import { LibraryModule } from './content/library/library.module';
import { PostsModule } from './content/posts/posts.module';
import { RendersModule } from './content/renders/renders.module';
import { TemplatesModule } from './content/templates/templates.module';
import { AllExceptionsFilter } from './common/exception.filter';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DemoModule } from './demo/demo.module';
import { buildDataSourceOptions, DatabaseTarget } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { InstitutionModule } from './institutions/institution.module';
import { MediaModule } from './media/media.module';
import { MetricsModule } from './metrics/metrics.module';
import { LinksModule } from './metrics/links/links.module';
import { NotificationsModule } from './notifications/notifications.module';
import { AccountsModule } from './publishing/accounts/accounts.module';
import { DispatcherModule } from './publishing/dispatcher/dispatcher.module';
import { PlatformsModule } from './platforms/platforms.module';
import { ReportsModule } from './reports/reports.module';
import { MonthlyReportsModule } from './reports/report.module';
import { UserModule } from './users/user.module';
import { WebModule } from './web/web.module';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Feature modules; each owns its entities, service, controller and DTOs. */
const FEATURE_MODULES = [
  DemoModule,
  HealthModule,
  AuditModule,
  CatalogueModule,
  AuthModule,
  InstitutionModule,
  UserModule,
  ConsentModule,
  MediaModule,
  LibraryModule,
  TemplatesModule,
  RendersModule,
  AccountsModule,
  PostsModule,
  CalendarModule,
  PlanningModule,
  PlatformsModule,
  DispatcherModule,
  MetricsModule,
  LinksModule,
  ReportsModule,
  MonthlyReportsModule,
  PublicCatalogueModule,
  NotificationsModule,
  TakedownRemovalModule,
  WebModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseTarget): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req, res) => {
              const incoming = req.headers['x-request-id'];
              const id =
                typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming)
                  ? incoming
                  : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: [
              'req.headers.authorization',
              'req.headers.cookie',
              'res.headers["set-cookie"]',
            ],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions(database, config.databasePoolSize),
          autoLoadEntities: true,
        }),
        ScheduleModule.forRoot(),
        CommonModule,
        AuditCoreModule,
        AuthCoreModule,
        ...FEATURE_MODULES,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
