import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import { notFoundPage } from '../../catalogue/public/html';
import { LinkRedirectService } from './link-redirect.service';

/**
 * PUBLIC_BASE_URL/l/<code>, outside /api and without login: a 302 to the marketplace listing.
 * Not in the API document: it answers browsers (a redirect or an HTML page), not API clients.
 */
@ApiExcludeController()
@Controller('l')
export class LinkRedirectController {
  constructor(private readonly redirects: LinkRedirectService) {}

  @Get(':code')
  @Public()
  async follow(
    @Param('code') code: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const destination = await this.redirects.follow(code, {
      method: request.method,
      ip: request.ip ?? request.socket.remoteAddress ?? '',
      userAgent: request.get('user-agent'),
    });
    // Every click must reach us to be counted: no caching of the redirect anywhere.
    response.setHeader('Cache-Control', 'no-store');
    if (!destination) {
      response.status(404).type('html').send(notFoundPage());
      return;
    }
    response.redirect(302, destination);
  }
}
