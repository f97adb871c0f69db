import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { dropDirective } from '../../web/web-files';
import { notFoundPage } from './html';
import { PublicCatalogueService } from './public-catalogue.service';

/** Pages change when staff edit the catalogue; five minutes keeps them fresh and cheap. */
const PAGE_CACHE = 'public, max-age=300';
/** A withdrawn consent must take the photo down soon, so photos are not cached for long. */
const PHOTO_CACHE = 'public, max-age=300';
const SITEMAP_CACHE = 'public, max-age=3600';
const NOT_FOUND_CACHE = 'public, max-age=60';

function sendNotFound(response: Response): void {
  response.setHeader('Cache-Control', NOT_FOUND_CACHE);
  response.status(404).type('html').send(notFoundPage());
}

/**
 * The public catalogue at PUBLIC_BASE_URL/katalog/<slug>, with /sitemap.xml and /robots.txt:
 * outside /api, without login, server-rendered HTML without scripts. Not in the API document:
 * these answer browsers and crawlers, not API clients.
 */
@ApiExcludeController()
@Controller()
export class PublicCatalogueController {
  constructor(
    private readonly catalogue: PublicCatalogueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Served over plain http (a LAN without TLS), upgrade-insecure-requests would send the
   * photos to https, where nothing answers (the web UI drops it for the same reason).
   */
  private sendPage(response: Response, html: string): void {
    const csp = response.getHeader('Content-Security-Policy');
    if (typeof csp === 'string' && this.config.publicBaseUrl.startsWith('http:')) {
      response.setHeader(
        'Content-Security-Policy',
        dropDirective(csp, 'upgrade-insecure-requests'),
      );
    }
    response.setHeader('Cache-Control', PAGE_CACHE);
    response.type('html').send(html);
  }

  @Get('katalog/:slug')
  @Public()
  async institution(@Param('slug') slug: string, @Res() response: Response): Promise<void> {
    const html = await this.catalogue.institutionPage(slug);
    if (html === null) return sendNotFound(response);
    this.sendPage(response, html);
  }

  @Get('katalog/:slug/:product')
  @Public()
  async product(
    @Param('slug') slug: string,
    @Param('product') segment: string,
    @Res() response: Response,
  ): Promise<void> {
    const result = await this.catalogue.productPage(slug, segment);
    if (result.kind === 'not_found') return sendNotFound(response);
    if (result.kind === 'moved') {
      // A renamed product keeps its old links working, pointing search engines at the new one.
      response.setHeader('Cache-Control', PAGE_CACHE);
      return response.redirect(301, result.path);
    }
    this.sendPage(response, result.html);
  }

  @Get('katalog/:slug/foto/:file')
  @Public()
  async photo(
    @Param('slug') slug: string,
    @Param('file') file: string,
    @Res() response: Response,
  ): Promise<void> {
    const photo = await this.catalogue.photo(slug, file);
    if (!photo) return sendNotFound(response);
    response.setHeader('Cache-Control', PHOTO_CACHE);
    response.setHeader('Content-Type', photo.contentType);
    // Link previews on other sites show the photo.
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    photo.stream.on('error', () => response.destroy());
    photo.stream.pipe(response);
  }

  @Get('sitemap.xml')
  @Public()
  async sitemap(@Res() response: Response): Promise<void> {
    const xml = await this.catalogue.sitemap();
    response.setHeader('Cache-Control', SITEMAP_CACHE);
    response.type('application/xml').send(xml);
  }

  @Get('robots.txt')
  @Public()
  robots(@Res() response: Response): void {
    response.setHeader('Cache-Control', SITEMAP_CACHE);
    response.type('text/plain').send(this.catalogue.robots());
  }
}
