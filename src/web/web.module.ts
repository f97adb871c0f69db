import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/config';
import {
  allowScriptSource,
  buildIndexPage,
  dropDirective,
  etagOf,
  type LoadedFile,
  loadMappedFiles,
} from './web-files';

/** Where the UI's own files are served from; index.html links them under this prefix. */
export const UI_PREFIX = '/ui';

function send(request: Request, response: Response, file: LoadedFile, cache: string): void {
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Cache-Control', cache);
  response.setHeader('ETag', file.etag);
  if (request.headers['if-none-match'] === file.etag) {
    response.status(304).end();
    return;
  }
  response.send(file.body);
}

/**
 * Serves the browser UI from the same server as the API: GET / (index.html with its import
 * map), the UI's files under /ui from assets/web, and the allow-listed vendor files. Mounted
 * on the Express instance directly because Nest controllers all sit under the /api prefix;
 * onModuleInit runs after Nest registered its routes and before its not-found handler.
 */
@Module({})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger('Web');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    // Application contexts without HTTP (the seed CLI) have no adapter.
    if (!(adapter instanceof ExpressAdapter)) return;
    const root = process.cwd();
    const webDir = resolve(root, 'assets', 'web');
    if (!existsSync(resolve(webDir, 'index.html'))) {
      this.logger.warn('assets/web/index.html not found: the web UI is not served');
      return;
    }

    const page = buildIndexPage(readFileSync(resolve(webDir, 'index.html'), 'utf8'));
    const index: LoadedFile = {
      body: Buffer.from(page.html),
      contentType: 'text/html; charset=utf-8',
      etag: etagOf(page.html),
    };
    // Served over plain http (a LAN without TLS), upgrade-insecure-requests would send every
    // script and stylesheet to https, where nothing answers, and the page would stay blank.
    const plainHttp = this.config.publicBaseUrl.startsWith('http:');
    adapter.get('/', (request: Request, response: Response) => {
      const csp = response.getHeader('Content-Security-Policy');
      if (typeof csp === 'string') {
        const allowed = allowScriptSource(csp, page.scriptHashSource);
        response.setHeader(
          'Content-Security-Policy',
          plainHttp ? dropDirective(allowed, 'upgrade-insecure-requests') : allowed,
        );
      }
      send(request, response, index, 'no-cache');
    });

    // The template itself lacks its import map: send anyone asking for it to the real page.
    adapter.get(`${UI_PREFIX}/index.html`, (_request: Request, response: Response) =>
      response.redirect(302, '/'),
    );

    for (const [url, file] of loadMappedFiles(root)) {
      adapter.get(url, (request: Request, response: Response) =>
        send(request, response, file, 'no-cache'),
      );
    }

    // No directory listing (serve-static never lists), no index files, no dotfiles; paths
    // outside assets/web are refused by serve-static itself.
    adapter.useStaticAssets(webDir, {
      prefix: UI_PREFIX,
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      fallthrough: true,
      setHeaders: (response: Response) => response.setHeader('Cache-Control', 'no-cache'),
    });
  }
}
