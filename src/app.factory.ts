import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { NulCharacterPipe } from './common/nul-character.pipe';
import { requestContext } from './common/request-context';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/config';
import { DatabaseTarget } from './database/data-source-options';

export const JSON_BODY_LIMIT = '2mb';

export function buildOpenApiDocument(app: INestApplication) {
  const document = new DocumentBuilder()
    .setTitle('Karya API')
    .setDescription(
      'Content scheduler for the work programmes of Indonesian correctional institutions. ' +
        'Errors share one shape: { code, message, field?, details?, requestId }.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth('karya_session')
    .addGlobalParameters({
      name: 'X-Institution-Id',
      in: 'header',
      required: false,
      description: 'National roles: act on this institution',
      schema: { type: 'string', format: 'uuid' },
    })
    .build();
  return SwaggerModule.createDocument(app, document);
}

/** Everything main.ts and the tests share: middleware, validation, OpenAPI. */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
        },
      },
    }),
  );
  app.use(cookieParser());
  app.use((req: Request, _res: Response, next: NextFunction) => {
    // pino-http assigns req.id in a later middleware: read it lazily.
    requestContext.run(
      {
        get requestId() {
          return String(req.id ?? '');
        },
      },
      next,
    );
  });
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT, extended: false });
  // Public pages and files live outside the API: rendered images (/r/<token>.jpg), tracked
  // links (/l/<code>) and the catalogue with its sitemap and robots.txt.
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'r/:file', method: RequestMethod.GET },
      { path: 'l/:code', method: RequestMethod.GET },
      { path: 'katalog/:slug', method: RequestMethod.GET },
      { path: 'katalog/:slug/:product', method: RequestMethod.GET },
      { path: 'katalog/:slug/foto/:file', method: RequestMethod.GET },
      { path: 'sitemap.xml', method: RequestMethod.GET },
      { path: 'robots.txt', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(new NulCharacterPipe(), createValidationPipe());
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

export async function createApp(
  config: AppConfig,
  database: DatabaseTarget,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, database),
    {
      bufferLogs: true,
      bodyParser: false,
      cors: false,
    },
  );
  configureApp(app);
  return app;
}
