import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import { PublicRenderService } from './public-render.service';

/** A render's bytes never change under its token, so anyone (and any CDN) may cache it forever. */
const CACHE_FOREVER = 'public, max-age=31536000, immutable';

/**
 * Rendered images at `PUBLIC_BASE_URL/r/<token>.jpg`, outside /api and without login:
 * Instagram and Facebook download them while publishing. The answer carries the image only.
 */
@ApiTags('content')
@Controller('r')
export class PublicRenderController {
  constructor(private readonly renders: PublicRenderService) {}

  @Get(':file')
  @Public()
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'The JPEG; 404 for an unknown token' })
  async file(
    @Param('file') file: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { stream, byteSize } = await this.renders.open(file);
    response.setHeader('Cache-Control', CACHE_FOREVER);
    // Other sites (and the networks' previews) may embed the image.
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    return new StreamableFile(stream, { type: 'image/jpeg', length: byteSize });
  }
}
