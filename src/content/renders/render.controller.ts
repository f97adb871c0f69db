import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import { RenderPreviewDto, RenderPreviewResponse } from './render.dto';
import { RenderPreviewService } from './render-preview.service';

@ApiTags('content')
@Controller('renders')
export class RenderController {
  constructor(private readonly previews: RenderPreviewService) {}

  @Post('preview')
  @HttpCode(200)
  @RequirePermission(Permission.ContentWrite)
  @ApiOkResponse({
    type: RenderPreviewResponse,
    description:
      'Renders (or reuses) the images a post would publish. 404 imageTemplateId/productId/' +
      'mediaAssetIds; 400 mediaAssetIds for a wrong photo count; 422 naming the variable that overflows.',
  })
  preview(
    @Scope() scope: RequestScope,
    @Body() dto: RenderPreviewDto,
  ): Promise<RenderPreviewResponse> {
    return this.previews.preview(scope, dto);
  }
}
