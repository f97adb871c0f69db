import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Patch,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import type { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid.pipe';
import { ImmutableFileCache } from './file-cache.interceptor';
import { MediaClearanceService } from './media-clearance.service';
import { MediaQueryService } from './media-query.service';
import {
  ClearMediaDto,
  FILE_FIELD,
  MediaListQuery,
  MediaPageResponse,
  MediaResponse,
  UpdateMediaDto,
  UploadMediaDto,
  UploadMediaFormDto,
} from './media.dto';
import { MediaService } from './media.service';
import { SingleFileUpload, type UploadedBinary } from './upload.interceptor';

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(
    private readonly media: MediaService,
    private readonly queries: MediaQueryService,
    private readonly clearances: MediaClearanceService,
  ) {}

  @Post()
  @RequirePermission(Permission.MediaWrite)
  @UseInterceptors(SingleFileUpload(FILE_FIELD))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadMediaFormDto })
  @ApiCreatedResponse({ type: MediaResponse })
  upload(
    @Scope() scope: RequestScope,
    @UploadedFile() file: UploadedBinary | undefined,
    @Body() dto: UploadMediaDto,
  ): Promise<MediaResponse> {
    return this.media.upload(scope, file, dto);
  }

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: MediaPageResponse })
  list(@Scope() scope: RequestScope, @Query() query: MediaListQuery): Promise<Page<MediaResponse>> {
    return this.queries.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: MediaResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<MediaResponse> {
    return this.queries.get(scope, id);
  }

  @Get(':id/file')
  @RequirePermission(Permission.Read)
  @UseInterceptors(ImmutableFileCache)
  @ApiProduces('image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'The stored photo (no EXIF/GPS)' })
  file(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<StreamableFile> {
    return this.queries.openFile(scope, id, 'photo');
  }

  @Get(':id/thumbnail')
  @RequirePermission(Permission.Read)
  @UseInterceptors(ImmutableFileCache)
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'A JPEG thumbnail, long side 400 px' })
  thumbnail(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<StreamableFile> {
    return this.queries.openFile(scope, id, 'thumbnail');
  }

  @Patch(':id')
  @RequirePermission(Permission.MediaWrite)
  @ApiOkResponse({ type: MediaResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateMediaDto,
  ): Promise<MediaResponse> {
    return this.media.update(scope, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.MediaWrite)
  @ApiNoContentResponse()
  delete(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<void> {
    return this.media.delete(scope, id);
  }

  @Post(':id/clearance')
  @HttpCode(200)
  @RequirePermission(Permission.ConsentManage)
  @ApiOkResponse({ type: MediaResponse })
  clear(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: ClearMediaDto,
  ): Promise<MediaResponse> {
    return this.clearances.clear(scope, id, dto);
  }
}
